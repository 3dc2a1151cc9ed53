"""One-row lookups whose SQL is built once: the same rows as the ORM's get()."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import MultipleObjectsReturned
from django.db.models import F

from assessments import services
from assessments.models import Assessment, Draft
from careerfit.lookups import OneRowLookup
from tests.assessments.conftest import fill, result_for

pytestmark = pytest.mark.django_db


def test_a_lookup_gives_the_row_get_gives_with_its_annotation():
    lookup = OneRowLookup(Draft.objects.annotate(result_token=F("assessment__token")), "token")
    open_draft = fill(services.draft_start(mode="explore", length="quick"), 3)
    submitted = result_for("production-planner", 2)

    # Annotations are set on the instance; the type checker cannot follow them.
    found: Any = lookup.get(open_draft.token)
    assert found is not None
    assert (found.pk, found.answers, found.result_token) == (
        open_draft.pk,
        open_draft.answers,
        None,
    )
    assert submitted.draft is not None
    found_submitted: Any = lookup.get(submitted.draft.token)
    assert found_submitted is not None
    assert found_submitted.result_token == submitted.token


def test_a_lookup_reads_one_row_in_one_query_and_defers_what_it_leaves_out(
    django_assert_num_queries,
):
    lookup = OneRowLookup(Assessment.objects.defer("report"), "token")
    result = result_for("production-planner", 2)
    report = Assessment.objects.get(pk=result.pk).report

    for _ in range(2):
        with django_assert_num_queries(1):
            found = lookup.get(result.token)
    assert found is not None
    assert found.get_deferred_fields() == {"report"}
    with django_assert_num_queries(1):
        assert found.report == report


def test_a_lookup_of_an_unknown_value_gives_none():
    lookup = OneRowLookup(Draft.objects.all(), "token")
    services.draft_start(mode="explore", length="quick")

    assert lookup.get("no-such-token") is None


def test_a_lookup_by_a_field_two_rows_share_refuses_to_pick_one():
    lookup = OneRowLookup(Draft.objects.all(), "role_slug")
    for _ in range(2):
        services.draft_start(mode="target", length="quick", role_slug="production-planner")

    with pytest.raises(MultipleObjectsReturned, match="2 rows have role_slug"):
        lookup.get("production-planner")


def test_a_lookup_refuses_related_rows_it_could_not_return():
    lookup = OneRowLookup(Assessment.objects.select_related("previous"), "token")

    with pytest.raises(ValueError, match="leave out select_related"):
        lookup.get("any")
