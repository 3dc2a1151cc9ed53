"""Adds synthetic roles so query-count tests can compare two catalogue sizes."""

from roles.models import (
    CareerStep,
    Certification,
    CertificationSkill,
    Role,
    RoleCitation,
    RoleRequirement,
    Skill,
    Source,
)


def grow_catalogue(extra_roles: int) -> None:
    source = Source.objects.get(key="seed-002-production-roles")
    skills = list(Skill.objects.order_by("slug")[:10])
    previous = None
    for n in range(extra_roles):
        role = Role.objects.create(
            slug=f"synthetic-role-{n}",
            title=f"Synthetic Role {n}",
            family="planning",
            career_level=2,
            summary="A role added to measure how queries grow.",
            responsibilities="Plan work.\nCheck work.",
            onet_soc_code="43-5061.00",
            onet_title="Production, Planning, and Expediting Clerks",
        )
        RoleCitation.objects.create(role=role, source=source, passage="synthetic")
        RoleRequirement.objects.bulk_create(
            RoleRequirement(
                role=role, skill=skill, level=2, importance=3, source=source, passage="synthetic"
            )
            for skill in skills
        )
        if previous is not None:
            CareerStep.objects.create(
                from_role=previous,
                to_role=role,
                typical_years=2,
                source=source,
                passage="synthetic",
            )
        cert = Certification.objects.create(
            slug=f"synthetic-cert-{n}",
            name=f"Synthetic Certification {n}",
            abbreviation=f"SC{n}",
            issuing_body="Synthetic body",
            level="mid",
            description="synthetic",
            source=source,
            passage="synthetic",
        )
        CertificationSkill.objects.create(certification=cert, skill=skills[0], brings_to_level=3)
        previous = role
