"""The counselor workspace's filters: one set serves the dashboard, its export and the cohort."""

from __future__ import annotations

from typing import Any

import django_filters
from crispy_forms.helper import FormHelper
from django.db.models import Q, QuerySet

from assessments.models import Result, ReviewStatus
from assessments.scoring import Band

SEARCH_MAX_LENGTH = 100


class SharedResultFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Name or email", method="search", max_length=SEARCH_MAX_LENGTH
    )
    role = django_filters.ChoiceFilter(
        field_name="role_slug", label="Target role", empty_label="All roles"
    )
    band = django_filters.ChoiceFilter(
        choices=[(band.value, band.label) for band in Band],
        label="Readiness band",
        empty_label="All bands",
    )
    status = django_filters.ChoiceFilter(
        field_name="review__status",
        choices=ReviewStatus.choices,
        label="Status",
        empty_label="Any status",
    )
    # Read from shared_after and shared_before; counselor/filters.html draws the two pickers.
    shared = django_filters.DateFromToRangeFilter(field_name="shared_at", label="Shared between")

    class Meta:
        model = Result
        fields = ["q", "role", "band", "status", "shared"]

    def __init__(self, *args: Any, role_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["role"].extra["choices"] = role_choices
        self.form.helper = FormHelper()
        self.form.helper.form_tag = False
        self.form.helper.disable_csrf = True

    def search(self, queryset: QuerySet[Result], name: str, value: str) -> QuerySet[Result]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(shared_name__icontains=value) | Q(shared_email__icontains=value))
