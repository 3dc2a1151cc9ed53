"""Files people download: the CSV helpers every export shares, a result's report as CSV
and everything an account holds as JSON."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.http import StreamingHttpResponse

from assessments.models import Draft, Result
from assessments.reports import report_from_json
from assessments.schemas import result_json


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


def report_rows(result: Result) -> Iterator[Sequence[object]]:
    """A result's report as CSV rows: a header, then one row per skill the role needs."""
    yield REPORT_CSV_HEADER
    for skill_result in report_from_json(result.report).requirements:
        status = "not rated" if not skill_result.is_rated else skill_result.gap_kind or "met"
        yield [
            skill_result.skill_name,
            skill_result.category,
            "yes" if skill_result.is_core else "no",
            skill_result.importance,
            skill_result.level,
            "" if skill_result.rating is None else skill_result.rating,
            skill_result.shortfall,
            skill_result.points_lost,
            status,
        ]


def account_data(user: User) -> dict[str, Any]:
    """Everything careerfit holds about an account, for its owner to download."""
    return {
        "account": {"email": user.email, "joined": user.date_joined.isoformat()},
        "results": [
            result_json(result)
            for result in Result.objects.filter(owner=user).order_by("created_at")
        ],
        "unfinished_questionnaires": [
            {
                "started": draft.created_at.isoformat(),
                "mode": draft.mode,
                "length": draft.length,
                "role": draft.role_slug,
                "answers": draft.answers,
            }
            for draft in Draft.objects.filter(owner=user, result__isnull=True).order_by(
                "created_at"
            )
        ],
    }
