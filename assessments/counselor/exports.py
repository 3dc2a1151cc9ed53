"""The counselor workspace's CSV files: the filtered list of shared results and a cohort's
figures."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet
from django.utils import timezone

from assessments import scoring
from assessments.counselor import selectors
from assessments.models import Result, ReviewStatus

EXPORT_CHUNK = 1000

RESULTS_CSV_HEADER = [
    "shared_on",
    "name",
    "email",
    "target_role",
    "readiness",
    "band",
    "status",
    "taken_on",
    "top_gaps",
]


def result_rows(results: QuerySet[Result]) -> Iterator[Sequence[object]]:
    yield RESULTS_CSV_HEADER
    rows = results.values_list(
        "shared_at",
        "shared_name",
        "shared_email",
        "role_title",
        "readiness",
        "band",
        "review__status",
        "created_at",
        "top_gaps",
    )
    for shared_at, name, email, role, readiness, band, status, taken_at, top_gaps in rows.iterator(
        chunk_size=EXPORT_CHUNK
    ):
        yield [
            f"{timezone.localtime(shared_at):%Y-%m-%d}",
            name,
            email,
            role,
            readiness,
            scoring.Band(band).label,
            ReviewStatus(status or ReviewStatus.NEW).label,
            f"{timezone.localtime(taken_at):%Y-%m-%d}",
            "; ".join(top_gaps),
        ]


def cohort_rows(figures: selectors.Cohort) -> Iterator[Sequence[object]]:
    yield [
        "section",
        "item",
        "results",
        "average_readiness",
        "ready",
        "nearly_ready",
        "developing",
        "weighted_gap",
        "eligible_now",
    ]
    yield [
        "all",
        "All results",
        figures.result_count,
        "" if figures.average is None else f"{figures.average:.1f}",
        "",
        "",
        "",
        "",
        "",
    ]
    for role in figures.roles:
        yield [
            "role",
            role.role_title,
            role.count,
            f"{role.average:.1f}",
            role.ready,
            role.nearly_ready,
            role.developing,
            "",
            "",
        ]
    for gap in figures.gaps:
        yield ["gap", gap.skill_name, gap.people, "", "", "", "", gap.weight, ""]
    for cert in figures.certifications:
        yield [
            "certification",
            f"{cert.name} ({cert.abbreviation})",
            cert.people,
            "",
            "",
            "",
            "",
            "",
            cert.eligible_now,
        ]
