"""The proficiency scale, defined once for the questionnaire, requirements and API.

Each level is tied to something a person can be seen doing, not to an adjective, so a
job seeker can rate themselves and a counselor can check the rating.
"""

from django.db import models


class Proficiency(models.IntegerChoices):
    NONE = 0, "None"
    AWARENESS = 1, "Awareness"
    WORKING = 2, "Working"
    PROFICIENT = 3, "Proficient"
    EXPERT = 4, "Expert"


BEHAVIOUR: dict[int, str] = {
    Proficiency.NONE: "Has not done it and does not yet know how it works.",
    Proficiency.AWARENESS: "Knows what it is and why it matters; has seen it done.",
    Proficiency.WORKING: "Has done it with guidance or by following set steps.",
    Proficiency.PROFICIENT: "Does it alone and reliably, and handles the usual problems.",
    Proficiency.EXPERT: "Leads it, teaches it to others and improves how it is done.",
}

# A requirement always asks for at least awareness; "None" exists only as an answer.
REQUIRED_LEVELS = range(Proficiency.AWARENESS, Proficiency.EXPERT + 1)


class Importance(models.IntegerChoices):
    NICE_TO_HAVE = 1, "Nice to have"
    HELPFUL = 2, "Helpful"
    IMPORTANT = 3, "Important"
    VERY_IMPORTANT = 4, "Very important"
    ESSENTIAL = 5, "Essential"


class Education(models.IntegerChoices):
    NONE = 0, "No diploma yet"
    HIGH_SCHOOL = 1, "High school diploma or GED"
    TRADE = 2, "Trade or vocational certificate"
    ASSOCIATE = 3, "Associate degree"
    BACHELOR = 4, "Bachelor's degree"
    MASTER = 5, "Master's degree"
    DOCTORATE = 6, "Doctorate"


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
