"""The role catalogue: skills, roles and what each role requires, certifications, and
where every fact came from.

Each model has a natural key so the catalogue in fixtures/ loads by slug, not by id,
and loading it twice updates rows instead of duplicating them.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roles.proficiency import Education, Importance, Proficiency


def lines_of(text: str) -> list[str]:
    """The non-blank lines of a text kept one item a line, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> models.Model:
        return self.get(slug=slug)


class SourceManager(models.Manager["Source"]):
    def get_by_natural_key(self, key: str) -> Source:
        return self.get(key=key)


class Source(models.Model):
    """A document or public page that catalogue facts were taken from."""

    class Kind(models.TextChoices):
        SEED_DOCUMENT = "seed", _("Career document")
        PUBLIC_REFERENCE = "reference", _("Public reference")

    key = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    document = models.CharField(
        max_length=120, blank=True, help_text="File name of the career document, if any."
    )
    url = models.URLField(blank=True)
    note = models.TextField(blank=True)

    objects = SourceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.key,)


class SkillCategory(models.TextChoices):
    OPERATIONS = "operations", _("Production & operations")
    TOOLS = "tools", _("Tools & software")
    SAFETY_QUALITY = "safety-quality", _("Safety, quality & compliance")
    PEOPLE = "people", _("People & leadership")
    BUSINESS = "business", _("Business, finance & administration")
    DESIGN = "design", _("Design & digital production")
    WORK_HABITS = "work-habits", _("Thinking & work habits")


class Skill(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=20, choices=SkillCategory.choices)
    description = models.TextField(help_text="What the skill means, in plain words.")
    level_1_example = models.CharField("Awareness looks like", max_length=300, blank=True)
    level_2_example = models.CharField("Working looks like", max_length=300, blank=True)
    level_3_example = models.CharField("Proficient looks like", max_length=300, blank=True)
    level_4_example = models.CharField("Expert looks like", max_length=300, blank=True)

    objects = SlugManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["category", "name_en"]
        # A constraint, not unique=True, so the columns per language (roles/translation.py)
        # and their history are not unique themselves.
        constraints = [models.UniqueConstraint(fields=["name"], name="unique_skill_name")]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def level_examples(self) -> list[tuple[int, str, str]]:
        """(level, level name, example) for every level that has an example written."""
        examples = [
            self.level_1_example,
            self.level_2_example,
            self.level_3_example,
            self.level_4_example,
        ]
        return [
            (level, str(Proficiency(level).label), text)
            for level, text in enumerate(examples, start=1)
            if text
        ]


class RoleFamily(models.TextChoices):
    MANUFACTURING = "manufacturing", _("Manufacturing operations")
    PLANNING = "planning", _("Planning & control")
    QUALITY = "quality", _("Quality")
    SUPPLY_CHAIN = "supply-chain", _("Sourcing & supply chain")
    FINANCE = "finance", _("Production finance")
    CREATIVE = "creative", _("Creative & digital production")


class CareerLevel(models.IntegerChoices):
    ENTRY = 1, _("Entry")
    INTERMEDIATE = 2, _("Intermediate")
    SENIOR = 3, _("Senior")
    LEAD = 4, _("Lead or supervisor")
    MANAGER = 5, _("Manager")
    EXECUTIVE = 6, _("Senior manager or director")


onet_code_validator = RegexValidator(
    r"^\d{2}-\d{4}\.\d{2}$", "Use the O*NET-SOC form 11-3051.00 (two digits, dash, four, dot, two)."
)


