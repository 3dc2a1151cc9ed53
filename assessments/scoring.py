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
* Band: "ready" needs readiness ≥ READY_AT, every must-have (core) skill rated, and no
  must-have skill CORE_BLOCKING_SHORTFALL or more levels short. Otherwise "nearly ready"
  from NEARLY_READY_AT, else "developing".
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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

MIN_LEVEL = 0
MAX_LEVEL = 4
READY_AT = 85.0
NEARLY_READY_AT = 65.0
CORE_BLOCKING_SHORTFALL = 2
MIN_RATED_SHARE = 0.5
WHY_COUNT = 3
NEXT_STEP_GAP_COUNT = 3


class Band(StrEnum):
    READY = "ready"
    NEARLY_READY = "nearly-ready"
    DEVELOPING = "developing"

    @property
    def label(self) -> str:
        return BAND_LABELS[self]


BAND_LABELS = {
    Band.READY: "Ready",
    Band.NEARLY_READY: "Nearly ready",
    Band.DEVELOPING: "Developing",
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


@dataclass(frozen=True)
class CareerMove:
    role: str
    typical_years: int | None


@dataclass(frozen=True)
class RoleProfile:
    slug: str
    title: str
    requirements: tuple[Requirement, ...]
    next_steps: tuple[CareerMove, ...] = ()


@dataclass(frozen=True)
class SkillGain:
    skill: str
    brings_to_level: int


@dataclass(frozen=True)
class Waiver:
    education: int
    years_waived: int


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


@dataclass(frozen=True)
class Catalogue:
    roles: tuple[RoleProfile, ...]
    certifications: tuple[CertificationOffer, ...]

    def role(self, slug: str) -> RoleProfile:
        for role in self.roles:
            if role.slug == slug:
                return role
        raise KeyError(slug)


@dataclass(frozen=True)
class Profile:
    """A person's answers. Ratings map skill slugs to levels 0–4; skills left out are unrated."""

    ratings: Mapping[str, int]
    years_experience: float = 0.0
    education: int = 0
    certifications_held: frozenset[str] = field(default_factory=frozenset)

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


# Outputs ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class CategoryScore:
    category: str
    label: str
    readiness: float
    rated_count: int
    requirement_count: int


@dataclass(frozen=True)
class Eligibility:
    years_needed: int
    years_to_wait: int
    missing_prerequisites: tuple[str, ...]
    other_conditions: str

    @property
    def eligible_now(self) -> bool:
        return self.years_to_wait == 0 and not self.missing_prerequisites

    @property
    def summary(self) -> str:
        """One plain sentence: eligible now, or what stands in the way."""
        if self.eligible_now:
            return "You can apply now."
        parts = []
        if self.missing_prerequisites:
            parts.append(f"you need {' and '.join(self.missing_prerequisites)} first")
        if self.years_to_wait:
            years = "1 more year" if self.years_to_wait == 1 else f"{self.years_to_wait} more years"
            parts.append(f"you need about {years} of experience")
        sentence = "; ".join(parts)
        return sentence[0].upper() + sentence[1:] + "."


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


@dataclass(frozen=True)
class RoleFit:
    role: str
    title: str
    readiness: float
    band: Band
    rated_count: int
    requirement_count: int
    unrated: tuple[str, ...]

    @property
    def enough_rated(self) -> bool:
        return self.rated_count >= MIN_RATED_SHARE * self.requirement_count


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


def credit(rating: int, required: int) -> float:
    """Share of a requirement's weight earned by a rating: 1 at or above the level."""
    return 1.0 if rating >= required else rating / required


def _readiness(pairs: Iterable[tuple[Requirement, int]]) -> float:
    earned = total = 0.0
    for requirement, rating in pairs:
        earned += requirement.importance * credit(rating, requirement.level)
        total += requirement.importance
    if total == 0:
        return 0.0
    return round(100 * earned / total, 1)


def _band(
    readiness: float, requirements: Iterable[Requirement], ratings: Mapping[str, int]
) -> Band:
    core_ok = all(
        requirement.skill in ratings
        and requirement.level - ratings[requirement.skill] < CORE_BLOCKING_SHORTFALL
        for requirement in requirements
        if requirement.is_core
    )
    if readiness >= READY_AT and core_ok:
        return Band.READY
    if readiness >= NEARLY_READY_AT:
        return Band.NEARLY_READY
    return Band.DEVELOPING


def _rated(role: RoleProfile, ratings: Mapping[str, int]) -> list[tuple[Requirement, int]]:
    return [(req, ratings[req.skill]) for req in role.requirements if req.skill in ratings]


def _requirement_results(
    role: RoleProfile, ratings: Mapping[str, int]
) -> tuple[RequirementResult, ...]:
    total = sum(req.importance for req in role.requirements if req.skill in ratings)
    results = []
    for req in role.requirements:
        rating = ratings.get(req.skill)
        lost = 0.0
        if rating is not None and total:
            lost = round(100 * req.importance * (1 - credit(rating, req.level)) / total, 1)
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
    """Whether the person can sit for a certification now, and if not, what stands in the way."""
    waived = max(
        (w.years_waived for w in offer.waivers if w.education <= profile.education), default=0
    )
    years_needed = max(0, (offer.min_years_experience or 0) - waived)
    years_to_wait = max(0, math.ceil(years_needed - profile.years_experience))
    missing = tuple(
        p.name for p in offer.prerequisites if p.slug not in profile.certifications_held
    )
    return Eligibility(
        years_needed=years_needed,
        years_to_wait=years_to_wait,
        missing_prerequisites=missing,
        other_conditions=offer.other_conditions,
    )


def _recommendations(
    gaps: tuple[RequirementResult, ...], catalogue: Catalogue, profile: Profile
) -> tuple[Recommendation, ...]:
    total_gap = sum(gap.priority for gap in gaps)
    if total_gap == 0:
        return ()
    gap_by_skill = {gap.skill: gap for gap in gaps}
    found = []
    for offer in catalogue.certifications:
        if offer.slug in profile.certifications_held:
            continue
        closed = 0
        closes = []
        for gain in offer.skills:
            gap = gap_by_skill.get(gain.skill)
            if gap is None or gap.rating is None or gain.brings_to_level <= gap.rating:
                continue
            closed += gap.importance * (min(gain.brings_to_level, gap.level) - gap.rating)
            closes.append(gap)
        if not closed:
            continue
        found.append(
            Recommendation(
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
            )
        )
    found.sort(
        key=lambda r: (
            -r.gap_closed,
            not r.eligibility.eligible_now,
            r.eligibility.years_to_wait,
            r.name,
        )
    )
    return tuple(found)


def role_fit(role: RoleProfile, ratings: Mapping[str, int]) -> RoleFit:
    rated = _rated(role, ratings)
    readiness = _readiness(rated)
    return RoleFit(
        role=role.slug,
        title=role.title,
        readiness=readiness,
        band=_band(readiness, role.requirements, ratings),
        rated_count=len(rated),
        requirement_count=len(role.requirements),
        unrated=tuple(req.skill_name for req in role.requirements if req.skill not in ratings),
    )


def rank_roles(catalogue: Catalogue, ratings: Mapping[str, int]) -> tuple[RoleFit, ...]:
    """Every role scored from the same ratings: well-rated roles first, then by readiness."""
    fits = [role_fit(role, ratings) for role in catalogue.roles]
    fits.sort(key=lambda f: (not f.enough_rated, -f.readiness, -f.rated_count, f.title))
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
            )
        )
    steps.sort(key=lambda s: (-s.readiness, s.title))
    return tuple(steps)


def best_fit(catalogue: Catalogue, ratings: Mapping[str, int]) -> str:
    """The slug of the role these ratings fit best."""
    if not catalogue.roles:
        raise ValueError("The catalogue has no roles to score against.")
    return rank_roles(catalogue, ratings)[0].role


def assess(profile: Profile, catalogue: Catalogue, role: str) -> Report:
    """Score a profile against one role of the catalogue, with role fit across all of them.

    Raises KeyError when the role is not in the catalogue.
    """
    target = catalogue.role(role)
    ratings = profile.ratings
    readiness = _readiness(_rated(target, ratings))
    requirements = _requirement_results(target, ratings)
    gaps = _ranked_gaps(requirements)
    return Report(
        role=target.slug,
        role_title=target.title,
        readiness=readiness,
        band=_band(readiness, target.requirements, ratings),
        requirements=requirements,
        categories=_categories(target, ratings),
        recommendations=_recommendations(gaps, catalogue, profile),
        role_fit=rank_roles(catalogue, ratings),
        next_steps=_next_steps(target, catalogue, ratings),
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
