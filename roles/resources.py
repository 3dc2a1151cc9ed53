"""Import/export definitions for the catalogue, keyed by slug so files are portable
between databases."""

from typing import Any

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from roles import cache
from roles.models import (
    Certification,
    CertificationCondition,
    CertificationSkill,
    CheckStatement,
    Condition,
    KnowledgeQuestion,
    LearningOption,
    LearningOptionSkill,
    LevelUpTip,
    Role,
    RoleCertification,
    RoleRequirement,
    Skill,
    Source,
)


class CatalogueResource(resources.ModelResource):
    """An import moves the catalogue's version (roles/cache.py) in its own transaction;
    a dry run's move is rolled back with it."""

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        super().after_import(dataset, result, **kwargs)
        cache.bump()


class SkillResource(CatalogueResource):
    class Meta:
        model = Skill
        import_id_fields = ("slug",)
        exclude = ("id",)
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class RoleResource(CatalogueResource):
    class Meta:
        model = Role
        import_id_fields = ("slug",)
        exclude = ("id",)
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class RoleRequirementResource(CatalogueResource):
    role = fields.Field(
        attribute="role", column_name="role", widget=ForeignKeyWidget(Role, field="slug")
    )
    skill = fields.Field(
        attribute="skill", column_name="skill", widget=ForeignKeyWidget(Skill, field="slug")
    )
    source = fields.Field(
        attribute="source", column_name="source", widget=ForeignKeyWidget(Source, field="key")
    )

    class Meta:
        model = RoleRequirement
        import_id_fields = ("role", "skill")
        fields = ("role", "skill", "level", "importance", "is_core", "source", "passage")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class CertificationResource(CatalogueResource):
    source = fields.Field(
        attribute="source", column_name="source", widget=ForeignKeyWidget(Source, field="key")
    )

    class Meta:
        model = Certification
        import_id_fields = ("slug",)
        exclude = ("id", "prerequisites", "qualifying", "skills")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class CertificationSkillResource(CatalogueResource):
    certification = fields.Field(
        attribute="certification",
        column_name="certification",
        widget=ForeignKeyWidget(Certification, field="slug"),
    )
    skill = fields.Field(
        attribute="skill", column_name="skill", widget=ForeignKeyWidget(Skill, field="slug")
    )

    class Meta:
        model = CertificationSkill
        import_id_fields = ("certification", "skill")
        fields = ("certification", "skill", "brings_to_level")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class ConditionResource(CatalogueResource):
    class Meta:
        model = Condition
        import_id_fields = ("slug",)
        fields = ("slug", "question", "to_do")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class CertificationConditionResource(CatalogueResource):
    certification = fields.Field(
        attribute="certification",
        column_name="certification",
        widget=ForeignKeyWidget(Certification, field="slug"),
    )
    condition = fields.Field(
        attribute="condition",
        column_name="condition",
        widget=ForeignKeyWidget(Condition, field="slug"),
    )

    class Meta:
        model = CertificationCondition
        import_id_fields = ("certification", "condition")
        fields = ("certification", "condition", "years_waived")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class RoleCertificationResource(CatalogueResource):
    role = fields.Field(
        attribute="role", column_name="role", widget=ForeignKeyWidget(Role, field="slug")
    )
    certification = fields.Field(
        attribute="certification",
        column_name="certification",
        widget=ForeignKeyWidget(Certification, field="slug"),
    )
    source = fields.Field(
        attribute="source", column_name="source", widget=ForeignKeyWidget(Source, field="key")
    )

    class Meta:
        model = RoleCertification
        import_id_fields = ("role", "certification")
        fields = ("role", "certification", "source", "passage")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


def _skill_field() -> fields.Field:
    return fields.Field(
        attribute="skill", column_name="skill", widget=ForeignKeyWidget(Skill, field="slug")
    )


class LevelUpTipResource(CatalogueResource):
    skill = _skill_field()

    class Meta:
        model = LevelUpTip
        import_id_fields = ("skill", "level")
        fields = ("skill", "level", "ways")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class LearningOptionResource(CatalogueResource):
    source = fields.Field(
        attribute="source", column_name="source", widget=ForeignKeyWidget(Source, field="key")
    )

    class Meta:
        model = LearningOption
        import_id_fields = ("slug",)
        exclude = ("id", "skills")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class LearningOptionSkillResource(CatalogueResource):
    option = fields.Field(
        attribute="option",
        column_name="option",
        widget=ForeignKeyWidget(LearningOption, field="slug"),
    )
    skill = _skill_field()

    class Meta:
        model = LearningOptionSkill
        import_id_fields = ("option", "skill")
        fields = ("option", "skill", "from_level", "to_level")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class CheckStatementResource(CatalogueResource):
    skill = _skill_field()

    class Meta:
        model = CheckStatement
        import_id_fields = ("skill", "level", "order")
        fields = ("skill", "level", "order", "text")
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class KnowledgeQuestionResource(CatalogueResource):
    skill = _skill_field()

    class Meta:
        model = KnowledgeQuestion
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "skill",
            "question",
            "choice_a",
            "choice_b",
            "choice_c",
            "choice_d",
            "answer",
            "explanation",
        )
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
