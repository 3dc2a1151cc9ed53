"""Error pages in the site's own layout, in plain words, each with a way back."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _in_layout(response, title: str) -> None:
    html = response.content.decode()
    assert f"<title>{title} · careerfit</title>" in html
    assert '<a class="nav-link" href="/roles/"' in html  # the site's menu
    assert 'href="/"' in html  # a way back
    assert "Content-Security-Policy" in response


def test_a_missing_page_says_so_and_offers_the_way_on():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    _in_layout(response, "Page not found")
    assert "We can’t find that page" in _text(response)
    assert 'href="/assess/"' in response.content.decode()


def test_a_deleted_result_link_gets_the_same_page():
    response = Client().get("/results/not-a-real-result-token/")
    assert response.status_code == 404
    assert "If it was a link to your results, they may have been deleted." in _text(response)


def test_a_job_seeker_in_the_counselor_workspace_is_told_why(job_seeker):
    response = client_for(job_seeker).get("/counselor/")
    assert response.status_code == 403
    _in_layout(response, "Not allowed")
    assert "Counselor pages are only for counselor accounts" in _text(response)
    assert "My results" in _text(response)  # still signed in, with their own menu


def test_a_form_without_its_csrf_token_asks_to_send_it_again():
    response = Client(enforce_csrf_checks=True).post(
        "/assess/", {"mode": "target", "role": "production-manager", "length": "quick"}
    )
    assert response.status_code == 403
    _in_layout(response, "Please try again")
    text = _text(response)
    assert "Please send that again" in text
    assert "Go back, reload the page and send it again." in text


def test_an_unreadable_request_gets_the_400_page():
    response = Client(raise_request_exception=False).get("/", headers={"host": "evil example"})
    assert response.status_code == 400
    _in_layout(response, "Request not understood")
    assert "careerfit could not read that request" in _text(response)
