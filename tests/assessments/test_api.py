"""POST /api/assessments/score: the report as JSON, and a named 4xx for every kind of bad input."""

import json

import pytest
from django.test import Client

from assessments.models import Draft, Result

pytestmark = pytest.mark.django_db

URL = "/api/assessments/score"
ANSWERS = {
    "role": "production-planner",
    "ratings": {"bill-of-materials": 0, "production-scheduling": 1, "erp-systems": 3},
    "years_experience": 2,
    "education": "associate",
    "certifications_held": ["mssc-cla"],
}


def _post(body) -> tuple[int, dict]:
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    response = Client().post(URL, raw, content_type="application/json")
    return response.status_code, response.json()


def test_score_returns_the_full_report_and_saves_nothing():
    status, report = _post(ANSWERS)

    # Must-haves (importance 5, level 3): 0 → 0, 1 → 1/3, 3 → 1: 100 × (5/3 + 5) / 15.
    assert status == 200
    assert (report["role"], report["readiness"], report["band"]) == (
        "production-planner",
        44.4,
        "developing",
    )
    assert (report["rated_count"], report["requirement_count"], len(report["unrated"])) == (
        3,
        15,
        12,
    )
    assert [(g["skill"], g["gap"], g["shortfall"]) for g in report["gaps"]] == [
        ("bill-of-materials", "missing", 3),
        ("production-scheduling", "partial", 2),
    ]
    assert [s["skill"] for s in report["strengths"]] == ["erp-systems"]
    assert [(w["skill"], w["points_lost"]) for w in report["why"]] == [
        ("bill-of-materials", 33.3),
        ("production-scheduling", 22.2),
    ]
    # Weighted gap 5 × 3 + 5 × 2 = 25. The SAP exam asks for no practice, so it brings both
    # skills to Working (2) at most: 5 × 2 + 5 × 1 = 15. CPIM asks for years (or a degree),
    # so it brings scheduling to Proficient (3) and BOMs to 2: 10 + 10 = 20, but this
    # person needs one more year first, so it comes under "plan for later".
    assert [
        (r["certification"], r["gap_closed"], r["share_of_gap"], r["closes"])
        for r in report["recommendations"]
    ] == [
        (
            "sap-s4hana-pp",
            15,
            60.0,
            ["Bills of materials and product data", "Production planning and scheduling"],
        ),
        (
            "ascm-cpim",
            20,
            80.0,
            ["Bills of materials and product data", "Production planning and scheduling"],
        ),
    ]
    eligibility = report["recommendations"][0]["eligibility"]
    assert (eligibility["eligible_now"], eligibility["years_to_wait"], eligibility["summary"]) == (
        True,
        0,
        "You can apply now.",
    )
    assert report["headline"].startswith("The must-have skill Bills of materials")
    # Must-haves weigh 10 each, so 3 of the 15 skills are 30 of the role's 71.
    assert report["coverage"] == {
        "rated_count": 3,
        "requirement_count": 15,
        "share": 42,
        "text": "based on 3 of 15 skills, 42% of what matters",
    }
    assert report["to_judge"] == ["mrp-demand-planning", "inventory-control"]
    assert (report["min_years"], report["years_short"], report["role_fit_note"]) == (None, 0, "")
    assert len(report["role_fit"]) == 22
    # Unjudged roles run by how few answers would judge them: the planning engineer needs one.
    assert report["role_fit"][0]["role"] == "production-planning-engineer"
    planner = next(fit for fit in report["role_fit"] if fit["role"] == "production-planner")
    assert (planner["role"], planner["group"], planner["to_judge"]) == (
        "production-planner",
        "unjudged",
        ["mrp-demand-planning", "inventory-control"],
    )
    assert planner["facts"]["career_level"] == 2
    assert report["next_step"]["role"] == "production-specialist"
    assert report["next_step"] == report["next_steps"][0]
    assert (Result.objects.count(), Draft.objects.count()) == (0, 0)


