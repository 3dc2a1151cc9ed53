"""How careerfit scores a person's skills against a role. Pure: no database, no Django.

Inputs are frozen dataclasses (a Profile of answers and a Catalogue of roles and
certifications); the output is a frozen Report. The same answers and catalogue always
give the same report.

The formula
-----------
Each requirement of a role asks for a skill at a level (1–4) with an importance (1–5).
A person rates each skill from 0 (None) to 4 (Expert).

* Credit for one requirement: 1 when the rating meets or beats the required level,
  otherwise rating ÷ required level (rated 1 against a required 3 earns 1/3).
* Readiness = 100 × Σ(importance × credit) ÷ Σ(importance), over the requirements the
  person rated. Requirements that were not rated are listed, never counted as zero.
* Points lost by one requirement = 100 × importance × (1 − credit) ÷ Σ(importance); the
  points lost by all requirements add up to 100 − readiness.
* Band, judged on readiness as the pages show it (a whole percent): a must-have (core)
  skill rated None or CORE_BLOCKING_SHORTFALL or more levels short makes it "developing"
  whatever the average. "Ready" needs the shown readiness ≥ READY_AT, every must-have
  rated and met, and at least MIN_RATED_SHARE of the role's importance rated. Otherwise
  "nearly ready" from NEARLY_READY_AT, else "developing".
* Gaps are ranked must-haves first, then by importance × levels short.
* A certification is recommended when its skills would close part of a gap; it is ranked
  by the weighted gap it closes: Σ importance × (levels it would add, up to the required
  level). Certifications already held are never recommended.
* Eligibility: required years of experience, less the best waiver the person's degree
  earns, against their years; and every prerequisite certification held.
* Role fit scores the same ratings against every role; a role where fewer than
  MIN_RATED_SHARE of its requirements were rated is ranked after the rest.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

# Words for people -------------------------------------------------------------------
# Sentences are English here and translated when they are read: careerfit's app passes
# Django's gettext and ngettext in (assessments/apps.py), so a page in Spanish gets them
# in Spanish. Labels kept in tables are marked with gettext_noop, to be found by
# makemessages and translated where they are shown. Without a translator, English.


def gettext_noop(text: str) -> str:
    return text


def _identity(text: str) -> str:
    return text


def _plural(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


_translators: dict[str, Any] = {"gettext": _identity, "ngettext": _plural}


def use_translation(*, gettext: Any, ngettext: Any) -> None:
    """Translate every sentence and label scoring returns with these functions."""
    _translators.update(gettext=gettext, ngettext=ngettext)


def _(text: str) -> str:
    return str(_translators["gettext"](text))


def ngettext(singular: str, plural: str, number: int) -> str:
    return str(_translators["ngettext"](singular, plural, number))


MIN_LEVEL = 0
MAX_LEVEL = 4
READY_AT = 85.0
NEARLY_READY_AT = 65.0
CORE_BLOCKING_SHORTFALL = 2
# A must-have counts this many times its importance in readiness and coverage.
CORE_WEIGHT = 2
# A role is judged once every must-have and this share of its weight are rated.
MIN_RATED_SHARE = 0.5
# A higher-level Ready role sets the person's level when its fit is within this share of
# the best fit and the person's ratings exceed its levels by at most LEVEL_MATCH on average.
FIT_TOLERANCE = 0.1
LEVEL_MATCH = 0.1
# Answers where all but this many ratings are the same cannot show a person's strengths.
NEAR_IDENTICAL_SPREAD = 1
# The quick "Which role fits me?" check: each role's two weightiest must-haves, at most 24.
EXPLORE_QUICK_PER_ROLE = 2
EXPLORE_QUICK_LIMIT = 24
# The highest level a certification brings a skill to: see CertificationOffer.reach.
CERTIFICATION_REACH = 2
CERTIFICATION_REACH_WITH_PRACTICE = 3
# Ranking certifications: one named for the target role counts RELEVANCE_BONUS × 2 more,
# one named for a role of its family at its career stage RELEVANCE_BONUS more; the value
# is divided by 1 + cost ÷ COST_UNIT + study hours ÷ HOURS_UNIT (unknown figures count
# as the catalogue's median), so a cheaper, shorter one comes first when it helps as much.
RELEVANCE_BONUS = 0.5
COST_UNIT = 2000
HOURS_UNIT = 200
WHY_COUNT = 3
NEXT_STEP_GAP_COUNT = 3
# "Your plan": the gaps it takes up, and when each is suggested (see plan()).
PLAN_SIZE = 5
PLAN_WINDOWS = (30, 30, 90, 90, 365)
# A rough guide to how soon a level can be reached: Awareness and Working within a month of
# trying, Proficient in months of doing the work, Expert in a year or more.
LEVEL_WINDOWS = {1: 30, 2: 30, 3: 90, 4: 365}
LONG_STUDY_HOURS = 80
# The lowest rating a check asks about: Proficient.
CHECKED_FROM = 3
# Question slots the quick check may spend on checks (a tick list or a knowledge question
# each), so that it stays at 20 questions or fewer with its 15 ratings; and how many
# knowledge questions one skill's check asks in each length.
QUICK_CHECK_SLOTS = 5
FULL_CHECK_SKILLS = 8
QUICK_QUESTIONS_PER_SKILL = 1


class Band(StrEnum):
    READY = "ready"
    NEARLY_READY = "nearly-ready"
    DEVELOPING = "developing"

    @property
    def label(self) -> str:
        return _(BAND_LABELS[self])


BAND_LABELS = {
    Band.READY: gettext_noop("Ready"),
    Band.NEARLY_READY: gettext_noop("Nearly ready"),
    Band.DEVELOPING: gettext_noop("Developing"),
}


class GapKind(StrEnum):
    MISSING = "missing"
    PARTIAL = "partial"


# Inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    skill: str
    skill_name: str
    category: str
    category_label: str
    level: int
    importance: int
    is_core: bool

    @property
    def weight(self) -> int:
        """What the requirement counts for in readiness: must-haves count double."""
        return weight(self.importance, self.is_core)


@dataclass(frozen=True)
class CareerMove:
    role: str
    typical_years: int | None


@dataclass(frozen=True)
class RoleFacts:
    """What a person weighs beside fit: the role's family, level, entry, pay and outlook."""

    family: str = ""
    career_level: int = 0
    min_years: int | None = None
    education: int | None = None
    education_label: str = ""
    salary_median_usd: int | None = None
    outlook_growth_percent: float | None = None
    outlook_note: str = ""


@dataclass(frozen=True)
class RoleProfile:
    slug: str
    title: str
    requirements: tuple[Requirement, ...]
    next_steps: tuple[CareerMove, ...] = ()
    facts: RoleFacts = RoleFacts()


@dataclass(frozen=True)
class SkillGain:
    skill: str
    brings_to_level: int


@dataclass(frozen=True)
class Waiver:
    education: int
    years_waived: int
    education_label: str = ""


@dataclass(frozen=True)
class Prerequisite:
    slug: str
    name: str