class Role(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    family = models.CharField(max_length=20, choices=RoleFamily.choices)
    career_level = models.PositiveSmallIntegerField(choices=CareerLevel.choices)
    summary = models.TextField()
    responsibilities = models.TextField(help_text="One responsibility per line.")
    experience_min_years = models.PositiveSmallIntegerField(null=True, blank=True)
    experience_max_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for open-ended ranges such as 15+ years."
    )
    education = models.PositiveSmallIntegerField(
        choices=Education.choices, null=True, blank=True, help_text="Typical entry education."
    )
    education_note = models.CharField(max_length=300, blank=True)
    salary_median_usd = models.PositiveIntegerField(null=True, blank=True)
    salary_low_usd = models.PositiveIntegerField(null=True, blank=True)
    salary_high_usd = models.PositiveIntegerField(null=True, blank=True)
    salary_note = models.CharField(max_length=300, blank=True)
    outlook_growth_percent = models.DecimalField(
        max_digits=4, decimal_places=1, null=True, blank=True
    )
    outlook_note = models.CharField(max_length=300, blank=True)
    onet_soc_code = models.CharField(
        "O*NET-SOC code", max_length=10, validators=[onet_code_validator]
    )
    onet_title = models.CharField("O*NET title", max_length=120)

    objects = SlugManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["family", "career_level", "title_en"]
        constraints = [
            # Not unique=True: see Skill.
            models.UniqueConstraint(fields=["title"], name="unique_role_title"),
            models.CheckConstraint(
                condition=models.Q(experience_max_years__isnull=True)
                | models.Q(experience_min_years__isnull=True)
                | models.Q(experience_max_years__gte=models.F("experience_min_years")),
                name="role_experience_range_ordered",
                violation_error_message="Maximum years of experience must not be below the minimum.",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_low_usd__isnull=True)
                | models.Q(salary_high_usd__isnull=True)
                | models.Q(salary_high_usd__gte=models.F("salary_low_usd")),
                name="role_salary_range_ordered",
                violation_error_message="The top of the salary range must not be below the bottom.",
            ),
            models.CheckConstraint(
                condition=models.Q(career_level__gte=1) & models.Q(career_level__lte=6),
                name="role_career_level_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def responsibility_list(self) -> list[str]:
        return lines_of(self.responsibilities)

    def experience_label(self) -> str:
        low, high = self.experience_min_years, self.experience_max_years
        if low is None:
            return ""
        if high is None:
            return gettext("{low}+ years").format(low=low)
        return gettext("{low}–{high} years").format(low=low, high=high)


class CitationManager(models.Manager["RoleCitation"]):
    def get_by_natural_key(self, role_slug: str, source_key: str) -> RoleCitation:
        return self.get(role__slug=role_slug, source__key=source_key)


class RoleCitation(models.Model):
    """A passage of a source that describes a role; a merged role has several."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="role_citations")
    passage = models.TextField()

    objects = CitationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "source"]
        constraints = [
            models.UniqueConstraint(fields=["role", "source"], name="unique_role_citation"),
        ]

    def __str__(self) -> str:
        return f"{self.role} — {self.source}"

    def natural_key(self) -> tuple[str, str]:
        return (self.role.slug, self.source.key)

    natural_key.dependencies = ["roles.role", "roles.source"]  # type: ignore[attr-defined]


class RequirementManager(models.Manager["RoleRequirement"]):
    def get_by_natural_key(self, role_slug: str, skill_slug: str) -> RoleRequirement:
        return self.get(role__slug=role_slug, skill__slug=skill_slug)


class RoleRequirement(models.Model):
    """One skill a role needs: how well (level) and how much it matters (importance)."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="requirements")
    level = models.PositiveSmallIntegerField(
        choices=[(level, Proficiency(level).label) for level in range(1, 5)],
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="The level the role needs, from 1 (awareness) to 4 (expert).",
    )
    importance = models.PositiveSmallIntegerField(
        choices=Importance.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="How much the skill matters for the role, from 1 to 5; separate from level.",
    )
    is_core = models.BooleanField(
        "core", default=False, help_text="A must-have: a big shortfall here blocks 'ready'."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="requirements")
    passage = models.TextField(help_text="The words of the source this requirement rests on.")

    objects = RequirementManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "-is_core", "-importance", "skill__name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "skill"],
                name="unique_role_skill",
                violation_error_message="This role already lists that skill.",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1) & models.Q(level__lte=4),
                name="requirement_level_1_to_4",
                violation_error_message="Required level must be between 1 and 4.",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__gte=1) & models.Q(importance__lte=5),
                name="requirement_importance_1_to_5",
                violation_error_message="Importance must be between 1 and 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill} at {self.get_level_display()}"

    def natural_key(self) -> tuple[str, str]:
        return (self.role.slug, self.skill.slug)

    natural_key.dependencies = ["roles.role", "roles.skill", "roles.source"]  # type: ignore[attr-defined]


