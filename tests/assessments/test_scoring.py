"""The scoring module on its own: hand-worked examples and properties. No database."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import scoring
from assessments.scoring import (
    Band,
    CareerMove,
    Catalogue,
    CertificationFacts,
    CertificationOffer,
    FitGroup,
    GapKind,
    Prerequisite,
    Profile,
    Requirement,
    RoleFacts,
    RoleProfile,
    SkillGain,
    Waiver,
)


def req(skill: str, level: int, importance: int, *, core: bool = False, category: str = "ops"):
    return Requirement(
        skill=skill,
        skill_name=skill.title(),
        category=category,
        category_label=category.upper(),
        level=level,
        importance=importance,
        is_core=core,
    )


PLANNER = RoleProfile(
    slug="planner",
    title="Planner",
    requirements=(
        req("scheduling", 3, 5, core=True),
        req("excel", 2, 3, category="tools"),
        req("safety", 1, 2),
    ),
    next_steps=(CareerMove(role="lead", typical_years=3),),
)
LEAD = RoleProfile(
    slug="lead",
    title="Lead",
    requirements=(req("scheduling", 4, 5, core=True), req("coaching", 3, 4, core=True)),
)
CPIM = CertificationOffer(
    slug="cpim",
    name="Certified in Planning and Inventory Management",
    abbreviation="CPIM",
    issuing_body="ASCM",
    is_training_card=False,
    level="mid",
    min_years_experience=None,
    skills=(SkillGain("scheduling", 3),),
)
PMP = CertificationOffer(
    slug="pmp",
    name="Project Management Professional",
    abbreviation="PMP",
    issuing_body="PMI",
    is_training_card=False,
    level="mid",
    min_years_experience=5,
    skills=(SkillGain("scheduling", 4), SkillGain("coaching", 3)),
    waivers=(Waiver(education=4, years_waived=2),),
)
OSHA = CertificationOffer(
    slug="osha-10",
    name="OSHA 10-Hour General Industry",
    abbreviation="OSHA 10",
    issuing_body="OSHA",
    is_training_card=True,
    level="entry",
    min_years_experience=None,
    skills=(SkillGain("safety", 2),),
)
CLA = CertificationOffer(
    slug="cla",
    name="Certified Logistics Associate",
    abbreviation="CLA",
    issuing_body="MSSC",
    is_training_card=False,
    level="entry",
    min_years_experience=None,
    skills=(SkillGain("excel", 1),),
)
CLT = CertificationOffer(
    slug="clt",
    name="Certified Logistics Technician",
    abbreviation="CLT",
    issuing_body="MSSC",
    is_training_card=False,
    level="entry",
    min_years_experience=None,
    skills=(SkillGain("excel", 2),),
    prerequisites=(Prerequisite(slug="cla", name="Certified Logistics Associate"),),
)
CATALOGUE = Catalogue(roles=(PLANNER, LEAD), certifications=(CPIM, PMP, OSHA, CLA, CLT))


def assess(ratings, **profile):
    return scoring.assess(Profile(ratings=ratings, **profile), CATALOGUE, "planner")


def test_readiness_hand_worked_example():
    # Must-have scheduling weighs 2 × 5 = 10 and earns 2/3 of it; excel 1/2 of 3; safety
    # meets its 2: (20/3 + 1.5 + 2) / 15 = 67.78 %
    report = assess({"scheduling": 2, "excel": 1, "safety": 1})

    assert report.readiness == 67.8
    assert report.shown_readiness == 68
    assert report.band is Band.NEARLY_READY
    assert [(r.skill, r.points_lost) for r in report.requirements] == [
        ("scheduling", 22.2),
        ("excel", 10.0),
        ("safety", 0.0),
    ]
    # ops: (20/3 + 2) / 12 = 72.2 %; tools: 1.5 / 3 = 50 %
    assert [c.readiness for c in report.categories] == [72.2, 50.0]
    assert [(c.category, c.rated_count, c.requirement_count) for c in report.categories] == [
        ("ops", 2, 2),
        ("tools", 1, 1),
    ]


def test_gaps_are_split_and_ranked_core_first():
    report = assess({"scheduling": 2, "excel": 0, "safety": 1})

    # excel's priority (3 × 2 = 6) beats scheduling's (5 × 1 = 5), but scheduling is a must-have.
    assert [(g.skill, g.gap_kind, g.shortfall, g.priority) for g in report.gaps] == [
        ("scheduling", GapKind.PARTIAL, 1, 5),
        ("excel", GapKind.MISSING, 2, 6),
    ]
    assert [g.skill for g in report.missing] == ["excel"]
    assert [g.skill for g in report.partial] == ["scheduling"]
    assert [s.skill for s in report.strengths] == ["safety"]
    assert [(w.skill, w.points_lost) for w in report.why] == [
        ("scheduling", 22.2),
        ("excel", 20.0),
    ]


def test_core_skill_two_levels_short_makes_the_band_developing_whatever_the_score():
    role = RoleProfile(
        slug="r",
        title="R",
        requirements=(req("a", 3, 1, core=True), *(req(f"s{n}", 1, 5) for n in range(10))),
    )
    ratings = {"a": 1, **{f"s{n}": 4 for n in range(10)}}
    report = scoring.assess(Profile(ratings=ratings), Catalogue((role,), ()), "r")

    # The must-have weighs 2 and earns 1/3 of it; the ten others 5 each: 50.67 / 52.
    assert report.readiness == 97.4
    assert report.band is Band.DEVELOPING
    assert report.headline == (
        "The must-have skill A is 2 levels short. It holds you back whatever your other "
        "skills, so start there."
    )


def test_unrated_requirements_are_reported_not_counted_as_zero():
    report = assess({"scheduling": 3})

    assert report.readiness == 100.0
    assert report.rated_count == 1
    assert report.requirement_count == 3
    assert [r.skill for r in report.unrated] == ["excel", "safety"]
    # The must-have alone is 10 of the role's 15 weight: enough to judge it.
    assert report.coverage.text == "based on 1 of 3 skills, 67% of what matters"
    assert report.to_judge == ()
    assert report.band is Band.READY
    assert report.headline == "You meet every skill this role asks for."


def test_unrated_core_skill_keeps_a_role_out_of_ready():
    report = assess({"excel": 4, "safety": 4})

    assert report.readiness == 100.0
    assert report.band is Band.NEARLY_READY
    assert [r.skill for r in report.to_judge] == ["scheduling"]
    assert report.headline == (
        "This is based on part of the role. Answer 1 more question before you rely on it."
    )


def test_recommendations_ranked_by_weighted_gap_closed():
    report = assess({"scheduling": 1, "excel": 0, "safety": 0}, years_experience=2)

    # Gaps: scheduling 5×2=10, excel 3×2=6, safety 2×1=2; total 18. CPIM asks for no
    # practice here, so it brings scheduling only to Working (2): 5 × 1. PMP asks for
    # years, so to Proficient (3): 5 × 2. The planner is an entry role here, so the
    # mid-career CPIM and PMP count half. Those the person can take now come first:
    # CLA 3, CPIM 5 ÷ 2, OSHA 2; then CLT 6, PMP 10 ÷ 2.
    assert [
        (r.certification, r.gap_closed, r.share_of_gap, r.level_gap) for r in report.recommendations
    ] == [
        ("cla", 3, 16.7, 0),
        ("cpim", 5, 27.8, 1),
        ("osha-10", 2, 11.1, 0),
        ("clt", 6, 33.3, 0),
        ("pmp", 10, 55.6, 1),
    ]
    assert [r.certification for r in report.take_now] == ["cla", "cpim", "osha-10"]
    assert [r.certification for r in report.plan_for_later] == ["clt", "pmp"]
    _cla, cpim, osha, clt, pmp = report.recommendations
    assert cpim.closes == ("Scheduling",)
    assert cpim.eligibility.eligible_now is True
    assert pmp.eligibility.years_needed == 5
    assert pmp.eligibility.years_to_wait == 3
    assert pmp.eligibility.eligible_now is False
    assert clt.eligibility.missing_prerequisites == ("Certified Logistics Associate",)
    assert osha.is_training_card is True


def _offer(slug, *, level="mid", cost=None, hours=None, named_for=()):
    """A certification that closes the planner's safety gap by one level."""
    return CertificationOffer(
        slug=slug,
        name=slug.upper(),
        abbreviation=slug.upper(),
        issuing_body="Issuer",
        is_training_card=False,
        level=level,
        min_years_experience=None,
        skills=(SkillGain("safety", 1),),
        facts=CertificationFacts(cost_usd=cost, study_hours=hours),
        named_for=named_for,
    )


