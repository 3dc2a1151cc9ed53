"""manage.py demo_results: realistic results for trying the counselor workspace and benchmarks."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from assessments.models import Draft, Result, Review
from assessments.reports import report_from_json

pytestmark = pytest.mark.django_db


def test_demo_results_are_made_through_the_services(capsys):
    call_command("demo_results", count=4, shared=1.0, seed=7)

    results = Result.objects.all()
    assert results.count() == 4
    assert Draft.objects.filter(result__in=results).count() == 4
    assert Review.objects.filter(result__in=results).count() == 4
    for result in results:
        assert result.gap_rows.count() == len(report_from_json(result.report).gaps)
        assert result.shared_name.split()[0].lower() in result.shared_email
        assert result.shared_at is not None
        assert result.shared_at > result.created_at
    counselor = User.objects.get(username="demo-counselor@careerfit.example")
    assert counselor.has_perm("assessments.review_shared")
    assert capsys.readouterr().out.splitlines()[-1] == "Made 4 demo results."


def test_demo_results_can_keep_everything_private():
    call_command("demo_results", count=3, shared=0.0, seed=7)

    assert Result.objects.count() == 3
    assert Result.objects.filter(shared_at__isnull=False).count() == 0
    assert Review.objects.count() == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"count": 0}, "--count must be at least 1."),
        ({"count": 5, "shared": 1.5}, "--shared must be between 0 and 1."),
    ],
)
def test_demo_results_refuses_bad_options(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("demo_results", **options)
    assert Result.objects.count() == 0