@dataclass(frozen=True)
class CertificationOffer:
    slug: str
    name: str
    abbreviation: str
    issuing_body: str
    is_training_card: bool
    level: str
    min_years_experience: int | None
    skills: tuple[SkillGain, ...]
    waivers: tuple[Waiver, ...] = ()
    prerequisites: tuple[Prerequisite, ...] = ()
    other_conditions: str = ""
    min_education: int | None = None
    min_education_label: str = ""
    # Holding one of these replaces the years and education asked.
    qualifying: tuple[Prerequisite, ...] = ()
    conditions: tuple[ConditionRule, ...] = ()
    facts: CertificationFacts = field(default_factory=lambda: CertificationFacts())
    # The roles whose documents (or careerfit's compiled facts) name it.
    named_for: tuple[str, ...] = ()

    @property
    def asks_for_practice(self) -> bool:
        """Whether it asks for work experience, a project or a portfolio, not only study."""
        return bool(self.min_years_experience) or any(
            not rule.years_waived for rule in self.conditions
        )

    @property
    def reach(self) -> int:
        """The highest level it can bring a skill to. Expert (4) comes only from years of
        doing the work, so never from a certification; one that asks only for study, not
        practice, checks knowledge and brings a skill to Working (2) at most, one that asks
        for experience, a project or a portfolio to Proficient (3)."""
        return CERTIFICATION_REACH_WITH_PRACTICE if self.asks_for_practice else CERTIFICATION_REACH


@dataclass(frozen=True)
class ConditionRule:
    """A condition of a certification: one it asks for (years_waived 0), or one that takes
    years off when met. Holding a certification in satisfied_by counts as meeting it."""

    slug: str
    to_do: str
    years_waived: int = 0
    satisfied_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertificationFacts:
    """What a card shows about a certification, as the catalogue states it."""

    is_vendor_specific: bool = False
    exam: str = ""
    cost: str = ""
    preparation: str = ""
    renewal: str = ""
    uncertainty_note: str = ""
    # Left at None in reports saved before they were part of a report, and when unknown.
    cost_usd: int | None = None
    study_hours: int | None = None


@dataclass(frozen=True)
class LearningOffer:
    """A kind of course or programme, with typical hours and cost (0 is free), and the
    skills it builds as (skill, from level, to level)."""

    slug: str
    name: str
    kind: str  # its label, e.g. "Short course"
    provider_type: str
    hours_low: int
    hours_high: int
    cost_low_usd: int
    cost_high_usd: int
    builds: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class SkillCheck:
    """How a Proficient or Expert rating of a skill is checked: statements to tick, as
    (level, order) keys, and knowledge questions, as (slug, right answer) pairs."""

    skill: str
    statements: tuple[tuple[int, int], ...] = ()
    questions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Catalogue:
    roles: tuple[RoleProfile, ...]
    certifications: tuple[CertificationOffer, ...]
    # Each skill's four level examples (Awareness … Expert), as (slug, examples) pairs.
    level_examples: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Each skill's ways up to each level (Awareness … Expert), as (slug, ways) pairs.
    level_tips: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = ()
    learning: tuple[LearningOffer, ...] = ()
    checks: tuple[SkillCheck, ...] = ()

    def role(self, slug: str) -> RoleProfile:
        for role in self.roles:
            if role.slug == slug:
                return role
        raise KeyError(slug)


@dataclass(frozen=True)
class CheckAnswers:
    """What a person did in the check of one rating: the level the check was for, the
    statements shown and those ticked, as (level, order) keys, and each knowledge
    question's answer."""

    level: int
    shown: frozenset[tuple[int, int]] = frozenset()
    ticked: frozenset[tuple[int, int]] = frozenset()
    answers: Mapping[str, str] = field(default_factory=dict)


def check_answers_from(record: Mapping[str, Any]) -> CheckAnswers:
    """A stored check (a plain JSON object: level, shown, ticked, answers) as CheckAnswers."""

    def keys(name: str) -> frozenset[tuple[int, int]]:
        return frozenset((int(level), int(order)) for level, order in record.get(name) or [])

    answers = record.get("answers") or {}
    return CheckAnswers(
        level=int(record["level"]),
        shown=keys("shown"),
        ticked=keys("ticked"),
        answers={str(slug): str(answer) for slug, answer in answers.items()},
    )


@dataclass(frozen=True)
class Profile:
    """A person's answers. Ratings map skill slugs to levels 0–4; skills left out are unrated."""

    ratings: Mapping[str, int]
    years_experience: float = 0.0
    education: int = 0
    certifications_held: frozenset[str] = field(default_factory=frozenset)
    # The conditions (ConditionRule slugs) the person says they meet; None when not asked.
    conditions_met: frozenset[str] | None = None
    # The checks the person did, by skill; a skill left out was not checked.
    checks: Mapping[str, CheckAnswers] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for skill, level in self.ratings.items():
            if isinstance(level, bool) or not isinstance(level, int):
                raise TypeError(f"Rating for {skill!r} must be a whole number.")
            if not MIN_LEVEL <= level <= MAX_LEVEL:
                raise ValueError(f"Rating for {skill!r} must be 0 to 4, not {level}.")
        if not (math.isfinite(self.years_experience) and self.years_experience >= 0):
            raise ValueError("Years of experience must be zero or more.")
        # A read-only copy, so a report can never change after the fact.
        object.__setattr__(self, "ratings", MappingProxyType(dict(self.ratings)))
        object.__setattr__(self, "certifications_held", frozenset(self.certifications_held))
        object.__setattr__(self, "checks", MappingProxyType(dict(self.checks)))
        if self.conditions_met is not None:
            object.__setattr__(self, "conditions_met", frozenset(self.conditions_met))


# Outputs ------------------------------------------------------------------------------


class CheckStatus(StrEnum):
    CHECKED = "checked"
    SELF_RATED = "self-rated"
    NOT_BACKED = "not-backed"

    @property
    def label(self) -> str:
        return _(CHECK_LABELS[self])


CHECK_LABELS = {
    CheckStatus.CHECKED: gettext_noop("Checked"),
    CheckStatus.SELF_RATED: gettext_noop("Self-rated"),
    CheckStatus.NOT_BACKED: gettext_noop("Not backed by the check"),
}


@dataclass(frozen=True)
class RequirementResult:
    skill: str
    skill_name: str
    category: str
    level: int
    importance: int
    is_core: bool
    rating: int | None
    points_lost: float
    # How far the rating is backed; None when unrated, and in reports saved before checks.
    check: CheckStatus | None = None

    @property
    def is_rated(self) -> bool:
        return self.rating is not None

    @property
    def shortfall(self) -> int:
        return 0 if self.rating is None else max(0, self.level - self.rating)

    @property
    def is_met(self) -> bool:
        return self.rating is not None and self.rating >= self.level

    @property
    def is_gap(self) -> bool:
        return self.rating is not None and self.rating < self.level

    @property
    def gap_kind(self) -> GapKind | None:
        if not self.is_gap:
            return None
        return GapKind.MISSING if self.rating == 0 else GapKind.PARTIAL

    @property
    def priority(self) -> int:
        """Importance × levels short: how much closing this gap matters."""
        return self.importance * self.shortfall

    @property
    def weight(self) -> int:
        return weight(self.importance, self.is_core)


@dataclass(frozen=True)
class CategoryScore:
    category: str
    label: str
    readiness: float
    rated_count: int
    requirement_count: int


class EligibilityStatus(StrEnum):
    NOW = "now"
    IF = "if"
    LATER = "later"