def _role(slug, family, career_level):
    return RoleProfile(
        slug=slug,
        title=slug.title(),
        requirements=(req("safety", 1, 2),),
        facts=RoleFacts(family=family, career_level=career_level),
    )


def _ranked(*offers, roles=()):
    planner = replace(PLANNER, facts=RoleFacts(family="planning", career_level=2))
    catalogue = Catalogue(roles=(planner, *roles), certifications=offers)
    profile = Profile(ratings={"scheduling": 3, "excel": 2, "safety": 0})
    return scoring.assess(profile, catalogue, "planner").recommendations


def test_a_certification_the_role_s_sources_name_comes_first_when_it_helps_as_much():
    # Each closes the safety gap: 2 × 1. Named for the planner: × 2; for the analyst, a
    # planning role at the planner's stage: × 1.5; for the manager, a stage up: no more.
    ranked = _ranked(
        _offer("plain"),
        _offer("other-stage", named_for=("manager",)),
        _offer("family", named_for=("analyst",)),
        _offer("own", named_for=("planner",)),
        roles=(_role("analyst", "planning", 2), _role("manager", "planning", 5)),
    )

    assert [(r.certification, r.relevance) for r in ranked] == [
        ("own", 2),
        ("family", 1),
        ("other-stage", 0),
        ("plain", 0),
    ]


