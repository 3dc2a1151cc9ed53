"""careerfit in Spanish: the language a page is drawn in, the switcher that remembers it,
no English left on the job seeker's pages, and translation files that are up to date."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from assessments import selectors, services
from assessments.models import Draft, Result
from roles.models import Skill
from tests.assessments.conftest import fill
from tests.conftest import client_for, pdf_text

pytestmark = pytest.mark.django_db

PO = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# English words of careerfit's own pages that must not be left on a Spanish page. Each
# is a whole phrase of the interface, never a catalogue text (which may fall back to
# English, and the page says so).
ENGLISH_UI = [
    "Check my skills",
    "Skip to main content",
    "How we score",
    "Skill levels",
    "Log in",
    "Browse the roles",
    "Search the roles",
    "Show roles",
    "Skills this role needs",
    "Career path",
    "How ready are you for this role?",
    "Quick check",
    "Full check",
    "What do you want to find out?",
    "How long?",
    "For each skill, pick the level",
    "Not counted for or against you",
    "For example:",
    "Save and finish later",
    "Next",
    "Back",
    "Step 1 of",
    "About you",
    "See my results",
    "Years of work experience",
    "Check your top ratings",
    "Skip the checks",
    "Tick each one you have done",
    "Your answers are saved",
    "Your results",
    "Readiness",
    "Why this score",
    "Your level and the level needed",
    "Gaps to close",
    "How to get there",
    "Your plan",
    "in the next",
    "A course or programme for it",
    "Your strengths for this role",
    "By skill area",
    "Certifications that would close your gaps",
    "Take now",
    "Plan for later",
    "Roles that fit you",
    "About this report",
    "Must-have",
    "Self-rated",
    "You meet",
    "You are building toward this role",
    "based on",
    "of what matters",
    "You can apply",
    "Not yet: you need to",
    "Talk it over with a career counselor",
    "Keep, update or delete",
    "Delete this result",
    "Download PDF",
    "Compare with your job now",
    "Pay, entry and outlook",
    "We can’t find that page",
]


def _visible_text(response) -> str:
    """The words a person reads: tags, scripts and styles taken out."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # The switcher offers the other language in that language, on purpose.
    html = re.sub(r'<form[^>]*class="language-switcher.*?</form>', " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _english_left(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH_UI if re.search(rf"\b{re.escape(phrase)}\b", text)]


@pytest.fixture
def planner_result(db) -> Result:
    draft = services.draft_start(mode="target", length="full", role_slug="production-planner")
    fill(draft, 2, **{"production-scheduling": 1, "bill-of-materials": 0})
    return services.result_submit(draft=draft)


def _spanish() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="es")


def test_the_browser_s_language_is_honoured_and_said_on_the_page():
    spanish = _spanish().get("/")
    english = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/")

    assert spanish["Content-Language"] == "es"
    assert '<html lang="es">' in spanish.content.decode()
    assert "<title>Encuentre su próximo puesto en producción · careerfit</title>" in (
        spanish.content.decode()
    )
    assert '<html lang="en">' in english.content.decode()
    assert "<title>Find your next production role · careerfit</title>" in english.content.decode()
    # Catalogue texts with no Spanish yet stand in English, and the page says so.
    assert (
        "Algunos textos de puestos, habilidades y cursos todavía no están traducidos: se "
        "muestran en inglés."
    ) in spanish.content.decode()
    assert "catalogue-fallback" not in english.content.decode()


def test_the_switcher_remembers_the_choice_over_the_browser_s_language():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    switched = client.post("/i18n/setlang/", {"language": "es", "next": "/roles/"})

    assert switched["Location"] == "/roles/"
    assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert "Puestos de producción" in client.get("/roles/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/roles/"})
    assert '<h1 class="h2">Production roles</h1>' in client.get("/roles/").content.decode()


