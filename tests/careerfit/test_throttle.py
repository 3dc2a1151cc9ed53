"""Limits per client address, behind the trusted proxies: lockout that never shuts the
real owner out, a stop to password spraying, and 429s with Retry-After on every limit."""

from __future__ import annotations

import ipaddress
import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from assessments.models import Draft
from careerfit.clients import client_ip
from careerfit.settings import _RATE_DEFAULTS, env_networks, env_rate

PROXY = "127.0.0.1"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]


def _from(address: str) -> Client:
    """A browser at `address`, reaching careerfit through the trusted nginx."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def _ip(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/")
    request.META.update(meta)
    return client_ip(request)


def test_without_trusted_proxies_the_client_is_the_connection(settings):
    settings.TRUSTED_PROXIES = []
    assert _ip("198.51.100.7") == "198.51.100.7"
    # A header from a client that reached careerfit directly is the client's own claim.
    assert _ip("198.51.100.7", "203.0.113.5") == "198.51.100.7"


def test_behind_trusted_proxies_the_client_is_the_right_most_untrusted_hop(settings, monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    settings.TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
    assert _ip("127.0.0.1", "203.0.113.5") == "203.0.113.5"
    # Whatever the client wrote first is ignored; nginx appended the real address.
    assert _ip("127.0.0.1", "6.6.6.6, 203.0.113.5") == "203.0.113.5"
    # Two trusted hops (a load balancer, then nginx) are both skipped.
    assert _ip("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.2.3") == "203.0.113.5"
    assert _ip("127.0.0.1", "2001:db8::1") == "2001:db8::1"
    # Nothing forwarded: the proxy itself is the only address known.
    assert _ip("127.0.0.1") == "127.0.0.1"
    # A malformed hop ends the walk at the last address a proxy vouched for.
    assert _ip("127.0.0.1", "not-an-address, 10.1.2.3") == "10.1.2.3"
    # An untrusted connection is the client, whatever it forwards.
    assert _ip("198.51.100.7", "203.0.113.5") == "198.51.100.7"


def test_settings_refuse_malformed_proxies_and_rates(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1,nginx")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES must list IP addresses"):
        env_networks("TRUSTED_PROXIES")
    for bad in ["30", "30/0m", "0/m", "ten/m", "30/15y", "30/m/2"]:
        monkeypatch.setenv("RATE_LIMIT_SIGNUP", bad)
        with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT_SIGNUP must be a rate"):
            env_rate("RATE_LIMIT_SIGNUP", "10/h")
    monkeypatch.setenv("RATE_LIMIT_SIGNUP", "25/2h")
    assert env_rate("RATE_LIMIT_SIGNUP", "10/h") == "25/2h"


def test_the_default_limits_are_the_documented_ones(settings):
    assert _RATE_DEFAULTS == {
        "login_failures": "30/15m",
        "signup": "10/h",
        "password_reset": "10/h",
        "questionnaire_start": "40/10m",
        "api_scoring": "60/m",
    }
    assert settings.RATE_LIMITS == _RATE_DEFAULTS


def _login(client: Client, email: str, password: str):
    return client.post("/account/login/", {"username": email, "password": password})


@pytest.mark.django_db
def test_failures_from_one_address_never_lock_the_owner_out_at_another(behind_proxy):
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    attacker = _from("203.0.113.66")
    for _ in range(5):
        _login(attacker, "sam@example.com", "guess")
    locked = _login(attacker, "sam@example.com", "plant-floor-2026")
    assert locked.status_code == 429
    assert "paused for 15 minutes" in _text(locked)

    owner = _from("198.51.100.20")
    response = _login(owner, "sam@example.com", "plant-floor-2026")

    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(User.objects.get().pk)


@pytest.mark.django_db
def test_one_address_trying_many_emails_is_stopped(behind_proxy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login_failures": "8/15m"}
    for n in range(12):
        User.objects.create_user(f"p{n}@example.com", f"p{n}@example.com", "plant-floor-2026")
    sprayer = _from("203.0.113.66")
    answers = [_login(sprayer, f"p{n}@example.com", "Winter2026!").status_code for n in range(12)]

    # Eight wrong passwords over eight emails, then a pause for every email from there.
    assert answers == [200] * 8 + [429] * 4
    paused = _login(sprayer, "p0@example.com", "plant-floor-2026")
    assert paused.status_code == 429
    assert 1 <= int(paused["Retry-After"]) <= 15 * 60
    assert "Please try again in" in _text(paused)
    # Someone else at another address logs in as usual.
    other = _from("198.51.100.20")
    assert _login(other, "p0@example.com", "plant-floor-2026").status_code == 302


@pytest.mark.django_db
def test_a_right_password_does_not_count_against_the_address(behind_proxy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login_failures": "2/15m"}
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    center = _from("203.0.113.10")
    for _ in range(3):
        assert _login(center, "sam@example.com", "plant-floor-2026").status_code == 302
        center.post("/account/logout/")
    assert _login(center, "sam@example.com", "plant-floor-2026").status_code == 302


def _signup(client: Client, n: int):
    email = f"new{n}@example.com"
    return client.post(
        "/account/signup/",
        {"email": email, "password1": "plant-floor-2026", "password2": "plant-floor-2026"},
    )


@pytest.mark.django_db
def test_signups_from_one_address_are_limited(behind_proxy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": "3/h"}
    client = _from("203.0.113.66")
    codes = [_signup(client, n).status_code for n in range(3)]
    limited = _signup(client, 3)

    assert codes == [200, 200, 200]
    assert limited.status_code == 429
    assert limited["Cache-Control"] == "no-store"
    assert 1 <= int(limited["Retry-After"]) <= 3600
    assert "<title>Too many tries" in limited.content.decode()
    assert "Nothing you already saved is lost." in _text(limited)
    assert User.objects.count() == 3
    assert _signup(_from("198.51.100.20"), 4).status_code == 200


@pytest.mark.django_db
def test_reset_mail_requests_from_one_address_are_limited(
    behind_proxy, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": "2/h"}
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    client = _from("203.0.113.66")
    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            client.post("/account/password_reset/", {"email": "sam@example.com"}).status_code
            for _ in range(3)
        ]

    assert codes == [302, 302, 429]
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_questionnaires_started_from_one_address_are_limited(behind_proxy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "questionnaire_start": "4/10m"}
    start = {"mode": "target", "length": "quick", "role": "production-planner"}
    client = _from("203.0.113.66")
    codes = [client.post("/assess/", start).status_code for _ in range(6)]

    assert codes == [302] * 4 + [429] * 2
    assert Draft.objects.count() == 4
    # Reading the start page is never limited.
    assert client.get("/assess/").status_code == 200
    assert _from("198.51.100.20").post("/assess/", start).status_code == 302


@pytest.mark.django_db
def test_the_scoring_api_answers_429_in_json_after_its_limit(behind_proxy, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_scoring": "2/m"}
    body = json.dumps(
        {
            "role": "production-planner",
            "ratings": {"erp-systems": 2},
            "years_experience": 2,
            "education": "associate",
        }
    )
    client = _from("203.0.113.66")
    answers = [
        client.post("/api/assessments/score", body, content_type="application/json")
        for _ in range(3)
    ]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"detail": "Too many requests."}
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    # The catalogue is read as often as anyone likes.
    assert client.get("/api/roles/").status_code == 200
    other = _from("198.51.100.20")
    assert (
        other.post("/api/assessments/score", body, content_type="application/json").status_code
        == 200
    )
