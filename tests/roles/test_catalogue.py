"""The catalogue in fixtures/ against the seed documents it was built from."""

import itertools
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Q

from roles.models import (
    CareerStep,
    Certification,
    CertificationCondition,
    CertificationSkill,
    CheckStatement,
    Condition,
    ExperienceWaiver,
    KnowledgeQuestion,
    LearningOption,
    LearningOptionSkill,
    LevelUpTip,
    Role,
    RoleCertification,
    RoleCitation,
    RoleRequirement,
    Skill,
    Source,
)
from roles.proficiency import Education
from roles.services import catalogue_load

pytestmark = pytest.mark.django_db

EXPECTED_COUNTS: dict[Any, int] = {
    Source: 8,
    Skill: 63,
    Role: 22,
    RoleCitation: 27,
    RoleRequirement: 360,
    CareerStep: 16,
    Certification: 30,
    CertificationSkill: 114,
    ExperienceWaiver: 24,
    Condition: 11,
    CertificationCondition: 13,
    RoleCertification: 42,
    LevelUpTip: 252,
    LearningOption: 13,
    LearningOptionSkill: 145,
    CheckStatement: 160,
    KnowledgeQuestion: 30,
}

# Every role the five documents describe, merged where several describe the same one.
EXPECTED_ROLES = {
    "production-specialist": "Production Specialist",
    "junior-production-specialist": "Junior Production Specialist",
    "senior-production-specialist": "Senior Production Specialist",
    "lead-production-specialist": "Lead Production Specialist",
    "production-supervisor": "Production Supervisor",
    "assistant-production-supervisor": "Assistant Production Supervisor",
    "production-manager": "Production Manager",
    "senior-production-manager": "Senior Production Manager / Plant Manager",
    "production-coordinator": "Production Coordinator",
    "production-analyst": "Production Analyst",
    "production-artist": "Production Artist",
    "production-assistant": "Production Assistant",
    "production-associate": "Production Associate",
    "production-controller": "Production Controller",
    "production-designer": "Production Designer",
    "production-director": "Production Director",
    "production-lead": "Production Lead",
    "production-planner": "Production Planner",
    "production-planning-engineer": "Production Planning Engineer",
    "production-scheduler": "Production Scheduler",
    "digital-production-specialist": "Production Specialist (Digital and UX)",
    "production-line-worker": "Production Line Worker",
}

MANUFACTURING_LADDER = [
    "junior-production-specialist",
    "production-specialist",
    "senior-production-specialist",
    "lead-production-specialist",
    "production-supervisor",
    "production-manager",
    "senior-production-manager",
]

# Signs of UTF-8 read as a single-byte code page, as in one of the seed documents.
MOJIBAKE = re.compile("β€|πŸ|âœ|â€|Ã.|Â")


def _empty_catalogue() -> None:
    models: list[Any] = [
        LevelUpTip,
        LearningOptionSkill,
        LearningOption,
        CheckStatement,
        KnowledgeQuestion,
        CertificationCondition,
        Condition,
        CertificationSkill,
        ExperienceWaiver,
        RoleRequirement,
        RoleCitation,
        CareerStep,
        Role,
        Certification,
        Skill,
        Source,
    ]
    for model in models:
        model.objects.all().delete()


def _counts() -> dict:
    return {model: model.objects.count() for model in EXPECTED_COUNTS}


def _levels(role_slug: str) -> dict[str, int]:
    return dict(
        RoleRequirement.objects.filter(role__slug=role_slug).values_list("skill__slug", "level")
    )


def test_fixture_loads_into_an_empty_database_with_exact_counts():
    _empty_catalogue()
    assert set(_counts().values()) == {0}

    call_command("loaddata", "catalogue", verbosity=0)

    assert _counts() == EXPECTED_COUNTS


def test_loading_the_fixture_again_changes_nothing():
    before = _counts()
    requirement = RoleRequirement.objects.get(
        role__slug="production-manager", skill__slug="production-scheduling"
    )

    call_command("loaddata", "catalogue", verbosity=0)

    assert _counts() == before
    assert RoleRequirement.objects.get(pk=requirement.pk).level == 4


