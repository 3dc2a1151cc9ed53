from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from careerfit.models import Revision
from careerfit.revisions import CATALOGUE_TABLES, unwatch, watch

# Named here, not imported: 0002 renamed this kind to results.
SHARED_RESULTS = "shared-results"
SHARED_RESULTS_TABLES = ("assessments_assessment", "assessments_review")


def add_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    watch(schema_editor, Revision.Kind.CATALOGUE, CATALOGUE_TABLES)
    watch(schema_editor, SHARED_RESULTS, SHARED_RESULTS_TABLES)


def drop_triggers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    unwatch(schema_editor, CATALOGUE_TABLES + SHARED_RESULTS_TABLES)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("roles", "0001_initial"),
        ("assessments", "0008_search_trigrams"),
    ]

    operations = [
        migrations.CreateModel(
            name="Revision",
            fields=[
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("catalogue", "Role catalogue"),
                            ("shared-results", "Shared results and their reviews"),
                        ],
                        max_length=40,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
