from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from careerfit.models import Revision
from careerfit.revisions import ACCOUNTS_TABLES, RESULTS_TABLES, SESSIONS_TABLES, unwatch, watch

# The kind 0001 made for the same tables, under a name that said less than they hold.
SHARED_RESULTS = "shared-results"


def _forget(schema_editor: BaseDatabaseSchemaEditor, *kinds: str) -> None:
    for kind in kinds:
        schema_editor.execute("DELETE FROM careerfit_revision WHERE kind = %s", [kind])


def add_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    unwatch(schema_editor, RESULTS_TABLES)
    _forget(schema_editor, SHARED_RESULTS)
    watch(schema_editor, Revision.Kind.RESULTS, RESULTS_TABLES)
    watch(schema_editor, Revision.Kind.ACCOUNTS, ACCOUNTS_TABLES)
    watch(schema_editor, Revision.Kind.SESSIONS, SESSIONS_TABLES)


def drop_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    unwatch(schema_editor, RESULTS_TABLES + ACCOUNTS_TABLES + SESSIONS_TABLES)
    _forget(
        schema_editor, Revision.Kind.RESULTS, Revision.Kind.ACCOUNTS, Revision.Kind.SESSIONS
    )
    watch(schema_editor, SHARED_RESULTS, RESULTS_TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("careerfit", "0001_revisions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="revision",
            name="kind",
            field=models.CharField(
                choices=[
                    ("catalogue", "Role catalogue"),
                    ("results", "Results and their reviews"),
                    ("accounts", "Accounts, groups and permissions"),
                    ("sessions", "Sign-in sessions"),
                ],
                max_length=40,
                primary_key=True,
                serialize=False,
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
