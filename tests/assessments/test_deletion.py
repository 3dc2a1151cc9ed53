"""Deleting deletes: after an account or a result is deleted, no table careerfit writes
(its own, the history tables, django-axes' records, the admin log, the sessions) keeps a
row that names or describes the person. Run on SQLite and on PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client

from assessments import services
from assessments.counselor import services as counselor_services
from assessments.models import ActionStep, Draft, Note, Result, Review
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PASSWORD = "plant-floor-2026"


def _result(owner: User | None, name: str, email: str) -> Result:
    draft = services.draft_start(
        mode="target", length="quick", role_slug="production-planner", owner=owner
    )
    services.draft_save_answers(draft=draft, answers=dict.fromkeys(draft.skills, 2))
    services.draft_save_background(
        draft=draft,
        years_experience=Decimal(3),
        education=2,
        certifications_held=[],
        name=name,
        email=email,
    )
    return services.result_submit(draft=draft)


def _counselor_work(result: Result, counselor: User, first_name: str) -> None:
    services.result_share(result=result, name=f"{first_name} Person", email=result.email)
    review = Review.objects.get(result=result)
    counselor_services.review_status_set(review=review, status="in-review", by=counselor)
    counselor_services.review_status_set(review=review, status="follow-up", by=counselor)
    step = counselor_services.action_step_add(
        result=result, title=f"Call {first_name} about CPIM part 1", due_on=None, by=counselor
    )
    counselor_services.action_step_set_done(step=step, done=True, by=counselor)
    removed = counselor_services.action_step_add(
        result=result, title=f"{first_name} to visit the plant", due_on=None, by=counselor
    )
    counselor_services.action_step_remove(step=removed, by=counselor)
    counselor_services.note_add(
        result=result, author=counselor, text=f"{first_name} wants night shifts."
    )


def _every_row() -> list[tuple[str, str]]:
    """(table, row as text) for every row of every table careerfit's models know, with
    each session's contents decoded."""
    rows = [
        (model._meta.db_table, repr(row).lower())
        for model in apps.get_models(include_auto_created=True)
        for row in model._default_manager.all().values()
    ]
    rows += [("django_session", repr(s.get_decoded()).lower()) for s in Session.objects.all()]
    return rows


def _mentions(marks: list[str]) -> list[tuple[str, str]]:
    return [(table, row) for table, row in _every_row() if any(m.lower() in row for m in marks)]


def _id_marks(field: str, values: list) -> list[str]:
    """How a row's dict shows `field` holding one of `values`, in the middle or at the end."""
    return [f"'{field}': {value!r}{end}" for value in values for end in (",", "}")]


@pytest.fixture
def zora_and_milo(counselor):
    """Two job seekers with the same kinds of records: Zora will be deleted, Milo stays."""
    people = {}
    for first, email in [("Zora", "zora.quill@example.com"), ("Milo", "milo.brandt@example.com")]:
        user = services.account_create(email=email, password=PASSWORD)
        shared = _result(user, f"{first} Quill", email)
        _counselor_work(shared, counselor, first)
        private = _result(user, f"{first} Quill", email)
        unfinished = services.draft_start(mode="explore", length="quick", owner=user)
        services.draft_save_background(
            draft=unfinished,
            years_experience=Decimal(1),
            education=1,
            certifications_held=[],
            name=f"{first} Quill",
            email=email,
        )
        # Logins from two browsers, then a wrong password from a third.
        browsers = [Client(), Client()]
        for browser in browsers:
            browser.post("/account/login/", {"username": email, "password": PASSWORD})
        Client().post("/account/login/", {"username": email, "password": "wrong"})
        LogEntry.objects.create(
            user=counselor,
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk),
            object_repr=email,
            action_flag=CHANGE,
            change_message="Changed email.",
        )
        people[first] = {
            "user": user,
            "browsers": browsers,
            "marks": [
                first,
                email,
                *Draft.objects.filter(owner=user).values_list("token", flat=True),
                *_id_marks("owner_id", [user.pk]),
                *_id_marks("_auth_user_id", [str(user.pk)]),
                *_id_marks("result_id", [shared.pk, private.pk]),
                *_id_marks("token", [shared.token, private.token]),
            ],
        }
    return people


def test_deleting_an_account_leaves_no_row_about_the_person(zora_and_milo):
    zora, milo = zora_and_milo["Zora"], zora_and_milo["Milo"]
    # Every kind of record exists before, for both.
    for person in (zora, milo):
        assert len(_mentions(person["marks"])) >= 15
    assert AccessAttempt.objects.filter(username="zora.quill@example.com").count() == 1
    assert AccessLog.objects.filter(username="zora.quill@example.com").count() == 2

    browser = zora["browsers"][0]
    response = browser.post("/account/delete/")

    assert response["Location"] == "/"
    assert _mentions(zora["marks"]) == []
    assert not User.objects.filter(pk=zora["user"].pk).exists()
    # Logged out everywhere: the other browser is anonymous on its next request.
    other = zora["browsers"][1].get("/account/results/")
    assert other["Location"] == "/account/login/?next=/account/results/"
    # Milo's records are all still there.
    milo_rows = _mentions(milo["marks"])
    assert len(milo_rows) >= 15
    tables = {table for table, _ in milo_rows}
    assert {
        "assessments_result",
        "assessments_draft",
        "assessments_historicalreview",
        "assessments_historicalactionstep",
        "assessments_actionstep",
        "assessments_note",
        "axes_accessattempt",
        "axes_accesslog",
        "django_admin_log",
        "django_session",
        "auth_user",
    } <= tables
    assert milo["browsers"][0].get("/account/results/").status_code == 200


def test_deleting_one_result_removes_what_counselors_recorded_about_it(counselor):
    owner = services.account_create(email="ines.ortega@example.com", password=PASSWORD)
    doomed = _result(owner, "Ines Ortega", "ines.ortega@example.com")
    _counselor_work(doomed, counselor, "Ines")
    kept = _result(owner, "Ines Ortega", "ines.ortega@example.com")
    _counselor_work(kept, counselor, "Ines")
    doomed_pk = doomed.pk

    response = client_for(owner).post(f"/results/{doomed.token}/delete/")

    assert response["Location"] == "/"
    assert _mentions([doomed.token]) == []
    for model in (Review.history.model, ActionStep.history.model, Note, ActionStep, Review):
        assert not model.objects.filter(result_id=doomed_pk).exists(), model
    assert Review.history.model.objects.filter(result_id=kept.pk).count() == 3
    assert ActionStep.history.model.objects.filter(result_id=kept.pk).count() == 4
    assert Result.objects.filter(owner=owner).get() == kept