@dataclass(frozen=True)
class Eligibility:
    years_needed: int
    years_to_wait: int
    missing_prerequisites: tuple[str, ...]
    other_conditions: str
    # Left at their defaults in reports saved before they were checked.
    education_needed: str = ""  # the least education it asks, when the person has less
    to_do: tuple[str, ...] = ()  # conditions the person said they have not met
    unknown: tuple[str, ...] = ()  # conditions the person was not asked about
    qualified_by: str = ""  # a held certification that replaces the years and education
    waiver_hint: str = ""  # "a Bachelor's degree takes off 3 years", when one would help
    # The same hint's parts, to word it in the reader's language; empty in older reports.
    waiver_education: str = ""
    waiver_years: int = 0

    @property
    def status(self) -> EligibilityStatus:
        if self.years_to_wait or self.missing_prerequisites or self.education_needed or self.to_do:
            return EligibilityStatus.LATER
        return EligibilityStatus.IF if self.unknown else EligibilityStatus.NOW

    @property
    def eligible_now(self) -> bool:
        return self.status is EligibilityStatus.NOW

    @property
    def summary(self) -> str:
        """One plain sentence: eligible now, eligible if, or what stands in the way."""
        if self.status is EligibilityStatus.NOW:
            if self.qualified_by:
                return _("You can apply now: your {held} qualifies you.").format(
                    held=self.qualified_by
                )
            return _("You can apply now.")
        if self.status is EligibilityStatus.IF:
            return _("You can apply if you {conditions}.").format(conditions=_and(self.unknown))
        parts = []
        if self.missing_prerequisites:
            parts.append(
                _("hold {certifications} first").format(
                    certifications=_and(self.missing_prerequisites)
                )
            )
        if self.education_needed:
            parts.append(
                _("have at least a {education}").format(education=_(self.education_needed))
            )
        if self.years_to_wait:
            years = ngettext(
                "have about {count} more year of experience",
                "have about {count} more years of experience",
                self.years_to_wait,
            ).format(count=self.years_to_wait)
            if self.waiver_education:
                hint = " ({})".format(
                    _("a {education} takes off {years}").format(
                        education=_(self.waiver_education), years=self.waiver_years
                    )
                )
            elif self.waiver_hint:  # saved before the hint's parts were kept: as it was
                hint = f" ({self.waiver_hint})"
            else:
                hint = ""
            parts.append(years + hint)
        parts.extend(_(step) for step in self.to_do)
        sentence = _("Not yet: you need to {things}.").format(things=_and(tuple(parts)))
        if self.unknown:
            sentence += " " + _("You also need to {things}.").format(
                things=_and(tuple(_(step) for step in self.unknown))
            )
        return sentence


