"""An admin corrects a role's requirement in the Django admin; saved results keep their report."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User

from assessments.models import Result
from assessments.scoring import shown
from roles.models import RoleRequirement
from tests.assessments.conftest import result_for
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_an_admin_edit_leaves_saved_results_unchanged(live_server, page):
    User.objects.create_superuser("admin@example.com", "admin@example.com", "pw-admin-2026")
    result = result_for("production-planner", 2, length="quick")
    skill = "production-scheduling"
    requirement = RoleRequirement.objects.get(role__slug="production-planner", skill__slug=skill)
    assert (requirement.level, result.ratings[skill]) == (3, 2)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("admin@example.com")
    page.get_by_label("Password").fill("pw-admin-2026")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Roles", exact=True).click()
    page.get_by_role("link", name="Production Planner", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/roles/role/\d+/change/$"))
    prefix = page.locator(f'input[name$="-id"][value="{requirement.pk}"]').get_attribute("name")
    page.locator(f'select[name="{prefix[:-3]}-level"]').select_option("4")
    screenshot(page, "admin-role-edit")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/roles/role/$"))
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    requirement.refresh_from_db()
    assert requirement.level == 4
    assert requirement.history.first().history_user.username == "admin@example.com"

    # The saved report still says what it said: the level needed then, the same readiness.
    page.goto(f"{live_server.url}/results/{result.token}/")
    row = page.locator(".level-table tbody tr").filter(
        has=page.get_by_role("rowheader", name=re.compile("^Production planning and scheduling"))
    )
    assert row.locator('td[data-label="Needed"]').inner_text() == "Proficient (3)"
    assert page.locator(".display-4").inner_text() == f"{shown(float(result.readiness))}%"
    screenshot(page, "result-after-admin-edit")

    # Re-scoring is the owner's choice, and uses today's catalogue.
    page.get_by_role("button", name="Re-score against today’s catalogue").click()
    page.wait_for_url(re.compile(r"/results/[\w-]{43}/$"))
    rescored = Result.objects.get(previous=result)
    assert rescored.requirements_snapshot != result.requirements_snapshot
    assert rescored.readiness < result.readiness
    assert page.locator(".display-4").inner_text() == f"{shown(float(rescored.readiness))}%"
