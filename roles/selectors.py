"""Read access to the role catalogue, each function in a fixed number of queries."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from roles import cache
from roles.models import (
    CareerStep,
    Certification,
    CertificationCondition,
    CertificationSkill,
    LearningOption,
    LearningOptionSkill,
    Role,
    RoleCertification,
    RoleCitation,
    RoleFamily,
    RoleRequirement,
    Skill,
    SkillCategory,
)
from roles.proficiency import Proficiency


@dataclass(frozen=True)
class RequirementGroup:
    category: str
    label: str
    requirements: list[RoleRequirement]


@dataclass(frozen=True)
class RoleDetail:
    role: Role
    requirement_groups: list[RequirementGroup]
    previous_steps: list[CareerStep]
    next_steps: list[CareerStep]
    citations: list[RoleCitation]
    certifications: Sequence[Certification]


@dataclass(frozen=True)
class FamilySummary:
    family: str
    label: str
    role_count: int


def role_list() -> QuerySet[Role]:
    """Every role with its requirement counts, in catalogue order."""
    return Role.objects.annotate(
        requirement_count=Count("requirements", distinct=True),
        core_count=Count("requirements", filter=Q(requirements__is_core=True), distinct=True),
    ).order_by("family", "career_level", "title_en")


def role_choices() -> list[tuple[str, str]]:
    """(slug, title) of every role, by title, for a choice of role; kept in the cache."""
    return cache.cached(
        "role-choices",
        compute=lambda: list(Role.objects.order_by("title_en").values_list("slug", "title")),
    )


def family_summaries() -> list[FamilySummary]:
    """Role families in their declared order, with how many roles each holds."""
    counts = dict(
        Role.objects.order_by()
        .values_list("family")
        .annotate(n=Count("id"))
        .values_list("family", "n")
    )
    return [
        FamilySummary(family=value, label=str(label), role_count=counts.get(value, 0))
        for value, label in RoleFamily.choices
        if counts.get(value)
    ]


def role_requirements(*, role: Role) -> QuerySet[RoleRequirement]:
    return role.requirements.select_related("skill", "source").order_by(
        "-is_core", "-importance", "-level", "skill__name_en"
    )


def group_by_category(*, requirements: list[RoleRequirement]) -> list[RequirementGroup]:
    """Requirements grouped by skill category, categories in their declared order."""
    groups = []
    for value, label in SkillCategory.choices:
        members = [req for req in requirements if req.skill.category == value]
        if members:
            groups.append(RequirementGroup(category=value, label=str(label), requirements=members))
    return groups


def role_detail(*, slug: str) -> RoleDetail:
    """A role with everything its page shows; raises Http404 for an unknown slug."""
    role = get_object_or_404(Role, slug=slug)
    requirements = list(role_requirements(role=role))
    skill_ids = [req.skill_id for req in requirements]
    certifications = list(
        Certification.objects.filter(skill_levels__skill_id__in=skill_ids)
        .annotate(
            matching_skills=Count(
                "skill_levels", filter=Q(skill_levels__skill_id__in=skill_ids), distinct=True
            )
        )
        .order_by("-matching_skills", "name")
        .distinct()
    )
    return RoleDetail(
        role=role,
        requirement_groups=group_by_category(requirements=requirements),
        previous_steps=list(role.previous_steps.select_related("from_role")),
        next_steps=list(role.next_steps.select_related("to_role")),
        citations=list(role.citations.select_related("source")),
        certifications=certifications,
    )


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.order_by("category", "name_en").prefetch_related("level_up_tips")


def learning_option_list() -> QuerySet[LearningOption]:
    return LearningOption.objects.select_related("source").prefetch_related(
        Prefetch(
            "skill_levels",
            queryset=LearningOptionSkill.objects.select_related("skill").order_by("skill__slug"),
        )
    )


def certification_list() -> QuerySet[Certification]:
    return Certification.objects.prefetch_related(
        Prefetch("prerequisites", queryset=Certification.objects.only("slug", "name")),
        Prefetch("qualifying", queryset=Certification.objects.only("slug", "name")),
        "waivers",
        Prefetch(
            "skill_levels",
            queryset=CertificationSkill.objects.select_related("skill").order_by("skill__name_en"),
        ),
        Prefetch(
            "condition_rules",
            queryset=CertificationCondition.objects.select_related("condition").order_by(
                "condition__slug"
            ),
        ),
        Prefetch("role_mentions", queryset=RoleCertification.objects.select_related("role")),
    ).order_by("name")


def api_role_detail(*, slug: str) -> Role:
    """A role with the rows the API's detail view serialises; raises Http404."""
    return get_object_or_404(
        Role.objects.prefetch_related(
            Prefetch(
                "requirements",
                queryset=RoleRequirement.objects.select_related("skill").order_by(
                    "-is_core", "-importance", "skill__name_en"
                ),
            ),
            Prefetch("next_steps", queryset=CareerStep.objects.select_related("to_role")),
            Prefetch("previous_steps", queryset=CareerStep.objects.select_related("from_role")),
            Prefetch("citations", queryset=RoleCitation.objects.select_related("source")),
        ),
        slug=slug,
    )


