"""The public catalogue's cache: every catalogue write moves its version, so a page shows
the change on the very next request, through the admin as through an import."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessments import selectors
from roles import cache, services
from roles.models import (
    CareerStep,
    Certification,
    CertificationCondition,
    CertificationSkill,
    Condition,
    ExperienceWaiver,
    KnowledgeQuestion,
    LearningOption,
    LevelUpTip,
    Role,
    RoleCertification,
    RoleCitation,
    RoleRequirement,
    Skill,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ROLE_PAGE = "/roles/production-manager/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _value(bound_field) -> Any:
    value = bound_field.value()
    if isinstance(value, bool):
        return "on" if value else ""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _change_form(client: Client, url: str) -> dict[str, Any]:
    """What the admin's change form at `url` would post unchanged, inlines included."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {form.add_prefix(name): _value(form[name]) for name in form.fields}
    inlines = page.context.get("inline_admin_formsets", [])
    for inline in inlines:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = _value(management[name])
        for inline_form in formset.forms:
            for name in inline_form.fields:
                data[inline_form.add_prefix(name)] = _value(inline_form[name])
    return {key: value for key, value in data.items() if value != ""}


def _admin_save(client: Client, obj: Any, **changes: Any) -> None:
    url = f"/admin/roles/{obj._meta.model_name}/{obj.pk}/change/"
    data = {**_change_form(client, url), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def _import_preview(client: Client, model: str, rows: str):
    """Send a CSV file to the admin's import of `model`: the dry run that shows a preview."""
    preview = client.post(
        f"/admin/roles/{model}/import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("rows.csv", rows.encode(), content_type="text/csv"),
        },
    )
    assert preview.status_code == 200
    return preview


def _import_confirm(client: Client, model: str, preview) -> None:
    confirm = client.post(
        f"/admin/roles/{model}/process_import/", preview.context["confirm_form"].initial
    )
    assert confirm.status_code == 302


@pytest.fixture
def editor(admin_user) -> Client:
    return client_for(admin_user)


def _seen_then_changed(change, *, shows: str = "", hides: str = "", url: str = ROLE_PAGE) -> None:
    """`url`, drawn and kept in the cache, shows `shows` and stops showing `hides` on the
    first request after `change()`."""
    visitor = Client()
    first = _text(visitor.get(url))
    assert _text(visitor.get(url)) == first  # kept
    assert (shows and shows not in first) or (hides and hides in first)
    version = cache.version()
    change()
    assert cache.version() != version
    then = _text(visitor.get(url))
    if shows:
        assert shows in then
    if hides:
        assert hides not in then


def test_a_role_edited_in_the_admin_shows_at_once(editor):
    role = Role.objects.get(slug="production-manager")
    _seen_then_changed(
        lambda: _admin_save(editor, role, title_en="Production Operations Manager"),
        shows="Production Operations Manager",
    )


def test_a_skill_edited_in_the_admin_shows_at_once(editor):
    skill = Skill.objects.get(slug="budgeting")
    _seen_then_changed(
        lambda: _admin_save(editor, skill, name_en="Budgets and cost control"),
        shows="Budgets and cost control",
    )


def test_a_skill_edited_in_the_admin_shows_at_once_in_an_open_questionnaire(editor):
    from assessments import services as assessment_services

    draft = assessment_services.draft_start(
        mode="target", length="full", role_slug="production-manager"
    )
    skill = Skill.objects.get(slug="budgeting")
    _seen_then_changed(
        lambda: _admin_save(editor, skill, name_en="Budgets and cost control"),
        shows="Budgets and cost control",
        hides="Budgeting",
        url=f"/assess/{draft.token}/step/{_step_asking(draft, 'budgeting')}/",
    )


def _step_asking(draft, skill_slug: str) -> int:
    from assessments import selectors as assessment_selectors

    pages = assessment_selectors.question_pages(skill_slugs=draft.skills)
    return next(
        number
        for number, page in enumerate(pages, start=1)
        if skill_slug in {question.skill for question in page.questions}
    )


def test_a_source_edited_in_the_admin_shows_at_once(editor):
    citation = RoleCitation.objects.select_related("source").filter(
        role__slug="production-manager"
    )[0]
    _seen_then_changed(
        lambda: _admin_save(editor, citation.source, title="A renamed career document"),
        shows="A renamed career document",
    )


