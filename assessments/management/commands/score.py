"""Score a file of answers, as the API does, and print the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError as SchemaError

from assessments.api import UnknownSlugs, score_answers
from assessments.schemas import AnswersIn, report_json
from assessments.scoring import Report
from roles.proficiency import Proficiency


def _level(level: int | None) -> str:
    return "not rated" if level is None else f"{Proficiency(level).label} ({level})"


def report_text(report: Report) -> str:
    """The report as plain text, in the order of the results page."""
    lines = [
        (
            f"{report.role_title}: readiness {report.readiness:g}% ({report.band.label}), "
            f"{report.coverage.text}"
        ),
        report.headline,
    ]
    if report.years_short:
        lines.append(
            f"You have {report.years_experience:g} years of experience; people usually start "
            f"this role with {report.min_years} or more."
        )
    if report.to_judge:
        lines.append(
            f"Answer {len(report.to_judge)} more: "
            + ", ".join(r.skill_name for r in report.to_judge)
            + "."
        )
    if report.why:
        lines += ["", "Why this score:"]
        lines += [
            f"  - {r.skill_name} cost {r.points_lost:g} points: needs {_level(r.level)}, "
            f"rated {_level(r.rating)}, importance {r.importance}/5"
            for r in report.why
        ]
    lines += ["", "Gaps:"] + (
        [
            f"  - {g.skill_name}{' (must-have)' if g.is_core else ''}: "
            f"{_level(g.rating)} of {_level(g.level)}, {g.shortfall} short"
            for g in report.gaps
        ]
        or ["  none"]
    )
    lines += ["", "Strengths:"] + (
        [f"  - {s.skill_name}: {_level(s.rating)}" for s in report.strengths] or ["  none"]
    )
    lines += ["", "By skill area:"]
    lines += [
        f"  - {c.label}: "
        + (f"{c.readiness:g}%" if c.rated_count else "not rated")
        + f" ({c.rated_count} of {c.requirement_count} rated)"
        for c in report.categories
    ]
    lines += ["", "Certifications:"] + (
        [
            f"  {n}. {r.name} ({r.abbreviation}){' [training card]' if r.is_training_card else ''}: "
            f"closes {r.share_of_gap:g}% of the gap ({', '.join(r.closes)}). {r.eligibility.summary}"
            for n, r in enumerate(report.recommendations, start=1)
        ]
        or ["  none needed"]
    )
    lines += ["", "Next step:"] + (
        [
            f"  - {s.title}: {s.readiness:g}% ({s.band.label}), {s.coverage.text}"
            + (f"; work on {', '.join(s.top_gaps)}" if s.top_gaps else "")
            for s in report.next_steps
        ]
        or ["  none recorded"]
    )
    lines += ["", "Role fit:"]
    if report.role_fit_note:
        lines.append(f"  {report.role_fit_note}")
    group = None
    for fit in report.role_fit:
        if fit.group is not group:
            group = fit.group
            lines.append(f"  {group.label if group else 'Every role'}:")
        figure = (
            f"{fit.readiness:g}% ({fit.band.label}), {fit.coverage.text}"
            if fit.rated_count
            else "not rated"
        )
        lines.append(
            f"    - {fit.title}: {figure}"
            + (f"; answer {len(fit.to_judge)} more to judge it" if fit.to_judge else "")
        )
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Score a JSON file of answers (the body of POST /api/assessments/score) and print "
        "the report. Nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("answers", type=Path, help="Path to the answers JSON file.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["answers"]
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            answers = AnswersIn.model_validate_json(raw)
            report = score_answers(answers)
        except SchemaError as error:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in e['loc']) or 'file'}: {e['msg']}"
                for e in error.errors()
            )
            raise CommandError(f"{path} is not valid answers: {problems}") from None
        except UnknownSlugs as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors
            )
            raise CommandError(f"{path} is not valid answers: {problems}") from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(report_json(report), indent=2))
        else:
            self.stdout.write(report_text(report))
