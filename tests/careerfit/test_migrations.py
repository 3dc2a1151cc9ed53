"""Migrations: a fresh database has no revision tokens, and one from an earlier release
loses every trigger, the trigger function and the token table."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from roles.models import Skill

pytestmark = pytest.mark.django_db

drop = importlib.import_module("careerfit.migrations.0003_drop_revision_tokens")

# What earlier releases made, as they made it (careerfit/revisions.py of release 0.1).
OLD_TABLE = "CREATE TABLE careerfit_revision (kind varchar(40) PRIMARY KEY, token varchar(32))"
OLD_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION careerfit_new_revision() RETURNS trigger AS $$
BEGIN
    INSERT INTO careerfit_revision (kind, token)
    VALUES (TG_ARGV[0], md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (kind) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
WATCHED = {"roles_skill": "catalogue", "auth_user": "accounts", "django_session": "sessions"}


def _triggers() -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgname LIKE 'careerfit_revision_%%' ORDER BY tgname"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'careerfit_revision_%%' ORDER BY name"
            )
        return [name for (name,) in cursor.fetchall()]


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def _functions() -> int:
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_proc WHERE proname = 'careerfit_new_revision'")
        return int(cursor.fetchone()[0])


def _editor():
    # Not entered: SQLite's editor refuses to start inside the test's transaction, and
    # these statements need none of what entering it sets up.
    return connection.schema_editor()


def _make_an_old_release_database() -> None:
    editor = _editor()
    editor.execute(OLD_TABLE)
    if connection.vendor == "postgresql":
        editor.execute(OLD_POSTGRES_FUNCTION)
        for table, kind in WATCHED.items():
            editor.execute(
                f"CREATE TRIGGER careerfit_revision_{table} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION careerfit_new_revision('{kind}')"
            )
    else:
        for table, kind in WATCHED.items():
            for event in ("INSERT", "UPDATE", "DELETE"):
                editor.execute(
                    f"CREATE TRIGGER careerfit_revision_{table}_{event.lower()} "  # noqa: S608
                    f"AFTER {event} ON {table} BEGIN INSERT INTO careerfit_revision "
                    f"(kind, token) VALUES ('{kind}', lower(hex(randomblob(16)))) "
                    "ON CONFLICT (kind) DO UPDATE SET token = excluded.token; END"
                )


def test_a_fresh_database_has_no_revision_tokens():
    assert _triggers() == []
    assert "careerfit_revision" not in _tables()
    assert _functions() == 0


def test_an_upgraded_database_loses_every_trigger_the_function_and_the_table():
    _make_an_old_release_database()
    per_table = 1 if connection.vendor == "postgresql" else 3
    assert len(_triggers()) == len(WATCHED) * per_table
    assert "careerfit_revision" in _tables()

    drop.drop_revision_tokens(None, _editor())

    assert _triggers() == []
    assert "careerfit_revision" not in _tables()
    assert _functions() == 0
    # A catalogue write no longer reaches for the table that is gone.
    Skill.objects.filter(slug="budgeting").update(name="Budgeting and cost control")
    assert Skill.objects.get(slug="budgeting").name == "Budgeting and cost control"


def test_dropping_twice_does_nothing_the_second_time():
    drop.drop_revision_tokens(None, _editor())
    drop.drop_revision_tokens(None, _editor())
    assert _triggers() == []
