"""Real-browser tests: headless Chromium from Debian, driven by Playwright.

Chromium missing locally: the tests are skipped with a message saying how to install it.
Under CI (CI=true) a missing Chromium fails the run instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.core.management import call_command

from roles.models import Role

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _missing(what: str, how: str) -> None:
    message = f"{what} is missing, so the browser tests cannot run. Install it with: {how}"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip("\n" + "!" * 78 + f"\n{message}\n" + "!" * 78)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        _missing("Chromium", "sudo apt-get install chromium")
    if not AXE.exists():
        _missing("axe-core", "npm ci")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as a script, which the site's own Content-Security-Policy forbids.
    return {**browser_context_args, "bypass_csp": True, "viewport": DESKTOP}


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    """Live-server tests flush the database after each test, which also empties what the
    migrations put there: reload the catalogue and the Counselors group first. The flush
    leaves the rate-limit counts' table alone, so empty it here."""
    caches["throttle"].clear()
    if not Role.objects.exists():
        call_command("load_catalogue", verbosity=0)
    group, _ = Group.objects.get_or_create(name="Counselors")
    group.permissions.add(Permission.objects.get(codename="review_shared"))


def serious_violations(page) -> list[tuple[str, str, list[str]]]:
    """axe-core's serious and critical WCAG 2.2 A/AA findings on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: "tag", values:
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}})"""
    )
    return [
        (v["id"], v["impact"], [str(node["target"]) for node in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def tab_to(page, locator, limit: int = 120) -> None:
    """Press Tab until the locator has focus, as a keyboard user would; fail if it never does."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", target):
            return
    raise AssertionError(f"Tab never reached {locator}")


def screenshot(page, name: str) -> None:
    """Save the page at desktop and phone width as test artefacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(viewport)
