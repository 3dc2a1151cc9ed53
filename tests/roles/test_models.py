import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import (
    CareerStep,
    Certification,
    CertificationSkill,
    ExperienceWaiver,
    Role,
    RoleCitation,
    RoleRequirement,
    Skill,
    Source,
)

pytestmark = pytest.mark.django_db


def _requirement(**overrides) -> RoleRequirement:
    fields = {
        "role": Role.objects.get(slug="production-artist"),
        "skill": Skill.objects.get(slug="cad"),
        "level": 2,
        "importance": 3,
        "source": Source.objects.get(key="seed-002-production-roles"),
        "passage": "test",
    }
    fields.update(overrides)
    return RoleRequirement(**fields)


def test_a_role_cannot_list_the_same_skill_twice():
    duplicate = _requirement(skill=Skill.objects.get(slug="graphic-design"))
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == ["This role already lists that skill."]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("level", 0, "Required level must be between 1 and 4."),
        ("level", 5, "Required level must be between 1 and 4."),
        ("importance", 0, "Importance must be between 1 and 5."),
        ("importance", 6, "Importance must be between 1 and 5."),
    ],
)
def test_levels_and_importance_must_stay_in_range(field, value, message):
    requirement = _requirement(**{field: value})
    with pytest.raises(ValidationError) as error:
        requirement.full_clean()
    assert error.value.message_dict == {field: [f"Value {value} is not a valid choice."]}
    with pytest.raises(ValidationError) as error:
        requirement.validate_constraints()
    assert error.value.messages == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        requirement.save()


def test_a_valid_requirement_saves():
    requirement = _requirement()
    requirement.full_clean()
    requirement.save()
    assert str(requirement) == "Production Artist: CAD and layout drawings at Working"


def test_a_career_step_must_lead_to_another_role():
    role = Role.objects.get(slug="production-artist")
    step = CareerStep(
        from_role=role,
        to_role=role,
        typical_years=1,
        source=Source.objects.get(key="seed-002-production-roles"),
        passage="test",
    )
    with pytest.raises(ValidationError) as error:
        step.full_clean()
    assert error.value.messages == ["A career step must lead to a different role."]
    with pytest.raises(IntegrityError), transaction.atomic():
        step.save()


def test_role_ranges_must_be_ordered():
    role = Role.objects.get(slug="production-specialist")
    role.experience_min_years, role.experience_max_years = 5, 2
    role.salary_low_usd, role.salary_high_usd = 90000, 40000
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert sorted(error.value.messages) == [
        "Maximum years of experience must not be below the minimum.",
        "The top of the salary range must not be below the bottom.",
    ]


def test_onet_code_must_have_the_onet_form():
    role = Role.objects.get(slug="production-specialist")
    role.onet_soc_code = "113051"
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert error.value.message_dict["onet_soc_code"] == [
        "Use the O*NET-SOC form 11-3051.00 (two digits, dash, four, dot, two)."
    ]


def test_certification_level_must_be_1_to_4():
    link = CertificationSkill(
        certification=Certification.objects.get(slug="pmi-pmp"),
        skill=Skill.objects.get(slug="cad"),
        brings_to_level=5,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_string_forms_and_natural_keys():
    requirement = RoleRequirement.objects.get(
        role__slug="production-manager", skill__slug="budgeting"
    )
    assert str(requirement) == "Production Manager: Budgeting and cost control at Expert"
    assert requirement.natural_key() == ("production-manager", "budgeting")
    assert (
        RoleRequirement.objects.get_by_natural_key("production-manager", "budgeting") == requirement
    )

    step = CareerStep.objects.get(from_role__slug="production-manager")
    assert str(step) == "Production Manager → Senior Production Manager / Plant Manager"
    waiver = ExperienceWaiver.objects.get(certification__slug="pmi-pmp")
    assert str(waiver) == "PMP: Bachelor's degree takes off 2 years"
    citation = RoleCitation.objects.get(role__slug="production-artist")
    assert (
        str(citation)
        == "Production Artist — What Does a Production Do? Fifteen production job descriptions"
    )
    assert str(Certification.objects.get(slug="asq-cssgb")) == (
        "ASQ Certified Six Sigma Green Belt (CSSGB)"
    )
    assert str(Skill.objects.get(slug="spc")) == "Statistical process control (SPC)"
    assert Role.objects.get(slug="production-supervisor").experience_label() == "2–15 years"
    assert Role.objects.get(slug="senior-production-manager").experience_label() == "10+ years"
