"""Remove the revision tokens earlier releases kept: every trigger that wrote them, the
trigger function (PostgreSQL) and the token table.

The triggers are found by name in the database's own catalogue rather than from a list,
so tables that were rebuilt (and lost theirs) or renamed since are handled alike. On a
database that never had them this does nothing.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TRIGGER_PREFIX = "careerfit_revision_"


def drop_revision_tokens(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    connection = schema_editor.connection
    quote = schema_editor.quote_name
    pattern = TRIGGER_PREFIX.replace("_", r"\_") + "%"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE NOT t.tgisinternal AND n.nspname = current_schema() "
                r"AND t.tgname LIKE %s ESCAPE '\'",
                [pattern],
            )
            for trigger, table in cursor.fetchall():
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)} ON {quote(table)}")
            schema_editor.execute("DROP FUNCTION IF EXISTS careerfit_new_revision()")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                r"AND name LIKE %s ESCAPE '\'",
                [pattern],
            )
            for (trigger,) in cursor.fetchall():
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)}")
    schema_editor.execute("DROP TABLE IF EXISTS careerfit_revision")


class Migration(migrations.Migration):
    dependencies = [("careerfit", "0002_account_and_session_revisions")]

    operations = [migrations.RunPython(drop_revision_tokens, migrations.RunPython.noop)]
