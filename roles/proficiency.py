"""The proficiency scale, defined once for the questionnaire, requirements and API.

Each level is tied to something a person can be seen doing, not to an adjective, so a
job seeker can rate themselves and a counselor can check the rating.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise


class Proficiency(models.IntegerChoices):
    NONE = 0, pgettext_lazy("skill level", "None")
    AWARENESS = 1, _("Awareness")
    WORKING = 2, _("Working")
    PROFICIENT = 3, _("Proficient")
    EXPERT = 4, _("Expert")


BEHAVIOUR: dict[int, StrOrPromise] = {
    Proficiency.NONE: _("Has not done it and does not yet know how it works."),
    Proficiency.AWARENESS: _("Knows what it is and why it matters; has seen it done."),
    Proficiency.WORKING: _("Has done it with guidance or by following set steps."),
    Proficiency.PROFICIENT: _("Does it alone and reliably, and handles the usual problems."),
    Proficiency.EXPERT: _("Leads it, teaches it to others and improves how it is done."),
}

# A requirement always asks for at least awareness; "None" exists only as an answer.
REQUIRED_LEVELS = range(Proficiency.AWARENESS, Proficiency.EXPERT + 1)


class Importance(models.IntegerChoices):
    NICE_TO_HAVE = 1, _("Nice to have")
    HELPFUL = 2, _("Helpful")
    IMPORTANT = 3, _("Important")
    VERY_IMPORTANT = 4, _("Very important")
    ESSENTIAL = 5, _("Essential")


class Education(models.IntegerChoices):
    NONE = 0, _("No diploma yet")
    HIGH_SCHOOL = 1, _("High school diploma or GED")
    TRADE = 2, _("Trade or vocational certificate")
    ASSOCIATE = 3, _("Associate degree")
    BACHELOR = 4, _("Bachelor's degree")
    MASTER = 5, _("Master's degree")
    DOCTORATE = 6, _("Doctorate")


# Education as the API and answer files spell it.
EDUCATION_CODES: dict[str, int] = {
    "none": Education.NONE,
    "high-school": Education.HIGH_SCHOOL,
    "trade": Education.TRADE,
    "associate": Education.ASSOCIATE,
    "bachelor": Education.BACHELOR,
    "master": Education.MASTER,
    "doctorate": Education.DOCTORATE,
}
