"""Revision tokens: read them, and the triggers that keep them.

A token is random rather than a counter, so a token names one state of the data: after a
database is restored or a test transaction rolls back, an old token comes back only
together with the data it was taken from.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

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
SHARED_RESULTS_TABLES = ("assessments_assessment", "assessments_review")

# Before any change is recorded (and after every table is emptied) a kind has no row.
UNRECORDED = ""


@dataclass(frozen=True)
class Revisions:
    catalogue: str
    shared_results: str


def current() -> Revisions:
    """Every kind's token, in one query.

    Nearly every page reads this first, so it skips the ORM's query building, which costs
    several times the query itself here.
    """
    with connection.cursor() as cursor:
        # The table name is the model's own, not input.
        cursor.execute(f"SELECT kind, token FROM {Revision._meta.db_table}")  # noqa: S608  # nosec B608
        tokens = dict(cursor.fetchall())
    return Revisions(
        catalogue=tokens.get(Revision.Kind.CATALOGUE, UNRECORDED),
        shared_results=tokens.get(Revision.Kind.SHARED_RESULTS, UNRECORDED),
    )


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

    Only names from this code reach the SQL: `kind` must be a Revision.Kind and each table
    one of careerfit's own.
    """
    if kind not in Revision.Kind.values:
        raise ValueError(f"Unknown revision kind {kind!r}.")
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