def test_a_whole_journey_in_spanish_leaves_no_english_on_careerfit_s_own_pages():
    client = _spanish()
    pages = {
        "home": client.get("/"),
        "roles": client.get("/roles/"),
        "role": client.get("/roles/production-planner/"),
        "levels": client.get("/levels/"),
        "compare": client.get("/roles/compare/?from=production-planner&to=production-manager"),
        "start": client.get("/assess/?role=production-planner"),
    }
    started = client.post(
        "/assess/", {"mode": "target", "length": "quick", "role": "production-planner"}
    )
    draft = Draft.objects.get()
    pages["step"] = client.get(started["Location"])
    pages["step-errors"] = client.post(started["Location"], {"action": "next"}, follow=True)
    fill(draft, 2, **{"production-scheduling": 3, "inventory-control": 4})
    pages["checks"] = client.get(f"/assess/{draft.token}/checks/")
    pages["background"] = client.get(f"/assess/{draft.token}/step/7/")
    pages["saved"] = client.get(f"/assess/{draft.token}/saved/")
    submitted = client.post(
        f"/assess/{draft.token}/step/7/",
        {"action": "submit", "years_experience": "1", "education": "1"},
        follow=True,
    )
    pages["result"] = submitted
    result = Result.objects.get()
    pages["how-we-score"] = client.get("/how-we-score/")
    pages["delete"] = client.get(f"/results/{result.token}/delete/")
    pages["not-found"] = client.get("/no-such-page/")

    left = {name: _english_left(_visible_text(page)) for name, page in pages.items()}

    assert {name: found for name, found in left.items() if found} == {}
    # The same check finds the English on an English page.
    assert _english_left(_visible_text(Client().get("/")))[:2] == [
        "Check my skills",
        "Skip to main content",
    ]
    text = _visible_text(pages["result"])
    assert "Sus resultados: Production Planner" in text
    assert "Brechas por cerrar" in text
    assert "Su plan" in text
    # Translated catalogue texts show in Spanish on the questionnaire.
    checks = _visible_text(pages["checks"])
    assert "Control de inventario y materiales" in checks
    assert (
        "He armado el programa semanal de una línea a partir de pedidos o cifras de demanda."
        in (checks)
    )
    assert "Un conteo cíclico encuentra 96 piezas donde el sistema dice 100." in checks
    assert "Terminé 35 horas de capacitación en gestión de proyectos." in _visible_text(
        pages["background"]
    )


def test_a_skill_s_spanish_name_edited_in_the_admin_shows_at_once(admin_user):
    skill = Skill.objects.get(slug="budgeting")
    editor = client_for(admin_user)
    url = f"/admin/roles/skill/{skill.pk}/change/"
    form = editor.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "name_es": "Presupuesto y control del gasto",
            "levelupTip_set-TOTAL_FORMS": "0",
        }
    )
    for prefix in ("level_up_tips", "check_statements"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )

    assert editor.post(url, data).status_code == 302

    spanish = _spanish().get("/roles/production-manager/").content.decode()
    assert "Presupuesto y control del gasto" in spanish
    assert (
        "Budgeting and cost control" in Client().get("/roles/production-manager/").content.decode()
    )


def test_the_sign_up_mail_is_in_the_language_of_the_page(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _spanish().post(
            "/account/signup/",
            {
                "email": "ana@example.com",
                "password1": "un-secreto-9876",
                "password2": "un-secreto-9876",
            },
        )

    assert mailoutbox[0].subject == "Confirme su correo para careerfit"
    assert "Alguien, ojalá usted, pidió una cuenta de careerfit con este correo." in (
        mailoutbox[0].body
    )


def test_the_pdf_follows_the_language_of_the_page(planner_result):
    response = _spanish().get(f"/results/{planner_result.token}/report.pdf")

    text = pdf_text(response.content)
    assert "careerfit · Informe de revisión de habilidades" in text
    assert "Brechas por cerrar" in text
    assert "Página 1 de" in text
    assert "Gaps to close" not in text


def _msgids(po: Path) -> set[tuple[str, str]]:
    """The (context, message id) pairs of a .po file's entries."""
    text = po.read_text(encoding="utf-8")
    ids = set()
    for block in text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, flags=re.M)
        context = re.search(r'^msgctxt "(.*)"$', block, flags=re.M)
        if match:
            msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
            if msgid:
                ids.add((context.group(1) if context else "", msgid))
    return ids


