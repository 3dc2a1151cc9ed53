"""Two roles side by side: the selector, the page and the API."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from roles import selectors

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _slugs(rows) -> list[tuple[str, int | None, int | None]]:
    return [(row.skill.slug, row.from_level, row.to_level) for row in rows]


def test_a_planner_beside_a_scheduler():
    comparison = selectors.role_comparison(
        from_slug="production-planner", to_slug="production-scheduler"
    )

    assert _slugs(comparison.more) == [("production-scheduling", 3, 4)]
    # Must-haves first, then the most levels asked, importance, name.
    assert _slugs(comparison.only_to) == [
        ("capacity-planning", None, 3),
        ("data-analysis", None, 3),
        ("problem-solving", None, 3),
        ("regulatory-compliance", None, 3),
        ("production-records", None, 3),
        ("troubleshooting", None, 2),
    ]
    assert _slugs(comparison.only_from)[:3] == [
        ("bill-of-materials", 3, None),
        ("erp-systems", 3, None),
        ("order-management", 3, None),
    ]
    assert len(comparison.only_from) == 9
    assert _slugs(comparison.same_or_less) == [
        ("cross-functional-coordination", 3, 3),
        ("inventory-control", 3, 3),
        ("time-management", 3, 3),
        ("quality-management", 2, 2),
        ("mrp-demand-planning", 3, 2),
    ]
    # Every skill either role asks for, once.
    assert len(comparison.rows) == 21
    assert [c.slug for c in comparison.from_certifications] == [
        "asq-cssgb",
        "ascm-cpim",
        "sap-s4hana-pp",
    ]
    assert "iha-basic-haccp" in [c.slug for c in comparison.to_certifications]
    assert (comparison.path, comparison.path_runs_back, comparison.path_years) == (
        [],
        False,
        None,
    )


def test_the_ladder_between_two_rungs_runs_either_way():
    down = selectors.role_comparison(
        from_slug="lead-production-specialist", to_slug="junior-production-specialist"
    )
    up = selectors.role_comparison(
        from_slug="junior-production-specialist", to_slug="lead-production-specialist"
    )

    steps = [
        ("junior-production-specialist", "production-specialist", 2),
        ("production-specialist", "senior-production-specialist", 2),
        ("senior-production-specialist", "lead-production-specialist", 3),
    ]
    assert [(s.from_role.slug, s.to_role.slug, s.typical_years) for s in up.path] == steps
    assert [(s.from_role.slug, s.to_role.slug, s.typical_years) for s in down.path] == steps
    assert (up.path_runs_back, down.path_runs_back) == (False, True)
    assert up.path_years == down.path_years == 7
    # Each rung keeps the must-haves and key skills of the rung below, so going down asks
    # for nothing more; only the junior's minor equipment care is not carried up.
    assert down.more == []
    assert _slugs(down.only_to) == [("equipment-maintenance", None, 1)]


def test_a_person_s_ratings_sit_beside_both_roles():
    comparison = selectors.role_comparison(
        from_slug="production-planner", to_slug="production-scheduler"
    ).with_ratings({"production-scheduling": 2, "bill-of-materials": 0})

    assert comparison.rated is True
    assert [(row.skill.slug, row.rating, row.rating_name) for row in comparison.more] == [
        ("production-scheduling", 2, "Working")
    ]
    assert comparison.only_from[0].rating == 0
    assert comparison.only_to[0].rating is None


def test_an_unknown_role_is_named():
    with pytest.raises(selectors.RoleNotFound) as raised:
        selectors.role_comparison(from_slug="production-planner", to_slug="astronaut")
    assert raised.value.slug == "astronaut"


def test_the_page_sets_two_roles_side_by_side(django_assert_num_queries):
    selectors.role_choices()  # kept in the catalogue cache, as a visited site has it
    client = Client()
    url = "/roles/compare/?from=production-planner&to=production-scheduler"

    # The two roles, their requirements, the certifications they name, the career steps.
    with django_assert_num_queries(4):
        response = client.get(url)

    text = _text(response)
    assert response.status_code == 200
    assert "<title>Production Planner and Production Scheduler compared" in text
    assert "Skills Production Scheduler needs more of" in text
    assert "Skills only Production Scheduler needs" in text
    assert "Skills only Production Planner needs" in text
    assert "careerfit’s career ladder does not link these two roles." in text
    assert "Certified in Planning and Inventory Management (CPIM)" in text
    assert '<option value="production-planner" selected>' in text
    assert '<th scope="col">You</th>' not in text


def test_the_page_without_roles_asks_for_two():
    response = Client().get("/roles/compare/")

    text = _text(response)
    assert response.status_code == 200
    assert '<h1 class="h2">Compare two roles</h1>' in text
    assert "Skills" not in text.split("</form>")[1].split("<footer")[0]


def test_an_unknown_role_is_a_404_that_says_which_and_keeps_the_choice():
    response = Client().get("/roles/compare/?from=astronaut&to=production-manager")

    text = _text(response)
    assert response.status_code == 404
    assert "careerfit has no role called “astronaut”. Choose one from the list." in text
    assert '<option value="production-manager" selected>' in text
    assert "Pay, entry and outlook" not in text


def test_the_same_role_twice_asks_for_two_different_ones():
    response = Client().get("/roles/compare/?from=production-manager&to=production-manager")

    assert response.status_code == 200
    assert "Choose two different roles to compare." in _text(response)
    assert "Pay, entry and outlook" not in _text(response)


def test_the_api_compares_two_roles():
    response = Client().get("/api/roles/compare?from=production-planner&to=production-scheduler")

    body = response.json()
    assert response.status_code == 200
    assert body["from_role"] == {
        "slug": "production-planner",
        "title": "Production Planner",
        "career_level": 2,
        "career_level_label": "Intermediate",
        "salary_median_usd": None,
        "education": "Bachelor's degree",
        "experience_min_years": None,
        "experience_max_years": None,
        "outlook_growth_percent": None,
        "outlook_note": "",
        "certifications": ["asq-cssgb", "ascm-cpim", "sap-s4hana-pp"],
    }
    assert body["more"] == [
        {
            "skill": "production-scheduling",
            "name": "Production planning and scheduling",
            "from_level": 3,
            "to_level": 4,
            "from_core": True,
            "to_core": True,
            "more_needed": 1,
        }
    ]
    assert [row["skill"] for row in body["only_to"]][:2] == ["capacity-planning", "data-analysis"]
    assert (body["path"], body["path_runs_back"]) == ([], False)


def test_the_api_names_an_unknown_role_and_a_missing_one():
    client = Client()
    unknown = client.get("/api/roles/compare?from=astronaut&to=production-planner")
    missing = client.get("/api/roles/compare?to=production-planner")

    assert (unknown.status_code, unknown.json()) == (
        404,
        {"detail": "No role is called “astronaut”."},
    )
    assert (missing.status_code, missing.json()) == (
        422,
        {"detail": [{"type": "missing", "loc": ["query", "from"], "msg": "Field required"}]},
    )


@pytest.mark.parametrize("slug", ["plan\x00ner", "Ñs", "a" * 81, "role/../x"])
def test_the_api_refuses_what_cannot_be_a_slug_before_asking_the_database(
    slug, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = Client().get("/api/roles/compare", {"from": slug, "to": "production-planner"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "from"]
