"""The catalogue's own words, in each of careerfit's languages (django-modeltranslation).

Each field listed here gets a column per language (title_en, title_es, …); reading the
field gives the page's language, and English where that is still empty. Names of
certifications and official programmes are not listed: they stay as their issuers spell
them.

Their change history is registered here, after their columns per language exist, so a
history record keeps every language and a revert restores them all.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from roles.models import (
    Certification,
    CheckStatement,
    Condition,
    KnowledgeQuestion,
    LearningOption,
    LevelUpTip,
    Role,
    Skill,
)


@register(Certification)
class CertificationTranslation(TranslationOptions):
    # careerfit's own words about it; its name stays as its issuer spells it.
    fields = ("description",)


@register(Condition)
class ConditionTranslation(TranslationOptions):
    fields = ("question", "to_do")


@register(Role)
class RoleTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Skill)
class SkillTranslation(TranslationOptions):
    fields = (
        "name",
        "description",
        "level_1_example",
        "level_2_example",
        "level_3_example",
        "level_4_example",
    )


@register(LevelUpTip)
class LevelUpTipTranslation(TranslationOptions):
    fields = ("ways",)


@register(LearningOption)
class LearningOptionTranslation(TranslationOptions):
    fields = ("name", "provider_type", "description")


@register(CheckStatement)
class CheckStatementTranslation(TranslationOptions):
    fields = ("text",)


@register(KnowledgeQuestion)
class KnowledgeQuestionTranslation(TranslationOptions):
    fields = ("question", "choice_a", "choice_b", "choice_c", "choice_d", "explanation")


for _model in (Role, Skill, LevelUpTip, LearningOption, CheckStatement, KnowledgeQuestion):
    keep_history(_model, app="roles")
keep_history(Certification, app="roles", m2m_fields=["prerequisites", "qualifying"])
keep_history(Condition, app="roles", m2m_fields=["satisfied_by"])
