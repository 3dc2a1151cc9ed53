from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def first_version(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("roles", "CatalogueVersion").objects.using(
        schema_editor.connection.alias
    ).get_or_create(pk=1, defaults={"number": 1})


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=1)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("pk", 1)), name="one_version_row")
                ],
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
