"""Response headers, private-page caching, cookies, health check, outage answers and logs."""

import logging
import re
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from careerfit.logs import OneLineFormatter, RedactPrivateLinks

pytestmark = pytest.mark.django_db

CSP = (
    "object-src 'none'; form-action 'self'; frame-ancestors 'none'; default-src 'self'; "
    "style-src 'self'; base-uri 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; script-src 'self'"
)
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


@pytest.mark.parametrize(
    "path", ["/", "/roles/production-planner/", "/assess/", "/how-we-score/", "/api/roles/"]
)
def test_every_response_carries_the_security_headers(path):
    response = Client().get(path)

    assert response.status_code == 200
    # django-csp writes the directives in no fixed order.
    assert sorted(response["Content-Security-Policy"].split("; ")) == sorted(CSP.split("; "))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == PERMISSIONS
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_cookies_are_secure_and_http_only_in_production(admin_user):
    client = Client()
    start = client.get("/assess/")
    login = client.post(
        "/admin/login/", {"username": "admin", "password": "pw-admin-123", "next": "/admin/"}
    )

    assert start.cookies["csrftoken"]["secure"] is True
    assert start.cookies["csrftoken"]["samesite"] == "Lax"
    session = login.cookies["sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")


def test_health_check_reports_the_database():
    response = Client().get("/health/")

    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    with mock.patch("careerfit.health.connection.cursor", side_effect=OperationalError("down")):
        down = Client().get("/health/")
    assert (down.status_code, down.json()) == (
        503,
        {"status": "unavailable", "database": "unreachable", "cache": "local"},
    )


def test_a_database_lost_while_the_session_is_saved_gets_503_too():
    # The submission is committed by then; the visitor is asked to try again, which
    # shows the saved result.
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("terminating connection due to administrator command"),
    ):
        page = Client(raise_request_exception=False).get("/roles/")

    assert (page.status_code, page["Retry-After"]) == (503, "15")
    assert "careerfit is back in a moment" in page.content.decode()


def test_other_errors_outside_the_views_still_get_the_500_page():
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=ValueError("a bug"),
    ):
        page = Client(raise_request_exception=False).get("/roles/")

    assert page.status_code == 500
    text = page.content.decode()
    assert "<title>Something went wrong · careerfit</title>" in text
    assert "Something went wrong on our side" in text
    # The number to give the admins is the request id the log lines carry.
    assert re.fullmatch(r"[0-9a-f]{32}", page["X-Request-ID"])
    assert f"<code>{page['X-Request-ID']}</code>" in text
    assert "Retry-After" not in page


def test_the_liveness_probe_answers_without_the_database():
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        response = Client().get("/health/alive/")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    cursor.assert_not_called()


def test_a_lost_database_gets_503_with_retry_after_not_a_traceback():
    with mock.patch("roles.views.selectors.role_list", side_effect=OperationalError("gone")):
        page = Client(raise_request_exception=False).get("/roles/")
    with mock.patch("roles.api.selectors.role_list", side_effect=OperationalError("gone")):
        api = Client(raise_request_exception=False).get("/api/roles/")

    assert (page.status_code, page["Retry-After"], page["Cache-Control"]) == (503, "15", "no-store")
    assert "careerfit is back in a moment" in page.content.decode()
    assert (api.status_code, api.json()) == (
        503,
        {"detail": "careerfit is briefly unavailable. Please try again shortly."},
    )


def test_log_lines_hide_private_links_and_fit_on_one_line():
    token = "A" * 43
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (f"/results/{token}/report.csv",),
            sys.exc_info(),
        )
    record.correlation_id = "3bac25ff282943f19dbd3b0fe6857747"
    RedactPrivateLinks().filter(record)

    line = OneLineFormatter("%(levelname)s [%(correlation_id)s] %(message)s").format(record)

    assert "\n" not in line
    assert token not in line
    assert line.startswith(
        "ERROR [3bac25ff282943f19dbd3b0fe6857747] Internal Server Error: /results/<token>/report.csv | Traceback"
    )
    assert line.endswith("ValueError: boom")
