"""A scored submission is a "result" everywhere: models, fields, indexes and constraints.

The tables are renamed in place, so every row, link and history entry stays as it was.
Constraints cannot be renamed portably, so each is dropped and added again under its new
name; indexes are renamed. On PostgreSQL the trigram search indexes follow.
"""

import django.db.models.deletion
from django.db import migrations, models

SHARED = models.Q(shared_at__isnull=False)
INDEXES = {
    "result": [
        "shared",
        "shared_role",
        "shared_band",
        "shared_person",
        "shared_readiness",
        "shared_band_ready",
        "shared_role_ready",
        "shared_role_title",
    ],
    "resultgap": ["gap_skill"],
    "resultrecommendation": ["recommendation_cert"],
}
SEARCH_COLUMNS = ("shared_name", "shared_email")


def _rename_search_indexes(old: str, new: str):
    def rename(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in SEARCH_COLUMNS:
            schema_editor.execute(
                f"ALTER INDEX IF EXISTS {old}_search_{column} RENAME TO {new}_search_{column}"
            )

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_band_choices"),
        ("roles", "0003_drop_catalogue_version"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="assessment", name="assessment_readiness_0_to_100"),
        migrations.RemoveConstraint(
            model_name="assessment", name="assessment_contact_only_while_shared"
        ),
        migrations.RemoveConstraint(model_name="assessmentgap", name="assessment_gap_rank"),
        migrations.RemoveConstraint(
            model_name="assessmentrecommendation", name="assessment_recommendation_rank"
        ),
        migrations.RenameModel("Assessment", "Result"),
        migrations.RenameModel("AssessmentGap", "ResultGap"),
        migrations.RenameModel("AssessmentRecommendation", "ResultRecommendation"),
        *(
            migrations.RenameField(model_name=model, old_name="assessment", new_name="result")
            for model in (
                "resultgap",
                "resultrecommendation",
                "review",
                "note",
                "actionstep",
                "historicalreview",
                "historicalactionstep",
            )
        ),
        *(
            migrations.RenameIndex(
                model_name=model, new_name=f"result_{name}", old_name=f"assessment_{name}"
            )
            for model, names in INDEXES.items()
            for name in names
        ),
        migrations.AddConstraint(
            model_name="result",
            constraint=models.CheckConstraint(
                condition=models.Q(readiness__gte=0) & models.Q(readiness__lte=100),
                name="result_readiness_0_to_100",
            ),
        ),
        migrations.AddConstraint(
            model_name="result",
            constraint=models.CheckConstraint(
                condition=SHARED | (models.Q(shared_name="") & models.Q(shared_email="")),
                name="result_contact_only_while_shared",
                violation_error_message="Contact details are kept only while a result is shared.",
            ),
        ),
        migrations.AddConstraint(
            model_name="resultgap",
            constraint=models.UniqueConstraint(fields=["result", "rank"], name="result_gap_rank"),
        ),
        migrations.AddConstraint(
            model_name="resultrecommendation",
            constraint=models.UniqueConstraint(
                fields=["result", "rank"], name="result_recommendation_rank"
            ),
        ),
        *(
            migrations.AlterModelOptions(name=model, options={"ordering": ["result", "rank"]})
            for model in ("resultgap", "resultrecommendation")
        ),
        migrations.AlterField(
            model_name="result",
            name="draft",
            field=models.OneToOneField(
                blank=True,
                help_text="The draft it was submitted from; one draft gives at most one result.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="result",
                to="assessments.draft",
            ),
        ),
        migrations.AlterField(
            model_name="result",
            name="role",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="results",
                to="roles.role",
            ),
        ),
        migrations.RunPython(
            _rename_search_indexes("assessment", "result"),
            _rename_search_indexes("result", "assessment"),
        ),
    ]
