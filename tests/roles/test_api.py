import pytest
from django.test import Client

from tests.roles.catalogue_growth import grow_catalogue

pytestmark = pytest.mark.django_db


def test_roles_endpoint_lists_every_role():
    body = Client().get("/api/roles/").json()
    assert len(body) == 22
    manager = next(r for r in body if r["slug"] == "production-manager")
    assert manager == {
        "slug": "production-manager",
        "title": "Production Manager",
        "family": "manufacturing",
        "family_label": "Manufacturing operations",
        "career_level": 5,
        "career_level_label": "Manager",
        "onet_soc_code": "11-3051.00",
        "requirement_count": 42,
    }


def test_role_endpoint_returns_requirements_path_and_sources():
    body = Client().get("/api/roles/production-coordinator/").json()
    assert body["salary_median_usd"] == 116970
    assert body["outlook_growth_percent"] == 2.0
    assert body["education"] == "Bachelor's degree"
    assert len(body["requirements"]) == 21
    assert body["requirements"][0] == {
        "skill": "communication",
        "name": "Communication",
        "category": "people",
        "required_level": 4,
        "required_level_name": "Expert",
        "importance": 5,
        "importance_name": "Essential",
        "core": True,
    }
    assert body["next_steps"] == [
        {"role": "production-manager", "title": "Production Manager", "typical_years": 3}
    ]
    assert body["previous_steps"] == [
        {
            "role": "assistant-production-supervisor",
            "title": "Assistant Production Supervisor",
            "typical_years": 2,
        }
    ]
    assert [s["source"] for s in body["sources"]] == ["seed-004-production-coordinator"]


@pytest.mark.parametrize("slug", ["astronaut", "PRODUCTION-MANAGER", "a" * 300])
def test_unknown_role_is_a_json_404(slug):
    response = Client().get(f"/api/roles/{slug}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Not found."}


def test_skills_endpoint_includes_level_examples():
    body = Client().get("/api/skills/").json()
    assert len(body) == 63
    spc = next(s for s in body if s["slug"] == "spc")
    assert spc["category"] == "safety-quality"
    assert [e["level"] for e in spc["level_examples"]] == [1, 2, 3, 4]
    assert spc["level_examples"][0]["behaviour"] == "Knows what a control chart shows."
    assert spc["level_ups"][0] == {
        "level": 1,
        "ways": ["Learn what a control chart shows.", "Take a free online intro to SPC."],
    }
    assert [step["level"] for step in spc["level_ups"]] == [1, 2, 3, 4]


def test_learning_options_carry_hours_cost_and_where_they_come_from():
    body = {o["slug"]: o for o in Client().get("/api/learning-options/").json()}
    assert len(body) == 13
    apprenticeship = body["registered-apprenticeship"]
    assert (apprenticeship["kind"], apprenticeship["hours_low"], apprenticeship["hours_high"]) == (
        "apprenticeship",
        2144,
        8576,
    )
    assert (apprenticeship["cost_low_usd"], apprenticeship["cost_high_usd"]) == (0, 0)
    assert apprenticeship["source"] == "ref-learning-options"
    assert "144 hours of classes for each year" in apprenticeship["basis"]
    assert {"skill": "machine-operation", "from_level": 0, "to_level": 3} in apprenticeship[
        "skills"
    ]
    assert body["supervisor-course"]["source"] is None
    assert body["supervisor-course"]["basis"].startswith("Typical range, not from a source")
    assert {o["kind"] for o in body.values()} == {
        "on-the-job",
        "free-online",
        "short-course",
        "certification-prep",
        "college-certificate",
        "apprenticeship",
    }


def test_certifications_endpoint_carries_eligibility_data():
    body = {c["slug"]: c for c in Client().get("/api/certifications/").json()}
    assert len(body) == 30
    assert body["pmi-pmp"]["min_years_experience"] == 5
    assert body["pmi-pmp"]["min_education"] == "High school diploma or GED"
    assert [c["condition"] for c in body["pmi-pmp"]["conditions"]] == [
        "led-projects",
        "pm-training-35",
    ]
    assert body["ascm-cscp"]["qualifying"] == ["ascm-cltd", "ascm-cpim"]
    assert body["sap-s4hana-pp"]["is_vendor_specific"] is True
    assert body["pmi-pmp"]["waivers"] == [{"education": "Bachelor's degree", "years_waived": 2}]
    assert body["mssc-clt"]["prerequisites"] == ["mssc-cla"]
    assert body["osha-10-general-industry"]["is_training_card"] is True
    assert body["asq-cssgb"]["is_training_card"] is False
    assert {"skill": "six-sigma", "brings_to_level": 3} in body["asq-cssgb"]["skills"]


def test_scale_endpoint():
    body = Client().get("/api/scale/").json()
    assert [(level["level"], level["name"]) for level in body] == [
        (0, "None"),
        (1, "Awareness"),
        (2, "Working"),
        (3, "Proficient"),
        (4, "Expert"),
    ]


def test_openapi_schema_describes_every_endpoint():
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "careerfit API"
    assert sorted(schema["paths"]) == [
        "/api/assessments/score",
        "/api/certifications/",
        "/api/learning-options/",
        "/api/roles/",
        "/api/roles/compare",
        "/api/roles/{slug}/",
        "/api/scale/",
        "/api/skills/",
    ]
    responses = schema["paths"]["/api/roles/{slug}/"]["get"]["responses"]
    assert sorted(responses) == ["200", "404"]


@pytest.mark.parametrize("extra_roles", [0, 25])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/roles/", 1),
        ("/api/roles/production-manager/", 5),
        ("/api/skills/", 2),  # + the level-up tips
        ("/api/learning-options/", 2),  # + the skills each builds
        (
            "/api/certifications/",
            7,
        ),  # + prerequisites, qualifying, waivers, skills, conditions, roles
        ("/api/scale/", 0),
    ],
)
def test_api_runs_a_constant_number_of_queries(
    django_assert_num_queries, extra_roles, url, queries
):
    grow_catalogue(extra_roles)
    client = Client()
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