def _gettext_tools() -> None:
    if shutil.which("xgettext") and shutil.which("msgfmt"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("GNU gettext (xgettext, msgfmt) is needed; .ci/run installs it.")
    pytest.skip("GNU gettext is not installed here.")


def test_makemessages_finds_nothing_new_and_every_message_is_translated(tmp_path):
    _gettext_tools()
    kept = tmp_path / "django.po"
    shutil.copy(PO, kept)
    try:
        call_command(
            "makemessages",
            locale=["es"],
            no_location=True,
            ignore_patterns=[".venv", "node_modules", "staticfiles", "test-artifacts", "bench"],
            verbosity=0,
        )
        fresh = _msgids(PO)
        fuzzy_or_empty = re.findall(r'#, fuzzy\n(?!msgid "")|msgstr ""\n\n', PO.read_text())
    finally:
        shutil.copy(kept, PO)

    assert fresh == _msgids(kept)
    assert fuzzy_or_empty == []
    assert len(fresh) == 713


def test_the_compiled_catalogue_matches_its_source(tmp_path):
    _gettext_tools()
    compiled = tmp_path / "django.mo"
    subprocess.run(  # noqa: S603 - GNU msgfmt on careerfit's own file
        [shutil.which("msgfmt") or "msgfmt", "--check", "-o", str(compiled), str(PO)], check=True
    )

    with MO.open("rb") as kept, compiled.open("rb") as fresh:
        assert gettext.GNUTranslations(kept)._catalog == gettext.GNUTranslations(fresh)._catalog  # type: ignore[attr-defined]


def test_scoring_speaks_the_page_s_language(planner_result):
    text = _visible_text(_spanish().get(f"/results/{planner_result.token}/"))

    assert "Todavía le falta la habilidad indispensable" in text
    assert "según 15 de 15 habilidades, 100% de lo que importa" in text.lower()
    assert "En desarrollo" in text


def test_a_result_draft_and_services_do_not_depend_on_the_language():
    """The same answers give the same saved report in either language."""
    reports = []
    for language in ("en", "es"):
        draft = services.draft_start(mode="target", length="quick", role_slug="production-planner")
        fill(draft, 2)
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.post(
            f"/assess/{draft.token}/step/7/",
            {"action": "submit", "years_experience": "1", "education": "1"},
        )
        reports.append(Result.objects.get(draft=draft))
    english, spanish = reports
    assert spanish.report == english.report
    assert spanish.catalogue_version == english.catalogue_version


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("skill", ["name_en", "name_es", "level_1_example_es", "description_es"]),
        ("role", ["title_en", "title_es", "summary_es"]),
        ("condition", ["question_en", "question_es", "to_do_es"]),
        ("certification", ["description_en", "description_es"]),
        ("leveluptip", ["ways_en", "ways_es"]),
        ("learningoption", ["name_es", "provider_type_es", "description_es"]),
        ("checkstatement", ["text_es"]),
        ("knowledgequestion", ["question_es", "choice_a_es", "explanation_es"]),
    ],
)
def test_the_admin_edits_each_language_side_by_side(admin_user, model, fields):
    form = client_for(admin_user).get(f"/admin/roles/{model}/add/").context["adminform"].form

    assert set(fields) <= set(form.fields)


def test_a_kept_catalogue_page_is_kept_apart_for_each_language(django_assert_num_queries):
    client = Client()
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    spanish = client.get("/roles/")
    with django_assert_num_queries(0):  # kept whole, the language cookie notwithstanding
        again = client.get("/roles/")
    english = Client().get("/roles/")

    assert "Puestos de producción" in again.content.decode()
    assert spanish["Content-Language"] == again["Content-Language"] == "es"
    assert '<h1 class="h2">Production roles</h1>' in english.content.decode()


def test_dates_are_written_as_each_language_writes_them(planner_result):
    day = planner_result.created_at
    Result.objects.filter(pk=planner_result.pk).update(
        created_at=day.replace(month=12, day=6, hour=12)
    )

    spanish = _visible_text(_spanish().get(f"/results/{planner_result.token}/"))
    english = _visible_text(Client().get(f"/results/{planner_result.token}/"))

    assert f"Fecha 6 de diciembre de {day.year}" in spanish
    assert f"Date 6 December {day.year}" in english


def test_the_scoring_catalogue_is_kept_once_for_every_language(django_assert_num_queries):
    with translation.override("es"):
        spanish = selectors.scoring_catalogue()
    with translation.override("en"), django_assert_num_queries(0):
        english = selectors.scoring_catalogue()

    assert english == spanish