def test_a_requirement_edited_in_the_admin_and_inline_shows_at_once(editor):
    requirement = RoleRequirement.objects.get(
        role__slug="production-manager", skill__slug="budgeting"
    )
    _seen_then_changed(
        lambda: _admin_save(editor, requirement, passage="A passage edited on its own page."),
        shows="A passage edited on its own page.",
    )
    role = requirement.role
    url = f"/admin/roles/role/{role.pk}/change/"
    data = _change_form(editor, url)
    (field,) = [
        key
        for key, value in data.items()
        if key.startswith("requirements-")
        and key.endswith("-passage")
        and value == "A passage edited on its own page."
    ]

    def edit_inline() -> None:
        response = editor.post(url, {**data, field: "A passage edited inline."})
        assert response.status_code == 302

    _seen_then_changed(
        edit_inline,
        shows="A passage edited inline.",
        hides="A passage edited on its own page.",
    )


def test_a_citation_edited_inline_shows_at_once(editor):
    role = Role.objects.get(slug="production-manager")
    citation = role.citations.all()[0]
    url = f"/admin/roles/role/{role.pk}/change/"
    data = _change_form(editor, url)
    (field,) = [
        key for key, value in data.items() if value == citation.passage and "citations" in key
    ]

    def edit_inline() -> None:
        assert editor.post(url, {**data, field: "A citation edited inline."}).status_code == 302

    _seen_then_changed(edit_inline, shows="A citation edited inline.")


def test_a_career_step_edited_in_the_admin_shows_at_once(editor):
    step = CareerStep.objects.select_related("to_role").filter(
        from_role__slug="production-manager"
    )[0]
    _seen_then_changed(
        lambda: _admin_save(editor, step, typical_years=17),
        shows="usually after 17 years in this role",
    )


def _certification_on_the_role_page() -> Certification:
    """The first certification the role page lists, by name."""
    return (
        Certification.objects.filter(
            skill_levels__skill__requirements__role__slug="production-manager"
        )
        .distinct()
        .order_by("name")[0]
    )


def test_a_certification_edited_in_the_admin_shows_at_once(editor):
    certification = _certification_on_the_role_page()
    _seen_then_changed(
        lambda: _admin_save(editor, certification, name="A renamed certification"),
        shows="A renamed certification",
    )


def test_certification_skills_deleted_in_bulk_in_the_admin_show_at_once(editor):
    certification = _certification_on_the_role_page()
    links = CertificationSkill.objects.filter(certification=certification)

    def delete_in_bulk() -> None:
        response = editor.post(
            "/admin/roles/certificationskill/",
            {
                "action": "delete_selected",
                "_selected_action": [str(pk) for pk in links.values_list("pk", flat=True)],
                "post": "yes",
            },
        )
        assert response.status_code == 302

    _seen_then_changed(
        delete_in_bulk,
        hides=f"{certification.name} ({certification.abbreviation})",
    )
    assert not links.exists()


