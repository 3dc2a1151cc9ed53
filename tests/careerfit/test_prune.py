"""Retention, with frozen time: `manage.py prune` deletes unfinished questionnaires after
30 days, results in no account after 18 months unopened, expired sessions and login
records after 30 days; --dry-run only counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from axes.models import AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from assessments import services
from assessments.counselor import services as counselor_services
from assessments.models import ActionStep, Draft, Result, Review
from tests.assessments.conftest import fill

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _prune(*args: str) -> str:
    out = StringIO()
    call_command("prune", *args, stdout=out)
    return out.getvalue().strip()


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["careerfit-results"] = ["x"]
    store.set_expiry(int(expires_in.total_seconds()))
    store.save()
    return store.session_key or ""


def test_prune_keeps_what_is_young_and_deletes_what_is_old(job_seeker, counselor):
    with time_machine.travel(T0, tick=False):
        unfinished = services.draft_start(mode="explore", length="quick")
        owned_unfinished = services.draft_start(mode="explore", length="quick", owner=job_seeker)
        opened_later = services.result_submit(
            draft=fill(services.draft_start(mode="explore", length="quick"))
        )
        forgotten = services.result_submit(
            draft=fill(services.draft_start(mode="explore", length="quick"))
        )
        services.result_share(result=forgotten, name="Ana Diaz", email="")
        counselor_services.action_step_add(
            result=forgotten, title="Call Ana", due_on=None, by=counselor
        )
        in_account = services.result_submit(
            draft=fill(services.draft_start(mode="explore", length="quick", owner=job_seeker))
        )
        Client().post("/account/login/", {"username": "seeker", "password": "pw-seeker-123"})
        old_session = _session(timedelta(days=14))

    with time_machine.travel(T0 + timedelta(days=29), tick=False):
        # The login's session and old_session lasted 14 days.
        assert _prune() == (
            "Deleted: 0 unfinished questionnaire(s) not saved for 30 days, 0 result(s) in no "
            "account not opened for 548 days, 2 expired session(s), 0 login record(s) older "
            "than 30 days, 0 sign-up(s) not confirmed within 7 days."
        )
        assert not Session.objects.filter(session_key=old_session).exists()
        # Saving an answer keeps a questionnaire for another 30 days.
        services.draft_save_answers(draft=unfinished, answers={unfinished.skills[0]: 2})

    with time_machine.travel(T0 + timedelta(days=300), tick=False):
        page = Client().get(f"/results/{opened_later.token}/")
        assert "not opened for 18 months is deleted" in page.content.decode()
        # Opening twice in a day writes once.
        first = Result.objects.get(pk=opened_later.pk).opened_at
        Client().get(f"/results/{opened_later.token}/")
        assert Result.objects.get(pk=opened_later.pk).opened_at == first == T0 + timedelta(300)
        later_session = _session(timedelta(days=14))

    with time_machine.travel(T0 + timedelta(days=549), tick=False):
        young_session = _session(timedelta(days=14))
        Client().post("/account/login/", {"username": "seeker", "password": "pw-seeker-123"})
        expected = (
            "2 unfinished questionnaire(s) not saved for 30 days, 1 result(s) in no account "
            "not opened for 548 days, 1 expired session(s), 1 login record(s) older "
            "than 30 days, 0 sign-up(s) not confirmed within 7 days."
        )

        assert _prune("--dry-run") == "Would delete: " + expected
        assert Draft.objects.filter(pk__in=[unfinished.pk, owned_unfinished.pk]).count() == 2
        assert Result.objects.filter(pk=forgotten.pk).exists()

        assert _prune() == "Deleted: " + expected

        assert not Draft.objects.filter(pk__in=[unfinished.pk, owned_unfinished.pk]).exists()
        assert set(Result.objects.values_list("pk", flat=True)) == {
            opened_later.pk,
            in_account.pk,
        }
        assert not Review.history.model.objects.filter(result_id=forgotten.pk).exists()
        assert not ActionStep.history.model.objects.filter(result_id=forgotten.pk).exists()
        assert not Session.objects.filter(session_key=later_session).exists()
        assert Session.objects.filter(session_key=young_session).exists()
        assert AccessLog.objects.count() == 1
        assert _prune().startswith("Deleted: 0 unfinished questionnaire(s)")


def test_the_retention_periods_are_settings(settings):
    settings.DRAFT_RETENTION_DAYS = 7
    settings.ANONYMOUS_RESULT_RETENTION_DAYS = 90
    with time_machine.travel(T0, tick=False):
        draft = services.draft_start(mode="explore", length="quick")
        services.draft_save_background(
            draft=draft,
            years_experience=Decimal(1),
            education=1,
            certifications_held=[],
            name="",
            email="",
        )
        result = services.result_submit(
            draft=fill(services.draft_start(mode="explore", length="quick"))
        )
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        assert _prune().startswith("Deleted: 1 unfinished questionnaire(s) not saved for 7 days")
    with time_machine.travel(T0 + timedelta(days=91), tick=False):
        assert "1 result(s) in no account not opened for 90 days" in _prune()
    assert not Result.objects.filter(pk=result.pk).exists()


def test_prune_deletes_sign_ups_never_confirmed_and_nothing_an_admin_made(counselor):
    from django.contrib.auth.models import User

    with time_machine.travel(T0, tick=False):
        waiting = services.account_sign_up(email="late@example.com", password="plant-2026-x")
        switched_off = User.objects.create_user("gone@example.com", "gone@example.com", "x")
        switched_off.is_active = False
        switched_off.save()
        counselor.is_active = False
        counselor.last_login = None
        counselor.save()
        staff = User.objects.create_user("clerk@example.com", is_staff=True, is_active=False)
    with time_machine.travel(T0 + timedelta(days=6), tick=False):
        assert _prune().endswith("0 sign-up(s) not confirmed within 7 days.")
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        # An account an admin switched off looks the same as one waiting; both count.
        assert _prune().endswith("2 sign-up(s) not confirmed within 7 days.")
    assert waiting is not None
    assert not User.objects.filter(pk__in=[waiting.pk, switched_off.pk]).exists()
    # A counselor (in a group) and staff are never touched.
    assert User.objects.filter(pk__in=[counselor.pk, staff.pk]).count() == 2
