"""The questionnaire and the results pages. Reads go through selectors, writes through services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import exports, scoring, selectors, services
from assessments.exports import csv_response
from assessments.forms import (
    NOT_SURE,
    Action,
    BackgroundForm,
    CheckAction,
    ChecksForm,
    CompareWithForm,
    RatingsForm,
    ShareForm,
    StartForm,
    StepMarkForm,
    rating_field_name,
)
from assessments.models import Draft, Mode, Result
from assessments.pdf import pdf_response, report_pdf
from assessments.reports import report_from_json
from assessments.schemas import result_json
from roles import selectors as role_selectors
from roles.proficiency import BEHAVIOUR, Education, Proficiency

# The anonymous results made in this browser, for claiming at sign-up or sign-in.
RESULTS_SESSION_KEY = "careerfit-results"
# A questionnaire whose answers are all one level gets a gentle warning from this many on.
SAME_LEVEL_WARNING_FROM = 4


@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    roles = role_selectors.role_choices()
    if request.method == "POST":
        form = StartForm(request.POST, roles=roles)
        if form.is_valid():
            try:
                draft = services.draft_start(
                    mode=form.cleaned_data["mode"],
                    length=form.cleaned_data["length"],
                    role_slug=form.cleaned_data["role"],
                    owner=_account(request),
                )
            except services.RoleUnavailable:
                # Taken out of the catalogue after the list was drawn.
                form.add_error("role", _("That role is no longer offered. Please choose another."))
            else:
                return redirect("assessments:draft-step", token=draft.token, step=1)
    else:
        # A role page links here with ?role=<slug>; anything else just preselects nothing.
        suggested = request.GET.get("role", "")
        form = StartForm(
            initial={"role": suggested if suggested in dict(roles) else ""}, roles=roles
        )
    return render(
        request,
        "assessments/start.html",
        {"form": form, "explore_counts": selectors.explore_question_counts()},
    )


def _submitted(request: HttpRequest, result_token: str | None) -> HttpResponse | None:
    """Send a finished draft's visitor to its result instead of a stale questionnaire."""
    if result_token is None:
        return None
    messages.info(request, _("You already sent this questionnaire. Here is your report."))
    return redirect("assessments:result-detail", token=result_token)


@never_cache
@require_safe
def draft_resume(request: HttpRequest, token: str) -> HttpResponse:
    """The resume link: opens the first page with a question still unanswered."""
    draft = selectors.draft_by_token(token=token, viewer=request.user)
    if (response := _submitted(request, draft.result_token)) is not None:
        return response
    pages = _questionnaire(draft).pages
    for number, page in enumerate(pages, start=1):
        if any(not draft.is_answered(q.skill) for q in page.questions):
            return redirect("assessments:draft-step", token=token, step=number)
    return redirect("assessments:draft-step", token=token, step=len(pages) + 1)


def _gone_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A save racing a delete (another tab, say) gets a page saying so, not an error."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except services.Gone:
            return render(request, "assessments/gone.html", status=404)

    return wrapped


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_gone_page
def draft_step(request: HttpRequest, token: str, step: int) -> HttpResponse:
    draft = selectors.draft_by_token(token=token, viewer=request.user)
    if (response := _submitted(request, draft.result_token)) is not None:
        return response
    questionnaire = _questionnaire(draft)
    if not 1 <= step <= len(questionnaire.pages) + 1:
        raise Http404("No such step.")
    if step <= len(questionnaire.pages):
        return _ratings_step(request, draft, questionnaire, step)
    return _background_step(request, draft, questionnaire, step)


def _questionnaire(draft: Draft) -> selectors.Questionnaire:
    return selectors.questionnaire(role_slug=draft.role_slug, skill_slugs=draft.skills)


def _step_context(
    draft: Draft,
    questionnaire: selectors.Questionnaire,
    step: int,
    *,
    checks: bool = False,
    shown_step: int | None = None,
) -> dict[str, object]:
    """What every questionnaire page shows. With `checks`, the draft has ratings to check:
    the checks page comes after the last page of questions and counts as a step, so the
    page about the person is shown as one step further on than its address says."""
    return {
        "draft": draft,
        "step": step,
        "shown_step": shown_step or step,
        "step_count": len(questionnaire.pages) + 1 + int(checks),
        "answered": draft.answered_count,
        "question_count": len(draft.skills),
        "role_title": questionnaire.role_title,
        "length_label": draft.get_length_display(),
    }


# A questionnaire page sent with mistakes, kept until its page is drawn again.
UNSENT_FORM_SESSION_KEY = "careerfit-unsent-form"