class CareerStepManager(models.Manager["CareerStep"]):
    def get_by_natural_key(self, from_slug: str, to_slug: str) -> CareerStep:
        return self.get(from_role__slug=from_slug, to_role__slug=to_slug)


class CareerStep(models.Model):
    """A rung of a career ladder: people in from_role often move on to to_role."""

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="next_steps")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="previous_steps")
    typical_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Years usually spent in the first role before the move; empty if the source gives none.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="career_steps")
    passage = models.TextField()

    objects = CareerStepManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_role", "to_role"]
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="unique_career_step"),
            models.CheckConstraint(
                condition=~models.Q(from_role=models.F("to_role")),
                name="career_step_moves_to_another_role",
                violation_error_message="A career step must lead to a different role.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role}"

    def natural_key(self) -> tuple[str, str]:
        return (self.from_role.slug, self.to_role.slug)

    natural_key.dependencies = ["roles.role", "roles.source"]  # type: ignore[attr-defined]


class Certification(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATION = "certification", _("Certification")
        TRAINING_CARD = "training-card", _("Training card (not a certification)")

    class Level(models.TextChoices):
        ENTRY = "entry", _("Entry and front line")
        MID = "mid", _("Mid-career (coordinator, planner, supervisor)")
        SENIOR = "senior", _("Senior (manager and above)")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160, unique=True)
    abbreviation = models.CharField(max_length=30)
    issuing_body = models.CharField(max_length=160)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CERTIFICATION)
    is_vendor_specific = models.BooleanField(
        default=False, help_text="It proves skill with one company's product, such as SAP."
    )
    level = models.CharField(max_length=10, choices=Level.choices)
    description = models.TextField()
    min_years_experience = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years of relevant work needed; empty when none."
    )
    min_education = models.PositiveSmallIntegerField(
        choices=Education.choices,
        null=True,
        blank=True,
        help_text="The least education a person needs to sit it; empty when none.",
    )
    qualifying = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="qualifies_for",
        help_text="Holding one of these replaces the years and education asked.",
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="unlocks",
        help_text="Certifications a person must hold before this one.",
    )
    other_conditions = models.TextField(
        blank=True, help_text="Conditions that are not years, degrees or certifications."
    )
    exam = models.TextField(blank=True)
    cost = models.TextField(blank=True)
    cost_usd = models.PositiveIntegerField(
        "typical cost in US dollars",
        null=True,
        blank=True,
        help_text=(
            "What one person usually pays to sit it (the full, non-member exam fee, or the "
            "course when the course is the credential); empty when careerfit's sources do "
            "not say. Used to put cheaper options first when they help as much."
        ),
    )
    preparation = models.TextField(blank=True)
    study_hours = models.PositiveSmallIntegerField(
        "typical hours of study or training",
        null=True,
        blank=True,
        help_text="The course or study time its sources name; empty when they do not say.",
    )
    renewal = models.TextField(blank=True)
    uncertainty_note = models.TextField(
        blank=True, help_text="What the sources disagree on or leave unconfirmed."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="certifications")
    passage = models.TextField(help_text="The facts as the source states them, with its address.")
    skills = models.ManyToManyField(
        Skill, through="CertificationSkill", related_name="certifications"
    )

    objects = SlugManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    natural_key.dependencies = ["roles.source"]  # type: ignore[attr-defined]