def test_cheaper_and_shorter_comes_first_and_an_unknown_figure_counts_as_the_middle_one():
    # Efforts: 1 + $200/2000 + 20/200 = 1.2; 1 + 0.5 + 0.5 = 2; 1 + 1 + 1 = 3. The
    # unknown one counts as the middle known cost and hours, $1,000 and 100: 2 too, and
    # ties with "middle" on value, so names decide.
    ranked = _ranked(
        _offer("dear", cost=2000, hours=200),
        _offer("unknown"),
        _offer("middle", cost=1000, hours=100),
        _offer("cheap", cost=200, hours=20),
    )

    assert [r.certification for r in ranked] == ["cheap", "middle", "unknown", "dear"]
    assert scoring.effort(CertificationFacts(), 1000, 100) == 2.0
    assert scoring.effort(CertificationFacts(cost_usd=200, study_hours=20), 1000, 100) == (
        pytest.approx(1.2)
    )


def test_the_plan_takes_the_gaps_in_order_one_level_at_a_time():
    examples = (
        ("scheduling", ("Reads it.", "Updates it.", "Builds it.", "Designs it.")),
        ("excel", ("Opens it.", "Fills it in.", "Builds sheets.", "Designs models.")),
    )
    catalogue = replace(CATALOGUE, level_examples=examples)
    profile = Profile(ratings={"scheduling": 1, "excel": 0, "safety": 0}, years_experience=2)

    report = scoring.assess(profile, catalogue, "planner")

    # Gaps in order: scheduling (must-have), excel (3 × 2), safety (2 × 1). CPIM is
    # mid-career, above this entry role's stage, so scheduling gets no certification;
    # the entry CLA and OSHA 10 build the others. Each aims one level up.
    assert [
        (s.skill, s.rating, s.next_level, s.practice, s.certification, s.within_days)
        for s in report.plan
    ] == [
        ("scheduling", 1, 2, "Updates it.", "", 30),
        ("excel", 0, 1, "Opens it.", "Certified Logistics Associate (CLA)", 30),
        ("safety", 0, 1, "", "OSHA 10-Hour General Industry (OSHA 10)", 90),
    ]


