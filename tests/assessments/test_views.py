"""The questionnaire and result pages, walked through as a job seeker would."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.test import Client

from assessments import scoring, selectors, services
from assessments.models import Draft, Result
from assessments.reports import report_from_json
from assessments.schemas import result_json
from tests.assessments.conftest import fill
from tests.conftest import client_for
from tests.roles.catalogue_growth import grow_catalogue

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _step_url(draft: Draft, step: int) -> str:
    return f"/assess/{draft.token}/step/{step}/"


def _page_skills(draft: Draft, step: int) -> list[str]:
    return [q.skill for q in selectors.question_pages(skill_slugs=draft.skills)[step - 1].questions]


def _ratings(skills, level):
    return {f"rating-{skill}": str(level) for skill in skills}


def _answer_all(client: Client, draft: Draft, level: int = 2) -> int:
    """Answer every ratings page with Next; returns the number of the background step.
    At Proficient and up, the last page leads to the checks of those ratings."""
    pages = selectors.question_pages(skill_slugs=draft.skills)
    for number in range(1, len(pages) + 1):
        response = client.post(
            _step_url(draft, number),
            {"action": "next", **_ratings(_page_skills(draft, number), level)},
        )
        assert response.status_code == 302
        last_with_checks = number == len(pages) and level >= 3
        expected = (
            f"/assess/{draft.token}/checks/" if last_with_checks else _step_url(draft, number + 1)
        )
        assert response["Location"] == expected
    return len(pages) + 1


BACKGROUND = {
    "years_experience": "2.5",
    "education": "1",
    "certifications_held": ["osha-10-general-industry"],
    "name": "Jo Park",
    "email": "",
}


def test_start_page_preselects_the_role_a_role_page_links_with():
    text = _text(Client().get("/assess/?role=production-planner"))

    assert '<option value="production-planner" selected>Production Planner</option>' in text
    assert '<h1 class="h2">Check your skills</h1>' in text


def test_start_without_a_role_in_target_mode_explains_and_saves_nothing():
    response = Client().post("/assess/", {"mode": "target", "length": "quick", "role": ""})

    assert response.status_code == 200
    assert "Choose the role you have in mind" in _text(response)
    assert Draft.objects.count() == 0


def test_start_with_an_unknown_role_is_refused():
    response = Client().post("/assess/", {"mode": "target", "length": "quick", "role": "pilot"})

    assert response.status_code == 200
    assert "Select a valid choice. pilot is not one of the available choices." in _text(response)
    assert Draft.objects.count() == 0


def test_a_role_taken_out_while_the_start_page_was_open_gets_a_message(monkeypatch):
    # The page listed Astronaut; by the time the person pressed Start it was gone.
    listed = [("astronaut", "Astronaut"), ("production-planner", "Production Planner")]
    monkeypatch.setattr("roles.selectors.role_choices", lambda: listed)

    response = Client().post("/assess/", {"mode": "target", "length": "quick", "role": "astronaut"})

    assert response.status_code == 200
    assert "That role is no longer offered. Please choose another." in _text(response)
    assert '<option value="astronaut" selected>Astronaut</option>' in _text(response)
    assert Draft.objects.count() == 0


def test_start_creates_a_draft_and_opens_step_one():
    response = Client().post(
        "/assess/", {"mode": "target", "length": "quick", "role": "production-specialist"}
    )

    draft = Draft.objects.get()
    assert response["Location"] == _step_url(draft, 1)
    assert (draft.mode, draft.length, draft.role_slug, len(draft.skills)) == (
        "target",
        "quick",
        "production-specialist",
        15,
    )


def test_role_page_offers_quick_and_full_checks_with_question_counts():
    specialist = _text(Client().get("/roles/production-specialist/"))
    planner = _text(Client().get("/roles/production-planner/"))

    assert "Quick check · 15 questions" in specialist
    assert "Full check · 42 questions" in specialist
    assert "Quick check · 15 questions" in planner
    assert "Full check" not in planner


def test_question_pages_show_every_level_but_never_the_target(planner_draft):
    text = _text(Client().get(_step_url(planner_draft, 1)))
    skills = _page_skills(planner_draft, 1)

    assert "Step 1 of 7: Production &amp; operations" in text
    assert text.count("<fieldset") == len(skills) == 8
    assert text.count("<legend") == 8
    assert text.count('type="radio"') == 8 * 6  # five levels and “Not sure”
    assert "0 · None" in text
    for word in ("Must-have", "Importance", "needs", "Needed"):
        assert word not in text


def test_next_without_answers_explains_and_keeps_nothing(planner_draft):
    client = Client()
    response = client.post(_step_url(planner_draft, 1), {"action": "next"}, follow=True)

    text = _text(response)
    # Post/Redirect/Get: the page with its mistakes comes from a GET, so Back and
    # Reload never ask to send the form again; reloading it once more starts clean.
    assert response.redirect_chain == [(_step_url(planner_draft, 1), 302)]
    assert response.status_code == 200
    assert "Some answers need another look" not in _text(client.get(_step_url(planner_draft, 1)))
    assert "Choose a level for Bills of materials and product data." in text
    assert text.count('aria-invalid="true"') == 8 * 6
    planner_draft.refresh_from_db()
    assert planner_draft.answers == {}


def test_out_of_range_answer_is_refused_and_other_answers_are_kept_on_the_page(planner_draft):
    skills = _page_skills(planner_draft, 1)
    data = {"action": "next", **_ratings(skills, 2), f"rating-{skills[0]}": "7"}

    response = Client().post(_step_url(planner_draft, 1), data, follow=True)

    text = _text(response)
    assert "Choose one of the five levels, from None to Expert, or “Not sure”." in text
    assert text.count('value="2" checked') == len(skills) - 1
    planner_draft.refresh_from_db()
    assert planner_draft.answers == {}


def test_answers_for_other_skills_and_unknown_fields_are_ignored(planner_draft):
    skills = _page_skills(planner_draft, 1)
    data = {
        "action": "next",
        **_ratings(skills, 3),
        "rating-erp-systems": "4",  # asked, but on another page
        "rating-cad-drafting": "4",  # not asked at all
        "is_admin": "1",
    }

    response = Client().post(_step_url(planner_draft, 1), data)

    assert response["Location"] == _step_url(planner_draft, 2)
    planner_draft.refresh_from_db()
    assert planner_draft.answers == dict.fromkeys(skills, 3)


def test_an_unknown_button_is_refused(planner_draft):
    data = {"action": "publish", **_ratings(_page_skills(planner_draft, 1), 1)}

    response = Client().post(_step_url(planner_draft, 1), data, follow=True)

    assert "Use the buttons at the bottom of the page to move on." in _text(response)
    planner_draft.refresh_from_db()
    assert planner_draft.answers == {}


def test_back_keeps_answers_on_both_pages(planner_draft):
    client = Client()
    first, second = _page_skills(planner_draft, 1), _page_skills(planner_draft, 2)
    client.post(_step_url(planner_draft, 1), {"action": "next", **_ratings(first, 3)})

    response = client.post(
        _step_url(planner_draft, 2), {"action": "back", f"rating-{second[0]}": "1"}
    )

    assert response["Location"] == _step_url(planner_draft, 1)
    planner_draft.refresh_from_db()
    assert planner_draft.answers == {**dict.fromkeys(first, 3), second[0]: 1}
    assert _text(client.get(_step_url(planner_draft, 1))).count('value="3" checked') == len(first)
    assert _text(client.get(_step_url(planner_draft, 2))).count("checked") == 1


def test_save_and_finish_later_gives_a_resume_link_that_opens_the_first_open_step(planner_draft):
    client = Client()
    client.post(
        _step_url(planner_draft, 1),
        {"action": "next", **_ratings(_page_skills(planner_draft, 1), 2)},
    )

    saved = client.post(_step_url(planner_draft, 2), {"action": "save"})

    assert saved["Location"] == f"/assess/{planner_draft.token}/saved/"
    page = _text(client.get(saved["Location"]))
    assert f'value="http://testserver/assess/{planner_draft.token}/"' in page
    assert "You have answered 8 of 15 skill questions." in page
    # A new browser with only the link lands on the first step with an open question.
    assert Client().get(f"/assess/{planner_draft.token}/")["Location"] == _step_url(
        planner_draft, 2
    )


def test_same_answer_everywhere_warns_without_blocking(planner_draft):
    client = Client()
    background_step = _answer_all(client, planner_draft, level=2)

    page = _text(client.get(_step_url(planner_draft, background_step)))
    assert "You rated every skill “Working”." in page

    response = client.post(
        _step_url(planner_draft, background_step), {"action": "submit", **BACKGROUND}
    )
    assert response["Location"] == f"/results/{Result.objects.get().token}/"


def test_varied_answers_get_no_warning(planner_draft):
    fill(planner_draft, 2, **{"erp-systems": 3})

    page = _text(Client().get(_step_url(planner_draft, 7)))

    assert "You rated every skill" not in page


def test_submit_without_experience_or_education_explains_and_saves_nothing(planner_draft):
    client = Client()
    background_step = _answer_all(client, planner_draft)

    response = client.post(
        _step_url(planner_draft, background_step),
        {"action": "submit", "years_experience": "", "education": ""},
        follow=True,
    )

    text = _text(response)
    assert "Enter your years of experience; 0 is fine." in text
    assert "Choose your highest finished education." in text
    assert Result.objects.count() == 0


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("61", "Enter 60 years or fewer."),
        ("-1", "Years can’t be below 0."),
        ("two", "Enter a number of years, like 3 or 2.5."),
        ("2.25", "Use at most one decimal place, like 2.5."),
        ("1e9", "Enter 60 years or fewer."),
    ],
)
def test_bad_years_of_experience_get_a_clear_message(planner_draft, years, message):
    response = Client().post(
        _step_url(planner_draft, 7),
        {"action": "submit", **BACKGROUND, "years_experience": years},
        follow=True,
    )

    assert message in _text(response)
    assert Result.objects.count() == 0


def test_submit_with_a_question_left_open_returns_to_its_step(planner_draft):
    client = Client()
    background_step = _answer_all(client, planner_draft)
    planner_draft.refresh_from_db()
    planner_draft.answers.pop("erp-systems")
    planner_draft.save()
    erp_step = next(
        n
        for n, page in enumerate(
            selectors.question_pages(skill_slugs=planner_draft.skills), start=1
        )
        if "erp-systems" in [q.skill for q in page.questions]
    )

    response = client.post(
        _step_url(planner_draft, background_step), {"action": "submit", **BACKGROUND}, follow=True
    )

    assert response.redirect_chain == [(_step_url(planner_draft, erp_step), 302)]
    assert "Still open: ERP systems (SAP, Oracle, NetSuite)." in _text(response)
    assert Result.objects.count() == 0


def test_a_second_submit_lands_on_the_same_result(planner_draft):
    client = Client()
    background_step = _answer_all(client, planner_draft)
    data = {"action": "submit", **BACKGROUND}

    first = client.post(_step_url(planner_draft, background_step), data)
    second = client.post(_step_url(planner_draft, background_step), data, follow=True)

    result = Result.objects.get()
    assert first["Location"] == f"/results/{result.token}/"
    assert second.redirect_chain == [(f"/results/{result.token}/", 302)]
    assert "You already sent this questionnaire. Here is your report." in _text(second)


def test_steps_outside_the_questionnaire_are_not_found(planner_draft):
    assert Client().get(_step_url(planner_draft, 0)).status_code == 404
    assert Client().get(_step_url(planner_draft, 8)).status_code == 404


def test_result_page_shows_the_saved_report(planner_result):
    response = Client().get(f"/results/{planner_result.token}/")
    text = _text(response)

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert '<meta name="robots" content="noindex">' in text
    assert "Your results: Production Planner" in text
    # Worked by hand: the three must-haves weigh 10 each, the twelve others 41 in all. BOMs
    # earn 0, ERP 2/3 and scheduling 1/3 of their 10; the rest, rated 2, earn 31 of 41:
    # 41 of 71 is 57.7 %. A must-have rated None makes the band Developing whatever the
    # figure, and BOMs lose 100 × 10 / 71 points.
    assert planner_result.readiness == Decimal("57.7")
    assert '<p class="display-4 fw-bold mb-1">58%</p>' in text
    assert '<span class="band-label">Developing</span>' in text
    assert (
        "The must-have skill Bills of materials and product data is not there yet. It holds "
        "you back whatever your other skills, so start there."
    ) in text
    assert "Based on 15 of 15 skills, 100% of what matters." in text
    assert (
        "<strong>Bills of materials and product data</strong> costs you <strong>14.1 of the 100 "
        "points</strong>. "
        "The role needs Proficient (3); you said None (0)."
    ) in text
    assert f"(Reference for support: {planner_result.catalogue_version})" in text
    assert "for Ana Diaz" in text
    assert text.count('<svg class="level-chart"') == 15
    assert "Certified Logistics Associate" in text  # held, listed under the answers
    # Your plan: the must-have at None first, one level up, with what that level looks like.
    assert (
        '<strong>Bills of materials and product data</strong> <span class="badge '
        'badge-core">Must-have</span> · <span class="plan-when">in the next 30 days</span> '
        '<span class="d-block">From None (0) to Awareness (1); the role needs Proficient '
        "(3). At that level a person knows that each product has a parts list or recipe."
    ) in text
    assert text.count('<li class="mb-3"> <strong>') == 5


def test_readiness_on_the_page_is_the_readiness_the_api_gives(planner_result):
    api = (
        Client()
        .post(
            "/api/assessments/score",
            {
                "role": "production-planner",
                "ratings": planner_result.ratings,
                "years_experience": 3.5,
                "education": "bachelor",
                "certifications_held": ["mssc-cla"],
                "conditions_met": planner_result.conditions_met,
            },
            content_type="application/json",
        )
        .json()
    )

    assert api == result_json(planner_result)["report"]


@pytest.mark.parametrize("persona", ["anonymous", "job_seeker", "admin_user"])
def test_anyone_with_the_link_sees_the_result(request, planner_result, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)

    response = client_for(user).get(f"/results/{planner_result.token}/")

    assert response.status_code == 200
    assert "Your results: Production Planner" in _text(response)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/results/{token}/"),
        ("get", "/results/{token}/report.json"),
        ("get", "/results/{token}/report.csv"),
        ("get", "/results/{token}/delete/"),
        ("post", "/results/{token}/delete/"),
        ("post", "/results/{token}/rescore/"),
        ("post", "/results/{token}/retake/"),
        ("get", "/assess/{token}/"),
        ("get", "/assess/{token}/step/1/"),
        ("get", "/assess/{token}/saved/"),
    ],
)
def test_a_guessed_link_finds_nothing(planner_result, method, path):
    guess = planner_result.token[:-1] + ("A" if planner_result.token[-1] != "A" else "B")

    response = getattr(Client(), method)(path.format(token=guess))

    assert response.status_code == 404
    assert Result.objects.count() == 1


def test_json_download_holds_answers_snapshot_and_report(planner_result):
    response = Client().get(f"/results/{planner_result.token}/report.json")

    assert response["Content-Disposition"] == (
        f'attachment; filename="careerfit-production-planner-{planner_result.created_at:%Y-%m-%d}.json"'
    )
    data = json.loads(response.content)
    assert data == result_json(planner_result)
    assert data["answers"]["education"] == "bachelor"
    assert data["answers"]["ratings"]["bill-of-materials"] == 0
    assert len(data["requirements_scored_against"]) == 15


def test_csv_download_has_a_row_per_requirement(planner_result):
    response = Client().get(f"/results/{planner_result.token}/report.csv")

    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == [
        "role",
        "readiness",
        "band",
        "based_on",
        "skill",
        "category",
        "must_have",
        "importance",
        "level_needed",
        "your_level",
        "levels_short",
        "points_lost",
        "status",
        "rating_check",
        "plan_within_days",
        "plan_course",
        "plan_course_hours",
        "plan_course_cost_usd",
    ]
    assert len(rows) == 16
    bom = next(row for row in rows if row[4] == "Bills of materials and product data")
    assert bom[:11] == [
        "Production Planner",
        "58",
        "Developing",
        "based on 15 of 15 skills, 100% of what matters",
        "Bills of materials and product data",
        "operations",
        "yes",
        "5",
        "3",
        "0",
        "3",
    ]
    # First in the plan: None → Awareness this month, sitting with a planner, for free.
    assert bom[12:] == [
        "missing",
        "self-rated",
        "30",
        "Shadowing a planner or scheduler",
        "8-24",
        "0-0",
    ]


def test_delete_asks_first_then_removes_the_result_for_everyone(planner_result):
    client = Client()
    confirm = client.get(f"/results/{planner_result.token}/delete/")
    assert "Delete this result?" in _text(confirm)
    assert Result.objects.count() == 1

    response = client.post(f"/results/{planner_result.token}/delete/", follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert "Your result and its answers were deleted." in _text(response)
    assert Result.objects.count() == 0
    assert Draft.objects.count() == 0
    assert Client().get(f"/results/{planner_result.token}/").status_code == 404


@pytest.mark.parametrize("action", ["rescore", "retake"])
def test_rescore_and_retake_only_accept_post(planner_result, action):
    response = Client().get(f"/results/{planner_result.token}/{action}/")

    assert response.status_code == 405
    assert Result.objects.count() == 1
    assert Draft.objects.count() == 1


def test_retake_shows_progress_since_the_last_attempt(planner_result):
    client = Client()
    response = client.post(f"/results/{planner_result.token}/retake/", follow=True)
    draft = Draft.objects.exclude(pk=planner_result.draft_id).get()
    assert response.redirect_chain == [(_step_url(draft, 1), 302)]
    assert "Your last answers are filled in." in _text(response)

    services.draft_save_answers(draft=draft, answers={"bill-of-materials": 3})
    submitted = client.post(_step_url(draft, 7), {"action": "submit", **BACKGROUND})
    retaken = Result.objects.get(previous=planner_result)
    text = _text(client.get(submitted["Location"]))

    assert (planner_result.readiness, retaken.readiness) == (Decimal("57.7"), Decimal("71.8"))
    assert f"What changed since {planner_result.created_at:%-d %B %Y}" in text
    assert ("Readiness went from <strong>58%</strong> to <strong>72%</strong>") in text
    assert "Bills of materials and product data: None (0) → Proficient (3)" in text


def test_rescore_keeps_the_old_report_and_links_both_ways(planner_result):
    client = Client()
    response = client.post(f"/results/{planner_result.token}/rescore/")
    rescored = Result.objects.get(previous=planner_result)

    assert response["Location"] == f"/results/{rescored.token}/"
    old_page = client.get(f"/results/{planner_result.token}/").content.decode()
    assert "There is a newer result for this" in old_page
    # The banner's link uses the alert's own dark link colour (7:1 on its background).
    assert f'<a class="alert-link" href="/results/{rescored.token}/">' in old_page
    assert "same answers, scored against the catalogue as it is today" in _text(
        client.get(response["Location"])
    )


def test_state_changes_need_the_csrf_token(planner_result, planner_draft):
    client = Client(enforce_csrf_checks=True)

    for path in [
        "/assess/",
        _step_url(planner_draft, 1),
        f"/results/{planner_result.token}/delete/",
        f"/results/{planner_result.token}/rescore/",
        f"/results/{planner_result.token}/retake/",
    ]:
        assert client.post(path, {"mode": "explore", "length": "quick"}).status_code == 403
    assert (Result.objects.count(), Draft.objects.count()) == (1, 1)


def test_how_we_score_page_states_the_thresholds():
    text = _text(Client().get("/how-we-score/"))

    assert "<strong>Ready</strong>: 85% or more, <em>every</em> must-have skill rated" in text
    assert "and at least 50% of what matters rated." in text
    assert "<strong>Nearly ready</strong>: 65% or more, without all of the above." in text
    assert "is 2 or more levels short, whatever the percentage" in text
    assert "A <strong>must-have</strong> skill is worth 2 times its importance" in text
    assert "The quick check for one role asks about 15 skills" in text
    # The worked examples, checked against the code.
    assert "10 × 2/3 + 3 × 1/2 + 2 × 1 = 10.2 out of 15, so readiness is 68%." in text
    assert "100% readiness with reliance 0.6 gives a fit of 80" in text
    assert (scoring.fit_score(100.0, 0.6), scoring.fit_score(90.0, 0.2)) == (80.0, 54.0)
    assert "its fit is within 10% of the best" in text
    assert "If you were not asked, we say “You can apply if …”, never" in text
    assert "scores 8 × 2 ÷ 2 ÷ 2 = 4." in text
    assert "answer <strong>Not sure</strong>. It is not a level" in text
    assert "a step to Expert or a course of more than 80 hours a year" in text
    assert scoring.LEVEL_WINDOWS == {1: 30, 2: 30, 3: 90, 4: 365}
    assert scoring.PLAN_WINDOWS == (30, 30, 90, 90, 365)
    example = scoring.Recommendation(
        certification="example",
        name="Example",
        abbreviation="EX",
        issuing_body="",
        is_training_card=False,
        level="mid",
        closes=(),
        gap_closed=8,
        share_of_gap=0.0,
        eligibility=scoring.Eligibility(
            years_needed=0, years_to_wait=0, missing_prerequisites=(), other_conditions=""
        ),
        level_gap=1,
        relevance=2,
    )
    facts = scoring.CertificationFacts(cost_usd=1000, study_hours=100)
    assert scoring.rank_value(example, scoring.effort(facts, 0, 0)) == 4.0
    assert "(61 questions)" in text
    assert "(22 questions)" in text


@pytest.mark.parametrize("extra_roles", [0, 30])
def test_questionnaire_and_result_pages_run_a_constant_number_of_queries(
    django_assert_num_queries, extra_roles, planner_result
):
    grow_catalogue(extra_roles)
    draft = services.draft_start(mode="target", length="full", role_slug="production-planner")
    client = Client()
    step_data = {"action": "next", **_ratings(_page_skills(draft, 1), 2)}

    # The draft; then the questionnaire's role title and skills, drawn from the catalogue
    # and kept in its cache.
    with django_assert_num_queries(3):
        assert client.get(_step_url(draft, 1)).status_code == 200
    with django_assert_num_queries(1):  # the draft: its questions come from the cache
        assert client.get(_step_url(draft, 1)).status_code == 200
    # The draft; then, in a transaction (a savepoint inside the test's): the locked
    # answers, full_clean's token check, save.
    with django_assert_num_queries(6):
        assert client.post(_step_url(draft, 1), step_data).status_code == 302
    fill(draft)
    # The draft; the certifications, the conditions and the roles, which are then kept.
    with django_assert_num_queries(4):
        assert client.get(_step_url(draft, 7)).status_code == 200
    with django_assert_num_queries(2):  # result with its earlier attempt, newer attempt
        assert client.get(f"/results/{planner_result.token}/").status_code == 200
    # The page's draft; save the background (validation, then in a savepoint the row's
    # lock and the update: 5); then
    # submit, in a savepoint: lock, existing result, role, full_clean's four lookups and
    # two constraint checks (each in a savepoint of its own), the insert and the two bulk
    # inserts of its gap and recommendation rows; then the session that remembers the
    # result for claiming (4). The scoring catalogue was kept when planner_result was
    # scored; none per skill or role.
    with django_assert_num_queries(28):
        assert (
            client.post(_step_url(draft, 7), {"action": "submit", **BACKGROUND}).status_code == 302
        )


def test_pages_with_personal_results_are_never_cached(planner_result):
    open_draft = services.draft_start(mode="explore", length="quick")
    for path in [
        f"/results/{planner_result.token}/",
        f"/results/{planner_result.token}/report.json",
        f"/results/{planner_result.token}/report.csv",
        f"/assess/{open_draft.token}/step/1/",
        f"/assess/{open_draft.token}/saved/",
    ]:
        response = Client().get(path)
        assert response.status_code == 200
        assert response["Cache-Control"] == (
            "max-age=0, no-cache, no-store, must-revalidate, private"
        )
    assert "Cache-Control" not in Client().get("/roles/")


def test_a_role_not_yet_judged_asks_exactly_the_missing_questions(planner_result):
    client = Client()
    page = _text(client.get(f"/results/{planner_result.token}/"))
    # The planner's 13 answers cover 1 of Production Manager's 7 must-haves; the other 6
    # bring the rated share past half.
    assert "Answer 6 more questions to judge this role" in page

    response = client.post(
        f"/results/{planner_result.token}/judge/production-manager/", follow=True
    )
    draft = Draft.objects.exclude(pk=planner_result.draft_id).get()
    fit = scoring.role_fit(
        selectors.scoring_catalogue().role("production-manager"), planner_result.ratings
    )
    assert draft.skills == list(fit.to_judge)
    assert len(draft.skills) == 6
    assert draft.kept_answers == planner_result.ratings
    assert "6 questions to go. Your other answers are kept." in _text(response)

    step = _answer_all(client, draft, level=3)
    submitted = client.post(_step_url(draft, step), {"action": "submit", **BACKGROUND})
    judged = Result.objects.get(draft=draft)
    assert submitted["Location"] == f"/results/{judged.token}/"
    assert judged.role_slug == "production-manager"
    assert judged.ratings == {**planner_result.ratings, **dict.fromkeys(draft.skills, 3)}
    report = report_from_json(judged.report)
    assert report.to_judge == ()
    assert next(f for f in report.role_fit if f.role == "production-manager").group is not (
        scoring.FitGroup.UNJUDGED
    )


def test_a_role_already_judged_is_not_asked_again(planner_result):
    response = Client().post(
        f"/results/{planner_result.token}/judge/production-planner/", follow=True
    )

    assert response.redirect_chain == [(f"/results/{planner_result.token}/", 302)]
    assert "You have already answered enough to judge this role." in _text(response)
    assert Draft.objects.count() == 1


def test_role_fit_can_be_shown_for_one_education(planner_result):
    client = Client()
    every = _text(client.get(f"/results/{planner_result.token}/"))
    high_school = _text(client.get(f"/results/{planner_result.token}/?education=1"))
    nonsense = _text(client.get(f"/results/{planner_result.token}/?education=degree"))

    # Production Manager usually needs a bachelor's degree; the line worker a diploma.
    assert "/roles/production-manager/" in every
    assert "/roles/production-manager/" not in high_school.split('id="role-fit"')[1]
    assert "/roles/production-line-worker/" in high_school.split('id="role-fit"')[1]
    assert '<option value="1" selected>High school diploma or GED</option>' in high_school
    assert nonsense.count("/roles/production-manager/") == every.count("/roles/production-manager/")


def test_the_background_page_asks_certification_conditions_and_the_report_uses_them(db):
    manager_draft = services.draft_start(
        mode="target", length="full", role_slug="production-manager"
    )
    client = Client()
    step = _answer_all(client, manager_draft)
    page = _text(client.get(_step_url(manager_draft, step)))
    assert "Which of these are true for you?" in page
    assert "I have finished 35 hours of project management training." in page
    bad = client.post(
        _step_url(manager_draft, step),
        {"action": "save", **BACKGROUND, "conditions_met": ["x"]},
        follow=True,
    )
    assert "Choose only statements from the list." in _text(bad)
    assert Draft.objects.get(pk=manager_draft.pk).conditions_met is None

    client.post(
        _step_url(manager_draft, step),
        {
            "action": "submit",
            **BACKGROUND,
            "years_experience": "6",
            "education": "4",
            "conditions_met": ["led-projects", "pm-training-35"],
        },
    )
    result = Result.objects.get(draft=manager_draft)
    assert result.conditions_met == ["led-projects", "pm-training-35"]
    report = report_from_json(result.report)
    pmp = next(r for r in report.recommendations if r.certification == "pmi-pmp")
    assert (pmp.eligibility.status, pmp.eligibility.summary) == (
        scoring.EligibilityStatus.NOW,
        "You can apply now.",
    )
    assert "Take now" in _text(client.get(f"/results/{result.token}/"))


NEW_REPORT_KEYS = {
    "group",
    "fit",
    "reliance",
    "rated_share",
    "to_judge",
    "facts",
    "overshoot",
    "years_experience",
    "min_years",
    "role_fit_note",
    "education_needed",
    "to_do",
    "unknown",
    "qualified_by",
    "waiver_hint",
    "level_gap",
    "relevance",
    "plan",
}


def _without_new_keys(value):
    if isinstance(value, dict):
        return {k: _without_new_keys(v) for k, v in value.items() if k not in NEW_REPORT_KEYS}
    if isinstance(value, list):
        return [_without_new_keys(v) for v in value]
    return value


def test_a_report_saved_before_role_fit_groups_still_shows_as_saved(planner_result):
    # Saved under the old rules, a must-have at None could still be "nearly ready".
    old = {**_without_new_keys(planner_result.report), "band": "nearly-ready"}
    Result.objects.filter(pk=planner_result.pk).update(report=old, band="nearly-ready")

    text = _text(Client().get(f"/results/{planner_result.token}/"))

    # The stored band stands; role fit shows as one list, as it did then.
    assert '<span class="band-label">Nearly ready</span>' in text
    assert "Fits you now" not in text
    assert "Every role ranked by your readiness" in text
    rescored = services.result_rescore(result=Result.objects.get(pk=planner_result.pk))
    assert rescored.band == "developing"
    assert report_from_json(rescored.report).role_fit[0].group is not None


def test_the_same_rating_everywhere_is_a_clear_prompt_on_a_role_s_report(planner_draft):
    fill(planner_draft, 2)
    same = services.result_submit(draft=planner_draft)
    other = services.draft_start(mode="target", length="full", role_slug="production-planner")
    varied = services.result_submit(
        draft=fill(other, 2, **{"erp-systems": 3, "bill-of-materials": 1})
    )

    text = _text(Client().get(f"/results/{same.token}/"))

    assert (
        '<p class="alert alert-warning py-2 same-ratings">You gave every skill the same rating. '
        "That can be right, but people’s skills usually differ, so this figure may say little."
    ) in text
    assert "same-ratings" not in _text(Client().get(f"/results/{varied.token}/"))
