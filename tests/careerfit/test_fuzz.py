"""Thousands of malformed submissions: never a 500, never a result from bad input, and
whatever text is stored comes back escaped."""

from __future__ import annotations

import html
import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import selectors, services
from assessments.models import Result


@pytest.fixture(autouse=True)
def _unlimited_scoring(settings):
    """Thousands of generated bodies from one address; the limit has tests of its own."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_scoring": "1000000/m"}


pytestmark = pytest.mark.django_db

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE assessments_result; --",
    "1 OR 1=1",
    "{{ settings.SECRET_KEY }}",
    "\u202eevil",
    "😀" * 50,
    "\x00",
    "9" * 400,
    "-1e309",
    "NaN",
]
texts = st.sampled_from(NASTY) | st.text(max_size=300)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(texts, inner, max_size=5),
    max_leaves=20,
)
# About a thousand submissions per run across the three tests, in under a minute.
FUZZ = settings(
    max_examples=350,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    body=st.fixed_dictionaries(
        {},
        optional={
            "role": json_values | st.just("production-planner"),
            "ratings": json_values
            | st.dictionaries(
                st.sampled_from(["erp-systems", "bill-of-materials"]) | texts, json_values
            ),
            "years_experience": json_values,
            "education": json_values | st.just("bachelor"),
            "certifications_held": json_values,
        },
    ).flatmap(
        lambda d: st.dictionaries(texts, json_values, max_size=2).map(lambda extra: {**d, **extra})
    ),
)
def test_the_scoring_api_never_fails_on_bad_bodies(db, body):
    response = Client().post(
        "/api/assessments/score", json.dumps(body), content_type="application/json"
    )

    assert response.status_code in {200, 400, 422}, response.content[:300]
    if response.status_code == 422:
        assert all("loc" in problem for problem in response.json()["detail"])
    assert Result.objects.count() == 0


@FUZZ
@given(
    data=st.dictionaries(
        texts | st.sampled_from(["action", "rating-bill-of-materials", "rating-erp-systems"]),
        texts | st.sampled_from(["next", "back", "save", "submit", "0", "4", "5", "-1"]),
        max_size=8,
    )
)
def test_question_pages_never_fail_and_keep_only_valid_answers(db, data):
    draft = services.draft_start(mode="target", length="full", role_slug="production-planner")

    response = Client().post(f"/assess/{draft.token}/step/1/", data)

    assert response.status_code in {200, 302}
    draft.refresh_from_db()
    asked = {q.skill for q in selectors.question_pages(skill_slugs=draft.skills)[0].questions}
    assert set(draft.answers) <= asked
    assert all(value in range(5) for value in draft.answers.values())
    assert Result.objects.count() == 0


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "action": st.sampled_from(["submit", "save", "back"]) | texts,
            "years_experience": texts | st.sampled_from(["0", "2.5", "60", "61"]),
            "education": texts | st.sampled_from(["0", "4", "7"]),
            "name": texts,
            "email": texts | st.just("a@example.com"),
        },
        optional={
            "certifications_held": st.lists(texts | st.just("mssc-cla"), max_size=3),
        },
    )
)
def test_the_last_step_saves_a_result_only_from_valid_input_and_escapes_it(db, data):
    draft = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    services.draft_save_answers(draft=draft, answers=dict.fromkeys(draft.skills, 2))
    step = len(selectors.question_pages(skill_slugs=draft.skills)) + 1

    response = Client().post(f"/assess/{draft.token}/step/{step}/", data)

    assert response.status_code in {200, 302}
    result = Result.objects.filter(draft=draft).first()
    if result is None:
        return
    assert data["action"] == "submit"
    assert 0 <= result.years_experience <= 60
    assert result.education in range(7)
    page = Client().get(f"/results/{result.token}/").content.decode()
    if result.name:
        assert f"for {html.escape(result.name)}</p>" in page
    for raw in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"):
        assert raw not in page
