"""The Counselors group, and the cohort rows, reviews and retake chains of earlier results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COUNSELORS = "Counselors"


def counselors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this one is needed now.
    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=COUNSELORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="assessments", codename="review_shared")
    )


def counselors_group_remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COUNSELORS).delete()


def earlier_results(apps, schema_editor):
    from assessments.reports import gap_rows, recommendation_rows, report_from_json

    Assessment = apps.get_model("assessments", "Assessment")
    AssessmentGap = apps.get_model("assessments", "AssessmentGap")
    AssessmentRecommendation = apps.get_model("assessments", "AssessmentRecommendation")
    Review = apps.get_model("assessments", "Review")
    for assessment in Assessment.objects.order_by("created_at", "pk").iterator(chunk_size=500):
        report = report_from_json(assessment.report)
        AssessmentGap.objects.bulk_create(
            AssessmentGap(assessment=assessment, **row) for row in gap_rows(report)
        )
        AssessmentRecommendation.objects.bulk_create(
            AssessmentRecommendation(assessment=assessment, **row)
            for row in recommendation_rows(report)
        )
        if assessment.previous_id is not None:
            previous = Assessment.objects.get(pk=assessment.previous_id)
            Assessment.objects.filter(pk=assessment.pk).update(
                first_attempt_id=previous.first_attempt_id or previous.pk
            )
        if assessment.shared_at is not None:
            Review.objects.get_or_create(assessment=assessment)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_counselor_workspace"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(counselors_group, counselors_group_remove),
        migrations.RunPython(earlier_results, migrations.RunPython.noop),
    ]
