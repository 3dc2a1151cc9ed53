"""Once created the revision-token table and its triggers; 0003 removes what it left.

Emptied so a fresh database never builds them: applied or not, every database ends the
same after 0003.
"""

from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("roles", "0001_initial"),
        ("assessments", "0008_search_trigrams"),
    ]

    operations: list[migrations.operations.base.Operation] = []