class Condition(models.Model):
    """Something a certification asks of a person besides years, education and other
    certifications, such as training hours or a finished project. The background page
    asks each one as a yes-or-no question."""

    slug = models.SlugField(max_length=80, unique=True)
    question = models.CharField(
        max_length=200, help_text="As the background page asks it: “I have …”."
    )
    to_do = models.CharField(
        max_length=200,
        help_text="What a person still has to do, after “you need to”: “finish 35 hours of …”.",
    )
    satisfied_by = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="satisfies",
        help_text="Holding one of these counts as meeting it.",
    )
    certifications = models.ManyToManyField(
        Certification, through="CertificationCondition", related_name="conditions"
    )

    objects = SlugManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["question_en"]
        # Not unique=True: see Skill.
        constraints = [
            models.UniqueConstraint(fields=["question"], name="unique_condition_question")
        ]

    def __str__(self) -> str:
        return self.question

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    natural_key.dependencies = ["roles.certification"]  # type: ignore[attr-defined]


class CertificationConditionManager(models.Manager["CertificationCondition"]):
    def get_by_natural_key(
        self, certification_slug: str, condition_slug: str
    ) -> CertificationCondition:
        return self.get(certification__slug=certification_slug, condition__slug=condition_slug)


class CertificationCondition(models.Model):
    """A condition of one certification: one it asks for, or one that takes years off."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="condition_rules"
    )
    condition = models.ForeignKey(Condition, on_delete=models.PROTECT, related_name="rules")
    years_waived = models.PositiveSmallIntegerField(
        default=0,
        help_text="0: a person must meet it. More: meeting it takes this many years off instead.",
    )

    objects = CertificationConditionManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["certification", "condition"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "condition"], name="unique_certification_condition"
            ),
        ]

    def __str__(self) -> str:
        if self.years_waived:
            return f"{self.certification.abbreviation}: {self.condition} takes off {self.years_waived} years"
        return f"{self.certification.abbreviation}: needs {self.condition}"

    def natural_key(self) -> tuple[str, str]:
        return (self.certification.slug, self.condition.slug)

    natural_key.dependencies = ["roles.certification", "roles.condition"]  # type: ignore[attr-defined]


class CertificationSkillManager(models.Manager["CertificationSkill"]):
    def get_by_natural_key(self, certification_slug: str, skill_slug: str) -> CertificationSkill:
        return self.get(certification__slug=certification_slug, skill__slug=skill_slug)


class CertificationSkill(models.Model):
    """A skill a certification develops, and the level its holder can be expected to reach."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="skill_levels"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="certification_levels")
    brings_to_level = models.PositiveSmallIntegerField(
        choices=[(level, Proficiency(level).label) for level in range(1, 5)],
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )

    objects = CertificationSkillManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["certification", "skill"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "skill"], name="unique_certification_skill"
            ),
            models.CheckConstraint(
                condition=models.Q(brings_to_level__gte=1) & models.Q(brings_to_level__lte=4),
                name="certification_level_1_to_4",
                violation_error_message="The level a certification brings must be 1 to 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification.abbreviation}: {self.skill} to {self.get_brings_to_level_display()}"

    def natural_key(self) -> tuple[str, str]:
        return (self.certification.slug, self.skill.slug)

    natural_key.dependencies = ["roles.certification", "roles.skill"]  # type: ignore[attr-defined]


class WaiverManager(models.Manager["ExperienceWaiver"]):
    def get_by_natural_key(self, certification_slug: str, education: int) -> ExperienceWaiver:
        return self.get(certification__slug=certification_slug, education=education)


class ExperienceWaiver(models.Model):
    """Years of required experience that a completed degree takes off."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="waivers"
    )
    education = models.PositiveSmallIntegerField(choices=Education.choices)
    years_waived = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    objects = WaiverManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["certification", "education"]
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "education"], name="unique_waiver_per_education"
            ),
            models.CheckConstraint(
                condition=models.Q(years_waived__gte=1), name="waiver_takes_off_at_least_a_year"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.certification.abbreviation}: {self.get_education_display()} "
            f"takes off {self.years_waived} years"
        )

    def natural_key(self) -> tuple[str, int]:
        return (self.certification.slug, self.education)

    natural_key.dependencies = ["roles.certification"]  # type: ignore[attr-defined]


class RoleCertificationManager(models.Manager["RoleCertification"]):
    def get_by_natural_key(self, role_slug: str, certification_slug: str) -> RoleCertification:
        return self.get(role__slug=role_slug, certification__slug=certification_slug)


class RoleCertification(models.Model):
    """A certification a role's own documents name, with the words that name it. Scoring
    ranks a certification higher for the role that names it, and for roles of the same
    family and career stage."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="certification_mentions")
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="role_mentions"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="certification_mentions"
    )
    passage = models.TextField(help_text="The words of the source that name the certification.")

    objects = RoleCertificationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "certification"]
        verbose_name = "certification a role names"
        verbose_name_plural = "certifications roles name"
        constraints = [
            models.UniqueConstraint(
                fields=["role", "certification"], name="unique_role_certification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: names {self.certification.abbreviation}"

    def natural_key(self) -> tuple[str, str]:
        return (self.role.slug, self.certification.slug)

    natural_key.dependencies = [  # type: ignore[attr-defined]
        "roles.role",
        "roles.certification",
        "roles.source",
    ]


# How to grow: the steps up each skill's scale, and the courses and programmes that help.

LEVEL_CHOICES = [(level, Proficiency(level).label) for level in range(1, 5)]


class LevelUpTipManager(models.Manager["LevelUpTip"]):
    def get_by_natural_key(self, skill_slug: str, level: int) -> LevelUpTip:
        return self.get(skill__slug=skill_slug, level=level)


class LevelUpTip(models.Model):
    """How a person moves up to one level of a skill: two or three concrete ways, one a
    line. What the level looks like is the skill's own level example."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="level_up_tips")
    level = models.PositiveSmallIntegerField(
        "level reached",
        choices=LEVEL_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    ways = models.TextField(
        help_text="Two or three ways to get there (on the job, a course, a certification, "
        "a practice task), one a line, in plain words."
    )

    objects = LevelUpTipManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["skill", "level"]
        verbose_name = "level-up tip"
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="unique_tip_per_level"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1) & models.Q(level__lte=4),
                name="tip_level_1_to_4",
                violation_error_message="A tip leads to a level from 1 to 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: to {self.get_level_display()}"

    def natural_key(self) -> tuple[str, int]:
        return (self.skill.slug, self.level)

    natural_key.dependencies = ["roles.skill"]  # type: ignore[attr-defined]

    def way_list(self) -> list[str]:
        return lines_of(self.ways)


class LearningKind(models.TextChoices):
    ON_THE_JOB = "on-the-job", _("On the job")
    FREE_ONLINE = "free-online", _("Free online")
    SHORT_COURSE = "short-course", _("Short course")
    CERTIFICATION_PREP = "certification-prep", _("Certification prep")
    COLLEGE_CERTIFICATE = "college-certificate", _("Community-college certificate")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")


class LearningOption(models.Model):
    """A kind of course or programme that builds skills, described by its provider type
    (never a vendor), with typical hours and cost. Figures carry their source or a note
    that they are typical ranges."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=30, choices=LearningKind.choices)
    provider_type = models.CharField(
        max_length=120, help_text="Who offers it, e.g. “Your employer” or “Community college”."
    )
    description = models.TextField(help_text="What a person does in it, in plain words.")
    hours_low = models.PositiveIntegerField("typical hours, from")
    hours_high = models.PositiveIntegerField("typical hours, to")
    cost_low_usd = models.PositiveIntegerField("typical cost, from (US$)", help_text="0 is free.")
    cost_high_usd = models.PositiveIntegerField("typical cost, to (US$)")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="learning_options"
    )
    basis = models.TextField(
        help_text="Where the hours and cost come from: the source's words, or a note that "
        "they are typical ranges to check with the provider."
    )
    skills = models.ManyToManyField(Skill, through="LearningOptionSkill", related_name="+")

    objects = SlugManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["name_en"]
        constraints = [
            # Not unique=True: see Skill.
            models.UniqueConstraint(fields=["name"], name="unique_learning_option_name"),
            models.CheckConstraint(
                condition=models.Q(hours_low__lte=models.F("hours_high")),
                name="learning_hours_in_order",
                violation_error_message="The typical hours must run from low to high.",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_low_usd__lte=models.F("cost_high_usd")),
                name="learning_cost_in_order",
                violation_error_message="The typical cost must run from low to high.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    natural_key.dependencies = ["roles.source"]  # type: ignore[attr-defined]


class LearningOptionSkillManager(models.Manager["LearningOptionSkill"]):
    def get_by_natural_key(self, option_slug: str, skill_slug: str) -> LearningOptionSkill:
        return self.get(option__slug=option_slug, skill__slug=skill_slug)


class LearningOptionSkill(models.Model):
    """A skill a learning option builds: from which level it starts, to which it leads."""

    option = models.ForeignKey(
        LearningOption, on_delete=models.CASCADE, related_name="skill_levels"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="learning_levels")
    from_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices,
        validators=[MaxValueValidator(3)],
        help_text="The level a person needs to start.",
    )
    to_level = models.PositiveSmallIntegerField(
        choices=LEVEL_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="The level it can bring a person to.",
    )

    objects = LearningOptionSkillManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["option", "skill"]
        verbose_name = "skill a learning option builds"
        constraints = [
            models.UniqueConstraint(fields=["option", "skill"], name="unique_option_skill"),
            models.CheckConstraint(
                condition=models.Q(from_level__lt=models.F("to_level")) & models.Q(to_level__lte=4),
                name="learning_levels_go_up",
                violation_error_message="A learning option leads to a higher level than it starts at.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.skill} to {self.get_to_level_display()}"

    def natural_key(self) -> tuple[str, str]:
        return (self.option.slug, self.skill.slug)

    natural_key.dependencies = ["roles.learningoption", "roles.skill"]  # type: ignore[attr-defined]


# Checks of a self-rating: what someone at a level has done, and what they know.

CHECKED_LEVELS = [(3, Proficiency(3).label), (4, Proficiency(4).label)]


class CheckStatementManager(models.Manager["CheckStatement"]):
    def get_by_natural_key(self, skill_slug: str, level: int, order: int) -> CheckStatement:
        return self.get(skill__slug=skill_slug, level=level, order=order)


class CheckStatement(models.Model):
    """Something a person at this level of the skill has done, to tick if they have:
    “I have built a weekly schedule for a line from demand figures.”"""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="check_statements")
    level = models.PositiveSmallIntegerField(choices=CHECKED_LEVELS)
    order = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(max_length=200, help_text="Starts with “I have”, in plain words.")

    objects = CheckStatementManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["skill", "level", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["skill", "level", "order"], name="unique_check_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=[3, 4]),
                name="check_statement_level_3_or_4",
                violation_error_message="Checks are for Proficient and Expert ratings.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_level_display()}): {self.text}"

    def natural_key(self) -> tuple[str, int, int]:
        return (self.skill.slug, self.level, self.order)

    natural_key.dependencies = ["roles.skill"]  # type: ignore[attr-defined]


class KnowledgeQuestion(models.Model):
    """A multiple-choice question on a technical skill, set in production work, with the
    right answer explained once the person has answered."""

    class Choice(models.TextChoices):
        A = "a", "A"
        B = "b", "B"
        C = "c", "C"
        D = "d", "D"

    slug = models.SlugField(max_length=80, unique=True)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="knowledge_questions")
    question = models.TextField()
    choice_a = models.CharField(max_length=200)
    choice_b = models.CharField(max_length=200)
    choice_c = models.CharField(max_length=200)
    choice_d = models.CharField(max_length=200)
    answer = models.CharField(max_length=1, choices=Choice.choices)
    explanation = models.TextField(help_text="Why the answer is right, shown after answering.")

    objects = SlugManager()
    # Its history is kept from roles/translation.py, once it has a column per language.

    class Meta:
        ordering = ["skill", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer__in=["a", "b", "c", "d"]),
                name="knowledge_answer_a_to_d",
                violation_error_message="The answer is one of a, b, c and d.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.question[:60]}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    natural_key.dependencies = ["roles.skill"]  # type: ignore[attr-defined]

    def choices(self) -> list[tuple[str, str]]:
        return [
            ("a", self.choice_a),
            ("b", self.choice_b),
            ("c", self.choice_c),
            ("d", self.choice_d),
        ]
