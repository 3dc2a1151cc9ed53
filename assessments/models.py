"""A questionnaire in progress (Draft) and a submitted, scored result (Assessment).

Both are reached only through long random tokens, never by id: whoever holds the link
holds the draft or the result.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from roles.models import Role
from roles.proficiency import Education

TOKEN_BYTES = 32  # 256 bits of randomness; the issue asks for at least 128.
MAX_YEARS_EXPERIENCE = 60


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Mode(models.TextChoices):
    TARGET = "target", "One role I have in mind"
    EXPLORE = "explore", "Which role fits me?"


class Length(models.TextChoices):
    QUICK = "quick", "Quick check"
    FULL = "full", "Full check"


class PrivateRecord(models.Model):
    """Reached by its own random link; once it belongs to an account, only by its owner."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
        help_text="The account it belongs to; empty when only its link opens it.",
    )

    class Meta:
        abstract = True


class Draft(PrivateRecord):
    """Answers given so far. Survives closing the browser; reopened by its link."""

    mode = models.CharField(max_length=10, choices=Mode.choices)
    length = models.CharField(max_length=10, choices=Length.choices)
    role_slug = models.SlugField(
        max_length=80, blank=True, help_text="The target role; empty when exploring."
    )
    skills = models.JSONField(help_text="Skill slugs asked, fixed when the draft starts.")
    answers = models.JSONField(default=dict, blank=True)
    years_experience = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS_EXPERIENCE)],
    )
    education = models.PositiveSmallIntegerField(choices=Education.choices, null=True, blank=True)
    certifications_held = models.JSONField(default=list, blank=True)
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    previous = models.ForeignKey(
        "Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retake_drafts",
        help_text="The result this draft retakes, to show progress.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(PrivateRecord.Meta):
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Draft {self.get_mode_display()} ({self.role_slug or 'explore'})"

    @property
    def answered_count(self) -> int:
        return sum(1 for skill in self.skills if skill in self.answers)


class Assessment(PrivateRecord):
    """A submitted questionnaire with its report, frozen at the moment it was scored."""

    class Origin(models.TextChoices):
        NEW = "new", "First attempt"
        RETAKE = "retake", "Retake"
        RESCORE = "rescore", "Re-scored against a newer catalogue"

    draft = models.OneToOneField(
        Draft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment",
        help_text="The draft it was submitted from; one draft gives at most one result.",
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_attempts",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.NEW)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    length = models.CharField(max_length=10, choices=Length.choices)
    role = models.ForeignKey(
        Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments"
    )
    role_slug = models.SlugField(max_length=80)
    role_title = models.CharField(max_length=120)
    ratings = models.JSONField()
    years_experience = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS_EXPERIENCE)],
    )
    education = models.PositiveSmallIntegerField(choices=Education.choices)
    certifications_held = models.JSONField(default=list, blank=True)
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    requirements_snapshot = models.JSONField(
        help_text="The role's requirements as they stood when this result was scored."
    )
    report = models.JSONField()
    readiness = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    band = models.CharField(max_length=20)
    catalogue_version = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    shared_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the owner agreed to show it to careerfit's counselors; empty when not shared.",
    )
    shared_name = models.CharField(
        max_length=120, blank=True, help_text="The name the owner wants counselors to see."
    )
    shared_email = models.EmailField(
        blank=True, help_text="The email the owner wants counselors to reach them at."
    )

    class Meta(PrivateRecord.Meta):
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(readiness__gte=0) & models.Q(readiness__lte=100),
                name="assessment_readiness_0_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(shared_at__isnull=False)
                | (models.Q(shared_name="") & models.Q(shared_email="")),
                name="assessment_contact_only_while_shared",
                violation_error_message="Contact details are kept only while a result is shared.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_title}: {self.readiness}% ({self.created_at:%Y-%m-%d})"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None
