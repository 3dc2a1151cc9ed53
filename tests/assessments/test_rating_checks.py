"""The checks page of the questionnaire and what the report says of the checks."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from assessments import selectors, services
from assessments.models import Draft, Result
from assessments.reports import report_from_json
from assessments.scoring import CheckStatus
from tests.assessments.conftest import fill

pytestmark = pytest.mark.django_db

BACKGROUND = {"years_experience": "4", "education": "1", "name": "", "email": ""}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def draft() -> Draft:
    """A planner's quick check with three ratings worth checking."""
    draft = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    return fill(
        draft, 2, **{"production-scheduling": 3, "inventory-control": 4, "bill-of-materials": 3}
    )


def _checks_url(draft: Draft) -> str:
    return f"/assess/{draft.token}/checks/"


def test_the_checks_page_asks_what_the_quick_check_can_afford(draft):
    response = Client().get(_checks_url(draft))
    text = _text(response)

    assert "<title>Step 7 of 8: Check your top ratings · careerfit</title>" in text
    # Two must-haves with three statements and one question each; inventory control, not a
    # must-have for the planner, with one question: 15 ratings + 5 = 20 questions.
    assert [
        (item.skill, len(item.statements), [q.slug for q in item.questions])
        for item in response.context["items"]
    ] == [
        ("bill-of-materials", 3, ["bom-change"]),
        ("production-scheduling", 3, ["schedule-bottleneck"]),
        ("inventory-control", 0, ["inventory-cycle-count"]),
    ]
    assert "Production planning and scheduling: you said Proficient" in text
    assert "I have built a weekly schedule for a line from orders or demand figures." in text
    assert "Skip the checks" in text


def test_an_unanswered_question_is_asked_again_and_nothing_is_lost(draft):
    client = Client()
    sent = client.post(
        _checks_url(draft),
        {
            "action": "check",
            "done-production-scheduling": ["3-1", "3-2"],
            "question-bom-change": "b",
        },
    )
    assert sent["Location"] == _checks_url(draft)
    text = _text(client.get(_checks_url(draft)))

    assert "Pick an answer. If you would rather not, use “Skip the checks”." in text
    assert (
        '<input type="checkbox" name="done-production-scheduling" value="3-1" '
        'class="form-check-input" id="id_done-production-scheduling_0" checked>'
    ) in text
    assert (
        '<input type="radio" name="question-bom-change" value="b" class="form-check-input" '
        'id="id_question-bom-change_1" checked>'
    ) in text
    draft.refresh_from_db()
    assert draft.checks == {}


def _pass_and_fail(client: Client, draft: Draft) -> None:
    client.post(
        _checks_url(draft),
        {
            "action": "check",
            "done-bill-of-materials": ["3-1", "3-2"],
            "question-bom-change": "b",
            "done-production-scheduling": [],
            "question-schedule-bottleneck": "a",
            "question-inventory-cycle-count": "a",
        },
    )


def test_sent_checks_are_kept_and_each_answer_is_explained(draft):
    client = Client()
    _pass_and_fail(client, draft)
    draft.refresh_from_db()
    text = _text(client.get(_checks_url(draft)))

    assert draft.checks["bill-of-materials"] == {
        "level": 3,
        "shown": [[3, 1], [3, 2], [3, 3]],
        "ticked": [[3, 1], [3, 2]],
        "answers": {"bom-change": "b"},
    }
    assert draft.answers["production-scheduling"] == 3  # the rating is never changed
    assert "You ticked 2 of 3 things someone at this level has done." in text
    assert (
        "Not this time</span> You picked: Change the system to 96 and move on. The right "
        "answer: Recount, then look for the cause, like a move not recorded"
    ) in text
    assert '<span class="badge text-bg-success">Checked</span> The check backs your rating.' in text
    assert text.count('<span class="badge text-bg-warning">Not backed</span>') == 2
    assert "The slowest step sets the pace. Step 2 makes 40 an hour" in text
    assert "Check my answers" not in text


