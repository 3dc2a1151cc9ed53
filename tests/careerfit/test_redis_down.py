"""With Redis configured but not answering, every page still works from the database and
/health/ says the cache is down; with Redis up, /health/ says so too."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from assessments import services
from assessments.models import Draft, Result
from tests.assessments.conftest import BACKGROUND_ANSWERS

pytestmark = pytest.mark.django_db

OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25, "IGNORE_EXCEPTIONS": True}


def _redis_caches(url: str) -> dict:
    redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": OPTIONS}
    return {
        "default": redis,
        "catalogue": {**redis, "KEY_PREFIX": "catalogue-test"},
        "throttle": {**redis, "KEY_PREFIX": "throttle-test"},
    }


@pytest.fixture
def redis_down(settings):
    # Nothing listens on port 1 of this machine: every connection is refused at once.
    settings.CACHES = _redis_caches("redis://127.0.0.1:1/0")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def test_with_redis_down_a_whole_questionnaire_and_its_report_still_work(redis_down):
    client = Client()
    for path in ["/", "/roles/", "/roles/production-planner/", "/assess/"]:
        assert client.get(path).status_code == 200, path
    start = client.post(
        "/assess/", {"mode": "target", "length": "quick", "role": "production-planner"}
    )
    draft = Draft.objects.get()
    assert start["Location"] == f"/assess/{draft.token}/step/1/"
    steps = client.get(start["Location"])
    assert steps.status_code == 200
    services.draft_save_answers(draft=draft, answers=dict.fromkeys(draft.skills, 2))
    last = client.get(f"/assess/{draft.token}/")["Location"]
    sent = client.post(last, {"action": "submit", **BACKGROUND_ANSWERS})
    result = Result.objects.get()
    assert sent["Location"] == f"/results/{result.token}/"
    report = client.get(sent["Location"])
    assert report.status_code == 200
    assert result.role_title in report.content.decode()


def test_with_redis_down_logins_and_sessions_work_from_the_database(redis_down, job_seeker):
    client = Client()
    login = client.post(
        "/account/login/", {"username": "seeker", "password": "pw-seeker-123"}, follow=True
    )
    assert login.status_code == 200
    assert re.search(r"Log out", login.content.decode())
    assert client.session["_auth_user_id"] == str(job_seeker.pk)


def test_health_says_when_redis_is_down_but_keeps_the_server_in_service(redis_down):
    response = Client().get("/health/")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "degraded", "database": "ok", "cache": "down"},
    )


def test_health_says_redis_is_ok_when_it_answers(settings):
    # Redis runs on 127.0.0.1:6379 on the development and CI machines.
    settings.CACHES = _redis_caches("redis://127.0.0.1:6379/15")
    response = Client().get("/health/")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
    )
