from decimal import Decimal

import pytest

from assessments import selectors, services
from assessments.models import Draft, Result

# The last page's answers, as a form posts them.
BACKGROUND_ANSWERS = {
    "years_experience": "2.5",
    "education": "1",
    "certifications_held": ["osha-10-general-industry"],
    "name": "Jo Park",
    "email": "",
}


def background_step_url(draft: Draft) -> str:
    """The last page of a questionnaire: the one after its pages of questions."""
    last = len(selectors.question_pages(skill_slugs=list(draft.skills))) + 1
    return f"/assess/{draft.token}/step/{last}/"


def fill(draft: Draft, rating: int = 2, **overrides: int) -> Draft:
    """Answer every question of a draft with one level (overrides by skill) and the background."""
    services.draft_save_answers(
        draft=draft, answers={skill: overrides.get(skill, rating) for skill in draft.skills}
    )
    return services.draft_save_background(
        draft=draft,
        years_experience=Decimal("3.5"),
        education=4,
        certifications_held=["mssc-cla"],
        name="Ana Diaz",
        email="ana@example.com",
    )


def result_for(
    role_slug: str,
    rating: int = 2,
    *,
    share_as: str = "",
    owner=None,
    length: str = "full",
    previous: Result | None = None,
    **overrides: int,
) -> Result:
    """A submitted result for a role, rated `rating` throughout; shared under a name if given."""
    draft = services.draft_start(
        mode="target", length=length, role_slug=role_slug, owner=owner, previous=previous
    )
    result = services.result_submit(draft=fill(draft, rating, **overrides))
    if share_as:
        services.result_share(
            result=result,
            name=share_as,
            email=f"{share_as.split()[0].lower()}@example.com",
        )
    return result


@pytest.fixture
def planner_draft(db) -> Draft:
    return services.draft_start(mode="target", length="full", role_slug="production-planner")


@pytest.fixture
def planner_result(planner_draft) -> Result:
    fill(planner_draft, 2, **{"production-scheduling": 1, "bill-of-materials": 0})
    return services.result_submit(draft=planner_draft)