def test_a_plan_step_never_comes_sooner_than_its_level_or_its_study_allow():
    long_course = replace(
        CLA, slug="long", name="Long course", facts=CertificationFacts(study_hours=140)
    )
    catalogue = replace(CATALOGUE, certifications=(long_course,))
    profile = Profile(ratings={"scheduling": 3, "excel": 0, "safety": 0})
    lead = scoring.assess(Profile(ratings={"scheduling": 3, "coaching": 2}), CATALOGUE, "lead")

    planner = scoring.assess(profile, catalogue, "planner")

    # Excel comes first by position (30 days), but its only course takes 140 hours.
    assert [(s.skill, s.within_days, s.study_hours) for s in planner.plan] == [
        ("excel", 365, 140),
        ("safety", 30, None),
    ]
    # Scheduling 3 → Expert and coaching 2 → Proficient: a year and three months at least.
    assert [(s.skill, s.next_level, s.within_days) for s in lead.plan] == [
        ("scheduling", 4, 365),
        ("coaching", 3, 90),
    ]


def test_degree_waiver_and_fractional_years():
    report = assess({"scheduling": 1}, years_experience=2.5, education=4)

    pmp = next(r for r in report.recommendations if r.certification == "pmp")
    assert pmp.eligibility.years_needed == 3
    assert pmp.eligibility.years_to_wait == 1


def test_the_waiver_hint_is_worded_from_its_parts_and_kept_for_older_reports():
    pmp = replace(PMP, waivers=(Waiver(4, 2, "Bachelor's degree"),))
    catalogue = replace(CATALOGUE, certifications=(CPIM, pmp, OSHA, CLA, CLT))
    profile = Profile(ratings={"scheduling": 1}, years_experience=1, education=1)
    report = scoring.assess(profile, catalogue, "planner")
    eligibility = next(r for r in report.recommendations if r.certification == "pmp").eligibility

    assert (eligibility.waiver_education, eligibility.waiver_years) == ("Bachelor's degree", 2)
    assert eligibility.summary == (
        "Not yet: you need to have about 4 more years of experience "
        "(a Bachelor's degree takes off 2)."
    )
    # A report saved before the hint's parts were kept has the hint alone.
    older = replace(eligibility, waiver_education="", waiver_years=0, waiver_hint="a hint")
    assert older.summary == "Not yet: you need to have about 4 more years of experience (a hint)."


def test_a_lower_degree_earns_no_waiver():
    report = assess({"scheduling": 1}, years_experience=6, education=3)

    pmp = next(r for r in report.recommendations if r.certification == "pmp")
    assert pmp.eligibility.years_needed == 5
    assert pmp.eligibility.eligible_now is True


def test_held_certifications_are_never_recommended_and_satisfy_prerequisites():
    report = assess({"excel": 0}, certifications_held=frozenset({"cla"}))

    assert [r.certification for r in report.recommendations] == ["clt"]
    assert report.recommendations[0].eligibility.missing_prerequisites == ()
    assert report.recommendations[0].eligibility.eligible_now is True


def test_role_fit_ranks_every_role_and_next_step_comes_from_the_career_path():
    report = assess({"scheduling": 3, "excel": 2, "safety": 1})

    assert [(f.role, f.readiness, f.rated_count, f.requirement_count) for f in report.role_fit] == [
        ("planner", 100.0, 3, 3),
        # Lead: scheduling 3/4 of 5; coaching unrated.
        ("lead", 75.0, 1, 2),
    ]
    assert [(f.group, f.to_judge) for f in report.role_fit] == [
        (FitGroup.NOW, ()),
        (FitGroup.UNJUDGED, ("coaching",)),
    ]
    assert report.role_fit[1].unrated == ("Coaching",)
    assert report.next_step == scoring.NextStep(
        role="lead",
        title="Lead",
        typical_years=3,
        readiness=75.0,
        band=Band.NEARLY_READY,
        rated_count=1,
        requirement_count=2,
        top_gaps=("Scheduling",),
        # Scheduling is 10 of the lead's 18 weight.
        rated_share=56,
    )


