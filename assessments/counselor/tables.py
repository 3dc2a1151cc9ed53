"""The counselor dashboard's table of shared results (django-tables2).

The columns give the headings, sorting and paging. Each row is drawn by the table's
template straight from its result: tables2's per-cell rendering cost more than the rest of
the page together.
"""

from __future__ import annotations

import django_tables2 as tables

from assessments.models import Result

RESULTS_PER_PAGE = 25


class SharedResultTable(tables.Table):
    person = tables.Column(
        accessor="shared_name", verbose_name="Person", order_by=("shared_name", "shared_email")
    )
    role_title = tables.Column(verbose_name="Target role")
    readiness = tables.Column(verbose_name="Readiness")
    band = tables.Column(verbose_name="Band")
    top_gaps = tables.Column(verbose_name="Top gaps", orderable=False)
    shared_at = tables.Column(verbose_name="Shared")
    status = tables.Column(accessor="review__status", verbose_name="Status")

    class Meta:
        model = Result
        fields = ("person", "role_title", "readiness", "band", "top_gaps", "shared_at", "status")
        order_by = "-shared_at"
        template_name = "assessments/counselor/table.html"
        attrs = {"class": "table align-middle results-table"}
        empty_text = "No shared results match these filters."
