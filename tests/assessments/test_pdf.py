"""The PDF report: the same figures as the page, a title block saying whose report it is,
page numbers and the private-link footer; the page's access rules."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.test import Client

from assessments import pdf, services
from assessments.reports import report_from_json
from tests.assessments.conftest import result_for
from tests.conftest import client_for, pdf_text

pytestmark = pytest.mark.django_db


def _pdf(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return pdf_text(response.content)


def test_the_pdf_carries_the_reports_figures_under_a_title_block(planner_result):
    response = Client().get(f"/results/{planner_result.token}/report.pdf")
    text = _pdf(response)
    report = report_from_json(planner_result.report)

    assert response["Content-Disposition"] == (
        f'attachment; filename="careerfit-production-planner-'
        f'{planner_result.created_at:%Y-%m-%d}.pdf"'
    )
    assert "careerfit · Skills check report Production Planner" in text
    for part in [
        "For: Ana Diaz",
        f"Date: {planner_result.created_at:%-d %B %Y}",
        "Check: full check",
        "Scored against: careerfit’s list of roles and skills as it was that day",
    ]:
        assert part in text
    assert "READINESS 58% Developing Based on 15 of 15 skills, 100% of what matters." in text
    assert report.headline in text
    assert "Bills of materials and product data costs you 14.1 of the 100 points." in text
    for gap in report.gaps:
        assert gap.skill_name in text
    for offer in report.take_now[:6]:
        assert offer.name in text
    assert "Your next career step" in text
    assert report.next_step is not None
    assert report.next_step.title in text
    pages = int(re.findall(r"Page 1 of (\d+)", text)[0])
    assert 3 <= pages <= 8
    assert (
        text.count("careerfit · Private: anyone with this result's link can open it online.")
        == pages
    )
    # Nothing to press on paper.
    assert "Answer " not in text
    assert "Share with counselors" not in text


def test_an_owned_results_pdf_opens_only_for_its_owner(job_seeker):
    result = result_for("production-planner", owner=job_seeker)
    path = f"/results/{result.token}/report.pdf"

    assert Client().get(path).status_code == 404
    assert client_for(job_seeker).get(path).status_code == 200


def test_counselors_get_the_pdf_of_a_shared_result_only(counselor, job_seeker):
    shared = result_for("production-planner", share_as="Ana Diaz")
    private = result_for("production-planner")

    text = _pdf(client_for(counselor).get(f"/counselor/results/{shared.pk}/report.pdf"))
    assert "Production Planner" in text
    assert (
        client_for(counselor).get(f"/counselor/results/{private.pk}/report.pdf").status_code == 404
    )
    assert (
        client_for(job_seeker).get(f"/counselor/results/{shared.pk}/report.pdf").status_code == 403
    )
    services.result_withdraw(result=shared)
    assert (
        client_for(counselor).get(f"/counselor/results/{shared.pk}/report.pdf").status_code == 404
    )


def test_the_pdf_never_fetches_a_url(planner_result):
    with pytest.raises(ValueError, match="careerfit's PDF reports load nothing"):
        pdf._no_fetching().fetch("http://169.254.169.254/latest/meta-data/")
    # A name typed as markup is text on paper, and nothing is fetched for the report.
    type(planner_result).objects.filter(pk=planner_result.pk).update(
        name='<img src="http://169.254.169.254/x.png">'
    )
    with mock.patch("weasyprint.urls.URLFetcher.open") as fetch:
        text = _pdf(Client().get(f"/results/{planner_result.token}/report.pdf"))
    fetch.assert_not_called()
    assert 'For: <img src="http://169.254.169.254/x.png">' in text
