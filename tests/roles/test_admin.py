"""The catalogue in Django admin: who gets in, what editing records, import/export."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roles.models import Role, RoleRequirement
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/roles/role/",
    "/admin/roles/rolerequirement/",
    "/admin/roles/skill/",
    "/admin/roles/certification/",
    "/admin/roles/careerstep/",
    "/admin/roles/source/",
]


def _requirement(role: str = "production-manager", skill: str = "budgeting") -> RoleRequirement:
    return RoleRequirement.objects.select_related("role", "skill", "source").get(
        role__slug=role, skill__slug=skill
    )


def _change_data(requirement: RoleRequirement, **overrides) -> dict:
    data = {
        "role": requirement.role_id,
        "skill": requirement.skill_id,
        "level": requirement.level,
        "importance": requirement.importance,
        "is_core": "on" if requirement.is_core else "",
        "source": requirement.source_id,
        "passage": requirement.passage,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_login(url):
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={url}"


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_job_seekers_are_sent_to_login(job_seeker, url):
    response = client_for(job_seeker).get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={url}"


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_without_catalogue_permissions_are_refused(staff_without_permissions, url):
    response = client_for(staff_without_permissions).get(url)
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["catalogue_editor", "admin_user"])
def test_catalogue_editors_and_admins_see_the_lists(request, persona):
    client = client_for(request.getfixturevalue(persona))
    roles = client.get("/admin/roles/role/")
    assert roles.status_code == 200
    assert "22 roles" in roles.content.decode()
    filtered = client.get("/admin/roles/rolerequirement/", {"is_core__exact": "1"})
    core_count = RoleRequirement.objects.filter(is_core=True).count()
    assert f"{core_count} role requirements" in filtered.content.decode()


def test_role_change_page_shows_requirements_inline_and_provenance(admin_user):
    role = Role.objects.get(slug="production-coordinator")
    response = client_for(admin_user).get(f"/admin/roles/role/{role.pk}/change/")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'name="requirements-TOTAL_FORMS" value="21"' in text
    assert "Where this role comes from" in text
    assert "Earnings (Yearly Median): $116,970 per year" in text


def test_admin_explains_an_out_of_range_level_in_plain_words(admin_user):
    requirement = _requirement()
    response = client_for(admin_user).post(
        f"/admin/roles/rolerequirement/{requirement.pk}/change/",
        _change_data(requirement, level=7, importance=9),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice. 7 is not one of the available choices." in text
    assert "Select a valid choice. 9 is not one of the available choices." in text
    assert _requirement().level == 4


def test_admin_refuses_a_duplicate_skill_for_a_role(admin_user):
    existing = _requirement()
    response = client_for(admin_user).post(
        "/admin/roles/rolerequirement/add/", _change_data(existing, level=2)
    )
    assert response.status_code == 200
    assert "This role already lists that skill." in response.content.decode()
    assert RoleRequirement.objects.filter(role=existing.role, skill=existing.skill).count() == 1


def test_an_admin_edit_is_recorded_with_who_when_and_what(admin_user):
    requirement = _requirement()
    client = client_for(admin_user)
    response = client.post(
        f"/admin/roles/rolerequirement/{requirement.pk}/change/", _change_data(requirement, level=3)
    )
    assert response.status_code == 302

    latest = requirement.history.latest()
    assert (latest.history_type, latest.level, latest.history_user) == ("~", 3, admin_user)
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("level", 4, 3)]

    history_page = client.get(f"/admin/roles/rolerequirement/{requirement.pk}/history/")
    assert history_page.status_code == 200
    assert "admin" in history_page.content.decode()
    assert "Changed" in history_page.content.decode()


def test_export_requirements_as_csv(admin_user):
    response = client_for(admin_user).post(
        "/admin/roles/rolerequirement/export/",
        {
            "format": "0",
            "resource": "0",
            "rolerequirementresource_role": "on",
            "rolerequirementresource_skill": "on",
            "rolerequirementresource_level": "on",
            "rolerequirementresource_importance": "on",
            "rolerequirementresource_is_core": "on",
            "rolerequirementresource_source": "on",
            "rolerequirementresource_passage": "on",
        },
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 360
    manager_budgeting = next(
        r for r in rows if (r["role"], r["skill"]) == ("production-manager", "budgeting")
    )
    assert (manager_budgeting["level"], manager_budgeting["importance"]) == ("4", "5")


def _upload(client, text: str):
    upload = SimpleUploadedFile("requirements.csv", text.encode(), content_type="text/csv")
    return client.post(
        "/admin/roles/rolerequirement/import/",
        {"format": "0", "resource": "0", "import_file": upload},
    )


HEADER = "role,skill,level,importance,is_core,source,passage\n"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            "production-manager,no-such-skill,2,3,0,seed-001-production-specialist-career,x",
            "Line number: 2 - Skill matching query does not exist.",
        ),
        (
            "production-manager,spc,9,3,0,seed-001-production-specialist-career,x",
            "Value 9 is not a valid choice.",
        ),
        (
            "production-manager,spc,3,3,0,no-such-source,x",
            "Line number: 2 - Source matching query does not exist.",
        ),
    ],
)
def test_import_of_a_bad_file_shows_the_problem_and_changes_nothing(admin_user, bad_row, message):
    before = list(RoleRequirement.objects.order_by("pk").values_list("pk", "level", "importance"))
    bad = (
        HEADER
        + "production-manager,budgeting,3,5,1,seed-001-production-specialist-career,ok row\n"
        + bad_row
        + "\n"
    )
    response = _upload(client_for(admin_user), bad)
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    text = re.sub(r"\s+", " ", text)
    assert response.status_code == 200
    assert message in text
    assert "Confirm import" not in text
    after = list(RoleRequirement.objects.order_by("pk").values_list("pk", "level", "importance"))
    assert after == before


def test_import_of_a_good_file_updates_after_confirmation(admin_user):
    client = client_for(admin_user)
    good = HEADER + (
        "production-manager,budgeting,3,5,1,seed-001-production-specialist-career,"
        "Key Focus Areas: Develop strong financial acumen for budget creation and cost control.\n"
    )
    preview = _upload(client, good)
    assert preview.status_code == 200
    assert "Confirm import" in preview.content.decode()
    assert _requirement().level == 4

    confirm = preview.context["confirm_form"].initial
    response = client.post("/admin/roles/rolerequirement/process_import/", confirm)
    assert response.status_code == 302
    assert _requirement().level == 3
    assert RoleRequirement.objects.count() == 360
