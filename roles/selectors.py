"""Read access to the role catalogue, each function in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from roles import cache
from roles.models import (
    CareerStep,
    Certification,
    CertificationCondition,
    CertificationSkill,
    Role,
    RoleCertification,
    RoleCitation,
    RoleFamily,
    RoleRequirement,
    Skill,
    SkillCategory,
)


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
    ).order_by("family", "career_level", "title")


def role_choices() -> list[tuple[str, str]]:
    """(slug, title) of every role, by title, for a choice of role; kept in the cache."""
    return cache.cached(
        "role-choices",
        compute=lambda: list(Role.objects.order_by("title").values_list("slug", "title")),
    )


def family_summaries() -> list[FamilySummary]:
    """Role families in their declared order, with how many roles each holds."""
    counts = dict(
        Role.objects.values_list("family").annotate(n=Count("id")).values_list("family", "n")
    )
    return [
        FamilySummary(family=value, label=str(label), role_count=counts.get(value, 0))
        for value, label in RoleFamily.choices
        if counts.get(value)
    ]


def role_requirements(*, role: Role) -> QuerySet[RoleRequirement]:
    return role.requirements.select_related("skill", "source").order_by(
        "-is_core", "-importance", "-level", "skill__name"
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
    return Skill.objects.order_by("category", "name")


def certification_list() -> QuerySet[Certification]:
    return Certification.objects.prefetch_related(
        Prefetch("prerequisites", queryset=Certification.objects.only("slug", "name")),
        Prefetch("qualifying", queryset=Certification.objects.only("slug", "name")),
        "waivers",
        Prefetch(
            "skill_levels",
            queryset=CertificationSkill.objects.select_related("skill").order_by("skill__name"),
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
                    "-is_core", "-importance", "skill__name"
                ),
            ),
            Prefetch("next_steps", queryset=CareerStep.objects.select_related("to_role")),
            Prefetch("previous_steps", queryset=CareerStep.objects.select_related("from_role")),
            Prefetch("citations", queryset=RoleCitation.objects.select_related("source")),
        ),
        slug=slug,
    )
