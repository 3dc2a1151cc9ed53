"""The stored form of a scoring report: plain JSON in, the same frozen dataclasses out."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from assessments.scoring import Report, Requirement

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
