"""Tags other apps' pages use to start a questionnaire, so they need not import this app."""

from typing import Any

from django import template

from assessments.selectors import QuestionCounts

register = template.Library()


@register.inclusion_tag("assessments/partials/start_check.html", takes_context=True)
def start_check(context: template.Context, role_slug: str, question_total: int) -> dict[str, Any]:
    """The quick and full check buttons for a role with `question_total` requirements."""
    return {
        "csrf_token": context.get("csrf_token"),
        "role_slug": role_slug,
        "question_counts": QuestionCounts.for_total(question_total),
    }
