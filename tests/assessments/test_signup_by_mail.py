"""With mail configured, signing up never tells whether an email has an account: the page
is the same either way, and the mail says what happened."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from assessments import services
from assessments.models import Draft, Result
from tests.assessments.conftest import BACKGROUND_ANSWERS, background_step_url
from tests.conftest import without_csrf

pytestmark = pytest.mark.django_db

PASSWORD = "plant-floor-2026"


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _signup(client: Client, email: str, password: str = PASSWORD):
    return client.post(
        "/account/signup/", {"email": email, "password1": password, "password2": password}
    )


def _link(body: str) -> str:
    [url] = re.findall(r"http://testserver(/account/signup/confirm/\S+/)", body)
    return url


def test_a_taken_email_gets_the_same_page_as_a_new_one(
    mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.create_user("taken@example.com", "taken@example.com", "older-pass-2020")
    with django_capture_on_commit_callbacks(execute=True):
        new = _signup(Client(), "New@Example.com")
        taken = _signup(Client(), "Taken@Example.com")

    def page(response, email):
        return without_csrf(response).replace(email, "EMAIL")

    assert (new.status_code, taken.status_code) == (200, 200)
    assert page(new, "new@example.com") == page(taken, "taken@example.com")
    assert "Check your email" in new.content.decode()
    assert [m.to for m in mailoutbox] == [["new@example.com"], ["taken@example.com"]]
    assert mailoutbox[0].subject == "Confirm your email for careerfit"
    assert mailoutbox[1].subject == "You already have a careerfit account"
    assert "nothing was changed" in mailoutbox[1].body
    # The existing account keeps its password; the new one waits for its link.
    assert User.objects.get(username="taken@example.com").check_password("older-pass-2020")
    waiting = User.objects.get(username="new@example.com")
    assert (waiting.is_active, waiting.check_password(PASSWORD)) == (False, True)
    assert (
        Client()
        .post("/account/login/", {"username": "new@example.com", "password": PASSWORD})
        .status_code
        == 200
    )  # not yet: the login form says the details don't match


def test_the_link_confirms_logs_in_and_offers_this_browsers_results(
    mailoutbox, django_capture_on_commit_callbacks
):
    browser = Client()
    browser.post("/assess/", {"mode": "target", "length": "quick", "role": "production-planner"})
    draft = Draft.objects.get()
    services.draft_save_answers(draft=draft, answers=dict.fromkeys(draft.skills, 2))
    browser.post(background_step_url(draft), {"action": "submit", **BACKGROUND_ANSWERS})
    result = Result.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        _signup(browser, "sam@example.com")
    link = _link(mailoutbox[0].body)

    confirmed = browser.get(link, follow=True)

    assert confirmed.redirect_chain == [("/account/claim/", 302)]
    assert "Your email is confirmed and your account is ready." in confirmed.content.decode()
    user = User.objects.get(username="sam@example.com")
    assert user.is_active
    assert browser.session["_auth_user_id"] == str(user.pk)
    browser.post("/account/claim/", {"action": "add"})
    result.refresh_from_db()
    assert result.owner == user
    # The link works once.
    again = Client().get(link)
    assert again.status_code == 400
    assert "This link no longer works" in again.content.decode()


def test_signing_up_again_before_confirming_resends_the_link_and_keeps_the_password(
    mailoutbox, django_capture_on_commit_callbacks
):
    # Within the same second: a link's token carries the second it was made in.
    with (
        time_machine.travel(timezone.now(), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _signup(Client(), "sam@example.com")
        _signup(Client(), "sam@example.com", "someone-elses-9876")

    assert [m.subject for m in mailoutbox] == ["Confirm your email for careerfit"] * 2
    assert _link(mailoutbox[0].body) == _link(mailoutbox[1].body)
    user = User.objects.get()
    assert user.check_password(PASSWORD)
    assert Client().get(_link(mailoutbox[1].body))["Location"] == "/account/results/"


@pytest.mark.parametrize(
    "path",
    [
        "/account/signup/confirm/MQ/wrong-token/",
        "/account/signup/confirm/not-base64!/x/",
        "/account/signup/confirm/OTk5OTk5/x/",
    ],
)
def test_a_broken_link_says_so(path):
    User.objects.create_user("sam@example.com", "sam@example.com", PASSWORD, is_active=False)
    response = Client().get(path)
    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()