def test_training_cards_are_labelled():
    _, report = _post(
        {**ANSWERS, "ratings": {"workplace-safety": 0}, "role": "production-supervisor"}
    )

    kinds = {r["certification"]: r["kind"] for r in report["recommendations"]}
    assert kinds["osha-10-general-industry"] == "training-card"
    assert kinds["osha-30-general-industry"] == "training-card"


def test_eligibility_counts_years_and_degree_waivers():
    answers = {**ANSWERS, "role": "production-manager", "ratings": {"project-management": 0}}

    _, associate = _post({**answers, "years_experience": 2, "education": "associate"})
    _, bachelor = _post({**answers, "years_experience": 2, "education": "bachelor"})

    pmp = {r["certification"]: r["eligibility"] for r in associate["recommendations"]}["pmi-pmp"]
    assert (pmp["years_needed"], pmp["years_to_wait"], pmp["eligible_now"]) == (5, 3, False)
    # The answers don't say whether the person led projects or had the training.
    assert pmp["summary"] == (
        "Not yet: you need to have about 3 more years of experience (a Bachelor's degree "
        "takes off 2). You also need to lead projects at work (PMP counts only those years) "
        "and finish 35 hours of project management training (holding CAPM counts)."
    )
    assert pmp["status"] == "later"
    pmp = {r["certification"]: r["eligibility"] for r in bachelor["recommendations"]}["pmi-pmp"]
    assert (pmp["years_needed"], pmp["years_to_wait"]) == (3, 1)


def test_conditions_not_asked_make_it_eligible_if_and_answered_ones_count():
    answers = {
        **ANSWERS,
        "role": "production-manager",
        "ratings": {"project-management": 0},
        "years_experience": 6,
        "education": "bachelor",
    }

    _, unasked = _post(answers)
    _, partly = _post({**answers, "conditions_met": ["led-projects"]})
    _, with_capm = _post(
        {**answers, "conditions_met": ["led-projects"], "certifications_held": ["pmi-capm"]}
    )

    def pmp(report):
        return {r["certification"]: r["eligibility"] for r in report["recommendations"]}["pmi-pmp"]

    assert (pmp(unasked)["status"], pmp(unasked)["summary"]) == (
        "if",
        (
            "You can apply if you lead projects at work (PMP counts only those years) and finish "
            "35 hours of project management training (holding CAPM counts)."
        ),
    )
    assert (pmp(partly)["status"], pmp(partly)["summary"]) == (
        "later",
        (
            "Not yet: you need to finish 35 hours of project management training (holding CAPM "
            "counts)."
        ),
    )
    assert (pmp(with_capm)["status"], pmp(with_capm)["eligible_now"]) == ("now", True)
    status, problem = _post({**answers, "conditions_met": ["led-projects", "juggling"]})
    assert status == 422
    assert problem["detail"][0]["loc"] == ["body", "conditions_met", 1]