def test_catalogue_holds_every_role_the_documents_describe():
    assert dict(Role.objects.values_list("slug", "title")) == EXPECTED_ROLES


def test_every_role_has_at_least_eight_requirements():
    counts = {role.slug: role.requirements.count() for role in Role.objects.all()}
    assert min(counts.values()) == 8
    assert counts["production-specialist"] == 42
    assert counts["production-manager"] == 42


def test_every_role_requirement_and_certification_records_its_source():
    assert not RoleRequirement.objects.filter(passage="").exists()
    assert not Certification.objects.filter(passage="").exists()
    assert not CareerStep.objects.filter(passage="").exists()
    roles_without_citation = Role.objects.filter(citations__isnull=True)
    assert list(roles_without_citation) == []
    merged = RoleCitation.objects.filter(role__slug="production-manager")
    assert sorted(merged.values_list("source__document", flat=True)) == [
        "001_f9f309d7570a1243.txt",
        "002_bb41d329f4cb5986.txt",
        "003_255d462552ea5ed6.txt",
    ]


def test_catalogue_text_is_free_of_misdecoded_characters():
    texts = []
    for model in EXPECTED_COUNTS:
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if getattr(f, "get_internal_type", lambda: "")() in {"CharField", "TextField"}
        ]
        if text_fields:
            for row in model.objects.values_list(*text_fields):
                texts.extend(row)
    # Every text field of every row, none skipped; translated fields add a column a language.
    assert len(texts) == 4433
    assert MOJIBAKE.search("Industry 4.0 technologies β€” such as IoT")
    assert [t for t in texts if t and MOJIBAKE.search(t)] == []


def test_known_facts_from_the_documents():
    coordinator = Role.objects.get(slug="production-coordinator")
    assert coordinator.salary_median_usd == 116970
    assert coordinator.outlook_growth_percent == Decimal("2.0")
    assert coordinator.experience_min_years == 5
    assert coordinator.education == Education.BACHELOR
    assert coordinator.onet_soc_code == "43-5061.00"

    assert "Industrial Production Managers (11-3051" in coordinator.salary_note

    specialist = Role.objects.get(slug="production-specialist")
    assert (
        specialist.salary_median_usd,
        specialist.salary_low_usd,
        specialist.salary_high_usd,
    ) == (55000, None, None)
    assert "BLS national median of $68,800" in specialist.salary_note
    assert specialist.outlook_growth_percent == Decimal("1.0")

    manager = Role.objects.get(slug="production-manager")
    assert manager.salary_median_usd == 108000
    assert "a $87,500 median" in manager.salary_note
    assert manager.onet_soc_code == "11-3051.00"
    assert Role.objects.get(slug="production-supervisor").onet_soc_code == "51-1011.00"

    scheduling = RoleRequirement.objects.get(
        role__slug="production-manager", skill__slug="production-scheduling"
    )
    assert (scheduling.level, scheduling.importance, scheduling.is_core) == (4, 5, True)
    assert scheduling.passage == "Foundational Skills: Production scheduling and planning"


