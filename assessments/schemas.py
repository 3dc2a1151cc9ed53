"""The JSON shape of answers and reports, shared by the API, `manage.py score` and downloads."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints

from assessments import scoring
from assessments.models import Result
from assessments.reports import report_from_json
from roles.proficiency import EDUCATION_CODES, Education

EducationCode = Literal[
    "none", "high-school", "trade", "associate", "bachelor", "master", "doctorate"
]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Rating = Annotated[int, Field(strict=True, ge=0, le=4)]
MAX_RATINGS = 200
MAX_CERTIFICATIONS = 50


class AnswersIn(Schema):
    """A completed questionnaire: ratings 0–4 by skill slug, and the questions about the person."""

    model_config = ConfigDict(extra="forbid")

    role: Slug = Field(description="Slug of the role to score against, e.g. production-planner.")
    ratings: dict[Slug, Rating] = Field(
        max_length=MAX_RATINGS,
        description="Skill slug → level from 0 (None) to 4 (Expert). Skills left out are unrated.",
    )
    years_experience: Annotated[float, Field(strict=True, ge=0, le=60, allow_inf_nan=False)]
    education: EducationCode
    certifications_held: list[Slug] = Field(default_factory=list, max_length=MAX_CERTIFICATIONS)
    conditions_met: list[Slug] | None = Field(
        default=None,
        max_length=MAX_CERTIFICATIONS,
        description="Slugs of the certification conditions the person meets, such as "
        "pm-training-35. Leave out when not asked: certifications that need one then say "
        "'eligible if' instead of 'eligible now'.",
    )

    def profile(self) -> scoring.Profile:
        return scoring.Profile(
            ratings=self.ratings,
            years_experience=self.years_experience,
            education=EDUCATION_CODES[self.education],
            certifications_held=frozenset(self.certifications_held),
            conditions_met=None if self.conditions_met is None else frozenset(self.conditions_met),
        )


class RequirementResultOut(Schema):
    skill: str
    skill_name: str
    category: str
    is_core: bool
    importance: int
    level: int = Field(description="Level the role needs, 1–4.")
    rating: int | None = Field(description="The person's level, 0–4; null when not rated.")
    shortfall: int
    points_lost: float
    gap: str | None = Field(description="missing (rated 0), partial, or null when met or unrated.")
    check: str | None = Field(
        None,
        description="checked, self-rated or not-backed (a check did not back the rating); "
        "null when not rated.",
    )

    @staticmethod
    def resolve_gap(obj: scoring.RequirementResult) -> str | None:
        return None if obj.gap_kind is None else obj.gap_kind.value


class CategoryOut(Schema):
    category: str
    label: str
    readiness: float
    rated_count: int
    requirement_count: int


class EligibilityOut(Schema):
    status: str = Field(description="now, if (conditions not asked about) or later.")
    eligible_now: bool
    years_needed: int
    years_to_wait: int
    missing_prerequisites: list[str]
    education_needed: str
    to_do: list[str] = Field(description="Conditions the person said they have not met yet.")
    unknown: list[str] = Field(description="Conditions the person was not asked about.")
    qualified_by: str
    other_conditions: str
    summary: str


class CertificationFactsOut(Schema):
    is_vendor_specific: bool
    exam: str
    cost: str
    preparation: str
    renewal: str
    uncertainty_note: str
    cost_usd: int | None = Field(description="Typical cost in US dollars; null when unknown.")
    study_hours: int | None = Field(description="Typical hours of study; null when unknown.")


class RecommendationOut(Schema):
    certification: str
    name: str
    abbreviation: str
    issuing_body: str
    kind: Literal["certification", "training-card"]
    level: str
    facts: CertificationFactsOut
    closes: list[str]
    gap_closed: int = Field(description="Importance × levels this certification would close.")
    share_of_gap: float = Field(description="Percent of the person's weighted gap it closes.")
    relevance: int = Field(
        description="2: careerfit's sources name it for this role; 1: for a role of the same "
        "family and career stage; 0: neither."
    )
    eligibility: EligibilityOut

    @staticmethod
    def resolve_kind(obj: scoring.Recommendation) -> str:
        return "training-card" if obj.is_training_card else "certification"


class CoverageOut(Schema):
    rated_count: int
    requirement_count: int
    share: int = Field(description="Percent of the role's weight (what matters) rated.")
    text: str


class RoleFactsOut(Schema):
    family: str
    career_level: int
    min_years: int | None
    education: int | None
    education_label: str
    salary_median_usd: int | None
    outlook_growth_percent: float | None
    outlook_note: str


class RoleFitOut(Schema):
    role: str
    title: str
    group: str | None = Field(
        description="now, stretch, below, further, unjudged or unsorted; null in old reports."
    )
    readiness: float
    band: str
    fit: float = Field(description="Readiness × (1 + reliance) ÷ 2.")
    reliance: float | None = Field(
        description="−1 to 1: how far the role leans on the person's strongest skills."
    )
    rated_count: int
    requirement_count: int
    coverage: CoverageOut
    unrated: list[str]
    to_judge: list[str] = Field(description="Skill slugs whose answers would judge this role.")
    enough_rated: bool
    facts: RoleFactsOut


class NextStepOut(Schema):
    role: str
    title: str
    typical_years: int | None
    readiness: float
    band: str
    rated_count: int
    requirement_count: int
    coverage: CoverageOut
    top_gaps: list[str]


class PlanStepOut(Schema):
    skill: str
    skill_name: str
    is_core: bool
    rating: int | None
    level: int = Field(description="The level the role needs.")
    next_level: int = Field(description="The level to reach first: one above the rating.")
    practice: str = Field(description="What the next level looks like in production work.")
    within_days: int = Field(description="When to aim for it: 30, 90 or 365 days.")
    certification: str = Field(description="A certification the person can take now for it.")
    cost_usd: int | None
    study_hours: int | None
    ways: list[str] = Field(description="Ways to reach the next level, in plain words.")
    learning: str = Field(description="A course or programme that builds it; empty if none.")
    learning_kind: str
    learning_provider: str = Field(description="Who offers it, by type, never a vendor.")
    learning_hours: list[int] | None = Field(description="Typical hours, low and high.")
    learning_cost_usd: list[int] | None = Field(
        description="Typical cost in US dollars, low and high; 0 and 0 is free."
    )


class ReportOut(Schema):
    role: str
    role_title: str
    readiness: float = Field(description="0–100, importance-weighted over the rated skills.")
    shown_readiness: int = Field(description="Readiness as the pages show it, a whole percent.")
    readiness_backed: float | None = Field(
        None,
        description="Readiness without the ratings a check did not back; null when every "
        "rating stands.",
    )
    rests_on_self_ratings: bool = Field(
        False, description="True when ratings worth checking were not checked."
    )
    band: str
    band_label: str
    headline: str
    coverage: CoverageOut
    rated_count: int
    requirement_count: int
    unrated: list[str]
    to_judge: list[str] = Field(description="Skill slugs whose answers would judge this role.")
    years_experience: float | None
    min_years: int | None = Field(description="The role's usual minimum years of experience.")
    years_short: float
    role_fit_note: str = Field(description="Why roles could not be matched, when they could not.")
    categories: list[CategoryOut]
    gaps: list[RequirementResultOut]
    strengths: list[RequirementResultOut]
    why: list[RequirementResultOut]
    recommendations: list[RecommendationOut]
    role_fit: list[RoleFitOut]
    next_step: NextStepOut | None
    next_steps: list[NextStepOut]
    plan: list[PlanStepOut] = Field(
        description="Up to five actions, most important gap first, with when to do each."
    )

    @staticmethod
    def resolve_band_label(obj: scoring.Report) -> str:
        return obj.band.label

    @staticmethod
    def resolve_unrated(obj: scoring.Report) -> list[str]:
        return [skill_result.skill_name for skill_result in obj.unrated]

    @staticmethod
    def resolve_to_judge(obj: scoring.Report) -> list[str]:
        return [skill_result.skill for skill_result in obj.to_judge]


def report_json(report: scoring.Report) -> dict[str, Any]:
    data: dict[str, Any] = ReportOut.from_orm(report).model_dump(mode="json")
    return data


def result_json(result: Result) -> dict[str, Any]:
    """Everything careerfit holds about one saved result, for the owner's download."""
    education = {value: code for code, value in EDUCATION_CODES.items()}[result.education]
    return {
        "scored_at": result.created_at.isoformat(),
        "catalogue_version": result.catalogue_version,
        "mode": result.mode,
        "length": result.length,
        "answers": {
            "role": result.role_slug,
            "ratings": result.ratings,
            "years_experience": float(result.years_experience),
            "education": education,
            "education_label": str(Education(result.education).label),
            "certifications_held": result.certifications_held,
            "conditions_met": result.conditions_met,
            "current_role": result.current_role_slug,
            "not_sure": result.unsure,
            "name": result.name,
            "email": result.email,
        },
        "requirements_scored_against": result.requirements_snapshot,
        "report": report_json(report_from_json(result.report)),
    }