def test_a_requirement_deleted_in_the_admin_leaves_the_page_at_once(editor):
    requirement = RoleRequirement.objects.get(
        role__slug="production-manager", skill__slug="budgeting"
    )

    def delete() -> None:
        response = editor.post(
            f"/admin/roles/rolerequirement/{requirement.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302

    _seen_then_changed(delete, hides=requirement.passage)


def test_waivers_and_prerequisites_edited_inline_move_the_version(editor):
    """The role pages do not show them, but scoring and the API do; the version moves."""
    certification = ExperienceWaiver.objects.select_related("certification")[0].certification
    url = f"/admin/roles/certification/{certification.pk}/change/"
    data = _change_form(editor, url)
    years = next(
        key for key in data if key.startswith("waivers-") and key.endswith("-years_waived")
    )
    version = cache.version()
    response = editor.post(url, {**data, years: str(int(data[years]) + 1), "prerequisites": []})
    assert response.status_code == 302
    assert cache.version() != version
    assert certification.prerequisites.count() == 0


def test_a_history_revert_in_the_admin_shows_at_once(editor):
    role = Role.objects.get(slug="production-manager")
    _admin_save(editor, role, title_en="A title to revert")
    record = role.history.order_by("history_date")[0]  # type: ignore[attr-defined]
    url = f"/admin/roles/role/{role.pk}/history/{record.history_id}/"

    def revert() -> None:
        assert editor.post(url, _change_form(editor, url)).status_code == 302

    _seen_then_changed(revert, hides="A title to revert")


def test_an_import_shows_at_once_and_a_dry_run_changes_nothing(editor):
    visitor = Client()
    assert "Budgeting" in _text(visitor.get(ROLE_PAGE))
    requirement = RoleRequirement.objects.get(
        role__slug="production-manager", skill__slug="budgeting"
    )
    row = (
        "role,skill,level,importance,is_core,source,passage\n"
        f"production-manager,budgeting,{requirement.level},{requirement.importance},1,"
        f"{requirement.source.key},A passage from an imported file.\n"
    )
    preview = _import_preview(editor, "rolerequirement", row)
    assert "A passage from an imported file." not in _text(visitor.get(ROLE_PAGE))

    version = cache.version()
    _import_confirm(editor, "rolerequirement", preview)
    assert cache.version() != version
    assert "A passage from an imported file." in _text(visitor.get(ROLE_PAGE))


def test_loading_the_catalogue_moves_the_version():
    Client().get("/")
    version = cache.version()
    services.catalogue_load()
    assert cache.version() != version


def test_a_write_moves_the_version_at_once_and_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    before = cache.version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cache.bump()
        during = cache.version()
    assert len(callbacks) == 1
    assert len({before, during, cache.version()}) == 3


def test_a_version_pushed_out_of_the_cache_is_never_an_old_one(django_assert_num_queries):
    client = Client()
    client.get(ROLE_PAGE)
    first = cache.version()
    caches[cache.CACHE].delete(cache.VERSION_KEY)
    with django_assert_num_queries(7):  # drawn again, from the database
        client.get(ROLE_PAGE)
    assert cache.version() != first
    assert re.fullmatch(r"[0-9a-f]{16}", cache.version())


def test_an_unknown_role_is_a_404_and_nothing_is_kept(django_assert_num_queries):
    client = Client()
    assert client.get("/roles/no-such-role/").status_code == 404
    with django_assert_num_queries(1):  # the role, looked for again
        assert client.get("/roles/no-such-role/").status_code == 404


def _csrf_field(response) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert found, "the page has no CSRF field"
    return found.group(1)


def test_a_page_kept_whole_gives_each_visitor_a_token_that_works():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = _csrf_field(first.get(ROLE_PAGE))  # drawn, then kept
    second_page = second.get(ROLE_PAGE)  # from the cache
    second_token = _csrf_field(second_page)
    assert cache.CSRF_STAND_IN not in second_page.content
    assert first_token != second_token
    assert second.cookies["csrftoken"].value
    started = second.post(
        "/assess/",
        {
            "mode": "target",
            "role": "production-manager",
            "length": "quick",
            "csrfmiddlewaretoken": second_token,
        },
    )
    assert started.status_code == 302
    assert re.fullmatch(r"/assess/[\w-]+/step/1/", started["Location"])
    # The token is made from the second visitor's own secret: it does not pass with the
    # first visitor's cookie.
    refused = first.post(
        "/assess/",
        {
            "mode": "target",
            "role": "production-manager",
            "length": "quick",
            "csrfmiddlewaretoken": second_token,
        },
    )
    assert refused.status_code == 403


def test_a_signed_in_person_never_gets_the_anonymous_page(job_seeker):
    anonymous = Client()
    assert "Log in" in _text(anonymous.get(ROLE_PAGE))  # now kept whole
    signed_in = _text(client_for(job_seeker).get(ROLE_PAGE))
    assert "My results" in signed_in
    assert "Log out" in signed_in
    assert "Log in" not in signed_in
    assert "My results" not in _text(Client().get(ROLE_PAGE))


def test_a_visitor_with_a_message_waiting_gets_it_not_the_kept_page(job_seeker):
    Client().get("/")  # kept whole, with no message
    response = client_for(job_seeker).post("/account/delete/", follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Your account and all its results were deleted." in _text(response)
    assert "Where do your skills fit in production?" in _text(response)


def test_a_condition_edited_in_the_admin_shows_at_once_on_the_background_page(editor):
    from assessments import services as assessment_services

    draft = assessment_services.draft_start(
        mode="target", length="quick", role_slug="production-manager"
    )
    from assessments import selectors as assessment_selectors

    background = len(assessment_selectors.question_pages(skill_slugs=draft.skills)) + 1
    condition = Condition.objects.get(slug="led-projects")
    _seen_then_changed(
        lambda: _admin_save(editor, condition, question_en="I have led projects at work."),
        shows="I have led projects at work.",
        url=f"/assess/{draft.token}/step/{background}/",
    )


def test_certification_conditions_edited_inline_and_imported_move_the_version(editor):
    certification = Certification.objects.get(slug="pmi-pmp")
    url = f"/admin/roles/certification/{certification.pk}/change/"
    data = _change_form(editor, url)
    waived = next(
        key for key in data if key.startswith("condition_rules-") and key.endswith("-years_waived")
    )
    version = cache.version()
    assert editor.post(url, {**data, waived: "1"}).status_code == 302
    assert cache.version() != version
    assert sorted(
        CertificationCondition.objects.filter(certification=certification).values_list(
            "years_waived", flat=True
        )
    ) == [0, 1]

    changed = CertificationCondition.objects.get(certification=certification, years_waived=1)
    row = f"certification,condition,years_waived\npmi-pmp,{changed.condition.slug},0\n"
    preview = _import_preview(editor, "certificationcondition", row)
    version = cache.version()
    _import_confirm(editor, "certificationcondition", preview)
    assert cache.version() != version
    assert sorted(
        CertificationCondition.objects.filter(certification=certification).values_list(
            "years_waived", flat=True
        )
    ) == [0, 0]


def _named_for(slug: str) -> tuple[str, ...]:
    from assessments import selectors

    offer = next(c for c in selectors.scoring_catalogue().certifications if c.slug == slug)
    return offer.named_for


def test_roles_a_certification_names_edited_inline_and_imported_count_at_once(editor):
    certification = Certification.objects.get(slug="sap-s4hana-pp")
    assert "production-planner" in _named_for("sap-s4hana-pp")
    mention = RoleCertification.objects.get(
        certification=certification, role__slug="production-planner"
    )
    url = f"/admin/roles/certification/{certification.pk}/change/"
    data = _change_form(editor, url)
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("role_mentions-") and key.endswith("-id") and value == str(mention.pk)
    )
    assert editor.post(url, {**data, f"role_mentions-{index}-DELETE": "on"}).status_code == 302
    assert "production-planner" not in _named_for("sap-s4hana-pp")

    row = (
        "role,certification,source,passage\n"
        'production-planner,sap-s4hana-pp,seed-002-production-roles,"SAP Management: Create '
        'and maintain Purchase Orders and Production Orders in SAP"\n'
    )
    preview = _import_preview(editor, "rolecertification", row)
    _import_confirm(editor, "rolecertification", preview)
    assert "production-planner" in _named_for("sap-s4hana-pp")


def _ways(skill: str, level: int) -> tuple[str, ...]:
    """The ways up to `level`, as scoring has them and as a report page reads them."""
    ways = dict(selectors.scoring_catalogue().level_tips)[skill][level - 1]
    assert selectors.level_up_texts()[1][skill][level - 1] == ways
    return ways


def test_a_level_up_tip_edited_in_the_admin_and_imported_counts_at_once(editor):
    tip = LevelUpTip.objects.get(skill__slug="spc", level=1)
    assert _ways("spc", 1) == (
        "Learn what a control chart shows.",
        "Take a free online intro to SPC.",
    )

    _admin_save(editor, tip, ways_en="Ask a quality tech to explain one control chart.")
    assert _ways("spc", 1) == ("Ask a quality tech to explain one control chart.",)

    rows = 'skill,level,ways\nspc,1,"Read the control chart at your station."\n'
    _import_confirm(editor, "leveluptip", _import_preview(editor, "leveluptip", rows))
    assert _ways("spc", 1) == ("Read the control chart at your station.",)


def test_learning_options_and_checks_edited_in_the_admin_count_at_once(editor):
    option = LearningOption.objects.get(slug="coached-practice")
    _admin_save(editor, option, name_en="Coached shifts at work")
    names = {offer.slug: offer.name for offer in selectors.scoring_catalogue().learning}
    assert names["coached-practice"] == "Coached shifts at work"

    question = KnowledgeQuestion.objects.get(slug="lean-takt")
    _admin_save(editor, question, answer="c")
    written = {c.skill: c for c in selectors.scoring_catalogue().checks}
    assert ("lean-takt", "c") in written["lean-manufacturing"].questions
    assert selectors.check_texts()[1]["lean-takt"].answer == "c"

    rows = 'skill,level,order,text\nspc,3,1,"I have set up a control chart for a process."\n'
    _import_confirm(editor, "checkstatement", _import_preview(editor, "checkstatement", rows))
    written = {c.skill: c for c in selectors.scoring_catalogue().checks}
    assert written["spc"].statements == ((3, 1),)
    assert (
        selectors.check_texts()[0][("spc", 3, 1)] == "I have set up a control chart for a process."
    )
