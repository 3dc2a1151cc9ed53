"""A counselor's day in a real browser: log in, filter, open a shared result, note, plan, export."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from assessments.models import ActionStep, Note
from tests.assessments.conftest import result_for
from tests.browser.conftest import ARTIFACTS, PHONE, screenshot, serious_violations, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def caseload():
    counselor = User.objects.create_user(
        "casey@center.example", "casey@center.example", "pw-casey-2026", first_name="Casey"
    )
    counselor.groups.add(Group.objects.get(name="Counselors"))
    return {
        "ana": result_for("production-planner", 1, share_as="Ana Diaz", length="quick"),
        "ben": result_for("production-planner", 3, share_as="Ben Okafor", length="quick"),
        "cleo": result_for("production-line-worker", 2, share_as="Cleo Park", length="quick"),
        "private": result_for("production-planner", 2, length="quick"),
    }


def _people(page) -> list[str]:
    return page.locator(".results-table tbody th a").all_inner_texts()


def test_a_counselor_filters_reviews_notes_plans_and_exports(live_server, page, caseload):
    page.goto(f"{live_server.url}/account/login/?next=/counselor/")
    assert serious_violations(page) == []
    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type("Casey@Center.example")
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type("pw-casey-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/counselor/")

    assert _people(page) == ["Cleo Park", "Ben Okafor", "Ana Diaz"]
    assert serious_violations(page) == []
    screenshot(page, "counselor-dashboard")

    # Filter to Production Planner, with the keyboard.
    tab_to(page, page.get_by_label("Target role"))
    page.get_by_label("Target role").select_option("production-planner")
    tab_to(page, page.get_by_role("button", name="Apply filters"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"role=production-planner"))
    assert _people(page) == ["Ben Okafor", "Ana Diaz"]
    assert page.get_by_role("status").first.inner_text() == "2 shared results match these filters."

    # Sort by readiness, lowest first.
    page.get_by_role("link", name=re.compile(r"^Readiness")).click()
    page.wait_for_url(re.compile(r"sort=readiness"))
    assert _people(page) == ["Ana Diaz", "Ben Okafor"]

    # Export the filtered list.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this list (CSV)").click()
    with Path(download.value.path()).open(encoding="utf-8") as exported:
        rows = list(csv.reader(exported))
    assert [row[1] for row in rows] == ["name", "Ana Diaz", "Ben Okafor"]
    assert rows[1][4] == str(caseload["ana"].readiness)

    # Open Ana's result.
    tab_to(page, page.get_by_role("link", name="Ana Diaz"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/counselor/results/{caseload['ana'].pk}/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Ana Diaz: Production Planner"
    assert serious_violations(page) == []

    tab_to(page, page.get_by_label("New note"))
    page.keyboard.type("Called Ana. She wants evening classes.")
    tab_to(page, page.get_by_role("button", name="Save note"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#notes$"))
    assert page.locator(".note-text").all_inner_texts() == [
        "Called Ana. She wants evening classes."
    ]

    tab_to(page, page.get_by_role("textbox", name="Step"))
    page.keyboard.type("Start CPIM part 1")
    page.get_by_label("Due (optional)").fill("2027-03-31")
    tab_to(page, page.get_by_role("button", name="Add step"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#plan$"))
    tab_to(page, page.get_by_role("button", name=re.compile(r"^Mark done\W+Start CPIM part 1$")))
    with page.expect_navigation():  # the address already ends in #plan
        page.keyboard.press("Enter")
    assert page.locator(".action-plan li").first.inner_text().startswith("Done Start CPIM part 1")

    page.get_by_label("New status").select_option("follow-up")
    page.get_by_role("button", name="Set status").click()
    page.wait_for_url(re.compile(r"#status$"))
    assert page.get_by_role("heading", name="Status: Follow-up").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "counselor-result")

    note = Note.objects.get()
    step = ActionStep.objects.get()
    assert (note.author.username, note.result_id) == (
        "casey@center.example",
        caseload["ana"].pk,
    )
    assert (step.title, str(step.due_on), step.is_done) == ("Start CPIM part 1", "2027-03-31", True)

    page.goto(f"{live_server.url}/counselor/cohort/")
    assert page.get_by_role("status").first.inner_text().startswith("3 shared results")
    assert serious_violations(page) == []
    screenshot(page, "counselor-cohort")


def test_the_workspace_fits_a_phone(live_server, page, caseload):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Email").fill("casey@center.example")
    page.get_by_label("Password").fill("pw-casey-2026")
    page.get_by_role("button", name="Log in").click()
    # A counselor starts in the workspace.
    page.wait_for_url(f"{live_server.url}/counselor/")

    def width() -> int:
        return int(page.evaluate("document.documentElement.scrollWidth"))

    assert width() == PHONE["width"]
    # The filters are folded on a phone; the keyboard opens them.
    filters = page.locator("details.filters-panel")
    assert filters.evaluate("panel => panel.open") is False
    tab_to(page, page.get_by_text("Search and filters"))
    page.keyboard.press("Enter")
    assert filters.evaluate("panel => panel.open") is True
    assert page.get_by_label("Target role").is_visible()
    # The table scrolls inside its own region, which the keyboard can reach.
    region = page.get_by_role("region", name=re.compile("^Shared results"))
    assert region.evaluate("r => r.scrollWidth > r.clientWidth") is True
    tab_to(page, region)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    # Keyboard scrolling is smooth: wait for it to move.
    page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle(), timeout=3000)
    # The person's name stays in view while the table scrolls.
    first = page.locator(".results-table tbody th").first
    assert first.bounding_box()["x"] >= 0
    assert serious_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "counselor-dashboard-phone-scrolled.png"))

    for path in ["/counselor/cohort/", f"/counselor/results/{caseload['ana'].pk}/"]:
        page.goto(f"{live_server.url}{path}")
        assert width() == PHONE["width"], path
        assert serious_violations(page) == []
    screenshot(page, "counselor-result-phone")
