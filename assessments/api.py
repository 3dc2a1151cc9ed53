"""The scoring API: answers in, report out. Stateless: it saves nothing."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from assessments import scoring, selectors
from assessments.schemas import AnswersIn, ReportOut
from roles.api import ErrorOut, ProblemsOut

router = Router(tags=["assessments"])


class UnknownSlugs(ValidationError):
    """Answers that name a role, skill or certification the catalogue does not have."""


def validate_answers(answers: AnswersIn, catalogue: scoring.Catalogue) -> None:
    """Raise UnknownSlugs, naming each field, when answers refer to things not in the catalogue."""
    errors: list[dict[str, object]] = []
    roles = {role.slug for role in catalogue.roles}
    skills = {req.skill for role in catalogue.roles for req in role.requirements}
    certifications = {offer.slug for offer in catalogue.certifications}
    if answers.role not in roles:
        errors.append(
            {"loc": ["body", "role"], "msg": f"Unknown role {answers.role!r}.", "type": "unknown"}
        )
    errors.extend(
        {"loc": ["body", "ratings", skill], "msg": f"Unknown skill {skill!r}.", "type": "unknown"}
        for skill in sorted(set(answers.ratings) - skills)
    )
    for index, slug in enumerate(answers.certifications_held):
        if slug not in certifications:
            errors.append(
                {
                    "loc": ["body", "certifications_held", index],
                    "msg": f"Unknown certification {slug!r}.",
                    "type": "unknown",
                }
            )
    conditions = {rule.slug for offer in catalogue.certifications for rule in offer.conditions}
    for index, slug in enumerate(answers.conditions_met or ()):
        if slug not in conditions:
            errors.append(
                {
                    "loc": ["body", "conditions_met", index],
                    "msg": f"Unknown condition {slug!r}.",
                    "type": "unknown",
                }
            )
    if errors:
        raise UnknownSlugs(errors)


def score_answers(answers: AnswersIn) -> scoring.Report:
    """Validate answers against today's catalogue and score them."""
    catalogue = selectors.scoring_catalogue()
    validate_answers(answers, catalogue)
    return scoring.assess(answers.profile(), catalogue, answers.role)


def json_only(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a body not sent as JSON with 415, before it is read or the catalogue loaded."""

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.content_type != "application/json":
            return JsonResponse(
                {"detail": "Send the body as JSON, with Content-Type: application/json."},
                status=415,
            )
        return run(request, *args, **kwargs)

    return wrapper


@router.post(
    "/assessments/score",
    response={200: ReportOut, 400: ErrorOut, 413: ProblemsOut, 415: ErrorOut, 422: ProblemsOut},
    summary="Score answers against a role",
    description=(
        "Scores a completed questionnaire against one role and every other role of the "
        "catalogue. Nothing is saved. Unknown roles, skills or certifications, levels "
        'outside 0–4, values of the wrong type ("2" or true where a number belongs) '
        "and missing or extra fields get a 422 naming the field; a body that is not valid "
        "JSON gets a 400, and one not sent as application/json a 415."
    ),
)
@decorate_view(json_only)
def score(request: HttpRequest, payload: AnswersIn) -> scoring.Report:
    return score_answers(payload)
