"""“Not sure”: an answer beside the five levels that counts as not rated, never as zero."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from assessments import services
from assessments.models import Draft, Result
from assessments.reports import report_from_json
from tests.assessments.conftest import fill

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _step_url(draft: Draft, step: int) -> str:
    return f"/assess/{draft.token}/step/{step}/"


def test_not_sure_is_an_answer_kept_apart_from_the_ratings(planner_draft):
    client = Client()
    page = _text(client.get(_step_url(planner_draft, 1)))
    skills = re.findall(r'name="rating-([\w-]+)" id="[\w-]+_unsure" value="unsure"', page)
    assert skills[:2] == ["bill-of-materials", "mrp-demand-planning"]
    assert "Not counted for or against you; your report lists it." in page
    answers = {f"rating-{skill}": "2" for skill in skills}
    answers["rating-bill-of-materials"] = "unsure"

    response = client.post(_step_url(planner_draft, 1), {**answers, "action": "next"})

    assert response["Location"] == _step_url(planner_draft, 2)
    planner_draft.refresh_from_db()
    assert planner_draft.unsure == ["bill-of-materials"]
    assert "bill-of-materials" not in planner_draft.answers
    assert planner_draft.answered_count == len(skills)
    again = _text(client.get(_step_url(planner_draft, 1)))
    assert 'id="id_rating-bill-of-materials_unsure" value="unsure" checked>' in again


def test_a_level_given_later_replaces_not_sure_and_the_other_way_round(planner_draft):
    services.draft_save_answers(draft=planner_draft, answers={}, unsure=["erp-systems"])
    services.draft_save_answers(draft=planner_draft, answers={"erp-systems": 3})
    planner_draft.refresh_from_db()
    assert (planner_draft.answers, planner_draft.unsure) == ({"erp-systems": 3}, [])

    services.draft_save_answers(draft=planner_draft, answers={}, unsure=["erp-systems"])
    planner_draft.refresh_from_db()
    assert (planner_draft.answers, planner_draft.unsure) == ({}, ["erp-systems"])


def test_a_not_sure_skill_is_unrated_in_the_report_never_zero(planner_draft):
    fill(planner_draft, 3)
    services.draft_save_answers(draft=planner_draft, answers={}, unsure=["bill-of-materials"])

    result = services.result_submit(draft=planner_draft)

    report = report_from_json(result.report)
    assert result.unsure == ["bill-of-materials"]
    assert "bill-of-materials" not in result.ratings
    assert [(r.skill, r.rating, r.points_lost) for r in report.unrated] == [
        ("bill-of-materials", None, 0.0)
    ]
    assert [gap.skill for gap in report.gaps] == []  # rated 3 everywhere else: no gap
    # A must-have left unrated keeps the role from Ready, but costs no points.
    assert (report.readiness, report.band.value) == (100.0, "nearly-ready")


def test_the_report_names_them_and_asks_them_again(planner_draft):
    fill(planner_draft, 2)
    services.draft_save_answers(
        draft=planner_draft, answers={}, unsure=["bill-of-materials", "erp-systems"]
    )
    result = services.result_submit(draft=planner_draft)
    client = Client()

    text = _text(client.get(f"/results/{result.token}/"))
    assert (
        "You answered <strong>Not sure</strong> for 2 skills: Bills of materials and product "
        "data, ERP systems (SAP, Oracle, NetSuite). They are not counted for or against you."
    ) in text
    # Both are must-haves, so coming back to them is also what judges the role: one button.
    assert "Come back to them now</button>" in text
    assert (
        'class="btn btn-outline-primary btn-sm">Answer 2 more questions to judge this role'
    ) not in text

    response = client.post(f"/results/{result.token}/unsure/", follow=True)

    draft = Draft.objects.get(previous=result)
    assert response.redirect_chain == [(_step_url(draft, 1), 302)]
    assert "2 questions you were not sure about. Your other answers are kept." in _text(response)
    assert draft.skills == ["bill-of-materials", "erp-systems"]
    assert draft.kept_answers == result.ratings
    services.draft_save_answers(draft=draft, answers={"bill-of-materials": 3, "erp-systems": 3})
    again = services.result_submit(draft=draft)
    assert again.unsure == []
    assert again.ratings == {**result.ratings, "bill-of-materials": 3, "erp-systems": 3}
    assert again.previous == result


def test_a_result_with_nothing_unsure_has_nothing_to_ask_again(planner_result):
    response = Client().post(f"/results/{planner_result.token}/unsure/", follow=True)

    assert "You rated every skill in this result." in _text(response)
    assert not Draft.objects.filter(previous=planner_result).exists()
    assert Result.objects.count() == 1
