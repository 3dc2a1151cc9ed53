"""The revision tokens the database keeps, and the page parts, sessions and accounts cached
under them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission, User
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from assessments import services
from assessments.models import Draft
from careerfit import revisions, sessions
from careerfit.models import Revision
from careerfit.sessions import SessionStore
from careerfit.settings import code_digest
from roles.models import Certification, Role, Skill
from tests.assessments.conftest import fill, result_for
from tests.conftest import client_for, without_csrf

pytestmark = pytest.mark.django_db


def _catalogue_tables() -> set[str]:
    tables = set()
    for model in apps.get_app_config("roles").get_models(include_auto_created=True):
        if not model.__name__.startswith("Historical"):
            tables.add(model._meta.db_table)
    return tables


def test_every_catalogue_table_is_watched():
    assert set(revisions.CATALOGUE_TABLES) == _catalogue_tables()


@pytest.mark.parametrize("table", revisions.CATALOGUE_TABLES)
def test_a_change_to_any_catalogue_table_gives_the_catalogue_a_new_token(table):
    before = revisions.current()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id WHERE id = (SELECT MIN(id) FROM {table})")  # noqa: S608
    after = revisions.current()

    assert after.catalogue != before.catalogue
    assert len(after.catalogue) == 32
    assert after.results == before.results


def test_inserts_deletes_and_bulk_updates_all_give_new_tokens():
    seen = [revisions.current().catalogue]
    role = Role.objects.create(
        slug="test-role", title="Test role", family="planning", career_level=2
    )
    seen.append(revisions.current().catalogue)
    Role.objects.filter(pk=role.pk).update(title="Renamed")
    seen.append(revisions.current().catalogue)
    Certification.objects.get(slug="ascm-cpim").prerequisites.add(
        Certification.objects.get(slug="pmi-pmp")
    )
    seen.append(revisions.current().catalogue)
    role.delete()
    seen.append(revisions.current().catalogue)

    assert len(set(seen)) == 5


def test_sharing_and_review_changes_give_results_a_new_token(counselor):
    result = result_for("production-planner", 2)
    before = revisions.current()
    services.assessment_share(assessment=result, name="Ana", email="")
    shared = revisions.current()
    services.review_status_set(review=result.review, status="follow-up", by=counselor)
    reviewed = revisions.current()
    services.assessment_withdraw(assessment=result)
    withdrawn = revisions.current()

    assert (
        len(
            {
                before.results,
                shared.results,
                reviewed.results,
                withdrawn.results,
            }
        )
        == 4
    )
    assert before.catalogue == withdrawn.catalogue


def test_without_a_recorded_change_the_token_is_empty():
    Revision.objects.all().delete()

    assert revisions.current() == revisions.Revisions(
        catalogue="", results="", accounts="", sessions=""
    )
    Skill.objects.filter(slug="root-cause-analysis").update(name="Root-cause analysis")
    assert len(revisions.current().catalogue) == 32


def test_the_code_digest_changes_with_any_template(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    template = tmp_path / "roles" / "templates" / "page.html"
    template.parent.mkdir(parents=True)
    template.write_text("<p>one</p>")
    first = code_digest(tmp_path)
    template.write_text("<p>two</p>")

    assert code_digest(tmp_path) != first
    assert re.fullmatch(r"[0-9a-f]{12}", first)


def test_an_edited_role_shows_at_once_on_its_cached_page():
    client = Client()
    client.get("/roles/production-manager/")
    Role.objects.filter(slug="production-manager").update(title="Plant production manager")

    page = client.get("/roles/production-manager/").content.decode()

    assert '<h1 class="h2">Plant production manager</h1>' in page
    assert "<title>Plant production manager · careerfit</title>" in page


def test_a_new_role_shows_at_once_in_the_cached_family_counts():
    client = Client()
    before = client.get("/").content.decode()
    planning = re.search(
        r'family=planning">\s*<span class="h6 mb-1">[^<]+</span>\s*'
        r'<span class="text-body-secondary">(\d+) role',
        before,
    )
    assert planning is not None
    count = int(planning.group(1))
    Role.objects.create(slug="test-role", title="Test role", family="planning", career_level=2)

    after = client.get("/").content.decode()

    assert f'<span class="text-body-secondary">{count + 1} roles</span>' in after


def test_an_edited_skill_shows_at_once_on_a_cached_questionnaire_page():
    draft = services.draft_start(mode="target", length="full", role_slug="production-planner")
    client = Client()
    client.get(f"/assess/{draft.token}/step/1/")
    skill = Skill.objects.get(slug=draft.skills[0])
    Skill.objects.filter(pk=skill.pk).update(description="Reads a plan and keeps to it.")
    pages = [client.get(f"/assess/{draft.token}/step/{n}/").content.decode() for n in range(1, 6)]

    assert sum("Reads a plan and keeps to it." in page for page in pages) == 1


def test_cached_questions_show_each_drafts_own_answers():
    first = fill(
        services.draft_start(mode="target", length="full", role_slug="production-planner"), 3
    )
    second = services.draft_start(mode="target", length="full", role_slug="production-planner")
    client = Client()

    answered = client.get(f"/assess/{first.token}/step/1/").content.decode()
    unanswered = client.get(f"/assess/{second.token}/step/1/").content.decode()

    assert answered.count(" checked") == answered.count('value="3" checked') > 0
    assert unanswered.count(" checked") == 0


def test_shares_and_withdrawals_show_at_once_on_the_cached_dashboard(counselor):
    client = client_for(counselor)
    result = result_for("production-planner", 2)
    assert "Ana Lima" not in client.get("/counselor/").content.decode()

    services.assessment_share(assessment=result, name="Ana Lima", email="")
    shared = client.get("/counselor/").content.decode()
    services.assessment_withdraw(assessment=result)
    withdrawn = client.get("/counselor/").content.decode()

    assert ">Ana Lima</a>" in shared
    assert "<strong>1</strong> shared result." in shared
    assert "Ana Lima" not in withdrawn
    assert "<strong>0</strong> shared results." in withdrawn


def test_the_cached_menu_follows_who_is_signed_in(counselor, job_seeker):
    anonymous = Client().get("/").content.decode()
    seeker = client_for(job_seeker).get("/").content.decode()
    staff = client_for(counselor).get("/").content.decode()

    assert ("Log in" in anonymous, "Log out" in anonymous) == (True, False)
    assert ("My results" in seeker, "Counselor workspace" in seeker) == (True, False)
    assert ("My results" in staff, "Counselor workspace" in staff) == (True, True)


def test_a_cached_role_page_carries_a_working_csrf_token():
    client = Client(enforce_csrf_checks=True)
    first = client.get("/roles/production-manager/")
    again = client.get("/roles/production-manager/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode())
    assert token is not None
    started = client.post(
        "/assess/",
        {
            "csrfmiddlewaretoken": token.group(1),
            "mode": "target",
            "role": "production-manager",
            "length": "quick",
        },
    )

    assert without_csrf(first) == without_csrf(again)
    assert started.status_code == 302
    assert re.fullmatch(r"/assess/[\w-]+/step/1/", started["Location"])


# Sessions and accounts are read through the cache as well; a change must still count at once.

ACCOUNT_AND_SESSION_KEYS = {
    "auth_user": "id",
    "auth_user_groups": "id",
    "auth_user_user_permissions": "id",
    "auth_group": "id",
    "auth_group_permissions": "id",
    "auth_permission": "id",
    "django_content_type": "id",
    "django_session": "session_key",
}


def _tables(*app_labels: str) -> set[str]:
    return {
        model._meta.db_table
        for label in app_labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def test_every_account_and_session_table_is_watched():
    assert set(revisions.ACCOUNTS_TABLES) == _tables("auth", "contenttypes")
    assert set(revisions.SESSIONS_TABLES) == _tables("sessions")
    assert set(ACCOUNT_AND_SESSION_KEYS) == _tables("auth", "contenttypes", "sessions")


@pytest.mark.parametrize("table", sorted(ACCOUNT_AND_SESSION_KEYS))
def test_a_change_to_an_account_or_session_table_gives_its_kind_a_new_token(table, counselor):
    counselor.user_permissions.add(Permission.objects.get(codename="review_shared"))
    client_for(counselor)  # a session row
    key = ACCOUNT_AND_SESSION_KEYS[table]
    before = revisions.current()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {key} = {key} WHERE {key} = (SELECT MIN({key}) FROM {table})"  # noqa: S608
        )
    after = revisions.current()

    changed = {
        kind
        for kind in ("catalogue", "results", "accounts", "sessions")
        if getattr(after, kind) != getattr(before, kind)
    }
    assert changed == {"sessions" if table == "django_session" else "accounts"}


def test_a_get_reads_the_tokens_once_and_a_post_afresh(rf):
    def view(request):
        first = revisions.current()
        Skill.objects.filter(slug="root-cause-analysis").update(name=f"Root cause {request.method}")
        return HttpResponse(f"{first == revisions.current()}")

    read_once = revisions.ReadOncePerRequest(view)

    assert read_once(rf.get("/")).content == b"True"
    assert read_once(rf.head("/")).content == b"True"
    assert read_once(rf.post("/")).content == b"False"
    # After the request, every reading is fresh again.
    before = revisions.current()
    Skill.objects.filter(slug="root-cause-analysis").update(name="Root cause analysis")
    assert revisions.current() != before


DASHBOARD = "/counselor/"
LOGIN_FIRST = "/account/login/?next=/counselor/"


def test_a_deactivated_counselor_is_signed_out_at_once(counselor):
    client = client_for(counselor)
    assert "Counselor workspace" in client.get(DASHBOARD).content.decode()

    User.objects.filter(pk=counselor.pk).update(is_active=False)
    response = client.get(DASHBOARD)

    assert (response.status_code, response["Location"]) == (302, LOGIN_FIRST)


def test_a_counselor_taken_out_of_the_group_loses_the_workspace_at_once(counselor):
    client = client_for(counselor)
    assert "Counselor workspace" in client.get(DASHBOARD).content.decode()

    counselor.groups.clear()
    response = client.get(DASHBOARD)

    assert response.status_code == 403
    assert "Counselor workspace" not in response.content.decode()


def test_a_permission_granted_to_an_account_counts_at_once(job_seeker):
    client = client_for(job_seeker)
    assert client.get(DASHBOARD).status_code == 403

    job_seeker.user_permissions.add(Permission.objects.get(codename="review_shared"))

    assert "Counselor workspace" in client.get(DASHBOARD).content.decode()


def test_a_password_changed_elsewhere_ends_other_sessions_at_once(counselor):
    client = client_for(counselor)
    assert "Counselor workspace" in client.get(DASHBOARD).content.decode()

    counselor.set_password("pw-a-new-one-456")
    counselor.save()
    response = client.get(DASHBOARD)

    assert (response.status_code, response["Location"]) == (302, LOGIN_FIRST)


def test_a_session_ended_by_another_process_is_gone_at_once(counselor):
    client = client_for(counselor)
    session_key = client.cookies["sessionid"].value
    assert "Counselor workspace" in client.get(DASHBOARD).content.decode()

    # Another process's logout deletes the row; this process's cache still holds it.
    Session.objects.filter(session_key=session_key).delete()
    response = client.get(DASHBOARD)

    assert (response.status_code, response["Location"]) == (302, LOGIN_FIRST)


def test_a_cached_session_is_not_used_past_its_expiry(counselor, monkeypatch):
    session_key = client_for(counselor).cookies["sessionid"].value
    expires = Session.objects.get(session_key=session_key).expire_date
    assert SessionStore(session_key).load()["_auth_user_id"] == str(counselor.pk)

    monkeypatch.setattr(sessions.timezone, "now", lambda: expires + timedelta(seconds=1))
    store = SessionStore(session_key)

    assert store.load() == {}
    assert store.session_key is None


def test_a_page_can_read_the_tokens_with_its_first_row(rf, django_assert_num_queries):
    draft = services.draft_start(mode="explore", length="quick")
    drafts = revisions.with_tokens(Draft.objects.filter(pk=draft.pk))

    def view(request):
        row = drafts.get()
        revisions.remember_tokens_of(row)
        Skill.objects.filter(slug="root-cause-analysis").update(name="Root cause, renamed")
        return HttpResponse(revisions.current().catalogue)

    expected = revisions.current()
    with django_assert_num_queries(2):  # the row with its tokens, the update
        page = revisions.ReadOncePerRequest(view)(rf.get("/"))

    assert page.content.decode() == expected.catalogue
    assert revisions.current().catalogue not in {"", expected.catalogue}


def test_tokens_read_with_a_row_do_not_replace_the_requests_first_reading(rf):
    draft = services.draft_start(mode="explore", length="quick")
    drafts = revisions.with_tokens(Draft.objects.filter(pk=draft.pk))

    def view(request):
        first = revisions.current()
        Skill.objects.filter(slug="root-cause-analysis").update(name="Root cause, renamed")
        revisions.remember_tokens_of(drafts.get())
        return HttpResponse(f"{revisions.current() == first}")

    assert revisions.ReadOncePerRequest(view)(rf.get("/")).content == b"True"
