"""Drafts and saved results against the real catalogue in the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import selectors, services
from assessments.models import Draft, Result
from assessments.reports import report_from_json
from roles import cache
from roles.models import Role, RoleRequirement
from tests.assessments.conftest import fill

# The planner's three must-haves come first, by name since importance and level tie.
PLANNER_MUST_HAVES = ["bill-of-materials", "erp-systems", "production-scheduling"]


def test_full_target_draft_asks_every_requirement_must_haves_first(planner_draft):
    role = Role.objects.get(slug="production-planner")

    assert len(planner_draft.skills) == role.requirements.count() == 15
    assert planner_draft.skills[:4] == [*PLANNER_MUST_HAVES, "mrp-demand-planning"]
    assert set(planner_draft.skills) == set(role.requirements.values_list("skill__slug", flat=True))
    assert len(planner_draft.token) == 43


def test_quick_draft_keeps_the_first_15_requirements(db):
    draft = services.draft_start(mode="target", length="quick", role_slug="production-specialist")
    core = set(
        RoleRequirement.objects.filter(
            role__slug="production-specialist", is_core=True
        ).values_list("skill__slug", flat=True)
    )

    assert len(draft.skills) == 15
    assert set(draft.skills[: len(core)]) == core


def test_explore_draft_asks_what_tells_roles_apart(db):
    quick = services.draft_start(mode="explore", length="quick", role_slug="ignored")
    full = services.draft_start(mode="explore", length="full")
    must_haves = {
        role: set(
            RoleRequirement.objects.filter(role__slug=role, is_core=True).values_list(
                "skill__slug", flat=True
            )
        )
        for role in Role.objects.values_list("slug", flat=True)
    }

    assert quick.role_slug == ""
    # Scheduling's demand varies most between roles; the planner's ERP work is asked too.
    assert quick.skills[:3] == ["production-scheduling", "team-leadership", "workplace-safety"]
    assert "erp-systems" in quick.skills
    assert len(quick.skills) == selectors.explore_question_counts().quick == 22
    assert all(len(core & set(quick.skills)) >= min(2, len(core)) for core in must_haves.values())
    assert set().union(*must_haves.values()) <= set(full.skills)
    assert len(full.skills) == selectors.explore_question_counts().full == 61


def test_unknown_role_cannot_start(db):
    with pytest.raises(services.RoleUnavailable):
        services.draft_start(mode="target", length="quick", role_slug="astronaut")
    assert Draft.objects.count() == 0


def test_answers_for_skills_not_asked_are_ignored(planner_draft):
    services.draft_save_answers(
        draft=planner_draft, answers={"bill-of-materials": 3, "capacity-planning": 4}
    )
    planner_draft.refresh_from_db()

    assert planner_draft.answers == {"bill-of-materials": 3}


def test_two_tabs_saving_different_pages_keep_both_pages_answers(planner_draft):
    # Both tabs opened the questionnaire before either saved.
    first_tab = Draft.objects.get(pk=planner_draft.pk)
    second_tab = Draft.objects.get(pk=planner_draft.pk)
    first_page, second_page = planner_draft.skills[:3], planner_draft.skills[3:6]

    services.draft_save_answers(draft=first_tab, answers=dict.fromkeys(first_page, 2))
    services.draft_save_answers(draft=second_tab, answers=dict.fromkeys(second_page, 3))
    services.draft_save_background(
        draft=first_tab,  # still holding only its own page's answers
        years_experience=Decimal(4),
        education=3,
        certifications_held=[],
        name="",
        email="",
    )

    saved = Draft.objects.get(pk=planner_draft.pk)
    assert saved.answers == {**dict.fromkeys(first_page, 2), **dict.fromkeys(second_page, 3)}
    assert saved.years_experience == Decimal(4)


def test_incomplete_draft_saves_nothing(planner_draft):
    services.draft_save_answers(draft=planner_draft, answers={"bill-of-materials": 3})

    with pytest.raises(services.DraftIncomplete) as raised:
        services.result_submit(draft=planner_draft)

    assert raised.value.unanswered == tuple(planner_draft.skills[1:])
    assert raised.value.background_missing is True
    assert Result.objects.count() == 0


def test_submit_saves_answers_report_and_requirement_snapshot(planner_result, planner_draft):
    report = report_from_json(planner_result.report)
    requirements = RoleRequirement.objects.filter(role__slug="production-planner")

    assert planner_result.draft == planner_draft
    assert planner_result.role.slug == "production-planner"
    assert planner_result.role_title == "Production Planner"
    assert planner_result.ratings == planner_draft.answers
    assert planner_result.years_experience == Decimal("3.5")
    assert planner_result.education == 4
    assert planner_result.certifications_held == ["mssc-cla"]
    assert planner_result.readiness == Decimal(str(report.readiness))
    assert planner_result.band == report.band.value
    assert planner_result.get_band_display() == report.band.label
    assert len(planner_result.catalogue_version) == 12
    assert len(planner_result.requirements_snapshot) == requirements.count() == 15
    snapshot = {item["skill"]: item for item in planner_result.requirements_snapshot}
    scheduling = requirements.get(skill__slug="production-scheduling")
    assert snapshot["production-scheduling"] == {
        "skill": "production-scheduling",
        "skill_name": scheduling.skill.name,
        "category": "operations",
        "category_label": "Production & operations",
        "level": scheduling.level,
        "importance": scheduling.importance,
        "is_core": True,
    }
    # Must-have gaps by importance × levels short: 5 × 3, 5 × 2, then 5 × 1.
    assert [(g.skill, g.priority) for g in report.gaps[:3]] == [
        ("bill-of-materials", 15),
        ("production-scheduling", 10),
        ("erp-systems", 5),
    ]


def test_submitting_twice_returns_the_same_result(planner_result, planner_draft):
    again = services.result_submit(draft=planner_draft)

    assert again.pk == planner_result.pk
    assert Result.objects.count() == 1


def test_catalogue_edits_never_change_a_saved_result(planner_result):
    saved_report = dict(planner_result.report)
    RoleRequirement.objects.filter(role__slug="production-planner").update(level=4, importance=5)
    Role.objects.filter(slug="production-planner").update(title="Planner (renamed)")

    planner_result.refresh_from_db()
    assert planner_result.report == saved_report
    assert planner_result.role_title == "Production Planner"


def test_rescore_scores_the_same_answers_against_todays_catalogue(planner_result):
    # A write outside the catalogue's services and admin, as from the shell: it must move
    # the catalogue's version itself.
    RoleRequirement.objects.filter(role__slug="production-planner").update(level=4)
    cache.bump()

    rescored = services.result_rescore(result=planner_result)

    planner_result.refresh_from_db()
    assert rescored.pk != planner_result.pk
    assert rescored.previous == planner_result
    assert rescored.origin == Result.Origin.RESCORE
    assert rescored.ratings == planner_result.ratings
    # Every rating is 2 or less against level 4 now.
    assert rescored.readiness < planner_result.readiness
    assert rescored.catalogue_version != planner_result.catalogue_version
    assert {item["level"] for item in rescored.requirements_snapshot} == {4}
    assert Result.objects.count() == 2


def test_retake_starts_from_the_earlier_answers(planner_result):
    draft = services.draft_retake(result=planner_result)

    assert draft.previous == planner_result
    assert draft.answers == planner_result.ratings
    assert draft.years_experience == Decimal("3.5")
    assert draft.certifications_held == ["mssc-cla"]

    services.draft_save_answers(draft=draft, answers={"bill-of-materials": 4})
    retaken = services.result_submit(draft=draft)
    assert retaken.origin == Result.Origin.RETAKE
    assert retaken.previous == planner_result
    assert retaken.readiness > planner_result.readiness


def test_delete_removes_the_result_and_its_draft_but_not_later_attempts(planner_result):
    later = services.result_rescore(result=planner_result)

    services.result_delete(result=planner_result)

    assert not Result.objects.filter(pk=planner_result.pk).exists()
    assert Draft.objects.count() == 0
    later.refresh_from_db()
    assert later.previous is None
    assert later.report["role"] == "production-planner"


def test_explore_result_is_scored_against_the_best_fitting_role(db):
    draft = services.draft_start(mode="explore", length="full")
    fill(draft, 4)

    result = services.result_submit(draft=draft)

    report = report_from_json(result.report)
    assert result.role_slug == report.role_fit[0].role == report.role
    assert len(report.role_fit) == Role.objects.count()


def test_submitting_a_draft_for_a_removed_role_saves_nothing(planner_draft):
    fill(planner_draft)
    Role.objects.filter(slug="production-planner").delete()

    with pytest.raises(services.RoleUnavailable):
        services.result_submit(draft=planner_draft)
    assert Result.objects.count() == 0


def test_background_outside_range_is_rejected(planner_draft):
    with pytest.raises(ValidationError) as raised:
        services.draft_save_background(
            draft=planner_draft,
            years_experience=Decimal(61),
            education=2,
            certifications_held=[],
            name="",
            email="",
        )
    assert list(raised.value.message_dict) == ["years_experience"]


@pytest.mark.parametrize("length", ["quick", "full"])
def test_every_role_of_the_catalogue_can_be_assessed(db, length):
    for role in Role.objects.order_by("slug"):
        draft = services.draft_start(mode="target", length=length, role_slug=role.slug)
        fill(draft, 3)

        result = services.result_submit(draft=draft)

        report = report_from_json(result.report)
        total = role.requirements.count()
        assert (report.role, report.requirement_count) == (role.slug, total)
        assert report.rated_count == (min(total, 15) if length == "quick" else total)
    assert Result.objects.count() == Role.objects.count() == 22
