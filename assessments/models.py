"""A questionnaire in progress (Draft), a submitted, scored result (Result), and the
counselors' work on results their owners shared (Review, Note, ActionStep).

Drafts and results are reached by their owners only through long random tokens, never by
id: whoever holds the link holds the draft or the result. Counselors reach shared results by
id, and only while they stay shared.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessments.scoring import Band
from roles.models import Role
from roles.proficiency import Education

TOKEN_BYTES = 32  # 256 bits of randomness; the issue asks for at least 128.
MAX_YEARS_EXPERIENCE = 60


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Mode(models.TextChoices):
    TARGET = "target", _("One role I have in mind")
    EXPLORE = "explore", _("Which role fits me?")


class Length(models.TextChoices):
    QUICK = "quick", _("Quick check")
    FULL = "full", _("Full check")


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
    kept_answers = models.JSONField(
        default=dict,
        blank=True,
        help_text="Ratings carried over from an earlier result and not asked again.",
    )
    years_experience = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_YEARS_EXPERIENCE)],
    )
    education = models.PositiveSmallIntegerField(choices=Education.choices, null=True, blank=True)
    certifications_held = models.JSONField(default=list, blank=True)
    conditions_met = models.JSONField(
        null=True,
        blank=True,
        help_text="Slugs of the certification conditions the person says they meet; "
        "null until the background page is saved.",
    )
    current_role_slug = models.SlugField(
        max_length=80, blank=True, help_text="The role the person does now, if they said."
    )
    unsure = models.JSONField(
        default=list,
        blank=True,
        help_text="Skills the person answered “Not sure”: not rated, to come back to.",
    )
    checks = models.JSONField(
        default=dict,
        blank=True,
        help_text="The checks of Proficient and Expert ratings the person did, by skill: "
        "the level checked, the statements shown and ticked, the answers given.",
    )
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    previous = models.ForeignKey(
        "Result",
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
        """Questions answered, with a level or “Not sure”."""
        return sum(1 for skill in self.skills if self.is_answered(skill))

    def is_answered(self, skill: str) -> bool:
        return skill in self.answers or skill in self.unsure


class Result(PrivateRecord):
    """A submitted questionnaire with its report, frozen at the moment it was scored."""

    class Origin(models.TextChoices):
        NEW = "new", _("First attempt")
        RETAKE = "retake", _("Retake")
        RESCORE = "rescore", _("Re-scored against a newer catalogue")

    draft = models.OneToOneField(
        Draft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="result",
        help_text="The draft it was submitted from; one draft gives at most one result.",
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_attempts",
    )
    first_attempt = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The first result of this chain of retakes; empty for the first itself.",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.NEW)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    length = models.CharField(max_length=10, choices=Length.choices)
    role = models.ForeignKey(
        Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
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
    conditions_met = models.JSONField(
        null=True,
        blank=True,
        help_text="Slugs of the certification conditions the person said they meet; "
        "null when they were not asked.",
    )
    current_role_slug = models.SlugField(
        max_length=80,
        blank=True,
        help_text="The role the person does now, if they said; the report compares it.",
    )
    unsure = models.JSONField(
        default=list,
        blank=True,
        help_text="Skills the person answered “Not sure”: not rated, never counted as zero.",
    )
    checks = models.JSONField(
        default=dict,
        blank=True,
        help_text="The checks of Proficient and Expert ratings the person did, by skill; "
        "the ratings themselves stay as they were given.",
    )
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
    band = models.CharField(max_length=20, choices=[(band.value, band.label) for band in Band])
    top_gaps = models.JSONField(
        default=list, blank=True, help_text="The names of the first gaps in the report, for lists."
    )
    catalogue_version = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(
        default=timezone.now,
        help_text="When its owner last opened it (to the day); a result in no account that "
        "stays unopened for ANONYMOUS_RESULT_RETENTION_DAYS is deleted.",
    )
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
        permissions = [("review_shared", "Can review results shared with counselors")]
        indexes = [
            # The counselor dashboard: only shared results, newest first, often by role or band.
            models.Index(
                fields=["shared_at", "id"],
                name="result_shared",
                condition=models.Q(shared_at__isnull=False),
            ),
            models.Index(
                fields=["role_slug", "shared_at"],
                name="result_shared_role",
                condition=models.Q(shared_at__isnull=False),
            ),
            models.Index(
                fields=["band", "shared_at"],
                name="result_shared_band",
                condition=models.Q(shared_at__isnull=False),
            ),
            # The dashboard's other sortable columns.
            models.Index(
                fields=["shared_name", "shared_email"],
                name="result_shared_person",
                condition=models.Q(shared_at__isnull=False),
            ),
            models.Index(
                fields=["readiness"],
                name="result_shared_readiness",
                condition=models.Q(shared_at__isnull=False),
            ),
            models.Index(
                fields=["band", "readiness"],
                name="result_shared_band_ready",
                condition=models.Q(shared_at__isnull=False),
            ),
            models.Index(
                fields=["role_slug", "readiness"],
                name="result_shared_role_ready",
                condition=models.Q(shared_at__isnull=False),
            ),
            models.Index(
                fields=["role_title"],
                name="result_shared_role_title",
                condition=models.Q(shared_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(readiness__gte=0) & models.Q(readiness__lte=100),
                name="result_readiness_0_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(shared_at__isnull=False)
                | (models.Q(shared_name="") & models.Q(shared_email="")),
                name="result_contact_only_while_shared",
                violation_error_message="Contact details are kept only while a result is shared.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_title}: {self.readiness}% ({self.created_at:%Y-%m-%d})"

    def file_name(self, extension: str) -> str:
        """The name a download of this result is saved under, e.g. for "pdf"."""
        return f"careerfit-{self.role_slug}-{self.created_at:%Y-%m-%d}.{extension}"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def first_attempt_pk(self) -> int:
        return self.first_attempt_id or self.pk


class ResultGap(models.Model):
    """One gap of a result, in report order, so cohort figures are summed by the database."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="gap_rows")
    rank = models.PositiveSmallIntegerField(help_text="1 is the gap the report puts first.")
    skill_slug = models.SlugField(max_length=80)
    skill_name = models.CharField(max_length=120)
    is_core = models.BooleanField()
    importance = models.PositiveSmallIntegerField()
    levels_short = models.PositiveSmallIntegerField()
    weight = models.PositiveSmallIntegerField(help_text="Importance × levels short.")

    class Meta:
        ordering = ["result", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["result", "rank"], name="result_gap_rank"),
        ]
        indexes = [models.Index(fields=["skill_slug", "weight"], name="result_gap_skill")]

    def __str__(self) -> str:
        return f"{self.skill_name}: {self.levels_short} short"


