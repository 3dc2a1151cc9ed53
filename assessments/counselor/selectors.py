"""What the counselor workspace reads: shared results only, in fixed numbers of queries.

Every counselor page starts from shared_results() or shared_result(), so a result its
owner stops sharing leaves all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Avg, Count, Max, Q, QuerySet, Sum
from django.http import Http404

from assessments import scoring
from assessments.models import (
    ActionStep,
    Note,
    Result,
    ResultGap,
    ResultRecommendation,
    Review,
)
from assessments.services import MARKED_BY_JOB_SEEKER

# The columns a list of shared results shows; the report and answers stay in the database.
SHARED_LIST_FIELDS = (
    "pk",
    "role_slug",
    "role_title",
    "readiness",
    "band",
    "top_gaps",
    "created_at",
    "shared_at",
    "shared_name",
    "shared_email",
    "review__id",
    "review__status",
)
COHORT_TOP = 10


def shared_results() -> QuerySet[Result]:
    """Every result its owner shares with counselors, newest share first, with its review.

    Each counselor page starts here, so a withdrawn result leaves all of them at once.
    """
    return (
        Result.objects.filter(shared_at__isnull=False)
        .select_related("review")
        .only(*SHARED_LIST_FIELDS)
        .order_by("-shared_at", "-pk")
    )


def shared_result(*, pk: int) -> Result:
    """One shared result, whole, for a counselor; Http404 once its owner stops sharing."""
    result = (
        Result.objects.filter(pk=pk, shared_at__isnull=False)
        .select_related("review", "previous")
        .first()
    )
    if result is None:
        raise Http404("No such shared result.")
    return result


def shared_attempts(*, result: Result) -> list[Result]:
    """The person's shared results, oldest first: the same account's, or the same retake chain's."""
    person = Q(pk=result.first_attempt_pk) | Q(first_attempt_id=result.first_attempt_pk)
    if result.owner_id is not None:
        person |= Q(owner_id=result.owner_id)
    return list(shared_results().filter(person).order_by("created_at", "pk"))


def counselor_notes(*, result: Result, author: User) -> list[Note]:
    """The notes this counselor wrote on a result; other counselors' notes stay theirs."""
    return list(Note.objects.filter(result=result, author=author))


def review_history(*, review: Review) -> list[Any]:
    """Every status a shared result has had, newest first, with who set it."""
    return list(review.history.select_related("history_user").order_by("-history_date"))


def action_plan(*, result: Result) -> list[ActionStep]:
    return list(ActionStep.objects.filter(result=result).select_related("created_by"))


def steps_last_marked_by_job_seeker(*, result: Result) -> set[int]:
    """The steps whose latest change in their history is the job seeker ticking them off
    or reopening them, in one query."""
    latest: dict[int, str | None] = {}
    rows = (
        ActionStep.history.filter(result_id=result.pk)  # type: ignore[attr-defined]
        .order_by("id", "-history_date", "-history_id")
        .values_list("id", "history_change_reason")
    )
    for step_id, reason in rows:
        latest.setdefault(step_id, reason)
    return {step_id for step_id, reason in latest.items() if reason == MARKED_BY_JOB_SEEKER}


@dataclass(frozen=True)
class RoleReadiness:
    role_slug: str
    role_title: str
    count: int
    average: float
    ready: int
    nearly_ready: int
    developing: int

    def share(self, count: int) -> float:
        return 100 * count / self.count if self.count else 0.0

    @property
    def segments(self) -> list[tuple[str, str, int, float, float]]:
        """(band, label, count, start %, width %) for a stacked bar, ready first."""
        start = 0.0
        parts = []
        for band, count in (
            (scoring.Band.READY, self.ready),
            (scoring.Band.NEARLY_READY, self.nearly_ready),
            (scoring.Band.DEVELOPING, self.developing),
        ):
            width = self.share(count)
            parts.append((band.value, band.label, count, round(start, 2), round(width, 2)))
            start += width
        return parts


@dataclass(frozen=True)
class GapFigure:
    skill_slug: str
    skill_name: str
    weight: int
    people: int


@dataclass(frozen=True)
class CertificationFigure:
    certification_slug: str
    name: str
    abbreviation: str
    people: int
    eligible_now: int


@dataclass(frozen=True)
class Cohort:
    roles: tuple[RoleReadiness, ...]
    gaps: tuple[GapFigure, ...]
    certifications: tuple[CertificationFigure, ...]

    @property
    def result_count(self) -> int:
        return sum(role.count for role in self.roles)

    @property
    def average(self) -> float | None:
        """Average readiness over every result: the roles' averages, weighted by their counts."""
        if not self.result_count:
            return None
        return sum(role.average * role.count for role in self.roles) / self.result_count

    @property
    def largest_gap_weight(self) -> int:
        return max((gap.weight for gap in self.gaps), default=0)

    @property
    def largest_certification_count(self) -> int:
        return max((cert.people for cert in self.certifications), default=0)


def cohort(*, results: QuerySet[Result]) -> Cohort:
    """Figures for a set of shared results, summed by the database in three queries.

    Gaps are weighted by importance × levels short; a certification counts as recommended
    to a person when it is among their report's first COHORT_RECOMMENDATIONS.
    """
    results = results.order_by()
    ids = results.values("pk")
    roles = (
        results.values("role_slug")
        .annotate(
            role_title=Max("role_title"),
            count=Count("pk"),
            average=Avg("readiness"),
            ready=Count("pk", filter=Q(band=scoring.Band.READY)),
            nearly_ready=Count("pk", filter=Q(band=scoring.Band.NEARLY_READY)),
            developing=Count("pk", filter=Q(band=scoring.Band.DEVELOPING)),
        )
        .order_by("-count", "role_title")
    )
    gaps = (
        ResultGap.objects.filter(result__in=ids)
        .values("skill_slug")
        .annotate(skill_name=Max("skill_name"), weight=Sum("weight"), people=Count("pk"))
        .order_by("-weight", "skill_name")[:COHORT_TOP]
    )
    certifications = (
        ResultRecommendation.objects.filter(result__in=ids)
        .values("certification_slug")
        .annotate(
            name=Max("name"),
            abbreviation=Max("abbreviation"),
            people=Count("pk"),
            eligible_now=Count("pk", filter=Q(eligible_now=True)),
        )
        .order_by("-people", "name")[:COHORT_TOP]
    )
    return Cohort(
        roles=tuple(
            RoleReadiness(
                role_slug=row["role_slug"],
                role_title=row["role_title"],
                count=row["count"],
                average=float(row["average"]),
                ready=row["ready"],
                nearly_ready=row["nearly_ready"],
                developing=row["developing"],
            )
            for row in roles
        ),
        gaps=tuple(GapFigure(**row) for row in gaps),
        certifications=tuple(CertificationFigure(**row) for row in certifications),
    )