def test_the_report_marks_each_rating_and_gives_readiness_without_the_unbacked(draft):
    client = Client()
    _pass_and_fail(client, draft)
    client.post(f"/assess/{draft.token}/step/7/", {"action": "submit", **BACKGROUND})
    result = Result.objects.get(draft=draft)
    report = report_from_json(result.report)
    text = _text(client.get(f"/results/{result.token}/"))

    checks = {r.skill: r.check for r in report.requirements if r.rating is not None}
    assert checks["bill-of-materials"] is CheckStatus.CHECKED
    assert checks["production-scheduling"] is CheckStatus.NOT_BACKED  # nothing ticked
    assert checks["inventory-control"] is CheckStatus.NOT_BACKED  # the one question wrong
    assert checks["erp-systems"] is CheckStatus.SELF_RATED
    assert result.ratings["production-scheduling"] == 3
    assert (report.shown_readiness, report.shown_readiness_backed) == (83, 79)
    assert (
        "Counting every rating, you are <strong>83% ready</strong>. Without the 2 ratings the "
        "checks did not back (Production planning and scheduling, Inventory and materials "
        "control), you are <strong>79% ready</strong>."
    ) in text
    assert 'check-not-backed">Not backed by the check</span>' in text


def test_skipping_records_nothing_and_the_report_says_so(draft):
    client = Client()
    skipped = client.post(_checks_url(draft), {"action": "skip"})
    assert skipped["Location"] == f"/assess/{draft.token}/step/7/"
    client.post(f"/assess/{draft.token}/step/7/", {"action": "submit", **BACKGROUND})
    result = Result.objects.get(draft=draft)

    assert result.checks == {}
    assert "You skipped the checks, so this figure rests on your own ratings alone." in _text(
        client.get(f"/results/{result.token}/")
    )


def test_a_draft_with_nothing_to_check_goes_straight_to_the_page_about_the_person():
    draft = fill(
        services.draft_start(mode="target", length="quick", role_slug="production-planner"), 2
    )

    assert selectors.checks_due(draft=draft) == []
    response = Client().get(_checks_url(draft))
    assert response["Location"] == f"/assess/{draft.token}/step/7/"
    background = _text(Client().get(f"/assess/{draft.token}/step/7/"))
    assert "<title>Step 7 of 7: About you · careerfit</title>" in background


def test_the_last_page_of_questions_leads_to_the_checks_and_back():
    draft = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    fill(draft, 2, **{"production-scheduling": 3})
    client = Client()
    pages = selectors.question_pages(skill_slugs=draft.skills)
    last = pages[-1]
    data = {"action": "next", **{f"rating-{q.skill}": "2" for q in last.questions}}

    forward = client.post(f"/assess/{draft.token}/step/{len(pages)}/", data)
    back = client.post(
        f"/assess/{draft.token}/step/{len(pages) + 1}/", {"action": "back", **BACKGROUND}
    )

    assert forward["Location"] == _checks_url(draft)
    assert back["Location"] == _checks_url(draft)
    assert "<title>Step 8 of 8: About you · careerfit</title>" in _text(
        client.get(f"/assess/{draft.token}/step/{len(pages) + 1}/")
    )
    assert "<title>Step 1 of 8: " in _text(client.get(f"/assess/{draft.token}/step/1/"))


def test_each_gap_opens_the_steps_from_the_person_s_level_to_the_one_needed(planner_result):
    text = _text(Client().get(f"/results/{planner_result.token}/"))

    # Bills of materials: rated None, the planner needs Proficient: three steps up.
    gaps = text.split('id="gaps-heading"')[1]
    bom = gaps.split("Bills of materials and product data")[1].split("</details>")[0]
    assert re.findall(r"<strong>To (\w+)</strong>", bom) == ["Awareness", "Working", "Proficient"]
    assert (
        "<li>Ask a planner to show you the parts list for a product you make.</li>"
        "<li>Match the parts at your station to the list.</li>"
    ) in bom.replace("</li> <li>", "</li><li>")
    assert "<strong>To Proficient</strong>: " in bom
