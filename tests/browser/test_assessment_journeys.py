"""A job seeker's journeys in a real browser, using the keyboard only."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from assessments.models import Result
from tests.browser.conftest import ARTIFACTS, screenshot, serious_violations, tab_to
from tests.conftest import pdf_text

pytestmark = pytest.mark.browser


def _rate_page(page, step: int) -> int:
    """Rate every question on the page with the arrow keys; returns how many there were."""
    questions = page.locator("fieldset.question")
    for index in range(questions.count()):
        tab_to(page, questions.nth(index).locator("input[type=radio]").first)
        # From the focused "None", each ArrowDown moves to and selects the next level.
        for _ in range(1 + (index + step) % 3):
            page.keyboard.press("ArrowDown")
    return questions.count()


def _do_the_checks(page) -> None:
    """On the checks page: tick each check's first statement, pick each question's first
    answer, send, look at the explained answers, and go on, with the keyboard."""
    assert serious_violations(page) == []
    screenshot(page, "checks")
    for box in page.locator("fieldset.card").all():
        first = box.locator("input[type=checkbox]").first
        if first.count():
            tab_to(page, first)
            page.keyboard.press("Space")
    for group in page.locator("[role=radiogroup]").all():
        tab_to(page, group.locator("input[type=radio]").first)
        page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Check my answers"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".check-review")
    assert page.get_by_role("button", name="Check my answers").count() == 0
    assert serious_violations(page) == []
    screenshot(page, "checks-explained")
    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")


def _answer_all_and_submit(page, step: int = 1) -> int:
    """Rate every page from `step` on (doing the checks if they come), then fill in the
    last page and send it."""
    answered = 0
    while page.locator("fieldset.question").count():
        answered += _rate_page(page, step)
        tab_to(page, page.get_by_role("button", name="Next"))
        page.keyboard.press("Enter")
        step += 1
        page.wait_for_url(re.compile(rf"/(step/{step}|checks)/$"))
        if page.url.endswith("/checks/"):
            _do_the_checks(page)
            page.wait_for_url(re.compile(rf"/step/{step}/$"))
    tab_to(page, page.get_by_label("Years of work experience in production or a related field"))
    page.keyboard.type("4")
    tab_to(page, page.get_by_label("Highest education you have finished"))
    page.keyboard.type("High school")
    tab_to(page, page.get_by_role("button", name="See my results"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/results/[\w-]{43}/$"))
    return answered


def test_quick_check_from_a_role_page_with_the_keyboard(live_server, page):
    page.goto(f"{live_server.url}/roles/production-specialist/")
    assert serious_violations(page) == []
    tab_to(page, page.get_by_role("button", name="Quick check · 15 questions"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/1/$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Step 1 of 5: Production & operations"
    )
    assert serious_violations(page) == []
    screenshot(page, "questionnaire-step")

    # Next with nothing chosen shows the errors, which must be accessible too.
    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("alert").locator("h2").inner_text() == "Some answers need another look"
    assert serious_violations(page) == []
    screenshot(page, "questionnaire-errors")

    assert _answer_all_and_submit(page) == 15

    result = Result.objects.get()
    assert (result.role_slug, result.length, len(result.ratings)) == (
        "production-specialist",
        "quick",
        15,
    )
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Your results: Production Specialist"
    )
    assert page.locator(".display-4").inner_text() == f"{result.readiness:.0f}%"
    assert serious_violations(page) == []
    screenshot(page, "result")

    # Under the first gap, the way up from the person's level, opened with the keyboard.
    first_gap = page.locator(".gap-table .level-ups").first
    tab_to(page, first_gap.locator("summary"))
    page.keyboard.press("Enter")
    assert first_gap.locator("ol > li").first.is_visible()
    assert first_gap.locator("ol > li").first.inner_text().startswith("To ")
    assert serious_violations(page) == []
    # The checks done on the way are on the report, with the readiness both ways or why not.
    assert page.locator("#rating-checks").is_visible()
    screenshot(page, "result-way-up")

    # The print stylesheet drops navigation and buttons but keeps the report, under a
    # title block saying what it is and when it was made.
    assert page.locator(".print-only").is_hidden()
    page.emulate_media(media="print")
    assert page.locator(".report-actions").is_hidden()
    assert page.locator("body > header nav").is_hidden()
    assert page.get_by_role("heading", name="Why this score").is_visible()
    title = page.locator(".print-only")
    assert title.is_visible()
    assert "careerfit · Skills check report" in title.inner_text()
    assert "Production Specialist" in title.inner_text()
    assert page.get_by_role("heading", level=1).is_visible()
    screenshot(page, "result-print")
    page.emulate_media(media="screen")
    assert page.get_by_role("button", name="Print", exact=True).is_visible()

    # The PDF download: saved, and its first page kept as a picture to look at.
    with page.expect_download() as download:
        tab_to(page, page.get_by_role("link", name="Download PDF"))
        page.keyboard.press("Enter")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = ARTIFACTS / "result-report.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    text = pdf_text(saved.read_bytes())
    assert "Production Specialist" in text
    assert f"{result.readiness:.0f}%" in text
    # Debian's poppler-utils; .ci/run installs it.
    assert shutil.which("pdftoppm") or os.environ.get("CI") != "true"
    if shutil.which("pdftoppm"):
        subprocess.run(  # noqa: S603 - poppler's pdftoppm on our own file
            [
                shutil.which("pdftoppm") or "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                str(saved),
                str(ARTIFACTS / "result-report-page"),
            ],
            check=True,
        )


def test_which_role_fits_me_full_check_with_the_keyboard(live_server, page):
    page.goto(f"{live_server.url}/")
    tab_to(page, page.get_by_role("link", name="Check my skills").first)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/assess/$"))
    assert serious_violations(page) == []
    tab_to(page, page.get_by_label("One role I have in mind"))
    page.keyboard.press("ArrowDown")  # to "Which role fits me?"
    tab_to(page, page.get_by_label("Quick check: the skills that matter most, 15 to 25 questions"))
    page.keyboard.press("ArrowDown")  # to "Full check"
    tab_to(page, page.get_by_role("button", name="Start"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/1/$"))

    assert _answer_all_and_submit(page) == 61

    result = Result.objects.get()
    assert (result.mode, result.length, len(result.ratings)) == ("explore", "full", 61)
    assert page.get_by_role("heading", level=1).inner_text() == f"Your results: {result.role_title}"
    first_fit = page.locator(".fit-table tbody tr").first.locator("th a").inner_text()
    assert first_fit == result.role_title


def test_a_half_finished_questionnaire_resumes_from_its_link(live_server, page, browser):
    page.goto(f"{live_server.url}/roles/production-planner/")
    tab_to(page, page.get_by_role("button", name="Quick check · 15 questions"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/1/$"))
    first_page_count = _rate_page(page, 1)
    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/2/$"))
    tab_to(page, page.get_by_role("button", name="Save and finish later"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/saved/$"))
    assert serious_violations(page) == []
    link = page.get_by_label("Your link to carry on").input_value()
    screenshot(page, "draft-saved")

    # A new browser context knows nothing of the first: only the link.
    context = browser.new_context()
    fresh = context.new_page()
    fresh.goto(link)
    assert fresh.url.endswith("/step/2/")
    assert fresh.locator("p.small").first.inner_text() == (
        f"{first_page_count} of 15 skill questions answered."
    )
    tab_to(fresh, fresh.get_by_role("button", name="Back"))
    fresh.keyboard.press("Enter")
    fresh.wait_for_url(re.compile(r"/step/1/$"))
    assert fresh.locator("input[type=radio]:checked").count() == first_page_count
    context.close()


def test_levels_picked_but_not_sent_survive_a_reload(live_server, page):
    page.goto(f"{live_server.url}/assess/?role=production-planner")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/step/1/$"))
    questions = page.locator("fieldset.question")
    questions.nth(0).locator("input[type=radio]").nth(2).check()
    questions.nth(1).locator("input[type=radio]").nth(4).check()

    page.reload()

    checked = page.locator("input[type=radio]:checked")
    assert checked.count() == 2
    assert questions.nth(0).locator("input[type=radio]").nth(2).is_checked()
    assert questions.nth(1).locator("input[type=radio]").nth(4).is_checked()
    # Once the page is sent, the server keeps them and this tab forgets its copy.
    page.get_by_role("button", name="Save and finish later").click()
    page.wait_for_url(re.compile(r"/saved/$"))
    kept = page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('careerfit-picks'))")
    assert kept == []


def test_not_sure_with_the_keyboard_and_coming_back_to_it(live_server, page):
    page.goto(f"{live_server.url}/roles/production-planner/")
    tab_to(page, page.get_by_role("button", name="Quick check · 15 questions"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/1/$"))
    first = page.locator("fieldset.question").first
    tab_to(page, first.locator("input[type=radio]").first)
    for _ in range(5):  # None → Awareness … Expert → Not sure
        page.keyboard.press("ArrowDown")
    assert first.locator("input[type=radio]:checked").get_attribute("value") == "unsure"
    assert serious_violations(page) == []

    # The other questions are rated as usual; the first one stays "Not sure".
    questions = page.locator("fieldset.question")
    for index in range(1, questions.count()):
        tab_to(page, questions.nth(index).locator("input[type=radio]").first)
        page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/2/$"))
    _answer_all_and_submit(page, step=2)

    result = Result.objects.get()
    assert result.unsure == ["bill-of-materials"]
    note = page.locator(".unsure")
    assert note.locator("p").inner_text() == (
        "You answered Not sure for 1 skill: Bills of materials and product data. "
        "It is not counted for or against you."
    )
    assert serious_violations(page) == []
    screenshot(page, "result-not-sure")
    tab_to(page, page.get_by_role("button", name="Come back to it now"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/1/$"))
    assert page.locator("fieldset.question").count() == 1
    assert page.locator("fieldset.question legend").inner_text() == (
        "Bills of materials and product data"
    )


def test_two_roles_compared_from_a_role_page_with_the_keyboard(live_server, page):
    page.goto(f"{live_server.url}/roles/production-planner/")
    choice = page.get_by_label("Set Production Planner beside")
    tab_to(page, choice)
    choice.select_option(label="Production Scheduler")
    tab_to(page, page.get_by_role("button", name="Compare", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url(
        re.compile(r"/roles/compare/\?from=production-planner&to=production-scheduler$")
    )

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Production Planner and Production Scheduler"
    )
    more = page.get_by_role("table", name="Skills Production Scheduler needs more of")
    assert more.locator("tbody th").all_inner_texts() == ["Production planning and scheduling"]
    assert serious_violations(page) == []
    screenshot(page, "roles-compared")
    # On a phone the tables fit the screen: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _fits_a_phone(page) -> bool:
    """Nothing on the page is wider than a 390-pixel phone screen (Spanish runs longer)."""
    viewport = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    page.set_viewport_size(viewport)
    return bool(fits)


def test_a_quick_check_in_spanish_from_the_switcher_to_the_report(live_server, page):
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "en"
    tab_to(page, page.get_by_role("button", name="Español"))
    page.keyboard.press("Enter")
    page.wait_for_function("document.documentElement.lang === 'es'")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "¿Dónde encajan sus habilidades en producción?"
    )
    assert serious_violations(page) == []
    assert _fits_a_phone(page)
    screenshot(page, "home-es")

    page.goto(f"{live_server.url}/roles/production-planner/")
    assert page.get_by_role("heading", level=1).inner_text() == "Planificador de producción"
    assert serious_violations(page) == []
    assert _fits_a_phone(page)
    tab_to(page, page.get_by_role("button", name="Revisión rápida · 15 preguntas"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/step/1/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Paso 1 de ")
    assert serious_violations(page) == []
    assert _fits_a_phone(page)
    screenshot(page, "questionnaire-step-es")

    step = 1
    while page.locator("fieldset.question").count():
        _rate_page(page, step)
        tab_to(page, page.get_by_role("button", name="Siguiente"))
        page.keyboard.press("Enter")
        step += 1
        page.wait_for_url(re.compile(rf"/(step/{step}|checks)/$"))
        if page.url.endswith("/checks/"):
            assert (
                page.get_by_role("heading", level=1)
                .inner_text()
                .endswith("Compruebe sus calificaciones más altas")
            )
            assert serious_violations(page) == []
            assert _fits_a_phone(page)
            screenshot(page, "checks-es")
            tab_to(page, page.get_by_role("button", name="Saltar las pruebas"))
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(rf"/step/{step}/$"))
    assert serious_violations(page) == []
    tab_to(
        page, page.get_by_label("Años de experiencia de trabajo en producción o un campo parecido")
    )
    page.keyboard.type("2")
    tab_to(page, page.get_by_label("Los estudios más altos que terminó"))
    page.keyboard.type("Diploma")
    tab_to(page, page.get_by_role("button", name="Ver mis resultados"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/results/[\w-]{43}/$"))

    result = Result.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Sus resultados: {result.role_title}"
    )
    assert page.get_by_role("heading", name="Brechas por cerrar").is_visible()
    assert page.get_by_role("heading", name="Su plan", exact=True).is_visible()
    assert "Saltó las pruebas" in page.locator("#rating-checks").inner_text()
    assert serious_violations(page) == []
    assert _fits_a_phone(page)
    screenshot(page, "result-es")