def _and(parts: tuple[str, ...]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


@dataclass(frozen=True)
class Recommendation:
    certification: str
    name: str
    abbreviation: str
    issuing_body: str
    is_training_card: bool
    level: str
    closes: tuple[str, ...]
    gap_closed: int
    share_of_gap: float
    eligibility: Eligibility
    # Left at their defaults in reports saved before they were part of a report.
    facts: CertificationFacts = CertificationFacts()
    level_gap: int = 0  # career stages between the certification and the target role
    relevance: int = 0  # 2 named for the role, 1 for its family at its stage, 0 neither


class FitGroup(StrEnum):
    NOW = "now"
    STRETCH = "stretch"
    BELOW = "below"
    FURTHER = "further"
    UNJUDGED = "unjudged"
    UNSORTED = "unsorted"

    @property
    def label(self) -> str:
        return _(FIT_GROUP_LABELS[self])


FIT_GROUP_LABELS = {
    FitGroup.NOW: gettext_noop("Fits you now"),
    FitGroup.STRETCH: gettext_noop("Stretch roles: a level up, and close"),
    FitGroup.BELOW: gettext_noop("Below your level"),
    FitGroup.FURTHER: gettext_noop("Further off: roles to build toward"),
    FitGroup.UNJUDGED: gettext_noop("Not enough answers to judge yet"),
    FitGroup.UNSORTED: gettext_noop("All roles, not sorted by fit"),
}


@dataclass(frozen=True)
class Coverage:
    """How much of a role a readiness figure rests on."""

    rated_count: int
    requirement_count: int
    share: int  # percent of the role's weight that was rated

    @property
    def text(self) -> str:
        return _("based on {rated} of {total} skills, {share} of what matters").format(
            rated=self.rated_count, total=self.requirement_count, share=f"{self.share}%"
        )


@dataclass(frozen=True)
class RoleFit:
    role: str
    title: str
    readiness: float
    band: Band
    rated_count: int
    requirement_count: int
    unrated: tuple[str, ...]
    # Left at their defaults in reports saved before role fit had groups.
    group: FitGroup | None = None
    fit: float = 0.0
    reliance: float | None = None
    rated_share: int = 0
    to_judge: tuple[str, ...] = ()
    facts: RoleFacts = RoleFacts()
    overshoot: float = 0.0  # mean levels above what the role asks, over rated requirements

    @property
    def enough_rated(self) -> bool:
        if self.group is not None:
            return self.group is not FitGroup.UNJUDGED and not self.to_judge
        return self.rated_count >= MIN_RATED_SHARE * self.requirement_count

    @property
    def coverage(self) -> Coverage:
        return Coverage(self.rated_count, self.requirement_count, self.rated_share)


@dataclass(frozen=True)
class NextStep:
    role: str
    title: str
    typical_years: int | None
    readiness: float
    band: Band
    rated_count: int
    requirement_count: int
    top_gaps: tuple[str, ...]
    rated_share: int = 0

    @property
    def coverage(self) -> Coverage:
        return Coverage(self.rated_count, self.requirement_count, self.rated_share)


@dataclass(frozen=True)
class PlanStep:
    """One action of "Your plan": a gap, what its next level looks like, and the best
    certification the person can take now that builds it, if any."""

    skill: str
    skill_name: str
    is_core: bool
    rating: int | None
    level: int
    next_level: int
    practice: str  # what the next level looks like in production work
    within_days: int
    certification: str = ""  # its name and abbreviation
    cost_usd: int | None = None
    study_hours: int | None = None
    # Ways to reach the next level, and a course or programme that builds it, if any.
    ways: tuple[str, ...] = ()
    learning: str = ""
    learning_kind: str = ""
    learning_provider: str = ""
    learning_hours: tuple[int, int] | None = None
    learning_cost_usd: tuple[int, int] | None = None


@dataclass(frozen=True)
class Report:
    role: str
    role_title: str
    readiness: float
    band: Band
    requirements: tuple[RequirementResult, ...]
    categories: tuple[CategoryScore, ...]
    recommendations: tuple[Recommendation, ...]
    role_fit: tuple[RoleFit, ...]
    next_steps: tuple[NextStep, ...]
    # Left at their defaults in reports saved before they were part of a report.
    years_experience: float | None = None
    min_years: int | None = None
    role_fit_note: str = ""
    plan: tuple[PlanStep, ...] = ()
    # The readiness counting only ratings the checks did not contradict; None when every
    # rating stands (none was not backed).
    readiness_backed: float | None = None

    @property
    def shown_readiness(self) -> int:
        return shown(self.readiness)

    @property
    def fit_note(self) -> str:
        """role_fit_note in the reader's language."""
        return _(self.role_fit_note) if self.role_fit_note else ""

    @property
    def answers_almost_alike(self) -> bool:
        return self.role_fit_note == ALMOST_ALIKE

    @property
    def shown_readiness_backed(self) -> int | None:
        return None if self.readiness_backed is None else shown(self.readiness_backed)

    @property
    def not_backed(self) -> tuple[RequirementResult, ...]:
        return tuple(r for r in self.requirements if r.check is CheckStatus.NOT_BACKED)

    @property
    def not_backed_names(self) -> str:
        return ", ".join(r.skill_name for r in self.not_backed)

    @property
    def checked(self) -> tuple[RequirementResult, ...]:
        return tuple(r for r in self.requirements if r.check is CheckStatus.CHECKED)

    @property
    def rests_on_self_ratings(self) -> bool:
        """True when the person rated something Proficient or Expert but did no check, so
        the figure rests on their own ratings alone."""
        if self.checked or self.not_backed:
            return False
        return any(
            r.check is CheckStatus.SELF_RATED and (r.rating or 0) >= CHECKED_FROM
            for r in self.requirements
        )

    @property
    def _rated_skills(self) -> set[str]:
        return {r.skill for r in self.requirements if r.is_rated}

    @property
    def coverage(self) -> Coverage:
        share = _rated_share(self.requirements, self._rated_skills)
        return Coverage(self.rated_count, self.requirement_count, share)

    @property
    def to_judge(self) -> tuple[RequirementResult, ...]:
        """The fewest unrated requirements whose answers would let this role be judged."""
        return _to_judge(self.requirements, self._rated_skills)

    @property
    def years_short(self) -> float:
        """How many years below the role's usual minimum the person's experience is."""
        if self.min_years is None or self.years_experience is None:
            return 0.0
        return max(0.0, self.min_years - self.years_experience)

    @property
    def blocking(self) -> tuple[RequirementResult, ...]:
        """Must-haves rated None or CORE_BLOCKING_SHORTFALL or more levels short."""
        return tuple(
            gap
            for gap in self.gaps
            if gap.is_core and gap.rating is not None and blocks(gap.level, gap.rating)
        )

    @property
    def headline(self) -> str:
        """One sentence built from the band, the gaps and the coverage, so they agree."""
        gaps = self.gaps
        count = len(gaps)
        more = len(self.to_judge)
        first = gaps[0].skill_name if gaps else ""
        if self.band is Band.READY:
            if not gaps:
                return _("You meet every skill this role asks for.")
            return ngettext(
                "You meet every must-have. {count} smaller gap is left to work on, starting "
                "with {first}.",
                "You meet every must-have. {count} smaller gaps are left to work on, "
                "starting with {first}.",
                count,
            ).format(count=count, first=first)
        if self.blocking:
            gap = self.blocking[0]
            if gap.rating == MIN_LEVEL:
                message = _(
                    "The must-have skill {skill} is not there yet. It holds you back whatever "
                    "your other skills, so start there."
                )
            else:
                message = ngettext(
                    "The must-have skill {skill} is {count} level short. It holds you back "
                    "whatever your other skills, so start there.",
                    "The must-have skill {skill} is {count} levels short. It holds you back "
                    "whatever your other skills, so start there.",
                    gap.shortfall,
                )
            return message.format(skill=gap.skill_name, count=gap.shortfall)
        if more:
            return ngettext(
                "This is based on part of the role. Answer {count} more question before you "
                "rely on it.",
                "This is based on part of the role. Answer {count} more questions before you "
                "rely on it.",
                more,
            ).format(count=more)
        if not gaps:
            return _("You have no gaps in the skills you rated.")
        if self.band is Band.NEARLY_READY:
            if count == 1:
                return _("You are close. Close one gap: {first}.").format(first=first)
            small = sum(1 for gap in gaps if gap.shortfall == 1)
            if small == count:
                return _(
                    "You are close: each of your {count} gaps is one level short. Start with "
                    "{first}."
                ).format(count=count, first=first)
            return _(
                "You are close: {small} of your {count} gaps are one level short. Start with "
                "{first}."
            ).format(small=small, count=count, first=first)
        return ngettext(
            "You are building toward this role. Close {count} gap, starting with {first}.",
            "You are building toward this role. Close {count} gaps, starting with {first}.",
            count,
        ).format(count=count, first=first)

    @property
    def rated_count(self) -> int:
        return sum(1 for result in self.requirements if result.is_rated)

    @property
    def requirement_count(self) -> int:
        return len(self.requirements)

    @property
    def unrated(self) -> tuple[RequirementResult, ...]:
        return tuple(result for result in self.requirements if not result.is_rated)

    @property
    def strengths(self) -> tuple[RequirementResult, ...]:
        met = [result for result in self.requirements if result.is_met]
        return tuple(
            sorted(
                met,
                key=lambda r: (-r.is_core, -r.importance, -(r.rating or 0) + r.level, r.skill_name),
            )
        )

    @property
    def gaps(self) -> tuple[RequirementResult, ...]:
        return _ranked_gaps(self.requirements)

    @property
    def missing(self) -> tuple[RequirementResult, ...]:
        return tuple(gap for gap in self.gaps if gap.gap_kind is GapKind.MISSING)

    @property
    def partial(self) -> tuple[RequirementResult, ...]:
        return tuple(gap for gap in self.gaps if gap.gap_kind is GapKind.PARTIAL)

    @property
    def why(self) -> tuple[RequirementResult, ...]:
        """The requirements that cost the most points, biggest first."""
        costly = sorted(
            (r for r in self.requirements if r.points_lost > 0),
            key=lambda r: (-r.points_lost, -r.is_core, r.skill_name),
        )
        return tuple(costly[:WHY_COUNT])

    @property
    def take_now(self) -> tuple[Recommendation, ...]:
        """Certifications the person can apply for now, best first."""
        return tuple(r for r in self.recommendations if r.eligibility.eligible_now)

    @property
    def plan_for_later(self) -> tuple[Recommendation, ...]:
        """Certifications that need something first (or a condition checked), best first."""
        return tuple(r for r in self.recommendations if not r.eligibility.eligible_now)

    @property
    def next_step(self) -> NextStep | None:
        return self.next_steps[0] if self.next_steps else None


@dataclass(frozen=True)
class SkillChange:
    skill: str
    skill_name: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Progress:
    """What changed between two reports of the same person."""

    same_role: bool
    readiness_before: float
    readiness_after: float
    band_before: Band
    band_after: Band
    improved: tuple[SkillChange, ...]
    declined: tuple[SkillChange, ...]
    gaps_closed: tuple[str, ...]
    new_gaps: tuple[str, ...]

    @property
    def readiness_change(self) -> float:
        return round(self.readiness_after - self.readiness_before, 1)


# Scoring ------------------------------------------------------------------------------


def _gap_order(result: RequirementResult) -> tuple[int, int, int, str]:
    return (-result.is_core, -result.priority, -result.importance, result.skill_name)


def _ranked_gaps(results: Iterable[RequirementResult]) -> tuple[RequirementResult, ...]:
    return tuple(sorted((r for r in results if r.is_gap), key=_gap_order))


def weight(importance: int, is_core: bool) -> int:
    """What a requirement counts for: its importance, CORE_WEIGHT times for a must-have."""
    return importance * (CORE_WEIGHT if is_core else 1)


def credit(rating: int, required: int) -> float:
    """Share of a requirement's weight earned by a rating: 1 at or above the level."""
    return 1.0 if rating >= required else rating / required


def _readiness(pairs: Iterable[tuple[Requirement, int]]) -> float:
    earned = total = 0.0
    for requirement, rating in pairs:
        earned += requirement.weight * credit(rating, requirement.level)
        total += requirement.weight
    if total == 0:
        return 0.0
    return round(100 * earned / total, 1)


def shown(readiness: float) -> int:
    """Readiness as the pages show it: a whole percent, halves rounded up."""
    return math.floor(readiness + 0.5)


def _percent(part: float, whole: float) -> int:
    return shown(100 * part / whole) if whole else 0


_Weighed = TypeVar("_Weighed", "Requirement", "RequirementResult")


def _to_judge(
    requirements: Iterable[_Weighed], rated: set[str] | Mapping[str, int]
) -> tuple[_Weighed, ...]:
    """The fewest unrated requirements that would let a role be judged: every unrated
    must-have, then the weightiest others until MIN_RATED_SHARE of the weight is rated."""
    requirements = tuple(requirements)
    total = sum(r.weight for r in requirements)
    covered = sum(r.weight for r in requirements if r.skill in rated)
    unrated = sorted(
        (r for r in requirements if r.skill not in rated),
        key=lambda r: (-r.is_core, -r.weight, r.skill_name),
    )
    needed = []
    for requirement in unrated:
        if not requirement.is_core and covered >= MIN_RATED_SHARE * total:
            break
        needed.append(requirement)
        covered += requirement.weight
    return tuple(needed)


def blocks(level: int, rating: int) -> bool:
    """Whether a must-have rated `rating` against `level` is a real gap whatever the
    average: rated None, or CORE_BLOCKING_SHORTFALL or more levels short."""
    return rating == MIN_LEVEL or level - rating >= CORE_BLOCKING_SHORTFALL


def _rated_share(requirements: Iterable[_Weighed], rated: set[str] | Mapping[str, int]) -> int:
    """The percent of the requirements' weight that was rated."""
    requirements = tuple(requirements)
    return _percent(
        sum(r.weight for r in requirements if r.skill in rated),
        sum(r.weight for r in requirements),
    )


def _band(
    readiness: float,
    requirements: Iterable[Requirement],
    ratings: Mapping[str, int],
    *,
    judged: bool,
) -> Band:
    """The band; `judged` says whether enough of the role was rated (no _to_judge left)."""
    core = [r for r in requirements if r.is_core and r.skill in ratings]
    if any(blocks(r.level, ratings[r.skill]) for r in core):
        return Band.DEVELOPING
    if judged and shown(readiness) >= READY_AT and all(ratings[r.skill] >= r.level for r in core):
        return Band.READY
    if shown(readiness) >= NEARLY_READY_AT:
        return Band.NEARLY_READY
    return Band.DEVELOPING


def _rated(role: RoleProfile, ratings: Mapping[str, int]) -> list[tuple[Requirement, int]]:
    return [(req, ratings[req.skill]) for req in role.requirements if req.skill in ratings]


def _requirement_results(
    role: RoleProfile,
    ratings: Mapping[str, int],
    statuses: Mapping[str, CheckStatus] | None = None,
) -> tuple[RequirementResult, ...]:
    total = sum(req.weight for req in role.requirements if req.skill in ratings)
    results = []
    for req in role.requirements:
        rating = ratings.get(req.skill)
        status = None
        if rating is not None:
            status = (statuses or {}).get(req.skill, CheckStatus.SELF_RATED)
        lost = 0.0
        if rating is not None and total:
            lost = round(100 * req.weight * (1 - credit(rating, req.level)) / total, 1)
        results.append(
            RequirementResult(
                skill=req.skill,
                skill_name=req.skill_name,
                category=req.category,
                level=req.level,
                importance=req.importance,
                is_core=req.is_core,
                rating=rating,
                points_lost=lost,
                check=status,
            )
        )
    return tuple(results)


def _categories(role: RoleProfile, ratings: Mapping[str, int]) -> tuple[CategoryScore, ...]:
    order: dict[str, str] = {}
    for req in role.requirements:
        order.setdefault(req.category, req.category_label)
    scores = []
    for category, label in order.items():
        members = [req for req in role.requirements if req.category == category]
        rated = [(req, ratings[req.skill]) for req in members if req.skill in ratings]
        scores.append(
            CategoryScore(
                category=category,
                label=label,
                readiness=_readiness(rated),
                rated_count=len(rated),
                requirement_count=len(members),
            )
        )
    return tuple(scores)


def eligibility(offer: CertificationOffer, profile: Profile) -> Eligibility:
    """Whether the person can sit for a certification now, if only they meet conditions
    they were not asked about, or later, and what stands in the way.

    Holding a qualifying certification replaces the years and education asked. A
    condition is met when the person says so or holds a certification that satisfies it;
    one they were not asked about is unknown, never assumed.
    """
    held = profile.certifications_held
    qualified_by = next((q.name for q in offer.qualifying if q.slug in held), "")
    met: set[str] = set(profile.conditions_met or ())
    met.update(rule.slug for rule in offer.conditions if held & set(rule.satisfied_by))
    asked = profile.conditions_met is not None
    waived = max(
        (w.years_waived for w in offer.waivers if w.education <= profile.education), default=0
    )
    waived += sum(
        rule.years_waived for rule in offer.conditions if rule.years_waived and rule.slug in met
    )
    years_needed = 0 if qualified_by else max(0, (offer.min_years_experience or 0) - waived)
    years_to_wait = max(0, math.ceil(years_needed - profile.years_experience))
    better = [
        w for w in offer.waivers if w.education > profile.education and w.years_waived > waived
    ]
    hint = ""
    waiver: Waiver | None = None
    if years_to_wait and better:
        waiver = min(better, key=lambda w: (-w.years_waived, w.education))
        hint = f"a {waiver.education_label} takes off {waiver.years_waived}"
    short_of_education = (
        not qualified_by
        and offer.min_education is not None
        and profile.education < offer.min_education
    )
    required = [rule for rule in offer.conditions if not rule.years_waived and rule.slug not in met]
    return Eligibility(
        years_needed=years_needed,
        years_to_wait=years_to_wait,
        missing_prerequisites=tuple(p.name for p in offer.prerequisites if p.slug not in held),
        other_conditions=offer.other_conditions,
        education_needed=offer.min_education_label if short_of_education else "",
        to_do=tuple(rule.to_do for rule in required if asked),
        unknown=tuple(rule.to_do for rule in required if not asked),
        qualified_by=qualified_by,
        waiver_hint=hint,
        waiver_education=waiver.education_label if waiver else "",
        waiver_years=waiver.years_waived if waiver else 0,
    )


CERTIFICATION_STAGES = {"entry": 0, "mid": 1, "senior": 2}


def career_stage(career_level: int) -> int:
    """A role's career level as a certification stage: entry 0, mid 1, senior 2."""
    if career_level <= 1:
        return 0
    return 1 if career_level <= 4 else 2


def relevance(offer: CertificationOffer, role: RoleProfile, catalogue: Catalogue) -> int:
    """2 when the role's own sources name the certification, 1 when they name it for
    another role of the same family at the same career stage, else 0."""
    if role.slug in offer.named_for:
        return 2
    stage = career_stage(role.facts.career_level)
    for other in catalogue.roles:
        if (
            other.slug in offer.named_for
            and other.facts.family == role.facts.family
            and career_stage(other.facts.career_level) == stage
        ):
            return 1
    return 0


def _median(values: list[int]) -> float:
    return float(statistics.median(values)) if values else 0.0


def effort(facts: CertificationFacts, typical_cost: float, typical_hours: float) -> float:
    """1 + cost ÷ COST_UNIT + study hours ÷ HOURS_UNIT; an unknown figure counts as the
    typical one, so leaving a cost out neither helps nor hurts a certification."""
    cost = typical_cost if facts.cost_usd is None else facts.cost_usd
    hours = typical_hours if facts.study_hours is None else facts.study_hours
    return 1 + cost / COST_UNIT + hours / HOURS_UNIT


def rank_value(recommendation: Recommendation, effort_factor: float) -> float:
    """What orders certifications within a group: the weighted gap closed, raised for a
    certification the role's sources name, lowered for each career stage between it and
    the role, and for cost and study time."""
    return (
        recommendation.gap_closed
        * (1 + RELEVANCE_BONUS * recommendation.relevance)
        / (1 + recommendation.level_gap)
        / effort_factor
    )


def _recommendations(
    gaps: tuple[RequirementResult, ...],
    catalogue: Catalogue,
    profile: Profile,
    role: RoleProfile,
) -> tuple[Recommendation, ...]:
    """The certifications that would close part of the gaps: those the person can take now
    first, then the rest. Within each, by rank_value; then the fewest years to wait."""
    total_gap = sum(gap.priority for gap in gaps)
    if total_gap == 0:
        return ()
    gap_by_skill = {gap.skill: gap for gap in gaps}
    role_stage = career_stage(role.facts.career_level)
    typical_cost = _median(
        [c.facts.cost_usd for c in catalogue.certifications if c.facts.cost_usd is not None]
    )
    typical_hours = _median(
        [c.facts.study_hours for c in catalogue.certifications if c.facts.study_hours is not None]
    )
    found = []
    for offer in catalogue.certifications:
        if offer.slug in profile.certifications_held:
            continue
        closed = 0
        closes = []
        for gain in offer.skills:
            gap = gap_by_skill.get(gain.skill)
            brings = min(gain.brings_to_level, offer.reach)
            if gap is None or gap.rating is None or brings <= gap.rating:
                continue
            closed += gap.importance * (min(brings, gap.level) - gap.rating)
            closes.append(gap)
        if not closed:
            continue
        recommendation = Recommendation(
            certification=offer.slug,
            name=offer.name,
            abbreviation=offer.abbreviation,
            issuing_body=offer.issuing_body,
            is_training_card=offer.is_training_card,
            level=offer.level,
            closes=tuple(gap.skill_name for gap in sorted(closes, key=_gap_order)),
            gap_closed=closed,
            share_of_gap=round(100 * closed / total_gap, 1),
            eligibility=eligibility(offer, profile),
            facts=offer.facts,
            level_gap=abs(CERTIFICATION_STAGES.get(offer.level, 1) - role_stage),
            relevance=relevance(offer, role, catalogue),
        )
        found.append(
            (
                rank_value(recommendation, effort(offer.facts, typical_cost, typical_hours)),
                recommendation,
            )
        )
    found.sort(
        key=lambda pair: (
            not pair[1].eligibility.eligible_now,
            -pair[0],
            pair[1].eligibility.years_to_wait,
            pair[1].level_gap,
            pair[1].name,
        )
    )
    return tuple(recommendation for _, recommendation in found)


def plan(
    gaps: tuple[RequirementResult, ...],
    recommendations: tuple[Recommendation, ...],
    catalogue: Catalogue,
    career_level: int,
) -> tuple[PlanStep, ...]:
    """The first PLAN_SIZE gaps in the report's order (must-haves, then importance × levels
    short), each with the next level to reach, what it looks like and the ways there, a
    course or programme that builds it (learning_choice) and a certification the person
    can take now that builds it: of those at or below the role's career stage, the one its
    sources name most closely, then the quickest to study (unknown hours count as long),
    then the best ranked.

    When: the first two within 30 days, the next two within 90 and the fifth within a
    year, but never sooner than the level allows (LEVEL_WINDOWS), and within a year when
    the certification takes more than LONG_STUDY_HOURS of study."""
    stage = career_stage(career_level)
    level_examples = dict(catalogue.level_examples)
    level_tips = dict(catalogue.level_tips)
    steps: list[PlanStep] = []
    used: set[str] = set()
    for gap, window in zip(gaps[:PLAN_SIZE], PLAN_WINDOWS, strict=False):
        next_level = min(gap.level, (gap.rating or 0) + 1)
        looks_like, ways = level_up(
            level_examples.get(gap.skill, ()), level_tips.get(gap.skill, ()), next_level
        )
        fitting = [
            r
            for r in recommendations
            if r.eligibility.eligible_now
            and gap.skill_name in r.closes
            and CERTIFICATION_STAGES.get(r.level, 1) <= stage
        ]
        offer = max(fitting, key=_plan_choice, default=None)
        course = learning_choice(catalogue.learning, gap.skill, gap.rating or 0, used)
        if course is not None:
            used.add(course.slug)
        hours = offer.facts.study_hours if offer else None
        window = max(window, LEVEL_WINDOWS[next_level])
        steps.append(
            PlanStep(
                skill=gap.skill,
                skill_name=gap.skill_name,
                is_core=gap.is_core,
                rating=gap.rating,
                level=gap.level,
                next_level=next_level,
                practice=looks_like,
                within_days=365 if hours and hours > LONG_STUDY_HOURS else window,
                certification=f"{offer.name} ({offer.abbreviation})" if offer else "",
                cost_usd=offer.facts.cost_usd if offer else None,
                study_hours=hours,
                ways=ways,
                learning=course.name if course else "",
                learning_kind=course.kind if course else "",
                learning_provider=course.provider_type if course else "",
                learning_hours=(course.hours_low, course.hours_high) if course else None,
                learning_cost_usd=(course.cost_low_usd, course.cost_high_usd) if course else None,
            )
        )
    return tuple(steps)


def level_up(
    examples: Sequence[str], tips: Sequence[tuple[str, ...]], level: int
) -> tuple[str, tuple[str, ...]]:
    """What `level` (1–4) of a skill looks like and the ways there, from the skill's level
    examples and tips (Catalogue.level_examples, level_tips); empty where none is written."""
    looks_like = examples[level - 1] if len(examples) >= level else ""
    ways = tips[level - 1] if len(tips) >= level else ()
    return looks_like, ways


def learning_choice(
    options: Iterable[LearningOffer], skill: str, rating: int, used: set[str] | frozenset[str]
) -> LearningOffer | None:
    """The course or programme a plan names for one level up from `rating`: of those that
    start at or below it and build the skill past it, the one that overshoots least (an
    apprenticeship is not the way to one level up), then one the plan has not named yet,
    then the shortest, the cheapest and the first by name."""
    fitting = [
        (option, to_level)
        for option in options
        for built, from_level, to_level in option.builds
        if built == skill and from_level <= rating < to_level
    ]
    if not fitting:
        return None
    best = min(
        fitting,
        key=lambda pair: (
            pair[1] - rating,
            pair[0].slug in used,
            pair[0].hours_high,
            pair[0].cost_high_usd,
            pair[0].name,
        ),
    )
    return best[0]


# Checks of self-ratings ------------------------------------------------------------------


def check_status(
    rating: int | None, answers: CheckAnswers | None, check: SkillCheck | None
) -> CheckStatus | None:
    """How far a rating is backed: None when unrated; CHECKED when the person did the check
    of this very level and passed each part; NOT_BACKED when they did it and failed a part;
    SELF_RATED otherwise (below Proficient, no check written, or the check skipped).

    At each level of the statements shown (and still in the catalogue) at least half must
    be ticked; the knowledge questions answered must be more than half right. The rating
    itself is never changed."""
    if rating is None:
        return None
    if rating < CHECKED_FROM or check is None or answers is None or answers.level != rating:
        return CheckStatus.SELF_RATED
    parts: list[bool] = []
    for level in range(CHECKED_FROM, rating + 1):
        shown_here = [key for key in check.statements if key[0] == level and key in answers.shown]
        if shown_here:
            ticked = sum(1 for key in shown_here if key in answers.ticked)
            parts.append(2 * ticked >= len(shown_here))
    asked = [(slug, right) for slug, right in check.questions if slug in answers.answers]
    if asked:
        right = sum(1 for slug, answer in asked if answers.answers[slug] == answer)
        parts.append(2 * right > len(asked))
    if not parts:
        return CheckStatus.SELF_RATED
    return CheckStatus.CHECKED if all(parts) else CheckStatus.NOT_BACKED


def check_statuses(
    ratings: Mapping[str, int], checks: Mapping[str, CheckAnswers], catalogue: Catalogue
) -> dict[str, CheckStatus]:
    written = {check.skill: check for check in catalogue.checks}
    statuses = {}
    for skill, rating in ratings.items():
        status = check_status(rating, checks.get(skill), written.get(skill))
        if status is not None:
            statuses[skill] = status
    return statuses


def skills_to_check(
    ratings: Mapping[str, int],
    asked: Sequence[str],
    must_haves: set[str] | frozenset[str],
    catalogue: Catalogue,
    *,
    quick: bool,
) -> tuple[SkillCheck, ...]:
    """The checks a questionnaire asks, in the order its questions were asked, must-haves
    first: each skill rated Proficient or Expert that is a must-have with statements
    written for that level, or that has knowledge questions. Each check is trimmed to what
    it asks: the statements of levels Proficient up to the rating, and in the quick check
    QUICK_QUESTIONS_PER_SKILL knowledge question. The quick check spends at most
    QUICK_CHECK_SLOTS questions on checks (a tick list counts as one); the full check asks
    about FULL_CHECK_SKILLS skills at most."""
    written = {check.skill: check for check in catalogue.checks}
    order = {skill: index for index, skill in enumerate(asked)}
    candidates = sorted(
        (skill for skill in asked if ratings.get(skill, 0) >= CHECKED_FROM and skill in written),
        key=lambda skill: (skill not in must_haves, order[skill]),
    )
    chosen: list[SkillCheck] = []
    slots = 0
    for skill in candidates:
        check = written[skill]
        rating = ratings[skill]
        statements = (
            tuple(key for key in check.statements if CHECKED_FROM <= key[0] <= rating)
            if skill in must_haves
            else ()
        )
        questions = check.questions[:QUICK_QUESTIONS_PER_SKILL] if quick else check.questions
        if not statements and not questions:
            continue
        cost = (1 if statements else 0) + len(questions)
        if quick and slots + cost > QUICK_CHECK_SLOTS:
            continue
        if not quick and len(chosen) >= FULL_CHECK_SKILLS:
            break
        slots += cost
        chosen.append(SkillCheck(skill=skill, statements=statements, questions=questions))
    return tuple(chosen)


def _plan_choice(recommendation: Recommendation) -> tuple[int, int]:
    hours = recommendation.facts.study_hours
    return (recommendation.relevance, -(LONG_STUDY_HOURS if hours is None else hours))


def _pearson(pairs: list[tuple[int, int]]) -> float | None:
    """The correlation of two lists of numbers; None when either does not vary."""
    if len(pairs) < 2:
        return None
    xs = [x for x, _ in pairs]
    ys = [y for _, y in pairs]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    return covariance / math.sqrt(var_x * var_y)


def reliance(role: RoleProfile, ratings: Mapping[str, int]) -> float | None:
    """How far a role leans on what this person is strongest at, from −1 to 1.

    The role's demand for a skill is weight × level (0 for a skill it does not ask for).
    Two correlations with the person's ratings are averaged, leaving out one that is
    undefined: over the role's own rated requirements ("within this role, are you strongest
    where it asks most?") and over every skill rated ("does this role ask for your strongest
    skills rather than others?"). None when neither is defined.
    """
    demand = {req.skill: req.weight * req.level for req in role.requirements}
    inside = [(ratings[skill], need) for skill, need in demand.items() if skill in ratings]
    overall = [(level, demand.get(skill, 0)) for skill, level in sorted(ratings.items())]
    values = [r for r in (_pearson(inside), _pearson(overall)) if r is not None]
    return round(sum(values) / len(values), 3) if values else None


def fit_score(readiness: float, leaning: float | None) -> float:
    """Readiness scaled by reliance: readiness × (1 + reliance) ÷ 2 (reliance 0 if unknown)."""
    return round(readiness * (1 + (leaning or 0.0)) / 2, 1)


def role_fit(role: RoleProfile, ratings: Mapping[str, int]) -> RoleFit:
    rated = _rated(role, ratings)
    readiness = _readiness(rated)
    leaning = reliance(role, ratings)
    to_judge = _to_judge(role.requirements, ratings)
    return RoleFit(
        role=role.slug,
        title=role.title,
        readiness=readiness,
        band=_band(readiness, role.requirements, ratings, judged=not to_judge),
        rated_count=len(rated),
        requirement_count=len(role.requirements),
        unrated=tuple(req.skill_name for req in role.requirements if req.skill not in ratings),
        fit=fit_score(readiness, leaning),
        overshoot=round(sum(max(0, r - q.level) for q, r in rated) / len(rated), 2)
        if rated
        else 0.0,
        reliance=leaning,
        rated_share=_rated_share(role.requirements, ratings),
        to_judge=tuple(req.skill for req in to_judge),
        facts=role.facts,
    )


ALMOST_ALIKE = gettext_noop(
    "You gave almost every skill the same rating, so your answers don’t show what you are "
    "strongest at, and no role can be matched. Rate each skill on its own to see which "
    "roles fit you."
)


def answers_too_alike(ratings: Mapping[str, int]) -> str:
    """Why these ratings cannot show a person's strengths, or "" when they can.

    They cannot when fewer than two skills were rated, when every rating is the same, or
    when, of five or more ratings, all but NEAR_IDENTICAL_SPREAD are the same.
    """
    if len(ratings) < 2:
        return gettext_noop(
            "You rated fewer than two skills, so we can’t tell what you are strongest at, "
            "and no role can be matched yet."
        )
    counts: dict[int, int] = {}
    for level in ratings.values():
        counts[level] = counts.get(level, 0) + 1
    if len(counts) == 1:
        return gettext_noop(
            "You gave every skill the same rating, so your answers don’t show what you are "
            "strongest at, and no role can be matched. Rate each skill on its own to see "
            "which roles fit you."
        )
    if len(ratings) >= 5 and len(ratings) - max(counts.values()) <= NEAR_IDENTICAL_SPREAD:
        return ALMOST_ALIKE
    return ""


_GROUP_ORDER = {group: index for index, group in enumerate(FitGroup)}


def _fit_order(fit: RoleFit) -> tuple[float, ...]:
    level = fit.facts.career_level
    group = fit.group or FitGroup.UNSORTED
    head: tuple[float, ...]
    if group in (FitGroup.NOW, FitGroup.BELOW):
        head = (-level, -fit.fit)
    elif group in (FitGroup.STRETCH, FitGroup.FURTHER):
        head = (level, -fit.fit)
    elif group is FitGroup.UNJUDGED:
        head = (len(fit.to_judge), level)
    else:
        head = (level, -fit.readiness)
    return (_GROUP_ORDER[group], *head, -fit.readiness, -fit.rated_share)


def _grouped(fits: list[RoleFit], ratings: Mapping[str, int]) -> list[RoleFit]:
    """Each fit with its group.

    The person's level is the career level of their best fit among the judged roles they
    are Ready for (else Nearly ready for), or of a higher Ready role whose fit is within
    FIT_TOLERANCE of it and whose levels the person exceeds by at most LEVEL_MATCH on
    average: one that asks for what they have, at the level they have it. Judged roles
    they are Ready or Nearly ready for fit now at that level, are stretch roles above it
    and are below their level under it. The rest are further off; roles not yet judged
    and answers too alike to match have groups of their own.
    """
    if answers_too_alike(ratings):
        return [replace(fit, group=FitGroup.UNSORTED) for fit in fits]
    judged = [fit for fit in fits if not fit.to_judge]
    level = 0
    for band in (Band.READY, Band.NEARLY_READY):
        candidates = [fit for fit in judged if fit.band is band]
        if candidates:
            best = max(candidates, key=lambda f: (f.fit, f.readiness, -f.facts.career_level))
            level = max(
                [best.facts.career_level]
                + [
                    fit.facts.career_level
                    for fit in candidates
                    if fit.band is Band.READY
                    and fit.fit >= (1 - FIT_TOLERANCE) * best.fit
                    and fit.overshoot <= LEVEL_MATCH
                ]
            )
            break
    grouped = []
    for fit in fits:
        fit_level = fit.facts.career_level
        close = fit.band in (Band.READY, Band.NEARLY_READY)
        if fit.to_judge:
            group = FitGroup.UNJUDGED
        elif close and fit_level == level:
            group = FitGroup.NOW
        elif close and fit_level < level:
            group = FitGroup.BELOW
        elif close and fit_level > level:
            group = FitGroup.STRETCH
        else:
            group = FitGroup.FURTHER
        grouped.append(replace(fit, group=group))
    return grouped


def rank_roles(catalogue: Catalogue, ratings: Mapping[str, int]) -> tuple[RoleFit, ...]:
    """Every role scored from the same ratings, in groups: fits you now, stretch roles,
    below your level, further off, not enough answers. Within a group by career level
    (nearest the person's first), then fit."""
    fits = _grouped([role_fit(role, ratings) for role in catalogue.roles], ratings)
    fits.sort(key=_fit_order)
    return tuple(fits)


def _next_steps(
    role: RoleProfile, catalogue: Catalogue, ratings: Mapping[str, int]
) -> tuple[NextStep, ...]:
    steps = []
    by_slug = {candidate.slug: candidate for candidate in catalogue.roles}
    for move in role.next_steps:
        target = by_slug.get(move.role)
        if target is None:
            continue
        fit = role_fit(target, ratings)
        gaps = _ranked_gaps(_requirement_results(target, ratings))
        steps.append(
            NextStep(
                role=target.slug,
                title=target.title,
                typical_years=move.typical_years,
                readiness=fit.readiness,
                band=fit.band,
                rated_count=fit.rated_count,
                requirement_count=fit.requirement_count,
                top_gaps=tuple(gap.skill_name for gap in gaps[:NEXT_STEP_GAP_COUNT]),
                rated_share=fit.rated_share,
            )
        )
    steps.sort(key=lambda s: (-s.readiness, -s.rated_share))
    return tuple(steps)


def _spread(catalogue: Catalogue) -> dict[str, float]:
    """How much each skill's demand (weight × level, 0 where not asked) varies between
    roles: the population standard deviation over every role."""
    demand: dict[str, list[int]] = {}
    for index, role in enumerate(catalogue.roles):
        for req in role.requirements:
            demand.setdefault(req.skill, [0] * len(catalogue.roles))[index] = req.weight * req.level
    spread = {}
    for skill, values in demand.items():
        mean = sum(values) / len(values)
        spread[skill] = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return spread


def explore_skills(catalogue: Catalogue, *, quick: bool) -> tuple[str, ...]:
    """The skills "Which role fits me?" asks about, those that tell roles apart first.

    The full check asks every must-have of every role and every skill two or more roles
    need. The quick check asks each role's EXPLORE_QUICK_PER_ROLE weightiest must-haves
    (weight × level; its weightiest requirements when it has fewer must-haves), at most
    EXPLORE_QUICK_LIMIT. Both are ordered by how much a skill's demand varies between
    roles, most first, so the questions that separate roles come first.
    """
    spread = _spread(catalogue)
    chosen: set[str] = set()
    if quick:
        for role in catalogue.roles:
            ranked = sorted(
                role.requirements,
                key=lambda r: (-r.is_core, -r.weight * r.level, -spread[r.skill], r.skill),
            )
            chosen.update(r.skill for r in ranked[:EXPLORE_QUICK_PER_ROLE])
    else:
        needed_by: dict[str, int] = {}
        for role in catalogue.roles:
            for req in role.requirements:
                needed_by[req.skill] = needed_by.get(req.skill, 0) + 1
                if req.is_core:
                    chosen.add(req.skill)
        chosen.update(skill for skill, count in needed_by.items() if count >= 2)
    ordered = tuple(sorted(chosen, key=lambda skill: (-spread[skill], skill)))
    return ordered[:EXPLORE_QUICK_LIMIT] if quick else ordered


def best_fit(catalogue: Catalogue, ratings: Mapping[str, int]) -> str:
    """The slug of the role these ratings fit best: the first that fits now, else the
    judged role with the best fit, else the role with the highest readiness (the lower
    career level on a tie)."""
    if not catalogue.roles:
        raise ValueError("The catalogue has no roles to score against.")
    fits = rank_roles(catalogue, ratings)
    if fits[0].group is FitGroup.NOW:
        return fits[0].role
    judged = [fit for fit in fits if fit.group in (FitGroup.STRETCH, FitGroup.FURTHER)]
    if judged:
        return max(judged, key=lambda f: (f.fit, -f.facts.career_level)).role
    return max(fits, key=lambda f: (f.readiness, -f.facts.career_level, f.rated_share)).role


def assess(profile: Profile, catalogue: Catalogue, role: str) -> Report:
    """Score a profile against one role of the catalogue, with role fit across all of them.

    Raises KeyError when the role is not in the catalogue.
    """
    target = catalogue.role(role)
    ratings = profile.ratings
    readiness = _readiness(_rated(target, ratings))
    statuses = check_statuses(ratings, profile.checks, catalogue)
    backed = {
        skill: level
        for skill, level in ratings.items()
        if statuses.get(skill) is not CheckStatus.NOT_BACKED
    }
    requirements = _requirement_results(target, ratings, statuses)
    gaps = _ranked_gaps(requirements)
    recommendations = _recommendations(gaps, catalogue, profile, target)
    return Report(
        role=target.slug,
        role_title=target.title,
        readiness=readiness,
        band=_band(
            readiness,
            target.requirements,
            ratings,
            judged=not _to_judge(target.requirements, ratings),
        ),
        requirements=requirements,
        categories=_categories(target, ratings),
        recommendations=recommendations,
        role_fit=rank_roles(catalogue, ratings),
        next_steps=_next_steps(target, catalogue, ratings),
        years_experience=profile.years_experience,
        min_years=target.facts.min_years,
        role_fit_note=answers_too_alike(ratings),
        plan=plan(gaps, recommendations, catalogue, target.facts.career_level),
        readiness_backed=(
            None if len(backed) == len(ratings) else _readiness(_rated(target, backed))
        ),
    )


def compare(before: Report, after: Report) -> Progress:
    """What changed from an earlier report to a later one."""
    old = {r.skill: r for r in before.requirements}
    improved = []
    declined = []
    for result in after.requirements:
        previous = old.get(result.skill)
        if previous is None or previous.rating == result.rating:
            continue
        change = SkillChange(
            skill=result.skill,
            skill_name=result.skill_name,
            before=previous.rating,
            after=result.rating,
        )
        if (result.rating or 0) > (previous.rating or 0):
            improved.append(change)
        elif (result.rating or 0) < (previous.rating or 0):
            declined.append(change)
    old_gaps = {gap.skill: gap.skill_name for gap in before.gaps}
    new_gaps = {gap.skill: gap.skill_name for gap in after.gaps}
    still_required = {r.skill for r in after.requirements}
    return Progress(
        same_role=before.role == after.role,
        readiness_before=before.readiness,
        readiness_after=after.readiness,
        band_before=before.band,
        band_after=after.band,
        improved=tuple(improved),
        declined=tuple(declined),
        gaps_closed=tuple(
            name
            for skill, name in old_gaps.items()
            if skill not in new_gaps and skill in still_required
        ),
        new_gaps=tuple(name for skill, name in new_gaps.items() if skill not in old_gaps),
    )