def test_certification_prerequisites_are_stored_as_data():
    green_belt = Certification.objects.get(slug="asq-cssgb")
    assert green_belt.min_years_experience == 3
    assert list(green_belt.waivers.all()) == []

    cmqoe = Certification.objects.get(slug="asq-cmqoe")
    assert cmqoe.min_years_experience == 10
    assert dict(cmqoe.waivers.values_list("education", "years_waived")) == {
        Education.TRADE: 1,
        Education.ASSOCIATE: 2,
        Education.BACHELOR: 4,
        Education.MASTER: 5,
        Education.DOCTORATE: 5,
    }

    pmp = Certification.objects.get(slug="pmi-pmp")
    assert pmp.min_years_experience == 5
    assert dict(pmp.waivers.values_list("education", "years_waived")) == {Education.BACHELOR: 2}

    clt = Certification.objects.get(slug="mssc-clt")
    assert list(clt.prerequisites.values_list("slug", flat=True)) == ["mssc-cla"]

    assert pmp.min_education == Education.HIGH_SCHOOL
    assert dict(pmp.condition_rules.values_list("condition__slug", "years_waived")) == {
        "led-projects": 0,
        "pm-training-35": 0,
    }
    training = Condition.objects.get(slug="pm-training-35")
    assert list(training.satisfied_by.values_list("slug", flat=True)) == ["pmi-capm"]

    black_belt = Certification.objects.get(slug="asq-cssbb")
    assert black_belt.min_years_experience == 3
    assert dict(black_belt.condition_rules.values_list("condition__slug", "years_waived")) == {
        "six-sigma-project": 0,
        "six-sigma-two-projects": 3,
    }

    # CSCP's listed credentials replace its years and degree.
    cscp = Certification.objects.get(slug="ascm-cscp")
    assert sorted(cscp.qualifying.values_list("slug", flat=True)) == ["ascm-cltd", "ascm-cpim"]

    # Where the sources disagree, careerfit keeps the stricter rule and says so.
    cpim = Certification.objects.get(slug="ascm-cpim")
    assert cpim.min_years_experience == 3
    assert cpim.uncertainty_note.startswith("Sources disagree on eligibility")
    assert Certification.objects.get(slug="sap-s4hana-pp").is_vendor_specific is True


def test_osha_cards_are_training_cards_not_certifications():
    cards = Certification.objects.filter(kind=Certification.Kind.TRAINING_CARD)
    assert sorted(cards.values_list("abbreviation", flat=True)) == [
        "Forklift training",
        "HACCP",
        "OSHA 10",
        "OSHA 30",
    ]


def test_certifications_named_by_the_documents_are_present():
    abbreviations = set(Certification.objects.values_list("abbreviation", flat=True))
    assert {"CPIM", "CSSGB", "CSSBB", "PMP", "ISO 9001 LA", "OSHA 10", "CPT"} <= abbreviations
    # Ones the roles' duties point to: HACCP and GMP, forklifts, inspection, costing,
    # design software and suppliers.
    assert {"HACCP", "Forklift training", "CQT", "CQI", "CMA", "Adobe ACP", "CPSM"} <= (
        abbreviations
    )


def test_no_certification_promises_more_than_study_and_practice_can_give():
    """Expert comes only from years of doing the work; a certification that asks only for
    study brings a skill to Working at most, one that asks for practice to Proficient."""
    from assessments import selectors

    for offer in selectors.scoring_catalogue().certifications:
        assert all(gain.brings_to_level <= offer.reach for gain in offer.skills), offer.slug
    iso = Certification.objects.get(slug="iso-9001-lead-auditor")
    assert "regulatory-compliance" not in set(
        iso.skill_levels.values_list("skill__slug", flat=True)
    )
    haccp = Certification.objects.get(slug="iha-basic-haccp")
    assert set(haccp.skill_levels.values_list("skill__slug", flat=True)) == {
        "quality-control",
        "regulatory-compliance",
    }


def test_planning_scheduling_coordinating_and_supervising_roles_ask_for_time_management():
    levels = dict(
        RoleRequirement.objects.filter(skill__slug="time-management").values_list(
            "role__slug", "level"
        )
    )
    assert {
        slug: levels.get(slug)
        for slug in [
            "production-planner",
            "production-scheduler",
            "production-analyst",
            "production-coordinator",
            "production-supervisor",
            "production-lead",
        ]
    } == {
        "production-planner": 3,
        "production-scheduler": 3,
        "production-analyst": 3,
        "production-coordinator": 3,
        "production-supervisor": 3,
        "production-lead": 2,
    }


