"""On PostgreSQL, trigram indexes so the counselors' name and email search stays fast.

Django's case-insensitive "contains" is UPPER(column::text) LIKE UPPER('%…%') there, which
a plain index cannot serve; a trigram GIN index on the same expression can. SQLite has no
such index and scans, which is fine at the sizes it serves.
"""

from django.db import migrations

COLUMNS = ("shared_name", "shared_email")


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS assessment_search_{column} ON assessments_assessment "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops) WHERE shared_at IS NOT NULL"
        )


def trigram_indexes_remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS assessment_search_{column}")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0007_top_gaps_and_sort_indexes")]

    operations = [migrations.RunPython(trigram_indexes, trigram_indexes_remove)]
