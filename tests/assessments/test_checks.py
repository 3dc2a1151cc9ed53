"""Checks of self-ratings: pure scoring (statuses, what is asked, the readiness without
unbacked ratings) and the learning option a plan names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assessments import scoring
from assessments.scoring import CheckAnswers, CheckStatus, LearningOffer, SkillCheck

SCHEDULING = SkillCheck(
    skill="scheduling",
    statements=((3, 1), (3, 2), (3, 3), (4, 1), (4, 2)),
    questions=(("bottleneck", "a"), ("changeover", "b"), ("late", "b")),
)
PROFICIENT_SHOWN = frozenset({(3, 1), (3, 2), (3, 3)})
EXPERT_SHOWN = PROFICIENT_SHOWN | {(4, 1), (4, 2)}


def _done(level: int, ticked: set[tuple[int, int]], answers: dict[str, str]) -> CheckAnswers:
    shown = PROFICIENT_SHOWN if level == 3 else EXPERT_SHOWN
    return CheckAnswers(level=level, shown=shown, ticked=frozenset(ticked), answers=answers)


def test_two_of_three_ticked_and_two_of_three_right_is_checked():
    done = _done(3, {(3, 1), (3, 3)}, {"bottleneck": "a", "changeover": "b", "late": "c"})

    assert scoring.check_status(3, done, SCHEDULING) is CheckStatus.CHECKED


def test_one_of_three_ticked_is_not_backed_however_good_the_answers():
    done = _done(3, {(3, 1)}, {"bottleneck": "a", "changeover": "b", "late": "b"})

    assert scoring.check_status(3, done, SCHEDULING) is CheckStatus.NOT_BACKED


def test_one_right_of_three_is_not_backed():
    done = _done(3, {(3, 1), (3, 2), (3, 3)}, {"bottleneck": "d", "changeover": "b", "late": "a"})

    assert scoring.check_status(3, done, SCHEDULING) is CheckStatus.NOT_BACKED


def test_expert_needs_half_of_each_level_ticked():
    answers = {"bottleneck": "a", "changeover": "b", "late": "b"}
    # Every Proficient statement, no Expert one: Expert is not backed.
    assert (
        scoring.check_status(4, _done(4, set(PROFICIENT_SHOWN), answers), SCHEDULING)
        is CheckStatus.NOT_BACKED
    )
    # Two of three Proficient and one of two Expert: backed.
    assert (
        scoring.check_status(4, _done(4, {(3, 1), (3, 2), (4, 2)}, answers), SCHEDULING)
        is CheckStatus.CHECKED
    )


def test_a_check_of_another_level_skipped_or_missing_leaves_the_rating_self_rated():
    done = _done(3, {(3, 1), (3, 2)}, {"bottleneck": "a"})

    assert scoring.check_status(4, done, SCHEDULING) is CheckStatus.SELF_RATED  # rating changed
    assert scoring.check_status(3, None, SCHEDULING) is CheckStatus.SELF_RATED  # skipped
    assert scoring.check_status(3, done, None) is CheckStatus.SELF_RATED  # no check written
    assert scoring.check_status(2, done, SCHEDULING) is CheckStatus.SELF_RATED  # below Proficient
    assert scoring.check_status(None, done, SCHEDULING) is None  # not rated


def test_only_what_was_shown_is_graded():
    # SPC asked as a technical skill, not a must-have: its questions only.
    spc = SkillCheck(skill="spc", statements=((3, 1), (3, 2)), questions=(("limits", "b"),))
    done = CheckAnswers(level=3, answers={"limits": "b"})

    assert scoring.check_status(3, done, spc) is CheckStatus.CHECKED


@given(
    rating=st.integers(0, 4),
    level=st.integers(3, 4),
    ticked=st.sets(st.sampled_from(sorted(EXPERT_SHOWN))),
    answers=st.dictionaries(
        st.sampled_from(["bottleneck", "changeover", "late"]), st.sampled_from("abcd")
    ),
)
def test_a_status_is_always_one_of_three_and_checked_only_at_the_level_checked(
    rating, level, ticked, answers
):
    done = _done(level, ticked, answers)
    status = scoring.check_status(rating, done, SCHEDULING)

    assert status in set(CheckStatus)
    if status is not CheckStatus.SELF_RATED:
        assert rating == level
    # Ticking more and answering right never lowers a status.
    best = _done(level, set(EXPERT_SHOWN), {"bottleneck": "a", "changeover": "b", "late": "b"})
    if status is CheckStatus.CHECKED:
        assert scoring.check_status(rating, best, SCHEDULING) is CheckStatus.CHECKED


def _catalogue(checks: tuple[SkillCheck, ...] = (SCHEDULING,)) -> scoring.Catalogue:
    def req(skill: str, level: int, core: bool) -> scoring.Requirement:
        return scoring.Requirement(
            skill=skill,
            skill_name=skill.title(),
            category="operations",
            category_label="Operations",
            level=level,
            importance=5,
            is_core=core,
        )

    role = scoring.RoleProfile(
        slug="planner",
        title="Planner",
        requirements=(req("scheduling", 3, True), req("spc", 3, False), req("bom", 2, False)),
        facts=scoring.RoleFacts(family="planning", career_level=3),
    )
    return scoring.Catalogue(roles=(role,), certifications=(), checks=checks)


def test_the_readiness_is_given_with_and_without_the_unbacked_rating():
    failed = _done(3, set(), {"bottleneck": "d", "changeover": "d", "late": "d"})
    profile = scoring.Profile(
        ratings={"scheduling": 3, "spc": 1, "bom": 2}, checks={"scheduling": failed}
    )

    report = scoring.assess(profile, _catalogue(), "planner")

    # As the person said: scheduling met (weight 10), SPC a third (weight 5), BOM met (5),
    # so 10 plus 5/3 plus 5, over 20.
    assert report.readiness == 83.3
    # Without the unbacked scheduling rating, SPC and BOM alone: (5/3 + 5) / 10.
    assert report.readiness_backed == 66.7
    assert [(r.skill, r.rating, r.check) for r in report.requirements] == [
        ("scheduling", 3, CheckStatus.NOT_BACKED),
        ("spc", 1, CheckStatus.SELF_RATED),
        ("bom", 2, CheckStatus.SELF_RATED),
    ]
    assert report.rests_on_self_ratings is False


def test_a_skipped_check_says_the_figure_rests_on_self_ratings():
    profile = scoring.Profile(ratings={"scheduling": 3, "spc": 1, "bom": 2})

    report = scoring.assess(profile, _catalogue(), "planner")

    assert report.readiness_backed is None
    assert report.rests_on_self_ratings is True


def test_the_quick_check_spends_at_most_five_questions_on_checks():
    checks = tuple(
        SkillCheck(
            skill=f"s{n}", statements=((3, 1), (3, 2)), questions=((f"q{n}a", "a"), (f"q{n}b", "b"))
        )
        for n in range(6)
    )
    catalogue = scoring.Catalogue(roles=(), certifications=(), checks=checks)
    ratings = {f"s{n}": 3 for n in range(6)}
    asked = [f"s{n}" for n in range(6)]

    quick = scoring.skills_to_check(ratings, asked, {"s4", "s5"}, catalogue, quick=True)
    full = scoring.skills_to_check(ratings, asked, {"s4", "s5"}, catalogue, quick=False)

    # Must-haves first, each a tick list and one question (2 slots); then one technical
    # skill's single question fills the fifth slot.
    assert [(c.skill, len(c.statements), len(c.questions)) for c in quick] == [
        ("s4", 2, 1),
        ("s5", 2, 1),
        ("s0", 0, 1),
    ]
    assert [(c.skill, len(c.statements), len(c.questions)) for c in full] == [
        ("s4", 2, 2),
        ("s5", 2, 2),
        ("s0", 0, 2),
        ("s1", 0, 2),
        ("s2", 0, 2),
        ("s3", 0, 2),
    ]


@given(
    ratings=st.dictionaries(st.sampled_from([f"s{n}" for n in range(10)]), st.integers(0, 4)),
    must=st.sets(st.sampled_from([f"s{n}" for n in range(10)])),
)
def test_the_quick_check_never_passes_twenty_questions(ratings, must):
    checks = tuple(
        SkillCheck(
            skill=f"s{n}",
            statements=((3, 1), (3, 2), (4, 1)) if n % 2 else (),
            questions=tuple((f"q{n}{k}", "a") for k in range(n % 4)),
        )
        for n in range(10)
    )
    catalogue = scoring.Catalogue(roles=(), certifications=(), checks=checks)
    asked = [f"s{n}" for n in range(10)]

    chosen = scoring.skills_to_check(ratings, asked, must, catalogue, quick=True)

    slots = sum((1 if c.statements else 0) + len(c.questions) for c in chosen)
    assert slots <= scoring.QUICK_CHECK_SLOTS
    assert 15 + scoring.QUICK_CHECK_SLOTS == 20
    assert all(ratings[c.skill] >= 3 for c in chosen)
    assert all(not c.statements or c.skill in must for c in chosen)


def _offer(
    slug: str, hours: int, cost: int, builds: tuple[tuple[str, int, int], ...]
) -> LearningOffer:
    return LearningOffer(
        slug=slug,
        name=slug.title(),
        kind="Short course",
        provider_type="College",
        hours_low=hours,
        hours_high=hours,
        cost_low_usd=cost,
        cost_high_usd=cost,
        builds=builds,
    )


def test_a_plan_names_the_course_that_fits_one_level_up_best():
    options = (
        _offer("apprenticeship", 8000, 0, (("safety", 0, 3),)),
        _offer("course", 40, 800, (("safety", 1, 3),)),
        _offer("coaching", 20, 0, (("safety", 0, 2),)),
        _offer("too-advanced", 10, 0, (("safety", 2, 3),)),
    )

    def chosen(rating: int, used: set[str]) -> str | None:
        option = scoring.learning_choice(options, "safety", rating, used)
        return None if option is None else option.slug

    assert chosen(1, set()) == "coaching"
    # Fitting most closely wins even when another step already names it.
    assert chosen(0, {"coaching"}) == "coaching"
    assert chosen(2, set()) == "too-advanced"
    assert scoring.learning_choice(options, "safety", 3, set()) is None
    assert scoring.learning_choice(options, "other", 0, set()) is None
