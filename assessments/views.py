"""The questionnaire and the results pages. Reads go through selectors, writes through services."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from crispy_forms.utils import render_crispy_form
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import scoring, selectors, services
from assessments.forms import (
    Action,
    BackgroundForm,
    RatingsForm,
    ShareForm,
    StartForm,
    rating_field_name,
)
from assessments.models import Assessment, Draft, Mode
from assessments.reports import report_from_json
from assessments.schemas import result_json
from careerfit import fragments, revisions
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
            draft = services.draft_start(
                mode=form.cleaned_data["mode"],
                length=form.cleaned_data["length"],
                role_slug=form.cleaned_data["role"],
                owner=_account(request),
            )
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
    messages.info(request, "You already sent this questionnaire. Here is your report.")
    return redirect("assessments:result-detail", token=result_token)


@never_cache
@require_safe
def draft_resume(request: HttpRequest, token: str) -> HttpResponse:
    """The resume link: opens the first page with a question still unanswered."""
    draft = selectors.draft_by_token(token, request.user)
    if (response := _submitted(request, draft.result_token)) is not None:
        return response
    pages = _questionnaire(draft).pages
    for number, page in enumerate(pages, start=1):
        if any(q.skill not in draft.answers for q in page.questions):
            return redirect("assessments:draft-step", token=token, step=number)
    return redirect("assessments:draft-step", token=token, step=len(pages) + 1)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def draft_step(request: HttpRequest, token: str, step: int) -> HttpResponse:
    draft = selectors.draft_by_token(token, request.user)
    if (response := _submitted(request, draft.result_token)) is not None:
        return response
    questionnaire = _questionnaire(draft)
    if not 1 <= step <= len(questionnaire.pages) + 1:
        raise Http404("No such step.")
    if step <= len(questionnaire.pages):
        return _ratings_step(request, draft, questionnaire, step)
    return _background_step(request, draft, questionnaire, step)


def _questionnaire(draft: Draft) -> selectors.Questionnaire:
    revision = revisions.current().catalogue
    return fragments.cached(
        "questionnaire",
        [revision, draft.role_slug, *draft.skills],
        lambda: selectors.questionnaire(revision, draft.role_slug, draft.skills),
    )


def _step_context(
    draft: Draft, questionnaire: selectors.Questionnaire, step: int
) -> dict[str, object]:
    return {
        "draft": draft,
        "step": step,
        "step_count": len(questionnaire.pages) + 1,
        "answered": draft.answered_count,
        "question_count": len(draft.skills),
        "role_title": questionnaire.role_title,
        "length_label": draft.get_length_display(),
    }


# What of a step's context its drawn header and buttons show, besides the role.
STEP_PROGRESS = ("length_label", "step", "step_count", "answered", "question_count")


@dataclass(frozen=True)
class RatingsPage:
    """A questions page drawn for one set of answers: the same for every draft there."""

    header: SafeString  # which check, the step and the progress
    questions: SafeString  # the questions and the buttons, for inside the form


def _ratings_page(step_context: dict[str, object], title: str, form: RatingsForm) -> RatingsPage:
    # Neither part holds the draft's link or a CSRF token: the page adds those.
    return RatingsPage(
        header=render_to_string(
            "assessments/partials/step_header.html", {**step_context, "step_title": title}
        ),
        # Both parts are safe markup, and so is what joining them gives.
        questions=render_crispy_form(form)
        + render_to_string(
            "assessments/partials/step_buttons.html", {"step": step_context["step"]}
        ),
    )


def _after_save(draft: Draft, action: str, step: int) -> HttpResponse:
    if action == Action.SAVE:
        return redirect("assessments:draft-saved", token=draft.token)
    target = step - 1 if action == Action.BACK else step + 1
    return redirect("assessments:draft-step", token=draft.token, step=max(target, 1))


def _ratings_step(
    request: HttpRequest, draft: Draft, questionnaire: selectors.Questionnaire, step: int
) -> HttpResponse:
    page = questionnaire.pages[step - 1]
    context = _step_context(draft, questionnaire, step)
    form = None
    if request.method == "POST":
        form = RatingsForm(request.POST, questions=page.questions)
        if form.is_valid():
            services.draft_save_answers(draft=draft, answers=form.ratings())
            return _after_save(draft, form.cleaned_data["action"], step)
        body = _ratings_page(context, page.label, form)
    else:
        answers = {
            q.skill: draft.answers[q.skill] for q in page.questions if q.skill in draft.answers
        }
        # The same page of the same questionnaire with the same answers draws the same
        # markup, for every draft.
        body = fragments.cached(
            "ratings-page",
            [
                questionnaire.revision,
                draft.role_slug,
                *(context[name] for name in STEP_PROGRESS),
                *(f"{q.skill}={answers.get(q.skill, '')}" for q in page.questions),
            ],
            lambda: _ratings_page(
                context,
                page.label,
                RatingsForm(
                    initial={rating_field_name(skill): level for skill, level in answers.items()},
                    questions=page.questions,
                ),
            ),
        )
    return render(
        request,
        "assessments/ratings_step.html",
        {
            **context,
            "page": page,
            "form": form,  # only when an answered page needs another look
            "body": body,
        },
    )


def _background_step(
    request: HttpRequest, draft: Draft, questionnaire: selectors.Questionnaire, step: int
) -> HttpResponse:
    certifications = selectors.certification_choices()
    if request.method == "POST":
        form = BackgroundForm(request.POST, certifications=certifications)
        if form.is_valid():
            services.draft_save_background(
                draft=draft,
                years_experience=form.cleaned_data["years_experience"],
                education=form.cleaned_data["education"],
                certifications_held=form.cleaned_data["certifications_held"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
            if form.cleaned_data["action"] == Action.SUBMIT:
                return _submit(request, draft, questionnaire.pages)
            return _after_save(draft, form.cleaned_data["action"], step)
    else:
        form = BackgroundForm(
            initial={
                "years_experience": draft.years_experience,
                "education": draft.education,
                "certifications_held": draft.certifications_held,
                "name": draft.name,
                "email": draft.email,
            },
            certifications=certifications,
        )
    levels = set(draft.answers.values())
    same_level = (
        Proficiency(levels.pop()).label
        if len(draft.answers) >= SAME_LEVEL_WARNING_FROM and len(levels) == 1
        else None
    )
    return render(
        request,
        "assessments/background_step.html",
        {**_step_context(draft, questionnaire, step), "form": form, "same_level": same_level},
    )


def _account(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def remember_result(request: HttpRequest, assessment: Assessment) -> None:
    """Note an anonymous result in the session, so signing up or in can claim it."""
    if assessment.owner_id is None:
        tokens = request.session.get(RESULTS_SESSION_KEY, [])
        request.session[RESULTS_SESSION_KEY] = [*tokens, assessment.token][-50:]


def _submit(
    request: HttpRequest, draft: Draft, pages: list[selectors.QuestionPage]
) -> HttpResponse:
    try:
        assessment = services.assessment_submit(draft=draft, owner=_account(request))
    except services.DraftIncomplete as incomplete:
        missing = set(incomplete.unanswered)
        for number, page in enumerate(pages, start=1):
            names = [q.name for q in page.questions if q.skill in missing]
            if names:
                messages.error(
                    request,
                    f"Please answer every question before you submit. Still open: {', '.join(names)}.",
                )
                return redirect("assessments:draft-step", token=draft.token, step=number)
        messages.error(request, "Please fill in your years of experience and education.")
        return redirect("assessments:draft-step", token=draft.token, step=len(pages) + 1)
    except services.RoleUnavailable:
        messages.error(
            request,
            "The role you chose is no longer in careerfit's catalogue, so this questionnaire "
            "can’t be scored. Please start again with another role.",
        )
        return redirect("assessments:start")
    remember_result(request, assessment)
    return redirect("assessments:result-detail", token=assessment.token)


@never_cache
@require_safe
def draft_saved(request: HttpRequest, token: str) -> HttpResponse:
    draft = selectors.draft_by_token(token, request.user)
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


def report_context(assessment: Assessment, compared_with: Assessment | None) -> dict[str, object]:
    """What the report partials show: the report, and progress since `compared_with`."""
    report = report_from_json(assessment.report)
    return {
        "assessment": assessment,
        "report": report,
        "previous": compared_with,
        "progress": (
            scoring.compare(report_from_json(compared_with.report), report)
            if compared_with is not None
            else None
        ),
        "education": Education(assessment.education).label,
        "held": selectors.certification_names(assessment.certifications_held),
    }


@dataclass(frozen=True)
class ReportBody:
    """A result page's report, drawn once: a saved report never changes."""

    summary: SafeString  # with, after an earlier attempt, what changed since
    details: SafeString


