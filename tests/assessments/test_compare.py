"""A result's role beside the person's job now, with their own ratings in both."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from assessments.models import Draft, Result
from roles import selectors as role_selectors
from tests.assessments.conftest import BACKGROUND_ANSWERS, background_step_url, fill

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _with_current_role(result: Result, slug: str) -> Result:
    Result.objects.filter(pk=result.pk).update(current_role_slug=slug)
    result.refresh_from_db()
    return result


def test_the_last_page_asks_for_the_job_now_and_the_result_keeps_it(planner_draft):
    fill(planner_draft)
    client = Client()
    url = background_step_url(planner_draft)
    page = _text(client.get(url))
    assert '<label for="id_current_role" class="form-label">' in page
    assert "Your job now (optional)" in page
    assert '<option value="" selected>None of these, or I’d rather not say</option>' in page

    response = client.post(
        url, {**BACKGROUND_ANSWERS, "current_role": "production-scheduler", "action": "submit"}
    )

    result = Result.objects.get(draft=planner_draft)
    assert response["Location"] == f"/results/{result.token}/"
    assert result.current_role_slug == "production-scheduler"
    download = json.loads(client.get(f"/results/{result.token}/report.json").content)
    assert download["answers"]["current_role"] == "production-scheduler"


def test_a_job_that_is_not_in_the_list_is_refused_and_nothing_is_lost(planner_draft):
    fill(planner_draft)
    client = Client()
    url = background_step_url(planner_draft)

    response = client.post(
        url, {**BACKGROUND_ANSWERS, "current_role": "astronaut", "action": "next"}, follow=True
    )

    assert "Choose one of the listed roles, or leave it empty." in _text(response)
    planner_draft.refresh_from_db()
    assert planner_draft.current_role_slug == ""
    assert planner_draft.name == "Ana Diaz"  # what fill() saved is still there
    assert not Result.objects.exists()


def test_a_retake_keeps_the_job_now(planner_result):
    _with_current_role(planner_result, "production-scheduler")

    Client().post(f"/results/{planner_result.token}/retake/")

    assert Draft.objects.get(previous=planner_result).current_role_slug == "production-scheduler"


def test_the_report_links_the_job_now_to_the_comparison(planner_result):
    _with_current_role(planner_result, "production-scheduler")

    text = _text(Client().get(f"/results/{planner_result.token}/"))

    assert (
        f'<a class="btn btn-outline-primary" href="/results/{planner_result.token}/compare/">'
        "Compare Production Scheduler with Production Planner</a>"
    ) in text
    assert '<dt class="col-sm-4">Job now</dt><dd class="col-sm-8">Production Scheduler</dd>' in text


def test_a_job_now_that_is_the_role_itself_offers_the_other_roles(planner_result):
    _with_current_role(planner_result, "production-planner")

    text = _text(Client().get(f"/results/{planner_result.token}/"))

    assert "Compare Production Planner with Production Planner" not in text
    assert '<option value="production-scheduler">Production Scheduler</option>' in text


def test_without_a_job_now_the_report_offers_every_other_role(planner_result):
    text = _text(Client().get(f"/results/{planner_result.token}/"))

    assert f'action="/results/{planner_result.token}/compare/"' in text
    assert '<option value="production-scheduler">Production Scheduler</option>' in text
    assert '<option value="production-planner"' not in text


def test_the_compare_box_lists_every_other_role_in_the_page_s_language(planner_result):
    others = [
        slug for slug, _title in role_selectors.role_choices() if slug != "production-planner"
    ]

    for language, label, scheduler in (
        ("en", "Your job now, or another role", "Production Scheduler"),
        ("es", "Su trabajo actual, u otro puesto", "Programador de producción"),
    ):
        text = _text(
            Client().get(f"/results/{planner_result.token}/", HTTP_ACCEPT_LANGUAGE=language)
        )
        box = re.search(
            r'<select name="from" class="select form-select" required id="id_from">(.*?)</select>',
            text,
        )

        assert box is not None
        assert f'<label for="id_from" class="form-label requiredField">{label}<span' in text
        assert re.findall(r'<option value="([^"]*)"', box.group(1)) == ["", *others]
        assert f'<option value="production-scheduler">{scheduler}</option>' in box.group(1)
    assert len(others) == 21


def test_the_comparison_puts_the_person_s_levels_beside_both(
    planner_result, django_assert_num_queries
):
    _with_current_role(planner_result, "production-scheduler")
    role_selectors.role_choices()  # kept in the catalogue cache, as a visited site has it
    client = Client()

    # The result; then the two roles, their requirements, named certifications, steps.
    with django_assert_num_queries(5):
        response = client.get(f"/results/{planner_result.token}/compare/")

    text = _text(response)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert '<h1 class="h2">Production Scheduler and Production Planner</h1>' in text
    assert "Skills Production Planner needs more of" in text
    assert '<th scope="col">You</th>' in text
    # The planner needs BOMs at Proficient; the scheduler does not ask; this person said 0.
    bills = text.split("Bills of materials and product data</th>")[1].split("</tr>")[0]
    assert 'data-label="Production Scheduler">Not asked</td>' in bills
    assert '<td data-label="You">None (0)</td>' in bills


def test_another_role_can_be_chosen_and_an_unknown_one_is_a_404(planner_result):
    client = Client()
    chosen = client.get(f"/results/{planner_result.token}/compare/?from=production-manager")
    unknown = client.get(f"/results/{planner_result.token}/compare/?from=astronaut")
    unset = client.get(f"/results/{planner_result.token}/compare/")

    assert '<h1 class="h2">Production Manager and Production Planner</h1>' in _text(chosen)
    assert unknown.status_code == 404
    assert "careerfit has no role called “astronaut”. Choose one from the list." in _text(unknown)
    assert (unset.status_code, "Pay, entry and outlook" in _text(unset)) == (200, False)
    assert '<h1 class="h2">Compare with Production Planner</h1>' in _text(unset)


def test_a_stranger_cannot_compare_someone_else_s_result(planner_result, job_seeker):
    Result.objects.filter(pk=planner_result.pk).update(owner=job_seeker)
    stranger = Client()

    response = stranger.get(f"/results/{planner_result.token}/compare/?from=production-manager")

    assert response.status_code == 404
    assert "Ana Diaz" not in _text(response)
