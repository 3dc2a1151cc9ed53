"""The stored form of a scoring report: plain JSON in, the same frozen dataclasses out."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from assessments.scoring import Report, Requirement

# How many of a result's gaps lists and exports name.
TOP_GAPS_LISTED = 3
# How many of a result's recommendations count as "recommended" in cohort figures: the ones
# the report puts first, which are the ones a person is told to start with.
COHORT_RECOMMENDATIONS = 3

_report = TypeAdapter(Report)
_requirements = TypeAdapter(tuple[Requirement, ...])


def report_to_json(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = _report.dump_python(report, mode="json")
    return data


def report_from_json(data: dict[str, Any]) -> Report:
    return _report.validate_python(data)


def requirements_to_json(requirements: tuple[Requirement, ...]) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = _requirements.dump_python(requirements, mode="json")
    return data


def gap_rows(report: Report) -> list[dict[str, Any]]:
    """The report's gaps in its order, as the fields of one database row each."""
    return [
        {
            "rank": rank,
            "skill_slug": gap.skill,
            "skill_name": gap.skill_name,
            "is_core": gap.is_core,
            "importance": gap.importance,
            "levels_short": gap.shortfall,
            "weight": gap.importance * gap.shortfall,
        }
        for rank, gap in enumerate(report.gaps, start=1)
    ]


def recommendation_rows(report: Report) -> list[dict[str, Any]]:
    """The report's leading recommendations, as the fields of one database row each."""
    return [
        {
            "rank": rank,
            "certification_slug": rec.certification,
            "name": rec.name,
            "abbreviation": rec.abbreviation,
            "eligible_now": rec.eligibility.eligible_now,
        }
        for rank, rec in enumerate(report.recommendations[:COHORT_RECOMMENDATIONS], start=1)
    ]


def top_gap_names(report: Report) -> list[str]:
    return [gap.skill_name for gap in report.gaps[:TOP_GAPS_LISTED]]
