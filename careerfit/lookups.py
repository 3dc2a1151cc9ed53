"""One-row reads whose SQL Django builds once per process instead of on every request.

On the machines careerfit runs on, building a query's SQL through the ORM costs several
times running it. The pages a job seeker opens again and again (a questionnaire step, a
result) each start by reading one row by its link token, so that SQL is built once from
the queryset, per database, and then run as a raw query that yields the same model
instances: annotations become attributes and columns left out are deferred.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from django.core.exceptions import MultipleObjectsReturned
from django.db import connections
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

# Stands in for the looked-up value while the SQL is built.
_VALUE = "careerfit-one-row-lookup-value"


class OneRowLookup(Generic[M]):
    """`queryset.get(<field>=value)`, or None, with the SQL built on first use.

    The queryset may filter, annotate and defer, but not select_related: a raw query gives
    back one model's columns. `field` must be unique, as for get().
    """

    def __init__(self, queryset: QuerySet[M], field: str) -> None:
        self._queryset = queryset.order_by()
        self._field = field
        self._sql: dict[str, tuple[str, tuple[object, ...]]] = {}

    def get(self, value: str) -> M | None:
        alias = self._queryset.db
        if alias not in self._sql:
            self._sql[alias] = self._build(alias)
        sql, params = self._sql[alias]
        rows = list(
            self._queryset.model._default_manager.db_manager(alias).raw(
                sql, [value if param == _VALUE else param for param in params]
            )
        )
        if len(rows) > 1:
            raise MultipleObjectsReturned(f"{len(rows)} rows have {self._field} {value!r}.")
        return rows[0] if rows else None

    def _build(self, alias: str) -> tuple[str, tuple[object, ...]]:
        query = self._queryset.filter(**{self._field: _VALUE}).query
        if query.select_related:
            raise ValueError(
                "A one-row lookup reads one model's columns; leave out select_related."
            )
        sql, params = query.get_compiler(connection=connections[alias]).as_sql()
        if list(params).count(_VALUE) != 1:
            raise ValueError(f"The lookup's SQL must take the {self._field} exactly once.")
        return sql, tuple(params)
