"""Read-only JSON API over the role catalogue."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from roles import selectors
from roles.models import Certification, Role, RoleRequirement, Skill
from roles.proficiency import BEHAVIOUR, Education, Importance, Proficiency

router = Router(tags=["catalogue"])


class LevelOut(Schema):
    level: int
    name: str
    behaviour: str


class RoleSummaryOut(Schema):
    slug: str
    title: str
    family: str
    family_label: str
    career_level: int
    career_level_label: str
    onet_soc_code: str
    requirement_count: int


class RequirementOut(Schema):
    skill: str
    name: str
    category: str
    required_level: int
    required_level_name: str
    importance: int
    importance_name: str
    core: bool


class StepOut(Schema):
    role: str
    title: str
    typical_years: int | None


class CitationOut(Schema):
    source: str
    title: str
    passage: str


class RoleOut(Schema):
    slug: str
    title: str
    family: str
    career_level: int
    summary: str
    responsibilities: list[str]
    experience_min_years: int | None
    experience_max_years: int | None
    education: str | None
    salary_median_usd: int | None
    salary_low_usd: int | None
    salary_high_usd: int | None
    salary_note: str
    outlook_growth_percent: float | None
    outlook_note: str
    onet_soc_code: str
    onet_title: str
    requirements: list[RequirementOut]
    next_steps: list[StepOut]
    previous_steps: list[StepOut]
    sources: list[CitationOut]


class LevelUpOut(Schema):
    level: int = Field(description="The level reached, 1–4.")
    ways: list[str] = Field(description="Two or three ways to get there, in plain words.")


class SkillOut(Schema):
    slug: str
    name: str
    category: str
    category_label: str
    description: str
    level_examples: list[LevelOut]
    level_ups: list[LevelUpOut] = Field(description="How to move up to each level.")


class LearningSkillOut(Schema):
    skill: str
    from_level: int = Field(description="The level a person needs to start, 0–3.")
    to_level: int = Field(description="The level it can bring a person to, 1–4.")


class LearningOptionOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    provider_type: str = Field(description="Who offers it, by type; never a vendor.")
    description: str
    hours_low: int
    hours_high: int
    cost_low_usd: int = Field(description="0 is free.")
    cost_high_usd: int
    source: str | None = Field(description="The key of the source its figures come from.")
    basis: str = Field(description="Where the figures come from, or that they are estimates.")
    skills: list[LearningSkillOut]


class WaiverOut(Schema):
    education: str
    years_waived: int


class CertificationSkillOut(Schema):
    skill: str
    brings_to_level: int


class ConditionOut(Schema):
    condition: str = Field(description="The condition's slug, as the scoring API's conditions_met.")
    question: str
    years_waived: int = Field(description="0: it must be met. More: meeting it takes years off.")


class CertificationOut(Schema):
    slug: str
    name: str
    abbreviation: str
    issuing_body: str
    kind: str
    is_training_card: bool
    level: str
    description: str
    min_years_experience: int | None
    min_education: str | None
    waivers: list[WaiverOut]
    prerequisites: list[str]
    qualifying: list[str] = Field(description="Holding one replaces the years and education.")
    conditions: list[ConditionOut]
    is_vendor_specific: bool
    other_conditions: str
    exam: str
    cost: str
    cost_usd: int | None = Field(description="Typical cost in US dollars; null when unknown.")
    study_hours: int | None = Field(description="Typical hours of study; null when unknown.")
    renewal: str
    uncertainty_note: str
    skills: list[CertificationSkillOut]
    named_for: list[str] = Field(description="Roles whose sources name this certification.")


class ErrorOut(Schema):
    detail: str


class ProblemOut(Schema):
    loc: list[str | int] = Field(description="Where the problem is, e.g. body → ratings → skill.")
    msg: str


class ProblemsOut(Schema):
    detail: list[ProblemOut]


# What a role's slug can be; anything else is a 422 before the database is asked.
SLUG = r"^[-a-zA-Z0-9_]+$"


class CompareQuery(Schema):
    from_role: str = Field(
        alias="from", pattern=SLUG, max_length=80, description="The slug of the first role."
    )
    to: str = Field(
        pattern=SLUG, max_length=80, description="The slug of the role to compare it with."
    )


class ComparedRoleOut(Schema):
    slug: str
    title: str
    career_level: int
    career_level_label: str
    salary_median_usd: int | None
    education: str | None
    experience_min_years: int | None
    experience_max_years: int | None
    outlook_growth_percent: float | None
    outlook_note: str
    certifications: list[str] = Field(description="Certifications its sources name for it.")


class SkillComparisonOut(Schema):
    skill: str
    name: str
    from_level: int | None = Field(description="What the first role asks; null: not at all.")
    to_level: int | None = Field(description="What the second role asks; null: not at all.")
    from_core: bool
    to_core: bool
    more_needed: int = Field(description="Levels more the second role asks (negative: fewer).")


class LadderStepOut(Schema):
    from_role: str
    to_role: str
    typical_years: int | None


class ComparisonOut(Schema):
    from_role: ComparedRoleOut
    to_role: ComparedRoleOut
    more: list[SkillComparisonOut] = Field(description="Both ask; the second asks for more.")
    only_to: list[SkillComparisonOut] = Field(description="Only the second role asks.")
    only_from: list[SkillComparisonOut] = Field(description="Only the first role asks.")
    same_or_less: list[SkillComparisonOut] = Field(
        description="Both ask; the second asks for the same level or less."
    )
    path: list[LadderStepOut] = Field(description="The career ladder's steps between them.")
    path_runs_back: bool = Field(
        description="True when the ladder runs from the second role up to the first."
    )


def _requirement_out(requirement: RoleRequirement) -> RequirementOut:
    return RequirementOut(
        skill=requirement.skill.slug,
        name=requirement.skill.name,
        category=requirement.skill.category,
        required_level=requirement.level,
        required_level_name=str(Proficiency(requirement.level).label),
        importance=requirement.importance,
        importance_name=str(Importance(requirement.importance).label),
        core=requirement.is_core,
    )


def _role_out(role: Role) -> RoleOut:
    return RoleOut(
        slug=role.slug,
        title=role.title,
        family=role.family,
        career_level=role.career_level,
        summary=role.summary,
        responsibilities=role.responsibility_list(),
        experience_min_years=role.experience_min_years,
        experience_max_years=role.experience_max_years,
        education=None if role.education is None else str(Education(role.education).label),
        salary_median_usd=role.salary_median_usd,
        salary_low_usd=role.salary_low_usd,
        salary_high_usd=role.salary_high_usd,
        salary_note=role.salary_note,
        outlook_growth_percent=(
            None if role.outlook_growth_percent is None else float(role.outlook_growth_percent)
        ),
        outlook_note=role.outlook_note,
        onet_soc_code=role.onet_soc_code,
        onet_title=role.onet_title,
        requirements=[_requirement_out(req) for req in role.requirements.all()],
        next_steps=[
            StepOut(
                role=step.to_role.slug, title=step.to_role.title, typical_years=step.typical_years
            )
            for step in role.next_steps.all()
        ],
        previous_steps=[
            StepOut(
                role=step.from_role.slug,
                title=step.from_role.title,
                typical_years=step.typical_years,
            )
            for step in role.previous_steps.all()
        ],
        sources=[
            CitationOut(source=c.source.key, title=c.source.title, passage=c.passage)
            for c in role.citations.all()
        ],
    )


def _skill_out(skill: Skill) -> SkillOut:
    return SkillOut(
        slug=skill.slug,
        name=skill.name,
        category=skill.category,
        category_label=skill.get_category_display(),
        description=skill.description,
        level_examples=[
            LevelOut(level=level, name=name, behaviour=text)
            for level, name, text in skill.level_examples()
        ],
        level_ups=[
            LevelUpOut(level=tip.level, ways=tip.way_list()) for tip in skill.level_up_tips.all()
        ],
    )


def _certification_out(certification: Certification) -> CertificationOut:
    return CertificationOut(
        slug=certification.slug,
        name=certification.name,
        abbreviation=certification.abbreviation,
        issuing_body=certification.issuing_body,
        kind=certification.kind,
        is_training_card=certification.kind == Certification.Kind.TRAINING_CARD,
        level=certification.level,
        description=certification.description,
        min_years_experience=certification.min_years_experience,
        waivers=[
            WaiverOut(education=waiver.get_education_display(), years_waived=waiver.years_waived)
            for waiver in certification.waivers.all()
        ],
        prerequisites=[prerequisite.slug for prerequisite in certification.prerequisites.all()],
        min_education=(
            None
            if certification.min_education is None
            else str(certification.get_min_education_display())
        ),
        qualifying=sorted(q.slug for q in certification.qualifying.all()),
        conditions=[
            ConditionOut(
                condition=rule.condition.slug,
                question=rule.condition.question,
                years_waived=rule.years_waived,
            )
            for rule in certification.condition_rules.all()
        ],
        is_vendor_specific=certification.is_vendor_specific,
        other_conditions=certification.other_conditions,
        exam=certification.exam,
        cost=certification.cost,
        cost_usd=certification.cost_usd,
        study_hours=certification.study_hours,
        renewal=certification.renewal,
        uncertainty_note=certification.uncertainty_note,
        skills=[
            CertificationSkillOut(skill=link.skill.slug, brings_to_level=link.brings_to_level)
            for link in certification.skill_levels.all()
        ],
        named_for=sorted(mention.role.slug for mention in certification.role_mentions.all()),
    )


@router.get("/scale/", response=list[LevelOut], summary="The proficiency scale")
def scale(request: HttpRequest) -> list[LevelOut]:
    return [
        LevelOut(level=level.value, name=str(level.label), behaviour=str(BEHAVIOUR[level]))
        for level in Proficiency
    ]


@router.get("/roles/", response=list[RoleSummaryOut], summary="All roles")
def roles(request: HttpRequest) -> list[RoleSummaryOut]:
    return [
        RoleSummaryOut(
            slug=role.slug,
            title=role.title,
            family=role.family,
            family_label=role.get_family_display(),
            career_level=role.career_level,
            career_level_label=role.get_career_level_display(),
            onet_soc_code=role.onet_soc_code,
            requirement_count=role.requirement_count,  # type: ignore[attr-defined]
        )
        for role in selectors.role_list()
    ]


@router.get(
    "/roles/{slug}/",
    response={200: RoleOut, 404: ErrorOut},
    summary="One role with its requirements",
)
def role(request: HttpRequest, slug: str) -> RoleOut:
    return _role_out(selectors.api_role_detail(slug=slug))


def _compared_role_out(role: Role, certifications: list[Certification]) -> ComparedRoleOut:
    return ComparedRoleOut(
        slug=role.slug,
        title=role.title,
        career_level=role.career_level,
        career_level_label=str(role.get_career_level_display()),
        salary_median_usd=role.salary_median_usd,
        education=str(role.get_education_display()) if role.education else None,
        experience_min_years=role.experience_min_years,
        experience_max_years=role.experience_max_years,
        outlook_growth_percent=(
            None if role.outlook_growth_percent is None else float(role.outlook_growth_percent)
        ),
        outlook_note=role.outlook_note,
        certifications=[certification.slug for certification in certifications],
    )


def _skill_rows_out(rows: list[selectors.SkillComparison]) -> list[SkillComparisonOut]:
    return [
        SkillComparisonOut(
            skill=row.skill.slug,
            name=row.skill.name,
            from_level=row.from_level,
            to_level=row.to_level,
            from_core=row.from_core,
            to_core=row.to_core,
            more_needed=row.more_needed,
        )
        for row in rows
    ]


@router.get(
    "/roles/compare",
    response={200: ComparisonOut, 404: ErrorOut, 422: ProblemsOut},
    summary="Two roles side by side",
    description="What the second role asks for more of, what only one of them asks for, "
    "their pay, entry and outlook, the certifications each one's sources name and the "
    "career ladder's steps between them. An unknown slug gets a 404 naming it; a missing "
    "one a 422.",
)
def compare(request: HttpRequest, query: Query[CompareQuery]) -> ComparisonOut | Status[ErrorOut]:
    try:
        comparison = selectors.role_comparison(from_slug=query.from_role, to_slug=query.to)
    except selectors.RoleNotFound as unknown:
        return Status(404, ErrorOut(detail=f"No role is called “{unknown.slug}”."))
    return ComparisonOut(
        from_role=_compared_role_out(comparison.from_role, comparison.from_certifications),
        to_role=_compared_role_out(comparison.to_role, comparison.to_certifications),
        more=_skill_rows_out(comparison.more),
        only_to=_skill_rows_out(comparison.only_to),
        only_from=_skill_rows_out(comparison.only_from),
        same_or_less=_skill_rows_out(comparison.same_or_less),
        path=[
            LadderStepOut(
                from_role=step.from_role.slug,
                to_role=step.to_role.slug,
                typical_years=step.typical_years,
            )
            for step in comparison.path
        ],
        path_runs_back=comparison.path_runs_back,
    )


@router.get("/skills/", response=list[SkillOut], summary="All skills")
def skills(request: HttpRequest) -> list[SkillOut]:
    return [_skill_out(skill) for skill in selectors.skill_list()]


@router.get(
    "/learning-options/",
    response=list[LearningOptionOut],
    summary="Kinds of courses and programmes, with typical hours and cost",
)
def learning_options(request: HttpRequest) -> list[LearningOptionOut]:
    return [
        LearningOptionOut(
            slug=option.slug,
            name=option.name,
            kind=option.kind,
            kind_label=option.get_kind_display(),
            provider_type=option.provider_type,
            description=option.description,
            hours_low=option.hours_low,
            hours_high=option.hours_high,
            cost_low_usd=option.cost_low_usd,
            cost_high_usd=option.cost_high_usd,
            source=option.source.key if option.source else None,
            basis=option.basis,
            skills=[
                LearningSkillOut(
                    skill=row.skill.slug, from_level=row.from_level, to_level=row.to_level
                )
                for row in option.skill_levels.all()
            ],
        )
        for option in selectors.learning_option_list()
    ]


@router.get("/certifications/", response=list[CertificationOut], summary="All certifications")
def certifications(request: HttpRequest) -> list[CertificationOut]:
    return [_certification_out(c) for c in selectors.certification_list()]