def _report_body(assessment: Assessment) -> ReportBody:
    context = report_context(assessment, assessment.previous)
    return ReportBody(
        summary=render_to_string("assessments/partials/result_summary.html", context),
        details=render_to_string("assessments/partials/report_details.html", context),
    )


def _result_context(assessment: Assessment) -> dict[str, object]:
    current = revisions.current()
    # The token, unlike the id, is never used again. Certification names in the report
    # come from the catalogue, hence its revision.
    body = fragments.cached(
        "report",
        [current.catalogue, assessment.token, assessment.previous_id],
        lambda: _report_body(assessment),
    )
    return {
        "assessment": assessment,
        "body": body,
        "newer": fragments.cached(
            "later-attempt",
            [current.results, assessment.token],
            lambda: selectors.newest_later_attempt(assessment),
        ),
        "is_explore": assessment.mode == Mode.EXPLORE,
    }


@never_cache
@require_safe
def result_detail(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.result_page_by_token(token, request.user)
    share_fields = (
        fragments.cached(
            "share-form",
            [assessment.name, assessment.email],
            lambda: render_crispy_form(
                ShareForm(initial={"name": assessment.name, "email": assessment.email})
            ),
        )
        if not assessment.is_shared
        else ""
    )
    return render(
        request,
        "assessments/result_detail.html",
        {**_result_context(assessment), "share_form": None, "share_fields": share_fields},
    )


@never_cache
@require_POST
def result_share(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.result_page_by_token(token, request.user)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "assessments/result_detail.html",
            {
                **_result_context(assessment),
                "share_form": form,
                "share_fields": render_crispy_form(form),
            },
            status=400,
        )
    services.assessment_share(
        assessment=assessment, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
    )
    messages.success(request, "Shared. careerfit’s career counselors can now see this result.")
    return redirect("assessments:result-detail", token=token)


@require_POST
def result_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.assessment_by_token(token, request.user)
    services.assessment_withdraw(assessment=assessment)
    messages.success(request, "You stopped sharing. Counselors can no longer see this result.")
    return redirect("assessments:result-detail", token=token)


@never_cache
@require_safe
def result_json_download(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.assessment_by_token(token, request.user)
    response = JsonResponse(result_json(assessment), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="careerfit-{assessment.role_slug}-{assessment.created_at:%Y-%m-%d}.json"'
    )
    return response


CSV_HEADER = [
    "skill",
    "category",
    "must_have",
    "importance",
    "level_needed",
    "your_level",
    "levels_short",
    "points_lost",
    "status",
]


@never_cache
@require_safe
def result_csv_download(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.assessment_by_token(token, request.user)
    report = report_from_json(assessment.report)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="careerfit-{assessment.role_slug}-{assessment.created_at:%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for result in report.requirements:
        status = "not rated" if not result.is_rated else result.gap_kind or "met"
        writer.writerow(
            [
                result.skill_name,
                result.category,
                "yes" if result.is_core else "no",
                result.importance,
                result.level,
                "" if result.rating is None else result.rating,
                result.shortfall,
                result.points_lost,
                status,
            ]
        )
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def result_delete(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.assessment_by_token(token, request.user)
    if request.method == "POST":
        services.assessment_delete(assessment=assessment)
        messages.success(request, "Your result and its answers were deleted.")
        return redirect("roles:home")
    return render(request, "assessments/result_delete.html", {"assessment": assessment})


@require_POST
def result_rescore(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.assessment_by_token(token, request.user)
    try:
        rescored = services.assessment_rescore(assessment=assessment)
    except services.RoleUnavailable:
        messages.error(
            request, "This role is no longer in the catalogue, so it can’t be re-scored."
        )
        return redirect("assessments:result-detail", token=token)
    remember_result(request, rescored)
    messages.success(request, "Re-scored against today’s catalogue. Your earlier report is kept.")
    return redirect("assessments:result-detail", token=rescored.token)


@require_POST
def result_retake(request: HttpRequest, token: str) -> HttpResponse:
    assessment = selectors.assessment_by_token(token, request.user)
    try:
        draft = services.draft_retake(assessment=assessment)
    except services.RoleUnavailable:
        messages.error(
            request, "This role is no longer in the catalogue. Start a new check instead."
        )
        return redirect("assessments:start")
    messages.info(
        request, "Your last answers are filled in. Change the ones that are different now."
    )
    return redirect("assessments:draft-step", token=draft.token, step=1)


@require_safe
def scoring_method(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/scoring_method.html",
        {
            "ready_at": int(scoring.READY_AT),
            "nearly_ready_at": int(scoring.NEARLY_READY_AT),
            "core_blocking": scoring.CORE_BLOCKING_SHORTFALL,
            "min_rated_percent": int(scoring.MIN_RATED_SHARE * 100),
            "quick_count": selectors.QUICK_QUESTION_COUNT,
            "scale": [(level.value, str(level.label), BEHAVIOUR[level]) for level in Proficiency],
        },
    )


RESULTS_PER_PAGE = 20


def signed_in(request: HttpRequest) -> User:
    """The account behind a login_required view."""
    user = _account(request)
    if user is None:
        raise PermissionDenied
    return user


@login_required
@never_cache
@require_safe
def my_results(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.owned_assessments(signed_in(request)), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "assessments/my_results.html", {"page": page})


@login_required
@never_cache
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything careerfit holds about the account, as one JSON file."""
    user = signed_in(request)
    data = {
        "account": {"email": user.email, "joined": user.date_joined.isoformat()},
        "results": [
            result_json(assessment)
            for assessment in Assessment.objects.filter(owner=user).order_by("created_at")
        ],
        "unfinished_questionnaires": [
            {
                "started": draft.created_at.isoformat(),
                "mode": draft.mode,
                "length": draft.length,
                "role": draft.role_slug,
                "answers": draft.answers,
            }
            for draft in Draft.objects.filter(owner=user, assessment__isnull=True).order_by(
                "created_at"
            )
        ],
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="careerfit-my-data.json"'
    return response


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    count = Assessment.objects.filter(owner=user).count()
    if request.method == "POST":
        logout(request)
        services.account_delete(user=user)
        messages.success(request, "Your account and all its results were deleted.")
        return redirect("roles:home")
    return render(request, "assessments/account_delete.html", {"result_count": count})