def test_roles_with_too_few_ratings_rank_after_the_rest():
    fits = scoring.rank_roles(CATALOGUE, {"coaching": 0, "scheduling": 0, "safety": 4})

    # Planner: scheduling 0 of 10, safety met (2) → 2/12; Lead: both rated 0.
    assert [(f.role, f.readiness, f.enough_rated, f.group) for f in fits] == [
        ("planner", 16.7, True, FitGroup.FURTHER),
        ("lead", 0.0, True, FitGroup.FURTHER),
    ]
    fits = scoring.rank_roles(CATALOGUE, {"safety": 4})
    assert [(f.role, f.enough_rated) for f in fits] == [("planner", False), ("lead", False)]


def test_best_fit_picks_the_top_ranked_role():
    assert scoring.best_fit(CATALOGUE, {"scheduling": 4, "coaching": 3}) == "lead"


def test_unknown_role_raises_key_error():
    with pytest.raises(KeyError):
        scoring.assess(Profile(ratings={}), CATALOGUE, "astronaut")


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"a": 5}, "must be 0 to 4, not 5"),
        ({"a": -1}, "must be 0 to 4, not -1"),
    ],
)
def test_profile_rejects_ratings_outside_the_scale(ratings, message):
    with pytest.raises(ValueError, match=message):
        Profile(ratings=ratings)


def test_profile_rejects_non_integer_ratings_and_negative_years():
    with pytest.raises(TypeError, match="whole number"):
        Profile(ratings={"a": True})
    with pytest.raises(ValueError, match="zero or more"):
        Profile(ratings={}, years_experience=-1)


def test_compare_reports_what_changed():
    before = assess({"scheduling": 1, "excel": 2, "safety": 1})
    after = assess({"scheduling": 3, "excel": 1, "safety": 1})
    progress = scoring.compare(before, after)

    assert progress.same_role is True
    # Worked by hand: before, (10/3 + 3 + 2) of 15 weight; after, (10 + 1.5 + 2) of 15.
    assert (progress.readiness_before, progress.readiness_after) == (55.6, 90.0)
    assert progress.readiness_change == 34.4
    assert (progress.band_before, progress.band_after) == (Band.DEVELOPING, Band.READY)
    assert [(c.skill, c.before, c.after) for c in progress.improved] == [("scheduling", 1, 3)]
    assert [(c.skill, c.before, c.after) for c in progress.declined] == [("excel", 2, 1)]
    assert progress.gaps_closed == ("Scheduling",)
    assert progress.new_gaps == ("Excel",)


# Properties --------------------------------------------------------------------------

SKILLS = [f"skill-{n}" for n in range(8)]
levels = st.integers(min_value=0, max_value=4)


@st.composite
def roles(draw, slug="role"):
    skills = draw(st.lists(st.sampled_from(SKILLS), min_size=1, max_size=8, unique=True))
    requirements = tuple(
        req(
            skill,
            draw(st.integers(1, 4)),
            draw(st.integers(1, 5)),
            core=draw(st.booleans()),
            category=draw(st.sampled_from(["ops", "tools"])),
        )
        for skill in skills
    )
    return RoleProfile(slug=slug, title=slug.title(), requirements=requirements)


@st.composite
def catalogues(draw):
    role_list = tuple(draw(roles(f"role-{n}")) for n in range(draw(st.integers(1, 4))))
    offers = tuple(
        CertificationOffer(
            slug=f"cert-{n}",
            name=f"Cert {n}",
            abbreviation=f"C{n}",
            issuing_body="Body",
            is_training_card=False,
            level="mid",
            min_years_experience=draw(st.none() | st.integers(0, 10)),
            skills=tuple(
                SkillGain(skill, draw(st.integers(1, 4)))
                for skill in draw(st.lists(st.sampled_from(SKILLS), max_size=3, unique=True))
            ),
        )
        for n in range(draw(st.integers(0, 4)))
    )
    return Catalogue(roles=role_list, certifications=offers)