class RoleNotFound(Exception):
    """A slug that names no role in the catalogue."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


def _level_name(level: int | None) -> str:
    return "" if level is None else str(Proficiency(level).label)


@dataclass(frozen=True)
class SkillComparison:
    """One skill as two roles ask for it; None where a role does not ask for it."""

    skill: Skill
    from_level: int | None
    to_level: int | None
    from_importance: int | None
    to_importance: int | None
    to_core: bool
    from_core: bool
    # A person's own rating, when their result is set beside the two roles.
    rating: int | None = None

    @property
    def from_level_name(self) -> str:
        return _level_name(self.from_level)

    @property
    def to_level_name(self) -> str:
        return _level_name(self.to_level)

    @property
    def rating_name(self) -> str:
        return _level_name(self.rating)

    @property
    def more_needed(self) -> int:
        """How many levels more the second role asks for (negative when fewer)."""
        return (self.to_level or 0) - (self.from_level or 0)


@dataclass(frozen=True)
class RoleComparison:
    from_role: Role
    to_role: Role
    more: list[SkillComparison]  # both ask for it; the second role asks for more
    only_to: list[SkillComparison]
    only_from: list[SkillComparison]
    same_or_less: list[SkillComparison]  # both ask for it; the second role no more
    from_certifications: list[Certification]  # named by each role's sources
    to_certifications: list[Certification]
    # The ladder's steps from the first role up to the second; when the ladder runs the
    # other way, the steps from the second up to the first, with path_runs_back set.
    path: list[CareerStep]
    path_runs_back: bool
    rated: bool = False

    @property
    def rows(self) -> list[SkillComparison]:
        return [*self.more, *self.only_to, *self.only_from, *self.same_or_less]

    @property
    def roles(self) -> list[Role]:
        return [self.from_role, self.to_role]

    @property
    def certifications(self) -> list[tuple[Role, list[Certification]]]:
        return [
            (self.from_role, self.from_certifications),
            (self.to_role, self.to_certifications),
        ]

    @property
    def path_years(self) -> int | None:
        """The typical years along the ladder's steps, when every step gives them."""
        years = [step.typical_years for step in self.path]
        if not years or None in years:
            return None
        return sum(year for year in years if year is not None)

    def with_ratings(self, ratings: Mapping[str, int]) -> RoleComparison:
        """The same comparison with a person's ratings beside each skill they rated."""

        def rated(rows: list[SkillComparison]) -> list[SkillComparison]:
            return [replace(row, rating=ratings.get(row.skill.slug)) for row in rows]

        return replace(
            self,
            more=rated(self.more),
            only_to=rated(self.only_to),
            only_from=rated(self.only_from),
            same_or_less=rated(self.same_or_less),
            rated=True,
        )


def _ladder_path(steps: list[CareerStep], start: int, end: int) -> list[CareerStep]:
    """The shortest run of career steps from role `start` to role `end`; [] if none."""
    onward: dict[int, list[CareerStep]] = {}
    for step in steps:
        onward.setdefault(step.from_role_id, []).append(step)
    paths: dict[int, list[CareerStep]] = {start: []}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for step in onward.get(here, []):
            if step.to_role_id not in paths:
                paths[step.to_role_id] = [*paths[here], step]
                queue.append(step.to_role_id)
    return paths.get(end, [])


def role_comparison(*, from_slug: str, to_slug: str) -> RoleComparison:
    """Two roles side by side, in four queries. Raises RoleNotFound for an unknown slug."""
    roles = {role.slug: role for role in Role.objects.filter(slug__in=[from_slug, to_slug])}
    for slug in (from_slug, to_slug):
        if slug not in roles:
            raise RoleNotFound(slug)
    first, second = roles[from_slug], roles[to_slug]
    asked: dict[int, dict[int, RoleRequirement]] = {first.pk: {}, second.pk: {}}
    skills: dict[int, Skill] = {}
    for requirement in RoleRequirement.objects.filter(role__in=[first, second]).select_related(
        "skill"
    ):
        asked[requirement.role_id][requirement.skill_id] = requirement
        skills[requirement.skill_id] = requirement.skill
    rows = []
    for skill_id, skill in skills.items():
        was, now = asked[first.pk].get(skill_id), asked[second.pk].get(skill_id)
        rows.append(
            SkillComparison(
                skill=skill,
                from_level=was.level if was else None,
                to_level=now.level if now else None,
                from_importance=was.importance if was else None,
                to_importance=now.importance if now else None,
                from_core=bool(was and was.is_core),
                to_core=bool(now and now.is_core),
            )
        )
    both = [row for row in rows if row.from_level and row.to_level]

    def by_second(row: SkillComparison) -> tuple[bool, int, int, str]:
        return (not row.to_core, -row.more_needed, -(row.to_importance or 0), row.skill.name)

    def by_first(row: SkillComparison) -> tuple[bool, int, int, str]:
        return (
            not row.from_core,
            -(row.from_level or 0),
            -(row.from_importance or 0),
            row.skill.name,
        )

    mentions = RoleCertification.objects.filter(role__in=[first, second]).select_related(
        "certification"
    )
    named: dict[int, list[Certification]] = {first.pk: [], second.pk: []}
    for mention in sorted(mentions, key=lambda m: m.certification.name):
        named[mention.role_id].append(mention.certification)
    steps = list(CareerStep.objects.select_related("from_role", "to_role"))
    path = _ladder_path(steps, first.pk, second.pk)
    back = [] if path else _ladder_path(steps, second.pk, first.pk)
    return RoleComparison(
        from_role=first,
        to_role=second,
        more=sorted((row for row in both if row.more_needed > 0), key=by_second),
        only_to=sorted((row for row in rows if not row.from_level), key=by_second),
        only_from=sorted((row for row in rows if not row.to_level), key=by_first),
        same_or_less=sorted((row for row in both if row.more_needed <= 0), key=by_second),
        from_certifications=named[first.pk],
        to_certifications=named[second.pk],
        path=path or back,
        path_runs_back=bool(back),
    )
