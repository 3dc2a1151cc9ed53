"""The plan a counselor agreed, as the job seeker sees it on their own result page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from assessments import services
from assessments.counselor import services as counselor_services
from assessments.models import ActionStep, Result, Review
from tests.assessments.conftest import fill
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def shared(planner_result, job_seeker, counselor) -> Result:
    Result.objects.filter(pk=planner_result.pk).update(owner=job_seeker)
    planner_result.refresh_from_db()
    services.result_share(result=planner_result, name="Ana Diaz", email="ana@example.com")
    counselor_services.review_status_set(
        review=Review.objects.get(result=planner_result), status="in-review", by=counselor
    )
    counselor_services.note_add(result=planner_result, author=counselor, text="Seems keen.")
    counselor_services.action_step_add(
        result=planner_result, title="Book the CPIM exam", due_on=date(2027, 3, 1), by=counselor
    )
    counselor_services.action_step_add(
        result=planner_result, title="Ask for BOM work", due_on=None, by=counselor
    )
    return planner_result


def _step(title: str) -> ActionStep:
    return ActionStep.objects.get(title=title)


def test_the_job_seeker_sees_the_status_and_the_steps_never_the_notes(
    shared, job_seeker, django_assert_num_queries
):
    client = client_for(job_seeker)
    client.get(f"/results/{shared.token}/")  # the catalogue parts are kept after one visit

    # The result; session, user and the menu's two permission lookups; the review, the
    # plan's steps and any newer attempt.
    with django_assert_num_queries(8):
        response = client.get(f"/results/{shared.token}/")

    text = _text(response)
    assert "Your plan with a career counselor" in text
    assert "Status: <strong>In review</strong>" in text
    assert (
        '<span class="badge text-bg-secondary">To do</span> Book the CPIM exam '
        '<span class="d-block small text-body-secondary">Aim to finish by 1 March 2027.</span>'
    ) in text
    assert 'I did this<span class="visually-hidden">: Ask for BOM work</span>' in text
    assert "Seems keen." not in text


def test_an_unshared_result_has_no_plan(planner_result):
    text = _text(Client().get(f"/results/{planner_result.token}/"))

    assert "Your plan with a career counselor" not in text


def test_ticking_a_step_off_is_kept_and_the_counselor_sees_who_did_it(
    shared, job_seeker, counselor
):
    client = client_for(job_seeker)
    step = _step("Book the CPIM exam")

    response = client.post(
        f"/results/{shared.token}/steps/{step.pk}/done/", {"done": "on"}, follow=True
    )

    assert response.redirect_chain == [(f"/results/{shared.token}/#plan", 302)]
    assert "“Book the CPIM exam” is done." in _text(response)
    step.refresh_from_db()
    assert step.is_done
    latest = step.history.latest()
    assert (latest.history_change_reason, latest.history_user) == (
        services.MARKED_BY_JOB_SEEKER,
        job_seeker,
    )
    page = _text(client_for(counselor).get(f"/counselor/results/{shared.pk}/"))
    assert "Ticked off by the job seeker." in page

    # The counselor reopens it: the last change is theirs now.
    counselor_services.action_step_set_done(step=step, done=False, by=counselor)
    page = _text(client_for(counselor).get(f"/counselor/results/{shared.pk}/"))
    assert "by the job seeker." not in page


def test_a_step_can_be_reopened(shared, job_seeker):
    client = client_for(job_seeker)
    step = _step("Ask for BOM work")
    client.post(f"/results/{shared.token}/steps/{step.pk}/done/", {"done": "on"})

    response = client.post(f"/results/{shared.token}/steps/{step.pk}/done/", {}, follow=True)

    assert "“Ask for BOM work” is open again." in _text(response)
    step.refresh_from_db()
    assert step.done_at is None


def test_a_step_of_another_result_or_of_a_withdrawn_one_is_not_found(shared, job_seeker):
    client = client_for(job_seeker)
    other = services.draft_start(mode="target", length="quick", role_slug="production-lead")
    mine = services.result_submit(draft=fill(other))
    Result.objects.filter(pk=mine.pk).update(owner=job_seeker)
    step = _step("Book the CPIM exam")

    elsewhere = client.post(f"/results/{mine.token}/steps/{step.pk}/done/", {"done": "on"})
    services.result_withdraw(result=shared)
    withdrawn = client.post(f"/results/{shared.token}/steps/{step.pk}/done/", {"done": "on"})

    assert (elsewhere.status_code, withdrawn.status_code) == (404, 404)
    step.refresh_from_db()
    assert step.done_at is None


def test_a_result_withdrawn_meanwhile_refuses_the_tick(shared, job_seeker):
    step = _step("Book the CPIM exam")
    Result.objects.filter(pk=shared.pk).update(shared_at=None, shared_name="", shared_email="")

    with pytest.raises(services.Gone):
        services.action_step_mark(step=step, done=True, by=job_seeker)
    step.refresh_from_db()
    assert step.done_at is None
