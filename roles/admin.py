from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, JSON
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from roles import cache, resources
from roles.models import (
    CareerStep,
    Certification,
    CertificationCondition,
    CertificationSkill,
    CheckStatement,
    Condition,
    ExperienceWaiver,
    KnowledgeQuestion,
    LearningOption,
    LearningOptionSkill,
    LevelUpTip,
    Role,
    RoleCertification,
    RoleCitation,
    RoleRequirement,
    Skill,
    Source,
)


class VersionedAdmin(SimpleHistoryAdmin):
    """Admin with a change history for every record, whose every write moves the catalogue's
    version (roles/cache.py) in the same transaction: save, delete and the bulk delete
    action. Inlines and a history revert go through save: the admin saves the parent in
    the same transaction whenever it saves an inline."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        cache.bump()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        cache.bump()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        cache.bump()


class CatalogueAdmin(ImportExportModelAdmin, VersionedAdmin):
    """Versioned admin with CSV/JSON import-export (whose resources move the version too)."""

    formats = [CSV, JSON]


@admin.register(Source)
class SourceAdmin(VersionedAdmin):
    list_display = ["key", "title", "kind", "document"]
    list_filter = ["kind"]
    search_fields = ["key", "title", "document"]


class LevelUpTipInline(TranslationStackedInline):
    model = LevelUpTip
    extra = 0
    verbose_name_plural = "How to move up to each level"


class CheckStatementInline(TranslationTabularInline):
    model = CheckStatement
    extra = 0
    verbose_name_plural = "Checks of a Proficient or Expert rating: what the person has done"


@admin.register(Skill)
class SkillAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.SkillResource]
    list_display = ["name", "category", "role_count"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "description"]}),
        (
            "What each level looks like",
            {
                "fields": [
                    "level_1_example",
                    "level_2_example",
                    "level_3_example",
                    "level_4_example",
                ]
            },
        ),
    ]

    inlines = [LevelUpTipInline, CheckStatementInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Skill]:
        return super().get_queryset(request).annotate(role_count=Count("requirements"))

    @admin.display(description="Roles needing it", ordering="role_count")
    def role_count(self, skill: Skill) -> int:
        return skill.role_count  # type: ignore[attr-defined, no-any-return]


class RoleRequirementInline(admin.TabularInline):
    model = RoleRequirement
    extra = 0
    autocomplete_fields = ["skill", "source"]
    fields = ["skill", "level", "importance", "is_core", "source", "passage"]


class RoleCitationInline(admin.StackedInline):
    model = RoleCitation
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "source passage"
    verbose_name_plural = "Where this role comes from"


class NextStepInline(admin.TabularInline):
    model = CareerStep
    fk_name = "from_role"
    extra = 0
    autocomplete_fields = ["to_role", "source"]
    verbose_name = "next career step"
    verbose_name_plural = "Next career steps"


@admin.register(Role)
class RoleAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.RoleResource]
    list_display = [
        "title",
        "family",
        "career_level",
        "onet_soc_code",
        "salary_median_usd",
        "requirement_count",
    ]
    list_filter = ["family", "career_level"]
    search_fields = ["title", "slug", "summary", "onet_soc_code"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RoleRequirementInline, NextStepInline, RoleCitationInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "family", "career_level", "summary", "responsibilities"]},
        ),
        (
            "Experience and education",
            {
                "fields": [
                    "experience_min_years",
                    "experience_max_years",
                    "education",
                    "education_note",
                ]
            },
        ),
        (
            "Pay and outlook",
            {
                "fields": [
                    "salary_median_usd",
                    "salary_low_usd",
                    "salary_high_usd",
                    "salary_note",
                    "outlook_growth_percent",
                    "outlook_note",
                ]
            },
        ),
        ("O*NET", {"fields": ["onet_soc_code", "onet_title"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Role]:
        return super().get_queryset(request).annotate(requirement_count=Count("requirements"))

    @admin.display(description="Requirements", ordering="requirement_count")
    def requirement_count(self, role: Role) -> int:
        return role.requirement_count  # type: ignore[attr-defined, no-any-return]


@admin.register(RoleRequirement)
class RoleRequirementAdmin(CatalogueAdmin):
    resource_classes = [resources.RoleRequirementResource]
    list_display = ["role", "skill", "level", "importance", "is_core", "source"]
    list_filter = ["is_core", "level", "importance", "skill__category", "role__family", "role"]
    list_select_related = ["role", "skill", "source"]
    search_fields = ["role__title", "skill__name", "passage"]
    autocomplete_fields = ["role", "skill", "source"]


@admin.register(CareerStep)
class CareerStepAdmin(VersionedAdmin):
    list_display = ["from_role", "to_role", "typical_years", "source"]
    list_select_related = ["from_role", "to_role", "source"]
    list_filter = ["from_role__family"]
    search_fields = ["from_role__title", "to_role__title"]
    autocomplete_fields = ["from_role", "to_role", "source"]


class CertificationSkillInline(admin.TabularInline):
    model = CertificationSkill
    extra = 0
    autocomplete_fields = ["skill"]
    verbose_name = "skill it develops"
    verbose_name_plural = "Skills it develops"


class ExperienceWaiverInline(admin.TabularInline):
    model = ExperienceWaiver
    extra = 0
    verbose_name_plural = "Years of experience a degree takes off"


class RoleCertificationInline(admin.TabularInline):
    model = RoleCertification
    extra = 0
    autocomplete_fields = ["role", "source"]
    verbose_name = "role whose documents name it"
    verbose_name_plural = "Roles whose documents name it"


class CertificationConditionInline(admin.TabularInline):
    model = CertificationCondition
    extra = 0
    autocomplete_fields = ["condition"]
    verbose_name = "condition"
    verbose_name_plural = "Conditions it asks for, or that take years off"


@admin.register(Condition)
class ConditionAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.ConditionResource]
    list_display = ["question", "slug", "to_do"]
    search_fields = ["question", "slug", "to_do"]
    prepopulated_fields = {"slug": ["question"]}
    autocomplete_fields = ["satisfied_by"]


@admin.register(CertificationCondition)
class CertificationConditionAdmin(CatalogueAdmin):
    resource_classes = [resources.CertificationConditionResource]
    list_display = ["certification", "condition", "years_waived"]
    list_select_related = ["certification", "condition"]
    list_filter = ["certification"]
    search_fields = ["certification__name", "condition__question"]
    autocomplete_fields = ["certification", "condition"]


@admin.register(Certification)
class CertificationAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.CertificationResource]
    list_display = ["name", "abbreviation", "issuing_body", "kind", "level", "min_years_experience"]
    list_filter = ["kind", "level", "issuing_body"]
    search_fields = ["name", "abbreviation", "issuing_body", "description"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    autocomplete_fields = ["prerequisites", "qualifying", "source"]
    inlines = [
        CertificationSkillInline,
        ExperienceWaiverInline,
        CertificationConditionInline,
        RoleCertificationInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "abbreviation",
                    "slug",
                    "issuing_body",
                    "kind",
                    "is_vendor_specific",
                    "level",
                    "description",
                ]
            },
        ),
        (
            "Who can take it",
            {
                "fields": [
                    "min_years_experience",
                    "min_education",
                    "prerequisites",
                    "qualifying",
                    "other_conditions",
                ]
            },
        ),
        (
            "Exam, cost and upkeep",
            {"fields": ["exam", "cost", "cost_usd", "preparation", "study_hours", "renewal"]},
        ),
        ("Where the facts come from", {"fields": ["source", "passage", "uncertainty_note"]}),
    ]


@admin.register(CertificationSkill)
class CertificationSkillAdmin(CatalogueAdmin):
    resource_classes = [resources.CertificationSkillResource]
    list_display = ["certification", "skill", "brings_to_level"]
    list_select_related = ["certification", "skill"]
    list_filter = ["brings_to_level", "certification"]
    search_fields = ["certification__name", "skill__name"]
    autocomplete_fields = ["certification", "skill"]


@admin.register(RoleCertification)
class RoleCertificationAdmin(CatalogueAdmin):
    resource_classes = [resources.RoleCertificationResource]
    list_display = ["role", "certification", "source"]
    list_select_related = ["role", "certification", "source"]
    list_filter = ["role__family", "certification"]
    search_fields = ["role__title", "certification__name", "passage"]
    autocomplete_fields = ["role", "certification", "source"]


@admin.register(LevelUpTip)
class LevelUpTipAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.LevelUpTipResource]
    list_display = ["skill", "level", "ways"]
    list_select_related = ["skill"]
    list_filter = ["level", "skill__category"]
    search_fields = ["skill__name", "ways"]
    autocomplete_fields = ["skill"]


class LearningOptionSkillInline(admin.TabularInline):
    model = LearningOptionSkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(LearningOption)
class LearningOptionAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.LearningOptionResource]
    list_display = ["name", "kind", "provider_type", "hours_low", "hours_high", "cost_low_usd"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]
    inlines = [LearningOptionSkillInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "provider_type", "description"]}),
        ("Time and cost", {"fields": ["hours_low", "hours_high", "cost_low_usd", "cost_high_usd"]}),
        ("Where the figures come from", {"fields": ["source", "basis"]}),
    ]


@admin.register(LearningOptionSkill)
class LearningOptionSkillAdmin(CatalogueAdmin):
    resource_classes = [resources.LearningOptionSkillResource]
    list_display = ["option", "skill", "from_level", "to_level"]
    list_select_related = ["option", "skill"]
    list_filter = ["to_level", "option"]
    search_fields = ["option__name", "skill__name"]
    autocomplete_fields = ["option", "skill"]


@admin.register(CheckStatement)
class CheckStatementAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.CheckStatementResource]
    list_display = ["skill", "level", "order", "text"]
    list_select_related = ["skill"]
    list_filter = ["level", "skill__category"]
    search_fields = ["skill__name", "text"]
    autocomplete_fields = ["skill"]


@admin.register(KnowledgeQuestion)
class KnowledgeQuestionAdmin(TranslationAdmin, CatalogueAdmin):
    resource_classes = [resources.KnowledgeQuestionResource]
    list_display = ["slug", "skill", "question", "answer"]
    list_select_related = ["skill"]
    list_filter = ["skill"]
    search_fields = ["slug", "question", "explanation"]
    autocomplete_fields = ["skill"]
