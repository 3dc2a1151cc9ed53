from decimal import Decimal

import pytest

from assessments import services
from assessments.models import Assessment, Draft

# The last page's answers, as a form posts them.
BACKGROUND_ANSWERS = {
    "years_experience": "2.5",
    "education": "1",
    "certifications_held": ["osha-10-general-industry"],
    "name": "Jo Park",
    "email": "",
}


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
    previous: Assessment | None = None,
    **overrides: int,
) -> Assessment:
    """A submitted result for a role, rated `rating` throughout; shared under a name if given."""
    draft = services.draft_start(
        mode="target", length=length, role_slug=role_slug, owner=owner, previous=previous
    )
    assessment = services.assessment_submit(draft=fill(draft, rating, **overrides))
    if share_as:
        services.assessment_share(
            assessment=assessment,
            name=share_as,
            email=f"{share_as.split()[0].lower()}@example.com",
        )
    return assessment


@pytest.fixture
def planner_draft(db) -> Draft:
    return services.draft_start(mode="target", length="full", role_slug="production-planner")


@pytest.fixture
def planner_result(planner_draft) -> Assessment:
    fill(planner_draft, 2, **{"production-scheduling": 1, "bill-of-materials": 0})
    return services.assessment_submit(draft=planner_draft)
