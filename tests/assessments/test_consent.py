"""Sharing a result with counselors is the owner's opt-in, and withdrawing it is immediate."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from assessments import services
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_new_result_is_private_and_offers_sharing(planner_result):
    text = _text(Client().get(f"/results/{planner_result.token}/"))

    assert planner_result.shared_at is None
    assert "This result is private." in text
    assert 'name="name" value="Ana Diaz"' in text
    assert 'name="email" value="ana@example.com"' in text


def test_sharing_needs_the_box_ticked(planner_result):
    response = Client().post(
        f"/results/{planner_result.token}/share/", {"name": "Ana", "email": "ana@example.com"}
    )

    assert response.status_code == 400
    assert "Tick the box to agree, or leave this result private." in _text(response)
    planner_result.refresh_from_db()
    assert (planner_result.shared_at, planner_result.shared_name) == (None, "")


def test_sharing_records_the_contact_the_owner_chose(planner_result):
    client = Client()
    response = client.post(
        f"/results/{planner_result.token}/share/",
        {"name": "A. Diaz", "email": "adiaz@example.org", "consent": "on"},
        follow=True,
    )

    planner_result.refresh_from_db()
    assert planner_result.shared_at is not None
    assert (planner_result.shared_name, planner_result.shared_email) == (
        "A. Diaz",
        "adiaz@example.org",
    )
    text = _text(response)
    assert "Shared. careerfit’s career counselors can now see this result." in text
    assert "as A. Diaz (adiaz@example.org)." in text


def test_withdrawing_hides_it_again_and_erases_the_contact(planner_result):
    services.result_share(result=planner_result, name="Ana", email="ana@example.com")

    response = Client().post(f"/results/{planner_result.token}/withdraw/", follow=True)

    planner_result.refresh_from_db()
    assert (planner_result.shared_at, planner_result.shared_name, planner_result.shared_email) == (
        None,
        "",
        "",
    )
    assert "You stopped sharing. Counselors can no longer see this result." in _text(response)


def test_sharing_again_keeps_the_first_date(planner_result):
    first = services.result_share(result=planner_result, name="Ana", email="").shared_at

    again = services.result_share(result=planner_result, name="Ana D.", email="")

    assert again.shared_at == first
    assert again.shared_name == "Ana D."


def test_contact_details_without_sharing_are_refused(planner_result):
    planner_result.shared_name = "Ana"

    with pytest.raises(
        ValidationError, match=r"Contact details are kept only while a result is shared\."
    ):
        planner_result.full_clean()


def test_only_the_owner_can_share_an_owned_result(planner_result, job_seeker, admin_user):
    planner_result.owner = admin_user
    planner_result.save()

    for client in (Client(), client_for(job_seeker)):
        response = client.post(
            f"/results/{planner_result.token}/share/", {"name": "X", "consent": "on"}
        )
        assert response.status_code == 404
    planner_result.refresh_from_db()
    assert planner_result.shared_at is None
    assert client_for(admin_user).get(f"/results/{planner_result.token}/share/").status_code == 405
