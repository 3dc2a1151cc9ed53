"""The counselor dashboard's table of shared results (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from assessments.models import Assessment
from assessments.scoring import Band

RESULTS_PER_PAGE = 25


class SharedResultTable(tables.Table):
    person = tables.Column(
        accessor="shared_name", verbose_name="Person", order_by=("shared_name", "shared_email")
    )
    role_title = tables.Column(verbose_name="Target role")
    readiness = tables.Column(verbose_name="Readiness", attrs={"td": {"class": "text-end"}})
    band = tables.Column(verbose_name="Band")
    top_gaps = tables.Column(verbose_name="Top gaps", orderable=False, empty_values=())
    shared_at = tables.DateColumn(verbose_name="Shared", format="j M Y")
    # tables2 shows a choice field's label itself ("In review").
    status = tables.Column(accessor="review__status", verbose_name="Status", default="New")

    class Meta:
        model = Assessment
        fields = ("person", "role_title", "readiness", "band", "top_gaps", "shared_at", "status")
        order_by = "-shared_at"
        template_name = "assessments/counselor/table.html"
        attrs = {"class": "table align-middle results-table"}
        empty_text = "No shared results match these filters."

    def render_person(self, record: Assessment) -> Any:
        url = reverse("assessments:counselor-result", args=[record.pk])
        if record.shared_email:
            return format_html(
                '<a href="{}">{}</a><span class="d-block small fw-normal">{}</span>',
                url,
                record.shared_name,
                record.shared_email,
            )
        return format_html('<a href="{}">{}</a>', url, record.shared_name)

    def render_readiness(self, value: Any) -> str:
        return f"{value:.1f}%"

    def render_band(self, value: str) -> str:
        return Band(value).label

    def render_top_gaps(self, value: list[str]) -> str:
        return "; ".join(value) if value else "None"