def _show_again(request: HttpRequest) -> HttpResponse:
    """Post/Redirect/Get for a page sent with mistakes: keep what was sent, and draw the
    page again from a GET, so Back and Reload never ask to send the form a second time."""
    request.session[UNSENT_FORM_SESSION_KEY] = {
        "path": request.path,
        "data": {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"},
    }
    return redirect(request.path)


def _unsent(request: HttpRequest) -> QueryDict | None:
    """What was sent with mistakes to this page, once; None when nothing was."""
    kept = request.session.pop(UNSENT_FORM_SESSION_KEY, None)
    if not kept or kept.get("path") != request.path:
        return None
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    return data


def _after_save(draft: Draft, action: str, step: int) -> HttpResponse:
    if action == Action.SAVE:
        return redirect("assessments:draft-saved", token=draft.token)
    target = step - 1 if action == Action.BACK else step + 1
    return redirect("assessments:draft-step", token=draft.token, step=max(target, 1))


def _ratings_step(
    request: HttpRequest, draft: Draft, questionnaire: selectors.Questionnaire, step: int
) -> HttpResponse:
    page = questionnaire.pages[step - 1]
    if request.method == "POST":
        form = RatingsForm(request.POST, questions=page.questions)
        if form.is_valid():
            services.draft_save_answers(draft=draft, answers=form.ratings(), unsure=form.unsure())
            action = form.cleaned_data["action"]
            last = step == len(questionnaire.pages)
            if action == Action.NEXT and last and selectors.checks_due(draft=draft):
                return redirect("assessments:draft-checks", token=draft.token)
            return _after_save(draft, action, step)
        return _show_again(request)
    if (unsent := _unsent(request)) is not None:
        form = RatingsForm(unsent, questions=page.questions)
        form.is_valid()  # to show its mistakes
    else:
        initial: dict[str, object] = {rating_field_name(skill): NOT_SURE for skill in draft.unsure}
        initial.update({rating_field_name(skill): level for skill, level in draft.answers.items()})
        form = RatingsForm(initial=initial, questions=page.questions)
    return render(
        request,
        "assessments/ratings_step.html",
        {
            **_step_context(
                draft, questionnaire, step, checks=bool(selectors.checks_due(draft=draft))
            ),
            "page": page,
            "form": form,
        },
    )


def _background_step(
    request: HttpRequest, draft: Draft, questionnaire: selectors.Questionnaire, step: int
) -> HttpResponse:
    choices = {
        "certifications": selectors.certification_choices(),
        "conditions": selectors.condition_choices(),
        "roles": role_selectors.role_choices(),
    }
    if request.method == "POST":
        form = BackgroundForm(request.POST, **choices)
        if form.is_valid():
            services.draft_save_background(
                draft=draft,
                years_experience=form.cleaned_data["years_experience"],
                education=form.cleaned_data["education"],
                certifications_held=form.cleaned_data["certifications_held"],
                conditions_met=form.cleaned_data["conditions_met"],
                current_role_slug=form.cleaned_data["current_role"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
            if form.cleaned_data["action"] == Action.SUBMIT:
                return _submit(
                    request,
                    draft,
                    questionnaire.pages,
                    remember=not form.cleaned_data["shared_computer"],
                )
            if form.cleaned_data["action"] == Action.BACK and selectors.checks_due(draft=draft):
                return redirect("assessments:draft-checks", token=draft.token)
            return _after_save(draft, form.cleaned_data["action"], step)
        return _show_again(request)
    if (unsent := _unsent(request)) is not None:
        form = BackgroundForm(unsent, **choices)
        form.is_valid()  # to show its mistakes
    else:
        form = BackgroundForm(
            initial={
                "years_experience": draft.years_experience,
                "education": draft.education,
                "certifications_held": draft.certifications_held,
                "conditions_met": draft.conditions_met or [],
                "current_role": draft.current_role_slug,
                "name": draft.name,
                "email": draft.email,
            },
            **choices,
        )
    levels = set(draft.answers.values())
    same_level = (
        Proficiency(levels.pop()).label
        if len(draft.answers) >= SAME_LEVEL_WARNING_FROM and len(levels) == 1
        else None
    )
    checks = bool(selectors.checks_due(draft=draft))
    return render(
        request,
        "assessments/background_step.html",
        {
            **_step_context(
                draft, questionnaire, step, checks=checks, shown_step=step + int(checks)
            ),
            "form": form,
            "same_level": same_level,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_gone_page
def draft_checks(request: HttpRequest, token: str) -> HttpResponse:
    """The checks of a person's Proficient and Expert ratings, between the last page of
    questions and the page about the person. Sending it records the answers and shows
    each one explained; “Skip the checks” moves on and records nothing."""
    draft = selectors.draft_by_token(token=token, viewer=request.user)
    if (response := _submitted(request, draft.result_token)) is not None:
        return response
    questionnaire = _questionnaire(draft)
    pages = len(questionnaire.pages)
    items = selectors.checks_due(draft=draft)
    background = redirect("assessments:draft-step", token=draft.token, step=pages + 1)
    if not items:
        return background
    if request.method == "POST":
        form = ChecksForm(request.POST, items=items)
        if not form.is_valid():
            return _show_again(request)
        action = form.cleaned_data["action"]
        if action == CheckAction.BACK:
            return redirect("assessments:draft-step", token=draft.token, step=pages)
        if action == CheckAction.CHECK:
            services.draft_save_checks(draft=draft, checks=form.records())
            return redirect("assessments:draft-checks", token=draft.token)
        return background
    unsent = _unsent(request)
    form = ChecksForm(unsent, items=items) if unsent is not None else ChecksForm(items=items)
    if unsent is not None:
        form.is_valid()  # to show its mistakes
    return render(
        request,
        "assessments/checks_step.html",
        {
            **_step_context(draft, questionnaire, pages + 1, checks=True),
            "items": items,
            "form": form,
            "pending": [item for item in items if item.done is None],
        },
    )


def _account(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def remember_result(request: HttpRequest, result: Result) -> None:
    """Note an anonymous result in the session, so its owner can add it to an account."""
    if result.owner_id is None:
        tokens = request.session.get(RESULTS_SESSION_KEY, [])
        request.session[RESULTS_SESSION_KEY] = [*tokens, result.token][-50:]


def forget_results(request: HttpRequest) -> None:
    request.session.pop(RESULTS_SESSION_KEY, None)


@require_POST
def forget_browser(request: HttpRequest) -> HttpResponse:
    """End this browser's session: it forgets the results it remembered, and logs out.

    For shared computers; the results themselves stay, reached by their links.
    """
    request.session.flush()
    messages.success(
        request,
        _(
            "This browser no longer remembers any results, and nobody is logged in here. "
            "Your results are still there for anyone holding their links."
        ),
    )
    return redirect("roles:home")


def _submit(
    request: HttpRequest, draft: Draft, pages: list[selectors.QuestionPage], *, remember: bool
) -> HttpResponse:
    try:
        result = services.result_submit(draft=draft, owner=_account(request))
    except services.DraftIncomplete as incomplete:
        missing = set(incomplete.unanswered)
        for number, page in enumerate(pages, start=1):
            names = [q.name for q in page.questions if q.skill in missing]
            if names:
                messages.error(
                    request,
                    _(
                        "Please answer every question before you submit. Still open: {skills}."
                    ).format(skills=", ".join(names)),
                )
                return redirect("assessments:draft-step", token=draft.token, step=number)
        messages.error(request, _("Please fill in your years of experience and education."))
        return redirect("assessments:draft-step", token=draft.token, step=len(pages) + 1)
    except services.RoleUnavailable:
        messages.error(
            request,
            _(
                "The role you chose is no longer in careerfit's catalogue, so this questionnaire "
                "can’t be scored. Please start again with another role."
            ),
        )
        return redirect("assessments:start")
    if remember:
        remember_result(request, result)
    elif result.owner_id is None:
        forget_results(request)
        messages.info(
            request,
            _(
                "This browser will not remember this result. To come back to it, keep this "
                "page’s link, or print or download the report."
            ),
        )
    return redirect("assessments:result-detail", token=result.token)


@never_cache
@require_safe
def draft_saved(request: HttpRequest, token: str) -> HttpResponse:
    draft = selectors.draft_by_token(token=token, viewer=request.user)
    if (response := _submitted(request, draft.result_token)) is not None:
        return response
    resume_url = request.build_absolute_uri(reverse("assessments:draft-resume", args=[token]))
    return render(
        request,
        "assessments/draft_saved.html",
        {
            "draft": draft,
            "resume_url": resume_url,
            "answered": draft.answered_count,
            "question_count": len(draft.skills),
        },
    )


def report_context(
    result: Result, compared_with: Result | None, roles: list[tuple[str, str]] | None = None
) -> dict[str, object]:
    """What the report partials show: the report, and progress since `compared_with`.
    `roles`: the catalogue's (slug, title) pairs, when the caller has read them already."""
    report = report_from_json(result.report)
    if roles is None:
        roles = role_selectors.role_choices()
    return {
        "result": result,
        "report": report,
        "previous": compared_with,
        "progress": (
            scoring.compare(report_from_json(compared_with.report), report)
            if compared_with is not None
            else None
        ),
        "education": Education(result.education).label,
        "held": selectors.certification_names(slugs=result.certifications_held),
        "current_role_title": dict(roles).get(result.current_role_slug, ""),
        "unsure_names": selectors.skill_names(slugs=result.unsure) if result.unsure else [],
        # Coming back to the "Not sure" answers already asks these; no second button then.
        "judge_beyond_unsure": bool({r.skill for r in report.to_judge} - set(result.unsure)),
        "level_ups": selectors.level_ups(report=report),
    }


def _other_roles(result: Result, roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(slug, title) of every role but the result's own, to compare it with."""
    return [(slug, title) for slug, title in roles if slug != result.role_slug]


def _result_context(result: Result, fit_education: int | None = None) -> dict[str, object]:
    # Read once from the catalogue cache for both the report and the compare box.
    roles = role_selectors.role_choices()
    others = _other_roles(result, roles)
    return {
        **report_context(result, result.previous, roles),
        # The compare box is one plain select, drawn by the template: through the form
        # renderer its 22 options cost a sixth of the drawing of the page.
        "compare_roles": others,
        "plan": selectors.shared_plan(result=result),
        "newer": selectors.newest_later_attempt(result=result),
        "is_explore": result.mode == Mode.EXPLORE,
        "can_act": True,
        "education_choices": Education.choices,
        "fit_education": fit_education,
        "retention_months": round(settings.ANONYMOUS_RESULT_RETENTION_DAYS / 30.44),
    }


def _fit_education(request: HttpRequest) -> int | None:
    """The education the role-fit list is filtered to; None for any (or a bad value)."""
    value = request.GET.get("education", "")
    return int(value) if value in {str(v) for v in Education.values} else None


@never_cache
@require_safe
def result_detail(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    services.result_opened(result=result)
    share_form = (
        None
        if result.is_shared
        else ShareForm(initial={"name": result.name, "email": result.email})
    )
    return render(
        request,
        "assessments/result_detail.html",
        {**_result_context(result, _fit_education(request)), "share_form": share_form},
    )


@require_POST
@_gone_page
def result_step_mark(request: HttpRequest, token: str, step_pk: int) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    step = selectors.shared_step(result=result, pk=step_pk)
    form = StepMarkForm(request.POST)
    form.is_valid()  # a box that is ticked or not: nothing can be wrong with it
    done = form.cleaned_data["done"]
    user = request.user if request.user.is_authenticated else None
    services.action_step_mark(step=step, done=done, by=user)
    message = _("“{step}” is done.") if done else _("“{step}” is open again.")
    messages.success(request, message.format(step=step.title))
    return redirect(reverse("assessments:result-detail", kwargs={"token": token}) + "#plan")


@never_cache
@require_safe
def result_compare(request: HttpRequest, token: str) -> HttpResponse:
    """The result's role beside another (the person's job now unless they chose another),
    with the person's own ratings in both."""
    result = selectors.result_by_token(token=token, viewer=request.user)
    others = _other_roles(result, role_selectors.role_choices())
    if request.GET:
        form = CompareWithForm(request.GET, roles=others)
    elif result.current_role_slug in dict(others):
        form = CompareWithForm({"from": result.current_role_slug}, roles=others)
    else:
        form = CompareWithForm(roles=others)
    comparison = None
    status = 404 if form.is_bound and form.has_error("from", code="invalid_choice") else 200
    if form.is_bound and form.is_valid():
        try:
            comparison = role_selectors.role_comparison(
                from_slug=form.cleaned_data["from"], to_slug=result.role_slug
            ).with_ratings(result.ratings)
        except role_selectors.RoleNotFound as gone:  # taken out of the catalogue since
            form.add_error(
                None, _("careerfit has no role called “{role}” any more.").format(role=gone.slug)
            )
            status = 404
    return render(
        request,
        "assessments/result_compare.html",
        {"result": result, "form": form, "comparison": comparison},
        status=status,
    )


@never_cache
@require_POST
@_gone_page
def result_share(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "assessments/result_detail.html",
            {**_result_context(result), "share_form": form},
            status=400,
        )
    services.result_share(
        result=result, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
    )
    messages.success(request, _("Shared. careerfit’s career counselors can now see this result."))
    return redirect("assessments:result-detail", token=token)


@require_POST
@_gone_page
def result_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    services.result_withdraw(result=result)
    messages.success(request, _("You stopped sharing. Counselors can no longer see this result."))
    return redirect("assessments:result-detail", token=token)


@never_cache
@require_safe
def result_json_download(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    response = JsonResponse(result_json(result), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{result.file_name("json")}"'
    return response


@never_cache
@require_safe
def result_pdf_download(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    return pdf_response(
        report_pdf({**_result_context(result), "can_act": False}), result.file_name("pdf")
    )


@never_cache
@require_safe
def result_csv_download(request: HttpRequest, token: str) -> StreamingHttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    return csv_response(result.file_name("csv"), exports.report_rows(result))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def result_delete(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    if request.method == "POST":
        services.result_delete(result=result)
        messages.success(request, _("Your result and its answers were deleted."))
        return redirect("roles:home")
    return render(request, "assessments/result_delete.html", {"result": result})


@require_POST
def result_rescore(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    try:
        rescored = services.result_rescore(result=result)
    except services.RoleUnavailable:
        messages.error(
            request, _("This role is no longer in the catalogue, so it can’t be re-scored.")
        )
        return redirect("assessments:result-detail", token=token)
    remember_result(request, rescored)
    messages.success(
        request, _("Re-scored against today’s catalogue. Your earlier report is kept.")
    )
    return redirect("assessments:result-detail", token=rescored.token)


@require_POST
def result_retake(request: HttpRequest, token: str) -> HttpResponse:
    result = selectors.result_by_token(token=token, viewer=request.user)
    try:
        draft = services.draft_retake(result=result)
    except services.RoleUnavailable:
        messages.error(
            request, _("This role is no longer in the catalogue. Start a new check instead.")
        )
        return redirect("assessments:start")
    messages.info(
        request, _("Your last answers are filled in. Change the ones that are different now.")
    )
    return redirect("assessments:draft-step", token=draft.token, step=1)


@require_POST
def result_judge(request: HttpRequest, token: str, role_slug: str) -> HttpResponse:
    """Ask only the questions a result lacks to judge one more role."""
    result = selectors.result_by_token(token=token, viewer=request.user)
    try:
        draft = services.draft_to_judge(result=result, role_slug=role_slug)
    except services.RoleUnavailable:
        messages.error(
            request, _("This role is no longer in the catalogue. Start a new check instead.")
        )
        return redirect("assessments:start")
    except services.NothingToJudge:
        messages.info(request, _("You have already answered enough to judge this role."))
        return redirect("assessments:result-detail", token=token)
    count = len(draft.skills)
    messages.info(
        request,
        ngettext(
            "{count} question to go. Your other answers are kept.",
            "{count} questions to go. Your other answers are kept.",
            count,
        ).format(count=count),
    )
    return redirect("assessments:draft-step", token=draft.token, step=1)


@require_POST
def result_unsure(request: HttpRequest, token: str) -> HttpResponse:
    """Ask again the questions a result's answers were not sure about."""
    result = selectors.result_by_token(token=token, viewer=request.user)
    if not result.unsure:
        messages.info(request, _("You rated every skill in this result."))
        return redirect("assessments:result-detail", token=token)
    draft = services.draft_for_unsure(result=result)
    count = len(draft.skills)
    messages.info(
        request,
        ngettext(
            "{count} question you were not sure about. Your other answers are kept.",
            "{count} questions you were not sure about. Your other answers are kept.",
            count,
        ).format(count=count),
    )
    return redirect("assessments:draft-step", token=draft.token, step=1)


@require_safe
def scoring_method(request: HttpRequest) -> HttpResponse:
    explore = selectors.explore_question_counts()
    return render(
        request,
        "assessments/scoring_method.html",
        {
            "ready_at": int(scoring.READY_AT),
            "nearly_ready_at": int(scoring.NEARLY_READY_AT),
            "core_blocking": scoring.CORE_BLOCKING_SHORTFALL,
            "min_rated_percent": int(scoring.MIN_RATED_SHARE * 100),
            "core_weight": scoring.CORE_WEIGHT,
            "long_study_hours": scoring.LONG_STUDY_HOURS,
            "fit_tolerance_percent": int(scoring.FIT_TOLERANCE * 100),
            "level_match": scoring.LEVEL_MATCH,
            "quick_count": selectors.QUICK_QUESTION_COUNT,
            "explore_quick": explore.quick,
            "explore_full": explore.full,
            "scale": [(level.value, str(level.label), BEHAVIOUR[level]) for level in Proficiency],
        },
    )


def signed_in(request: HttpRequest) -> User:
    """The account behind a login_required view."""
    user = _account(request)
    if user is None:
        raise PermissionDenied
    return user