@pytest.mark.parametrize(
    ("change", "loc", "message"),
    [
        ({"role": "astronaut"}, ["body", "role"], "Unknown role 'astronaut'."),
        (
            {"ratings": {"juggling": 2}},
            ["body", "ratings", "juggling"],
            "Unknown skill 'juggling'.",
        ),
        (
            {"certifications_held": ["mssc-cla", "black-belt"]},
            ["body", "certifications_held", 1],
            "Unknown certification 'black-belt'.",
        ),
        (
            {"ratings": {"erp-systems": 5}},
            ["body", "payload", "ratings", "erp-systems"],
            "Input should be less than or equal to 4",
        ),
        (
            {"ratings": {"erp-systems": -1}},
            ["body", "payload", "ratings", "erp-systems"],
            "Input should be greater than or equal to 0",
        ),
        (
            {"ratings": {"erp-systems": "3"}},
            ["body", "payload", "ratings", "erp-systems"],
            "Input should be a valid integer",
        ),
        (
            {"ratings": {"erp-systems": True}},
            ["body", "payload", "ratings", "erp-systems"],
            "Input should be a valid integer",
        ),
        (
            {"ratings": {"erp-systems": 2.5}},
            ["body", "payload", "ratings", "erp-systems"],
            "Input should be a valid integer",
        ),
        (
            {"years_experience": 1e9},
            ["body", "payload", "years_experience"],
            "Input should be less than or equal to 60",
        ),
        (
            {"education": "phd"},
            ["body", "payload", "education"],
            "Input should be 'none', 'high-school', 'trade', 'associate', 'bachelor', 'master' or 'doctorate'",
        ),
        (
            {"years_experience": "2"},
            ["body", "payload", "years_experience"],
            "Input should be a valid number",
        ),
        (
            {"years_experience": True},
            ["body", "payload", "years_experience"],
            "Input should be a valid number",
        ),
        ({"ratings": [1, 2]}, ["body", "payload", "ratings"], "Input should be a valid dictionary"),
        ({"admin": True}, ["body", "payload", "admin"], "Extra inputs are not permitted"),
    ],
)
def test_bad_answers_get_a_422_naming_the_field(change, loc, message):
    status, body = _post({**ANSWERS, **change})

    assert status == 422
    assert [(e["loc"], e["msg"]) for e in body["detail"]] == [(loc, message)]


@pytest.mark.parametrize("field", ["role", "ratings", "years_experience", "education"])
def test_missing_fields_are_named(field):
    answers = {key: value for key, value in ANSWERS.items() if key != field}

    status, body = _post(answers)

    assert status == 422
    assert [(e["loc"], e["msg"]) for e in body["detail"]] == [
        (["body", "payload", field], "Field required")
    ]


def test_a_body_that_is_not_json_is_refused():
    status, body = _post("{not json")

    assert status == 400
    assert body == {"detail": "Cannot parse request body"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("role=production-planner&education=none", "application/x-www-form-urlencoded"),
        (json.dumps(ANSWERS), "text/plain"),
    ],
)
def test_a_body_not_sent_as_json_gets_415(body, content_type, django_assert_num_queries):
    with django_assert_num_queries(0):  # refused before the catalogue is read
        response = Client().post(URL, body, content_type=content_type)

    assert response.status_code == 415
    assert response.json() == {
        "detail": "Send the body as JSON, with Content-Type: application/json."
    }


def test_whole_years_are_a_number_too():
    status, body = _post({**ANSWERS, "years_experience": 3})

    assert status == 200
    assert body["role"] == ANSWERS["role"]


def test_too_many_ratings_are_refused():
    status, body = _post({**ANSWERS, "ratings": {f"skill-{n}": 1 for n in range(201)}})

    assert status == 422
    assert (
        body["detail"][0]["msg"]
        == "Dictionary should have at most 200 items after validation, not more"
    )


def test_an_oversized_body_gets_413(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    status, body = _post({**ANSWERS, "padding": "x" * 2000})

    assert status == 413
    assert body == {"detail": [{"loc": ["body"], "msg": "The request body is too large."}]}


def test_the_endpoint_is_in_the_openapi_schema():
    schema = Client().get("/api/openapi.json").json()

    operation = schema["paths"]["/api/assessments/score"]["post"]
    assert operation["summary"] == "Score answers against a role"
    assert {
        status: response["content"]["application/json"]["schema"]
        for status, response in operation["responses"].items()
    } == {
        "200": {"$ref": "#/components/schemas/ReportOut"},
        "400": {"$ref": "#/components/schemas/ErrorOut"},
        "413": {"$ref": "#/components/schemas/ProblemsOut"},
        "415": {"$ref": "#/components/schemas/ErrorOut"},
        "422": {"$ref": "#/components/schemas/ProblemsOut"},
    }
    answers = schema["components"]["schemas"]["AnswersIn"]
    assert answers["required"] == ["role", "ratings", "years_experience", "education"]
    assert answers["additionalProperties"] is False