ratings_maps = st.dictionaries(st.sampled_from(SKILLS), levels)
held = st.frozensets(st.sampled_from([f"cert-{n}" for n in range(4)]))


@settings(max_examples=300)
@given(catalogue=catalogues(), ratings=ratings_maps, years=st.floats(0, 40), held=held)
def test_readiness_is_deterministic_and_within_0_to_100(catalogue, ratings, years, held):
    profile = Profile(ratings=ratings, years_experience=years, certifications_held=held)
    first = scoring.assess(profile, catalogue, "role-0")

    assert first == scoring.assess(profile, catalogue, "role-0")
    assert 0 <= first.readiness <= 100
    assert all(0 <= fit.readiness <= 100 for fit in first.role_fit)
    assert all(0 <= category.readiness <= 100 for category in first.categories)
    assert {fit.role for fit in first.role_fit} == {role.slug for role in catalogue.roles}
    assert not {r.certification for r in first.recommendations} & held


@settings(max_examples=300)
@given(catalogue=catalogues(), ratings=ratings_maps, data=st.data())
def test_raising_one_rating_never_lowers_readiness(catalogue, ratings, data):
    if not ratings:
        return
    skill = data.draw(st.sampled_from(sorted(ratings)))
    raised = {**ratings, skill: data.draw(st.integers(ratings[skill], 4))}
    before = scoring.assess(Profile(ratings=ratings), catalogue, "role-0")
    after = scoring.assess(Profile(ratings=raised), catalogue, "role-0")

    assert after.readiness >= before.readiness
    before_fit = {fit.role: fit.readiness for fit in before.role_fit}
    assert all(fit.readiness >= before_fit[fit.role] for fit in after.role_fit)


@settings(max_examples=300)
@given(catalogue=catalogues(), data=st.data())
def test_meeting_every_requirement_gives_100_and_no_gaps(catalogue, data):
    role = catalogue.roles[0]
    ratings = {r.skill: data.draw(st.integers(r.level, 4)) for r in role.requirements}
    report = scoring.assess(Profile(ratings=ratings), catalogue, role.slug)

    assert report.readiness == 100.0
    assert report.band is Band.READY
    assert report.gaps == ()
    assert report.why == ()
    assert report.recommendations == ()
    assert len(report.strengths) == len(role.requirements)


@settings(max_examples=300)
@given(catalogue=catalogues(), ratings=ratings_maps)
def test_points_lost_add_up_to_what_readiness_misses(catalogue, ratings):
    report = scoring.assess(Profile(ratings=ratings), catalogue, "role-0")
    if report.rated_count == 0:
        assert report.readiness == 0.0
        return

    lost = sum(r.points_lost for r in report.requirements)
    assert abs(100 - report.readiness - lost) <= 0.05 * (report.requirement_count + 1)


@settings(max_examples=300)
@given(catalogue=catalogues(), ratings=ratings_maps)
def test_gaps_are_ordered_core_first_then_by_priority(catalogue, ratings):
    gaps = scoring.assess(Profile(ratings=ratings), catalogue, "role-0").gaps
    keys = [(not gap.is_core, -gap.priority) for gap in gaps]

    assert keys == sorted(keys)
    assert all(gap.shortfall >= 1 for gap in gaps)


@settings(max_examples=300)
@given(catalogue=catalogues(), ratings=ratings_maps)
def test_the_band_the_gaps_and_the_headline_agree(catalogue, ratings):
    report = scoring.assess(Profile(ratings=ratings), catalogue, "role-0")
    core = [r for r in report.requirements if r.is_core]

    if report.band is Band.READY:
        assert all(r.is_met for r in core)
        assert report.shown_readiness >= scoring.READY_AT
        assert report.to_judge == ()
        assert report.headline.startswith("You meet every")
    if report.blocking:
        assert report.band is Band.DEVELOPING
        assert report.headline.startswith(f"The must-have skill {report.blocking[0].skill_name}")
    if report.band is not Band.READY and not report.gaps and not report.to_judge:
        assert report.rated_count == 0
    assert 0 <= report.coverage.share <= 100


