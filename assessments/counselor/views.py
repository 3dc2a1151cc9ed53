"""The counselor workspace: shared results only, for accounts with the review permission.

Counselors reach results by id and only while their owners share them; every page starts
from `selectors.shared_results()` or `selectors.shared_result()`, which drop withdrawn ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_tables2 import RequestConfig

from assessments.counselor import exports, selectors, services
from assessments.counselor.filters import SharedResultFilter
from assessments.counselor.forms import (
    ActionStepDoneForm,
    ActionStepForm,
    NoteForm,
    ReviewStatusForm,
)
from assessments.counselor.tables import RESULTS_PER_PAGE, SharedResultTable
from assessments.exports import csv_response
from assessments.models import ActionStep, Mode, Result
from assessments.pdf import pdf_response, report_pdf
from assessments.views import report_context, signed_in
from roles import selectors as role_selectors

REVIEW_PERMISSION = "assessments.review_shared"


def counselor_only(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """Log in first; then only accounts allowed to review shared results (else 403)."""
    return login_required(permission_required(REVIEW_PERMISSION, raise_exception=True)(view))


def _filtered(request: HttpRequest) -> SharedResultFilter:
    """The filters from the query string. A filter with bad input is left out, with a message."""
    result_filter = SharedResultFilter(
        request.GET or None,
        queryset=selectors.shared_results(),
        role_choices=role_selectors.role_choices(),
    )
    if result_filter.is_bound and not result_filter.is_valid():
        messages.warning(request, "Some filters could not be used. See the messages by them.")
    return result_filter


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@counselor_only
@never_cache
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    result_filter = _filtered(request)
    table = SharedResultTable(result_filter.qs)
    RequestConfig(request, paginate={"per_page": RESULTS_PER_PAGE}).configure(table)
    return render(
        request,
        "assessments/counselor/dashboard.html",
        {
            "filter": result_filter,
            "table": table,
            "filters_query": _query_without(request, "page", "sort"),
            "export_query": _query_without(request, "page"),
        },
    )


@counselor_only
@never_cache
@require_safe
def results_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered list, in the dashboard's order, one row per result, streamed."""
    result_filter = _filtered(request)
    table = SharedResultTable(result_filter.qs)
    RequestConfig(request, paginate=False).configure(table)
    return csv_response(
        f"careerfit-shared-results-{timezone.localdate():%Y-%m-%d}.csv",
        exports.result_rows(table.data.data),
    )


@counselor_only
@never_cache
@require_safe
def cohort(request: HttpRequest) -> HttpResponse:
    result_filter = _filtered(request)
    return render(
        request,
        "assessments/counselor/cohort.html",
        {
            "filter": result_filter,
            "cohort": selectors.cohort(results=result_filter.qs),
            "filters_query": _query_without(request, "page", "sort"),
        },
    )


@counselor_only
@never_cache
@require_safe
def cohort_csv(request: HttpRequest) -> StreamingHttpResponse:
    figures = selectors.cohort(results=_filtered(request).qs)
    return csv_response(
        f"careerfit-cohort-{timezone.localdate():%Y-%m-%d}.csv", exports.cohort_rows(figures)
    )


def _shared_report(result: Result) -> dict[str, object]:
    """The report's context for counselors: progress only against an earlier attempt the
    person shares too."""
    previous = result.previous
    return report_context(result, previous if previous and previous.is_shared else None)


def _result_page(
    request: HttpRequest, result: Result, status: int = 200, **forms: Any
) -> HttpResponse:
    review = result.review  # opened when the result was first shared
    return render(
        request,
        "assessments/counselor/result.html",
        {
            **_shared_report(result),
            "attempts": selectors.shared_attempts(result=result),
            "review": review,
            "status_changes": selectors.review_history(review=review),
            "notes": selectors.counselor_notes(result=result, author=signed_in(request)),
            "steps": selectors.action_plan(result=result),
            "marked_by_job_seeker": selectors.steps_last_marked_by_job_seeker(result=result),
            "status_form": forms.get("status_form")
            or ReviewStatusForm(initial={"status": review.status}),
            "note_form": forms.get("note_form") or NoteForm(),
            "step_form": forms.get("step_form") or ActionStepForm(),
        },
        status=status,
    )


@counselor_only
@never_cache
@require_safe
def result(request: HttpRequest, pk: int) -> HttpResponse:
    return _result_page(request, selectors.shared_result(pk=pk))


@counselor_only
@never_cache
@require_safe
def result_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same PDF the job seeker downloads, for a result shared now."""
    result = selectors.shared_result(pk=pk)
    context = {**_shared_report(result), "is_explore": result.mode == Mode.EXPLORE}
    return pdf_response(report_pdf({**context, "can_act": False}), result.file_name("pdf"))


def _back_to(result: Result, anchor: str) -> HttpResponse:
    return redirect(reverse("assessments:counselor-result", args=[result.pk]) + anchor)


@counselor_only
@require_POST
def result_status(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.shared_result(pk=pk)
    form = ReviewStatusForm(request.POST)
    if not form.is_valid():
        return _result_page(request, result, status=400, status_form=form)
    review = services.review_status_set(
        review=result.review, status=form.cleaned_data["status"], by=signed_in(request)
    )
    messages.success(request, f"Status set to “{review.get_status_display()}”.")
    return _back_to(result, "#status")


@counselor_only
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.shared_result(pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _result_page(request, result, status=400, note_form=form)
    services.note_add(result=result, author=signed_in(request), text=form.cleaned_data["text"])
    messages.success(request, "Note saved.")
    return _back_to(result, "#notes")


@counselor_only
@require_POST
def action_step_add(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.shared_result(pk=pk)
    form = ActionStepForm(request.POST)
    if not form.is_valid():
        return _result_page(request, result, status=400, step_form=form)
    services.action_step_add(
        result=result,
        title=form.cleaned_data["title"],
        due_on=form.cleaned_data["due_on"],
        by=signed_in(request),
    )
    messages.success(request, "Step added to the plan.")
    return _back_to(result, "#plan")


def _step(pk: int, step_pk: int) -> tuple[Result, ActionStep]:
    result = selectors.shared_result(pk=pk)
    return result, get_object_or_404(ActionStep, pk=step_pk, result=result)


@counselor_only
@require_POST
def action_step_done(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    result, step = _step(pk, step_pk)
    form = ActionStepDoneForm(request.POST)
    form.is_valid()  # a checkbox: anything but a true value means "not done"
    services.action_step_set_done(
        step=step, done=form.cleaned_data.get("done", False), by=signed_in(request)
    )
    messages.success(request, f"“{step.title}” is {'done' if step.is_done else 'open again'}.")
    return _back_to(result, "#plan")


@counselor_only
@require_POST
def action_step_remove(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    result, step = _step(pk, step_pk)
    services.action_step_remove(step=step, by=signed_in(request))
    messages.success(request, f"“{step.title}” was taken out of the plan.")
    return _back_to(result, "#plan")
