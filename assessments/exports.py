"""Files people download: the CSV helpers every export shares, a result's report as CSV
and everything an account holds as JSON."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.http import StreamingHttpResponse

from assessments import scoring
from assessments.models import Draft, Result, Review
from assessments.reports import report_from_json
from assessments.schemas import result_json
from roles.proficiency import EDUCATION_CODES

EDUCATION_SLUGS = {value: code for code, value in EDUCATION_CODES.items()}


class _Echo:
    """A file-like object whose write hands the line back, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_safe(value: object) -> object:
    """Text a person typed cannot become a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(filename: str, rows: Iterable[Iterable[object]]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([csv_safe(value) for value in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


REPORT_CSV_HEADER = [
    "role",
    "readiness",
    "band",
    "based_on",
    "skill",
    "category",
    "must_have",
    "importance",
    "level_needed",
    "your_level",
    "levels_short",
    "points_lost",
    "status",
    "rating_check",
    "plan_within_days",
    "plan_course",
    "plan_course_hours",
    "plan_course_cost_usd",
]


def report_rows(result: Result) -> Iterator[Sequence[object]]:
    """A result's report as CSV rows: a header, then one row per skill the role needs, each
    beginning with the role and the headline figures, so rows keep their meaning when a
    spreadsheet sorts, filters or combines several reports."""
    report = report_from_json(result.report)
    headline = [
        result.role_title,
        report.shown_readiness,
        report.band.label,
        report.coverage.text,
    ]
    yield REPORT_CSV_HEADER
    plan = {step.skill: step for step in report.plan}
    for skill_result in report.requirements:
        status = "not rated" if not skill_result.is_rated else skill_result.gap_kind or "met"
        yield [
            *headline,
            skill_result.skill_name,
            skill_result.category,
            "yes" if skill_result.is_core else "no",
            skill_result.importance,
            skill_result.level,
            "" if skill_result.rating is None else skill_result.rating,
            skill_result.shortfall,
            skill_result.points_lost,
            status,
            "" if skill_result.check is None else skill_result.check.value,
            *_plan_columns(plan.get(skill_result.skill)),
        ]


def _plan_columns(step: scoring.PlanStep | None) -> list[object]:
    if step is None:
        return ["", "", "", ""]
    hours = step.learning_hours
    cost = step.learning_cost_usd
    return [
        step.within_days,
        step.learning,
        "" if hours is None else f"{hours[0]}-{hours[1]}",
        "" if cost is None else f"{cost[0]}-{cost[1]}",
    ]


def _counselor_record(result: Result, status_history: list[Any]) -> dict[str, Any] | None:
    """What the counselor team recorded and shares: status and plan. Each counselor's
    private notes are theirs, and are not part of the person's data."""
    review = getattr(result, "review", None)
    if review is None:
        return None
    return {
        "status": review.status,
        "status_changes": [
            {"status": change.status, "at": change.history_date.isoformat()}
            for change in status_history
        ],
        "plan": [
            {
                "step": step.title,
                "due_on": step.due_on.isoformat() if step.due_on else None,
                "done_at": step.done_at.isoformat() if step.done_at else None,
                "added_at": step.created_at.isoformat(),
            }
            for step in result.action_steps.all()
        ],
    }


def _result_data(result: Result, status_history: list[Any]) -> dict[str, Any]:
    return {
        **result_json(result),
        "sharing": {
            "shared_since": result.shared_at.isoformat() if result.shared_at else None,
            "name_shown": result.shared_name,
            "email_shown": result.shared_email,
        },
        "counselors": _counselor_record(result, status_history),
    }


def account_data(user: User) -> dict[str, Any]:
    """Everything careerfit holds about an account, for its owner to download: the
    account, each result with its sharing and the counselors' status and plan, and each
    unfinished questionnaire with every answer given so far."""
    results = list(
        Result.objects.filter(owner=user)
        .select_related("review")
        .prefetch_related("action_steps")
        .order_by("created_at")
    )
    history: dict[int, list[Any]] = {}
    for change in Review.history.model.objects.filter(
        result_id__in=[r.pk for r in results]
    ).order_by("history_date", "history_id"):
        history.setdefault(change.result_id, []).append(change)
    return {
        "account": {"email": user.email, "joined": user.date_joined.isoformat()},
        "results": [_result_data(result, history.get(result.pk, [])) for result in results],
        "unfinished_questionnaires": [
            {
                "started": draft.created_at.isoformat(),
                "last_saved": draft.updated_at.isoformat(),
                "mode": draft.mode,
                "length": draft.length,
                "role": draft.role_slug,
                "answers": draft.answers,
                "answers_kept_from_an_earlier_result": draft.kept_answers,
                "years_experience": (
                    None if draft.years_experience is None else float(draft.years_experience)
                ),
                "education": (
                    None if draft.education is None else EDUCATION_SLUGS[draft.education]
                ),
                "certifications_held": draft.certifications_held,
                "conditions_met": draft.conditions_met,
                "current_role": draft.current_role_slug,
                "not_sure": draft.unsure,
                "name": draft.name,
                "email": draft.email,
            }
            for draft in Draft.objects.filter(owner=user, result__isnull=True).order_by(
                "created_at"
            )
        ],
    }