@settings(max_examples=200)
@given(catalogue=catalogues(), ratings=ratings_maps)
def test_every_role_fit_has_one_group_and_answering_its_questions_judges_it(catalogue, ratings):
    fits = scoring.rank_roles(catalogue, ratings)

    assert all(fit.group is not None for fit in fits)
    for fit in fits:
        role = catalogue.role(fit.role)
        answered = {**ratings, **dict.fromkeys(fit.to_judge, 2)}
        assert scoring.role_fit(role, answered).to_judge == ()
        assert (fit.group is FitGroup.UNJUDGED) == (
            bool(fit.to_judge) and not scoring.answers_too_alike(ratings)
        )


def test_reliance_averages_the_two_correlations_by_hand():
    role = RoleProfile(
        slug="r", title="R", requirements=(req("a", 2, 5, core=True), req("b", 2, 1))
    )
    # Demand: a 2 × 5 × 2 = 20, b 2, c 0. Inside the role the ratings (4, 1) against
    # (20, 2) correlate at 1; over every rating (a 4, b 1, c 1) against (20, 2, 0) at
    # 38 / √(6 × 242.67) = 0.996. Their mean is 0.998.
    leaning = scoring.reliance(role, {"a": 4, "b": 1, "c": 1})

    assert leaning == 0.998
    assert scoring.fit_score(100.0, leaning) == 99.9
    assert scoring.fit_score(80.0, None) == 40.0
    assert scoring.reliance(role, {"a": 3, "b": 3}) is None


def test_the_questions_that_would_judge_a_role_come_must_haves_first():
    role = RoleProfile(
        slug="r",
        title="R",
        requirements=(
            req("core", 2, 1, core=True),
            req("big", 2, 5),
            req("mid", 2, 3),
            req("small", 2, 1),
        ),
    )
    # Weights 2, 5, 3, 1 of 11: the must-have first, then the weightiest until half is rated.
    fit = scoring.role_fit(role, {"small": 2})

    assert fit.to_judge == ("core", "big")
    assert fit.rated_share == 9
    assert scoring.role_fit(role, {"big": 2, "core": 2}).to_judge == ()


@pytest.mark.parametrize(
    ("ratings", "start"),
    [
        ({}, "You rated fewer than two skills"),
        ({"a": 3}, "You rated fewer than two skills"),
        ({"a": 3, "b": 3}, "You gave every skill the same rating"),
        ({"a": 3, "b": 3, "c": 3, "d": 3, "e": 1}, "You gave almost every skill"),
        ({"a": 3, "b": 3, "c": 3, "d": 1, "e": 1}, ""),
        ({"a": 3, "b": 1}, ""),
    ],
)
def test_answers_too_alike_to_match(ratings, start):
    note = scoring.answers_too_alike(ratings)

    assert note.startswith(start)
    assert bool(note) == bool(start)


def test_explore_asks_each_role_s_weightiest_must_haves_most_telling_first():
    catalogue = Catalogue(roles=(PLANNER, LEAD), certifications=())

    # Demand per role: scheduling 30 and 40 (spread 5), coaching 0 and 24 (12), excel 6
    # and 0 (3), safety 2 and 0 (1).
    assert scoring.explore_skills(catalogue, quick=True) == ("coaching", "scheduling", "excel")
    assert scoring.explore_skills(catalogue, quick=False) == ("coaching", "scheduling")


def test_headlines_say_what_the_gaps_say():
    close = assess({"scheduling": 2, "excel": 1, "safety": 1})
    assert close.headline == (
        "You are close: each of your 2 gaps is one level short. Start with Scheduling."
    )
    missing = assess({"scheduling": 0, "excel": 2, "safety": 1})
    assert missing.headline == (
        "The must-have skill Scheduling is not there yet. It holds you back whatever your "
        "other skills, so start there."
    )
    ready = assess({"scheduling": 3, "excel": 1, "safety": 1})
    assert (ready.band, ready.headline) == (
        Band.READY,
        "You meet every must-have. 1 smaller gap is left to work on, starting with Excel.",
    )