class ResultRecommendation(models.Model):
    """One of a result's leading certification recommendations, for cohort figures."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="recommendation_rows")
    rank = models.PositiveSmallIntegerField()
    certification_slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=30)
    eligible_now = models.BooleanField()

    class Meta:
        ordering = ["result", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["result", "rank"], name="result_recommendation_rank"),
        ]
        indexes = [
            models.Index(fields=["certification_slug"], name="result_recommendation_cert"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.abbreviation}"


class ReviewStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in-review", _("In review")
    FOLLOW_UP = "follow-up", _("Follow-up")
    CLOSED = "closed", _("Closed")


class Review(models.Model):
    """The counselors' handling of a shared result. History records who changed it and when."""

    result = models.OneToOneField(Result, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.NEW, db_index=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()
    # Set by the service making a change, so history names the counselor even outside a request.
    _history_user: AbstractBaseUser

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.result}"


class Note(models.Model):
    """A counselor's note on a shared result. Only its author reads it; the job seeker never does."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counselor_notes"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.created_at:%Y-%m-%d}"


class ActionStep(models.Model):
    """A step of the plan the counselors agree with the person, such as "start CPIM part 1"."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="action_steps")
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    _history_user: AbstractBaseUser

    class Meta:
        # Open steps first, soonest due first.
        ordering = [
            models.F("done_at").asc(nulls_first=True),
            models.F("due_on").asc(nulls_last=True),
            "created_at",
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
