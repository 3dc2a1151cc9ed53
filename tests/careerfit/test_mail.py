"""Mail that cannot leak: production never prints it, and without a mail server the
password reset page sends people to the site's admins instead of a link nobody gets."""

from __future__ import annotations

import logging
import re
import subprocess

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.checks.registry import registry
from django.test import Client

from careerfit.checks import CONSOLE_MAIL, mail_is_not_printed
from tests.conftest import careerfit_process

NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"

BACKEND = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
print(settings.EMAIL_BACKEND, settings.EMAIL_TIMEOUT)
call_command("check")
"""


def _fresh_process(script: str = BACKEND, **env: str) -> subprocess.CompletedProcess:
    return careerfit_process(
        script,
        drop=("EMAIL_", "DEBUG"),
        **{"DJANGO_SETTINGS_MODULE": "careerfit.settings", "SECRET_KEY": "s", **env},
    )


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"DEBUG": "false"}, NO_MAIL),
        ({"DEBUG": "true"}, CONSOLE_MAIL),
        ({"DEBUG": "false", "EMAIL_HOST": "smtp.center.example"}, "smtp.EmailBackend"),
    ],
)
def test_production_sends_mail_through_a_server_or_none_and_never_prints_it(env, backend):
    result = _fresh_process(**env, EMAIL_TIMEOUT="7")
    assert result.returncode == 0, result.stderr
    chosen, timeout = result.stdout.split()[:2]
    assert chosen.endswith(backend)
    assert timeout == "7"


EMAIL_SETTINGS = """
import django
django.setup()
from django.conf import settings
print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER,
      settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL)
"""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://mailer:p%40ss@smtp.center.example:2525",
            "smtp.EmailBackend smtp.center.example 2525 mailer p@ss True False",
        ),
        (
            "smtps://mailer:secret@smtp.center.example",
            "smtp.EmailBackend smtp.center.example 465 mailer secret False True",
        ),
    ],
)
def test_email_url_configures_the_smtp_server(url, expected):
    result = _fresh_process(EMAIL_SETTINGS, DEBUG="false", EMAIL_URL=url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().removeprefix("django.core.mail.backends.") == expected


def test_a_malformed_email_url_stops_start_up():
    result = _fresh_process(EMAIL_SETTINGS, DEBUG="false", EMAIL_URL="mail.center.example")
    assert result.returncode == 1
    assert "EMAIL_URL must look like smtp://user:password@host:587." in result.stderr


def test_a_production_site_that_would_print_mail_fails_its_checks(settings):
    assert mail_is_not_printed in registry.registered_checks  # `manage.py check` runs it
    settings.DEBUG = False
    settings.EMAIL_BACKEND = CONSOLE_MAIL
    [error] = mail_is_not_printed()
    assert error.id == "careerfit.E001"
    assert error.msg == "Mail would be printed to the log, password reset links included."
    settings.EMAIL_BACKEND = NO_MAIL
    assert mail_is_not_printed() == []
    settings.DEBUG = True
    settings.EMAIL_BACKEND = CONSOLE_MAIL
    assert mail_is_not_printed() == []


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_without_mail_the_reset_page_points_to_the_admins_and_writes_no_link(
    settings, caplog, capsys
):
    settings.EMAIL_BACKEND = NO_MAIL
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    client = Client()
    caplog.set_level(logging.DEBUG)

    page = client.get("/account/password_reset/")
    sent = client.post("/account/password_reset/", {"email": "sam@example.com"})

    for response in (page, sent):
        assert response.status_code == 200
        text = _text(response)
        assert "This careerfit site does not send email" in text
        assert "Ask the people who run it" in text
        assert 'name="email"' not in response.content.decode()
    assert mail.outbox == []
    written = caplog.text + "".join(capsys.readouterr())
    assert "/account/reset/" not in written
    assert "sam@example.com" not in written


@pytest.mark.django_db
def test_the_reset_mail_leaves_only_once_the_request_commits(
    django_capture_on_commit_callbacks,
):
    User.objects.create_user("sam@example.com", "sam@example.com", "plant-floor-2026")
    with django_capture_on_commit_callbacks() as callbacks:
        sent = Client().post("/account/password_reset/", {"email": "sam@example.com"})
        assert sent["Location"] == "/account/password_reset/done/"
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [message.to for message in mail.outbox] == [["sam@example.com"]]
