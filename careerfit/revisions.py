"""Revision tokens: read them, and the triggers that keep them.

A token is random rather than a counter, so a token names one state of the data: after a
database is restored or a test transaction rolls back, an old token comes back only
together with the data it was taken from.

Whatever is cached under a token must be read after the token: data read first may be
older than the token and would then be kept as if it were current.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Model, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse

from careerfit.models import Revision

# The tables each kind covers. A table added to a kind needs a migration calling watch().
CATALOGUE_TABLES = (
    "roles_source",
    "roles_skill",
    "roles_role",
    "roles_rolecitation",
    "roles_rolerequirement",
    "roles_careerstep",
    "roles_certification",
    "roles_certification_prerequisites",
    "roles_certificationskill",
    "roles_experiencewaiver",
)
RESULTS_TABLES = ("assessments_assessment", "assessments_review")
# Everything that decides who a signed-in person is and what they may do.
ACCOUNTS_TABLES = (
    "auth_user",
    "auth_user_groups",
    "auth_user_user_permissions",
    "auth_group",
    "auth_group_permissions",
    "auth_permission",
    "django_content_type",
)
SESSIONS_TABLES = ("django_session",)

M = TypeVar("M", bound=Model)

# Before any change is recorded (and after every table is emptied) a kind has no row.
UNRECORDED = ""


@dataclass(frozen=True)
class Revisions:
    catalogue: str
    results: str
    accounts: str
    sessions: str


class _RequestTokens:
    """The tokens one reading request has read so far."""

    revisions: Revisions | None = None


# Set by ReadOncePerRequest while it handles a GET or HEAD; None everywhere else.
_request_tokens: ContextVar[_RequestTokens | None] = ContextVar(
    "careerfit_request_tokens", default=None
)


def current() -> Revisions:
    """Every kind's token, in one query; within a GET or HEAD, the request's first reading.

    Nearly every page reads this first, so it skips the ORM's query building, which costs
    several times the query itself here.
    """
    request_tokens = _request_tokens.get()
    if request_tokens is None:
        return _read()
    if request_tokens.revisions is None:
        request_tokens.revisions = _read()
    return request_tokens.revisions


def _read() -> Revisions:
    with connection.cursor() as cursor:
        # The table name is the model's own, not input.
        cursor.execute(f"SELECT kind, token FROM {Revision._meta.db_table}")  # noqa: S608  # nosec B608
        return _revisions(dict(cursor.fetchall()))


def _revisions(tokens: Mapping[str, str | None]) -> Revisions:
    return Revisions(
        catalogue=tokens.get(Revision.Kind.CATALOGUE) or UNRECORDED,
        results=tokens.get(Revision.Kind.RESULTS) or UNRECORDED,
        accounts=tokens.get(Revision.Kind.ACCOUNTS) or UNRECORDED,
        sessions=tokens.get(Revision.Kind.SESSIONS) or UNRECORDED,
    )


# The attribute each kind's token gets from with_tokens().
_TOKEN_ATTRIBUTES = {kind: f"revision_{kind.replace('-', '_')}" for kind in Revision.Kind.values}


def with_tokens(queryset: QuerySet[M]) -> QuerySet[M]:
    """`queryset`, with every kind's token read in the same query as each row.

    For the one row a page starts from: remember_tokens_of() then spares the page the
    query current() would make. Row and tokens come from one statement, so one state of
    the database.
    """
    return queryset.annotate(
        **{
            attribute: Subquery(Revision.objects.filter(kind=kind).values("token")[:1])
            for kind, attribute in _TOKEN_ATTRIBUTES.items()
        }
    )


def remember_tokens_of(row: Model) -> None:
    """Within a GET or HEAD that has not read the tokens yet, take those read with `row`
    (a row of a with_tokens() queryset) as the request's."""
    request_tokens = _request_tokens.get()
    if request_tokens is not None and request_tokens.revisions is None:
        request_tokens.revisions = _revisions(
            {kind: getattr(row, attribute) for kind, attribute in _TOKEN_ATTRIBUTES.items()}
        )


class ReadOncePerRequest:
    """Middleware: a GET or HEAD reads the tokens once, for its session, its account and
    every page part it draws.

    Such a request changes none of the data the tokens follow (a GET never writes), so
    its first reading stays right to its end. Other methods read afresh each time, since
    what they draw after a write must carry the token that write made.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        reset = _request_tokens.set(_RequestTokens())
        try:
            return self.get_response(request)
        finally:
            _request_tokens.reset(reset)


# SQL expressions for 32 random hex digits.
_POSTGRES_RANDOM_HEX = "md5(random()::text || clock_timestamp()::text)"
_SQLITE_RANDOM_HEX = "lower(hex(randomblob(16)))"
_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION careerfit_new_revision() RETURNS trigger AS $$
BEGIN
    INSERT INTO careerfit_revision (kind, token)
    VALUES (TG_ARGV[0], md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (kind) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
_SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")


def _trigger_name(table: str, event: str = "") -> str:
    return f"careerfit_revision_{table}" + (f"_{event.lower()}" if event else "")


def watch(schema_editor: BaseDatabaseSchemaEditor, kind: str, tables: tuple[str, ...]) -> None:
    """Give `kind` a new token on every change to `tables`, and a first token now.

    Only names from this code reach the SQL: `kind` is a Revision.Kind (or, in an early
    migration, a kind since renamed) and each table one the migrations name.
    """
    if not re.fullmatch(r"[a-z]+(-[a-z]+)*", kind):
        raise ValueError(f"A revision kind is lowercase words joined by dashes, not {kind!r}.")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_POSTGRES_FUNCTION)
        for table in tables:
            # Statement triggers: one new token per statement, however many rows it touches.
            schema_editor.execute(
                f"CREATE TRIGGER {_trigger_name(table)} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION careerfit_new_revision('{kind}')"
            )
        random_hex = _POSTGRES_RANDOM_HEX
    elif vendor == "sqlite":
        # SQLite has row triggers only, one per event.
        for table in tables:
            for event in _SQLITE_EVENTS:
                # Names and kinds come from this module, never from input.
                schema_editor.execute(
                    f"CREATE TRIGGER {_trigger_name(table, event)} AFTER {event} ON {table} "  # noqa: S608  # nosec B608
                    f"BEGIN INSERT INTO careerfit_revision (kind, token) "
                    f"VALUES ('{kind}', {_SQLITE_RANDOM_HEX}) "
                    "ON CONFLICT (kind) DO UPDATE SET token = excluded.token; END"
                )
        random_hex = _SQLITE_RANDOM_HEX
    else:
        raise NotImplementedError(
            f"Revision triggers exist for PostgreSQL and SQLite, not {vendor}."
        )
    # random_hex is one of the two constants above.
    schema_editor.execute(
        f"INSERT INTO careerfit_revision (kind, token) VALUES (%s, {random_hex}) "  # noqa: S608  # nosec B608
        "ON CONFLICT (kind) DO NOTHING",
        [kind],
    )


def unwatch(schema_editor: BaseDatabaseSchemaEditor, tables: tuple[str, ...]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
        else:
            for event in _SQLITE_EVENTS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table, event)}")
