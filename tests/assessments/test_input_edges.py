"""Edges of input a real person (or a second tab) produces: text longer than its column is
a form error, a save racing a delete gets a page saying the record is gone, and a CSV
never carries a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import re
from unittest import mock

import pytest
from django.test import Client

from assessments import services
from assessments.forms import rating_field_name
from assessments.models import Draft, Result
from roles.models import Skill
from tests.assessments.conftest import BACKGROUND_ANSWERS

pytestmark = pytest.mark.django_db

LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example"  # 255 characters


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_long_email_is_longer_than_the_column():
    assert len(LONG_EMAIL) == 255
    assert Draft._meta.get_field("email").max_length == 254
    assert Result._meta.get_field("shared_email").max_length == 254


def test_a_too_long_email_on_the_last_step_is_a_form_error(planner_draft):
    services.draft_save_answers(draft=planner_draft, answers=dict.fromkeys(planner_draft.skills, 2))
    last = Client().get(f"/assess/{planner_draft.token}/")["Location"]

    response = Client().post(
        last, {"action": "submit", **BACKGROUND_ANSWERS, "email": LONG_EMAIL}, follow=True
    )

    assert response.redirect_chain == [(last, 302)]
    assert "Ensure this value has at most 254 characters (it has 255)." in _text(response)
    planner_draft.refresh_from_db()
    assert planner_draft.email == ""
    assert not Result.objects.exists()


def test_a_too_long_email_in_the_share_form_is_a_form_error(planner_result):
    response = Client().post(
        f"/results/{planner_result.token}/share/",
        {"name": "Jo", "email": LONG_EMAIL, "consent": "on"},
    )

    assert response.status_code == 400
    assert "Ensure this value has at most 254 characters (it has 255)." in _text(response)
    planner_result.refresh_from_db()
    assert (planner_result.shared_at, planner_result.shared_email) == (None, "")


def _deleted_behind_the_view(record):
    """The record as a view read it, just before another tab deleted it."""
    stale = type(record).objects.get(pk=record.pk)
    type(record).objects.filter(pk=record.pk).delete()
    return stale


GONE = "This result or questionnaire no longer exists"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("share/", {"name": "Jo", "email": "", "consent": "on"}),
        ("withdraw/", {}),
    ],
)
def test_sharing_a_result_deleted_meanwhile_says_it_is_gone(planner_result, path, data):
    stale = _deleted_behind_the_view(planner_result)
    with mock.patch("assessments.views.selectors.result_by_token", return_value=stale):
        response = Client().post(f"/results/{stale.token}/{path}", data)

    assert response.status_code == 404
    assert GONE in _text(response)
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    ("step", "data"),
    [
        (1, {"action": "next"}),
        (7, {"action": "next", **BACKGROUND_ANSWERS}),
        (7, {"action": "submit", **BACKGROUND_ANSWERS}),
    ],
)
def test_saving_a_questionnaire_deleted_meanwhile_says_it_is_gone(planner_draft, step, data):
    questions = Client().get(f"/assess/{planner_draft.token}/step/1/").context["page"].questions
    ratings = {rating_field_name(q.skill): "2" for q in questions}
    services.draft_save_answers(draft=planner_draft, answers=dict.fromkeys(planner_draft.skills, 2))
    stale = _deleted_behind_the_view(planner_draft)
    stale.result_token = None  # as selectors.draft_by_token annotates it
    with mock.patch("assessments.views.selectors.draft_by_token", return_value=stale):
        response = Client().post(f"/assess/{stale.token}/step/{step}/", {**ratings, **data})

    assert response.status_code == 404
    assert GONE in _text(response)
    assert not Draft.objects.exists()
    assert not Result.objects.exists()


def test_the_owners_csv_cannot_carry_a_spreadsheet_formula(planner_result):
    Skill.objects.filter(slug="bill-of-materials").update(
        name='=HYPERLINK("http://evil.example","BOM")'
    )
    report = planner_result.report
    for row in report["requirements"]:
        if row["skill"] == "bill-of-materials":
            row["skill_name"] = '=HYPERLINK("http://evil.example","BOM")'
    Result.objects.filter(pk=planner_result.pk).update(report=report)

    response = Client().get(f"/results/{planner_result.token}/report.csv")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]

    [bom] = [row for row in csv.reader(io.StringIO(body.decode())) if "HYPERLINK" in row[4]]
    assert bom[4] == '\'=HYPERLINK("http://evil.example","BOM")'


def test_submitting_without_the_background_sends_the_person_back_to_it(planner_draft):
    services.draft_save_answers(draft=planner_draft, answers=dict.fromkeys(planner_draft.skills, 2))
    client = Client()
    last = client.get(f"/assess/{planner_draft.token}/")["Location"]
    # Another tab cleared the answers about the person after this page was drawn.
    with mock.patch("assessments.views.services.draft_save_background"):
        response = client.post(last, {"action": "submit", **BACKGROUND_ANSWERS}, follow=True)

    assert response.redirect_chain == [(last, 302)]
    assert "Please fill in your years of experience and education." in _text(response)
    assert not Result.objects.exists()


def test_submitting_for_a_role_taken_out_of_the_catalogue_explains_it(planner_draft):
    services.draft_save_answers(draft=planner_draft, answers=dict.fromkeys(planner_draft.skills, 2))
    client = Client()
    last = client.get(f"/assess/{planner_draft.token}/")["Location"]
    with mock.patch(
        "assessments.views.services.result_submit", side_effect=services.RoleUnavailable
    ):
        response = client.post(last, {"action": "submit", **BACKGROUND_ANSWERS}, follow=True)

    assert response.redirect_chain == [("/assess/", 302)]
    assert "The role you chose is no longer in careerfit" in _text(response)


def test_a_signed_in_person_submitting_an_anonymous_draft_takes_it_over(planner_draft, job_seeker):
    services.draft_save_answers(draft=planner_draft, answers=dict.fromkeys(planner_draft.skills, 2))
    client = Client()
    client.force_login(job_seeker)
    last = client.get(f"/assess/{planner_draft.token}/")["Location"]
    client.post(last, {"action": "submit", **BACKGROUND_ANSWERS})

    result = Result.objects.get()
    planner_draft.refresh_from_db()
    assert (result.owner, planner_draft.owner) == (job_seeker, job_seeker)


def test_judging_a_role_not_in_the_catalogue_is_refused(planner_result):
    with pytest.raises(services.RoleUnavailable):
        services.draft_to_judge(result=planner_result, role_slug="astronaut")