def test_demand_planning_and_mrp_is_a_skill_the_planning_roles_need():
    mrp = RoleRequirement.objects.filter(skill__slug="mrp-demand-planning")
    assert dict(mrp.values_list("role__slug", "level")) == {
        "production-analyst": 2,
        "production-coordinator": 2,
        "production-director": 3,
        "production-manager": 3,
        "production-planner": 3,
        "production-planning-engineer": 3,
        "production-scheduler": 2,
        "senior-production-manager": 3,
    }
    builds = CertificationSkill.objects.filter(skill__slug="mrp-demand-planning")
    assert dict(builds.values_list("certification__slug", "brings_to_level")) == {
        "ascm-cltd": 2,
        "ascm-cpim": 3,
        "ascm-cscp": 2,
        "sap-s4hana-pp": 2,
    }


def test_certifications_roles_name_quote_the_words_that_name_them():
    mentions = RoleCertification.objects.select_related("role", "certification", "source")
    assert mentions.count() == 42
    assert not mentions.filter(passage="").exists()
    manager = mentions.filter(role__slug="production-manager", source__kind="seed")
    assert sorted(manager.values_list("certification__abbreviation", flat=True)) == [
        "CPIM",
        "CSSBB",
        "CSSGB",
        "ICBB",
        "PMP",
    ]
    for mention in manager:
        assert mention.passage.startswith("Certifications such as Lean Six Sigma, APICS CPIM")
    planner = mentions.get(role__slug="production-planner", certification__slug="sap-s4hana-pp")
    assert "in SAP" in planner.passage


def test_costs_and_study_hours_are_numbers_only_where_a_source_gives_them():
    costs = dict(
        Certification.objects.filter(cost_usd__isnull=False).values_list("slug", "cost_usd")
    )
    assert costs == {
        "asq-cqi": 447,
        "asq-cqt": 418,
        "asq-cssgb": 483,
        "asq-cssyb": 422,
        "ascm-cscp": 2015,
        "iassc-lssbb": 395,
        "iassc-lssgb": 295,
        "iassc-lssyb": 195,
        "pmi-capm": 300,
        "pmi-pmp": 575,
        "sap-s4hana-pp": 562,
    }
    # Every figure also stands in the words a card shows, as the full (non-member) price.
    for slug, dollars in costs.items():
        assert f"${dollars:,}" in Certification.objects.get(slug=slug).cost, slug
    hours = dict(
        Certification.objects.filter(study_hours__isnull=False).values_list("slug", "study_hours")
    )
    assert hours == {
        "iso-9001-lead-auditor": 40,
        "mssc-cla": 40,
        "mssc-clt": 40,
        "mssc-cpt": 140,
        "osha-10-general-industry": 10,
        "osha-30-general-industry": 30,
        "pmi-capm": 23,
        "pmi-pmp": 35,
    }


# How many skills each rung shares with the one below it, as the catalogue has them.
SHARED_WITH_RUNG_BELOW = [12, 24, 21, 15, 19, 28]


@pytest.mark.parametrize(
    ("lower", "higher", "shared_count"),
    [
        (lower, higher, count)
        for (lower, higher), count in zip(
            itertools.pairwise(MANUFACTURING_LADDER), SHARED_WITH_RUNG_BELOW, strict=True
        )
    ],
)
def test_each_rung_of_the_ladder_needs_at_least_what_the_one_below_needs(
    lower, higher, shared_count
):
    lower_levels, higher_levels = _levels(lower), _levels(higher)
    shared = lower_levels.keys() & higher_levels.keys()
    assert len(shared) == shared_count
    assert {
        s: (lower_levels[s], higher_levels[s]) for s in shared if higher_levels[s] < lower_levels[s]
    } == {}
    assert sum(higher_levels[s] for s in shared) > sum(lower_levels[s] for s in shared)


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("junior-production-specialist", "production-specialist"),
        ("production-specialist", "senior-production-specialist"),
        ("senior-production-specialist", "lead-production-specialist"),
        ("production-supervisor", "production-manager"),
        ("production-manager", "senior-production-manager"),
    ],
)
def test_a_rung_keeps_the_must_haves_and_important_skills_of_the_one_below(lower, higher):
    """Within the specialist ladder and within the management ladder; the step from lead
    specialist to supervisor changes the work, so it carries nothing."""
    below = RoleRequirement.objects.filter(role__slug=lower).filter(
        Q(is_core=True) | Q(importance__gte=4)
    )
    above = {r.skill_id: r for r in RoleRequirement.objects.filter(role__slug=higher)}
    for requirement in below:
        assert requirement.skill_id in above, (higher, requirement.skill_id)
        kept = above[requirement.skill_id]
        assert kept.level >= requirement.level
        assert kept.is_core or not requirement.is_core


