"""Once added account and session revision triggers; 0003 removes what it left.

Emptied for the same reason as 0001.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careerfit", "0001_revisions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sessions", "0001_initial"),
    ]

    operations: list[migrations.operations.base.Operation] = []