def test_the_plant_manager_asks_at_least_what_the_production_manager_asks():
    manager = _levels("production-manager")
    plant = _levels("senior-production-manager")
    important = set(
        RoleRequirement.objects.filter(role__slug="production-manager")
        .filter(Q(is_core=True) | Q(importance__gte=4))
        .values_list("skill__slug", flat=True)
    )
    assert important <= plant.keys()
    assert all(plant[skill] >= manager[skill] for skill in important)


def test_ladder_pay_comes_from_one_table_and_never_goes_down():
    pay = [Role.objects.get(slug=slug).salary_median_usd for slug in MANUFACTURING_LADDER]
    # The specialist guide's salary-by-level table; it has no row for the plant manager.
    assert pay == [42000, 55000, 68000, 80000, 90000, 108000, None]


def test_junior_needs_less_than_lead():
    junior, lead = _levels("junior-production-specialist"), _levels("lead-production-specialist")
    assert junior["workplace-safety"] == 2
    assert lead["workplace-safety"] == 3
    assert "team-leadership" not in junior
    assert lead["team-leadership"] == 3


def test_manager_needs_more_leadership_budgeting_and_strategy_than_specialist():
    specialist, manager = _levels("production-specialist"), _levels("production-manager")
    assert (specialist["team-leadership"], manager["team-leadership"]) == (2, 4)
    assert (specialist["budgeting"], manager["budgeting"]) == (1, 4)
    assert ("strategic-planning" in specialist, manager["strategic-planning"]) == (False, 3)


def test_foundational_skills_of_a_skill_map_are_core():
    core = set(
        RoleRequirement.objects.filter(
            role__slug="production-specialist", is_core=True
        ).values_list("skill__slug", flat=True)
    )
    assert core == {
        "production-scheduling",
        "quality-control",
        "workplace-safety",
        "inventory-control",
        "communication",
        "teamwork",
        # Kept from the junior rung below.
        "machine-operation",
        "process-documentation",
    }


def test_every_skill_is_used_and_every_skill_has_four_level_examples():
    assert not Skill.objects.filter(requirements__isnull=True).exists()
    for level in range(1, 5):
        assert not Skill.objects.filter(**{f"level_{level}_example": ""}).exists()


def test_career_ladder_steps():
    steps = {
        (s.from_role.slug, s.to_role.slug): s.typical_years
        for s in CareerStep.objects.select_related("from_role", "to_role")
    }
    assert steps[("junior-production-specialist", "production-specialist")] == 2
    assert steps[("production-manager", "senior-production-manager")] == 5
    assert steps[("production-planner", "production-specialist")] is None


def test_every_loaded_row_has_a_history_baseline_and_reloading_adds_none():
    for model in EXPECTED_COUNTS:
        assert model.history.count() == model.objects.count(), model
    history = Certification.history  # type: ignore[attr-defined]
    reason = history.get(slug="asq-cssgb").history_change_reason
    assert reason == "Loaded from fixtures/catalogue.json"

    baselines = catalogue_load()

    assert set(baselines.values()) == {0}
    assert history.count() == 30


def test_loading_if_empty_keeps_admin_edits(db):
    from io import StringIO

    from django.core.management import call_command

    from roles.models import Role

    Role.objects.filter(slug="production-planner").update(title="Planner (edited)")
    out = StringIO()

    call_command("load_catalogue", "--if-empty", stdout=out)

    assert out.getvalue() == "Catalogue already present; left as it is.\n"
    assert Role.objects.get(slug="production-planner").title == "Planner (edited)"
    call_command("load_catalogue", verbosity=0)
    assert Role.objects.get(slug="production-planner").title == "Production Planner"
