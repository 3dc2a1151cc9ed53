"""The counselor workspace's pages, as counselors and everyone else see them."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from assessments import services
from assessments.counselor import services as counselor_services
from assessments.models import ActionStep, Note, Result
from assessments.scoring import Band
from tests.assessments.conftest import result_for
from tests.conftest import client_for, without_csrf

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _people(response) -> list[str]:
    """The names in the dashboard's table, top to bottom."""
    return re.findall(
        r'<th scope="row"><a href="/counselor/results/\d+/">([^<]+)</a>', _text(response)
    )


def _csv(response) -> list[list[str]]:
    assert response.streaming
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def _shared_on(result: Result, days_ago: int) -> None:
    Result.objects.filter(pk=result.pk).update(shared_at=timezone.now() - timedelta(days=days_ago))


@pytest.fixture
def caseload(counselor):
    """Four shared results and one private one, shared on different days."""
    ana = result_for("production-planner", 1, share_as="Ana Diaz")
    ben = result_for("production-planner", 3, share_as="Ben Okafor")
    cleo = result_for("production-line-worker", 4, share_as="Cleo Park")
    dev = result_for("production-scheduler", 3, share_as="Dev Patel")
    result_for("production-planner", 2)
    for days, result in enumerate([dev, cleo, ben, ana]):
        _shared_on(result, days * 10)
    counselor_services.review_status_set(review=ben.review, status="follow-up", by=counselor)
    assert [a.band for a in (ana, ben, cleo, dev)] == [
        "developing",
        "ready",
        "ready",
        "nearly-ready",
    ]
    return {"ana": ana, "ben": ben, "cleo": cleo, "dev": dev}


def test_the_dashboard_lists_shared_results_newest_first(caseload, counselor):
    response = client_for(counselor).get("/counselor/")

    text = _text(response)
    assert _people(response) == ["Dev Patel", "Cleo Park", "Ben Okafor", "Ana Diaz"]
    assert "<strong>4</strong> shared results." in text
    assert "ben@example.com" in text
    assert f"{caseload['ben'].readiness:.1f}%" in text
    assert re.findall(r'<td data-label="Status">([^<]+)</td>', text) == [
        "New",
        "New",
        "Follow-up",
        "New",
    ]
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.parametrize(
    ("query", "people"),
    [
        ("role=production-planner", ["Ben Okafor", "Ana Diaz"]),
        ("band=ready", ["Cleo Park", "Ben Okafor"]),
        ("band=nearly-ready", ["Dev Patel"]),
        ("status=follow-up", ["Ben Okafor"]),
        ("status=new", ["Dev Patel", "Cleo Park", "Ana Diaz"]),
        ("q=OKAFOR", ["Ben Okafor"]),
        ("q=cleo%40example", ["Cleo Park"]),
        ("q=nobody", []),
        ("role=production-planner&sort=-readiness", ["Ben Okafor", "Ana Diaz"]),
        ("role=production-planner&sort=readiness", ["Ana Diaz", "Ben Okafor"]),
        ("sort=person", ["Ana Diaz", "Ben Okafor", "Cleo Park", "Dev Patel"]),
        ("sort=shared_at", ["Ana Diaz", "Ben Okafor", "Cleo Park", "Dev Patel"]),
    ],
)
def test_the_dashboard_filters_searches_and_sorts(caseload, counselor, query, people):
    response = client_for(counselor).get(f"/counselor/?{query}")

    assert _people(response) == people


def test_the_dashboard_filters_by_the_date_shared(caseload, counselor):
    today = timezone.localdate()
    after = (today - timedelta(days=15)).isoformat()
    before = (today - timedelta(days=5)).isoformat()

    response = client_for(counselor).get(f"/counselor/?shared_after={after}&shared_before={before}")

    assert _people(response) == ["Cleo Park"]


def test_a_bad_filter_is_explained_and_the_others_still_apply(caseload, counselor):
    client = client_for(counselor)
    url = "/counselor/?shared_after=yesterday&role=production-planner&band=purple"
    response = client.get(url)
    again = client.get(url)  # the list from the cache: the warning must come again

    text = _text(response)
    assert response.status_code == 200
    assert "Some filters could not be used. See the messages by them." in text
    assert without_csrf(again) == without_csrf(response)
    assert "A date was not understood, so the dates were not used." in text
    assert "Select a valid choice. purple is not one of the available choices." in text
    assert 'value="yesterday"' not in text  # a date picker cannot show it
    assert _people(response) == ["Ben Okafor", "Ana Diaz"]


def test_the_dashboard_pages_through_many_results(counselor):
    first = result_for("production-line-worker", 2, share_as="Person 0", length="quick")
    for number in range(1, 26):
        draft = services.draft_retake(result=first)
        result = services.result_submit(draft=draft)
        services.result_share(result=result, name=f"Person {number}", email="")
    client = client_for(counselor)

    page_one = client.get("/counselor/?sort=person")
    page_two = client.get("/counselor/?sort=person&page=2")
    beyond = client.get("/counselor/?sort=person&page=99")

    assert len(_people(page_one)) == 25
    assert _people(page_two) == ["Person 9"]
    assert _people(beyond) == ["Person 9"]
    assert 'href="?sort=person&amp;page=2"' in _text(page_one)


@pytest.mark.parametrize("count", [1, 3])
def test_the_dashboard_runs_a_fixed_number_of_queries(counselor, count, django_assert_num_queries):
    for number in range(count):
        result_for("production-planner", 2, share_as=f"Person {number}", length="quick")
    client = client_for(counselor)

    url = "/counselor/?role=production-planner&sort=-readiness"
    # session, user, user permissions, group permissions, roles for the filter (drawn here,
    # then kept in the catalogue cache), count, page
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(_people(response)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_cohort_runs_a_fixed_number_of_queries(counselor, count, django_assert_num_queries):
    for number in range(count):
        result_for("production-planner", 1, share_as=f"Person {number}", length="quick")
    client = client_for(counselor)

    # session, user, permissions (2), roles for the filter, roles, gaps, certifications
    with django_assert_num_queries(8):
        response = client.get("/counselor/cohort/?role=production-planner")
    assert f"<strong>{count}</strong> shared result" in _text(response)


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_export_runs_a_fixed_number_of_queries(
    counselor, count, django_assert_num_queries
):
    for number in range(count):
        result_for("production-planner", 1, share_as=f"Person {number}", length="quick")
    client = client_for(counselor)

    # session, user, permissions (2), roles for the filter, results
    with django_assert_num_queries(6):
        rows = _csv(client.get("/counselor/results.csv"))
    assert len(rows) == 1 + count


def test_the_list_export_has_one_row_per_filtered_result(caseload, counselor):
    response = client_for(counselor).get("/counselor/results.csv?role=production-planner")

    rows = _csv(response)
    ben, ana = (Result.objects.get(pk=caseload[name].pk) for name in ("ben", "ana"))
    ana_gaps = "; ".join(ana.gap_rows.order_by("rank").values_list("skill_name", flat=True)[:3])
    assert rows == [
        [
            "shared_on",
            "name",
            "email",
            "target_role",
            "readiness",
            "band",
            "status",
            "taken_on",
            "top_gaps",
        ],
        [
            f"{timezone.localtime(ben.shared_at):%Y-%m-%d}",
            "Ben Okafor",
            "ben@example.com",
            "Production Planner",
            str(ben.readiness),
            Band(ben.band).label,
            "Follow-up",
            f"{timezone.localtime(ben.created_at):%Y-%m-%d}",
            "; ".join(ben.gap_rows.order_by("rank").values_list("skill_name", flat=True)[:3]),
        ],
        [
            f"{timezone.localtime(ana.shared_at):%Y-%m-%d}",
            "Ana Diaz",
            "ana@example.com",
            "Production Planner",
            str(ana.readiness),
            "Developing",
            "New",
            f"{timezone.localtime(ana.created_at):%Y-%m-%d}",
            ana_gaps,
        ],
    ]
    assert ana_gaps.count("; ") == 2
    assert response["Content-Disposition"].startswith(
        'attachment; filename="careerfit-shared-results-'
    )
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_the_export_cannot_smuggle_a_spreadsheet_formula(counselor):
    services.result_share(
        result=result_for("production-planner", 2), name="=HYPERLINK(1)", email=""
    )

    rows = _csv(client_for(counselor).get("/counselor/results.csv"))

    assert rows[1][1] == "'=HYPERLINK(1)"


def test_the_cohort_page_shows_the_figures_with_charts(caseload, counselor):
    response = client_for(counselor).get("/counselor/cohort/?role=production-planner")

    text = _text(response)
    ana, ben = caseload["ana"], caseload["ben"]
    average = (float(ana.readiness) + float(ben.readiness)) / 2
    assert (
        f"<strong>2</strong> shared results, average readiness <strong>{average:.1f}%</strong>"
        in text
    )
    assert [role.role_title for role in response.context["cohort"].roles] == ["Production Planner"]
    assert '<th scope="row">Production Planner</th>' in text
    assert '<th scope="row">Production Line Worker</th>' not in text
    assert text.count('<svg class="cohort-chart"') == 1 + len(
        response.context["cohort"].gaps
    ) + len(response.context["cohort"].certifications)


def test_the_cohort_export_holds_the_same_figures(caseload, counselor):
    client = client_for(counselor)
    figures = client.get("/counselor/cohort/").context["cohort"]

    rows = _csv(client.get("/counselor/cohort.csv"))

    assert rows[0] == [
        "section",
        "item",
        "results",
        "average_readiness",
        "ready",
        "nearly_ready",
        "developing",
        "weighted_gap",
        "eligible_now",
    ]
    assert (len(figures.roles), len(figures.gaps), len(figures.certifications)) == (3, 10, 3)
    assert rows[1] == ["all", "All results", "4", f"{figures.average:.1f}", "", "", "", "", ""]
    assert [row[:3] for row in rows if row[0] == "role"] == [
        ["role", role.role_title, str(role.count)] for role in figures.roles
    ]
    assert [(row[1], row[7]) for row in rows if row[0] == "gap"] == [
        (gap.skill_name, str(gap.weight)) for gap in figures.gaps
    ]
    assert [(row[2], row[8]) for row in rows if row[0] == "certification"] == [
        (str(cert.people), str(cert.eligible_now)) for cert in figures.certifications
    ]


def test_a_counselor_sees_the_report_attempts_and_only_their_own_notes(
    job_seeker, counselor, other_counselor
):
    first = result_for("production-planner", 1, share_as="Ana Diaz", owner=job_seeker)
    second = services.result_submit(draft=services.draft_retake(result=first))
    services.result_share(result=second, name="Ana Diaz", email="ana@example.com")
    counselor_services.note_add(result=second, author=counselor, text="Wants evening classes.")
    counselor_services.note_add(result=second, author=other_counselor, text="Robin's own note.")
    counselor_services.action_step_add(
        result=second, title="Start CPIM part 1", due_on=None, by=counselor
    )

    response = client_for(counselor).get(f"/counselor/results/{second.pk}/")

    text = _text(response)
    assert '<h1 class="h2">Ana Diaz: Production Planner</h1>' in text
    assert "Wants evening classes." in text
    assert "Robin's own note." not in text
    assert "Start CPIM part 1" in text
    assert f'<a href="/counselor/results/{first.pk}/">' in text
    assert "What changed since" in text
    assert f'href="/counselor/results/{first.pk}/">Open the earlier result' in text
    assert first.token not in text
    assert second.token not in text
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_progress_against_a_private_earlier_attempt_is_not_shown(counselor):
    first = result_for("production-planner", 1)
    second = services.result_submit(draft=services.draft_retake(result=first))
    services.result_share(result=second, name="Ana", email="")

    text = _text(client_for(counselor).get(f"/counselor/results/{second.pk}/"))

    assert "What changed since" not in text
    assert "No other shared attempts. Attempts the person keeps private are not shown." in text


def test_a_counselor_sets_the_status_and_it_records_who(caseload, counselor):
    ana = caseload["ana"]
    response = client_for(counselor).post(
        f"/counselor/results/{ana.pk}/status/", {"status": "in-review"}, follow=True
    )

    text = _text(response)
    assert response.redirect_chain == [(f"/counselor/results/{ana.pk}/#status", 302)]
    assert "Status set to “In review”." in text
    assert "In review by Casey" in text
    ana.review.refresh_from_db()
    assert ana.review.status == "in-review"


def test_a_bad_status_is_refused_with_a_message(caseload, counselor):
    ana = caseload["ana"]
    response = client_for(counselor).post(
        f"/counselor/results/{ana.pk}/status/", {"status": "archived"}
    )

    assert response.status_code == 400
    assert "Select a valid choice. archived is not one of the available choices." in _text(response)
    ana.review.refresh_from_db()
    assert ana.review.status == "new"


def test_a_counselor_adds_a_note(caseload, counselor):
    ana = caseload["ana"]
    response = client_for(counselor).post(
        f"/counselor/results/{ana.pk}/notes/", {"text": "Prefers email. <b>bold</b>"}, follow=True
    )

    text = _text(response)
    assert "Note saved." in text
    assert "Prefers email. &lt;b&gt;bold&lt;/b&gt;" in text
    assert list(Note.objects.values_list("text", "author")) == [
        ("Prefers email. <b>bold</b>", counselor.pk)
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Write the note before saving it."),
        ({"text": "x" * 4001}, "Ensure this value has at most 4000 characters (it has 4001)."),
    ],
)
def test_a_bad_note_is_refused_and_kept_in_the_form(caseload, counselor, data, message):
    ana = caseload["ana"]
    response = client_for(counselor).post(f"/counselor/results/{ana.pk}/notes/", data)

    assert response.status_code == 400
    assert message in _text(response)
    assert "The note was not saved. See the message below." in _text(response)
    assert Note.objects.count() == 0


def test_a_counselor_plans_ticks_off_and_removes_steps(caseload, counselor):
    ana = caseload["ana"]
    client = client_for(counselor)

    added = client.post(
        f"/counselor/results/{ana.pk}/steps/",
        {"title": "Start CPIM part 1", "due_on": "2027-03-31"},
        follow=True,
    )
    step = ActionStep.objects.get()
    done = client.post(
        f"/counselor/results/{ana.pk}/steps/{step.pk}/done/", {"done": "on"}, follow=True
    )
    step.refresh_from_db()
    done_at = step.done_at
    reopened = client.post(f"/counselor/results/{ana.pk}/steps/{step.pk}/done/", {})
    step.refresh_from_db()
    removed = client.post(f"/counselor/results/{ana.pk}/steps/{step.pk}/remove/", follow=True)

    assert "Step added to the plan." in _text(added)
    assert "Due 31 Mar 2027." in _text(added)
    assert "“Start CPIM part 1” is done." in _text(done)
    assert done_at is not None
    assert (reopened.status_code, reopened["Location"]) == (
        302,
        f"/counselor/results/{ana.pk}/#plan",
    )
    assert step.done_at is None
    assert "“Start CPIM part 1” was taken out of the plan." in _text(removed)
    assert ActionStep.objects.count() == 0


def test_a_bad_step_is_refused_with_messages(caseload, counselor):
    ana = caseload["ana"]
    response = client_for(counselor).post(
        f"/counselor/results/{ana.pk}/steps/", {"title": "", "due_on": "next week"}
    )

    text = _text(response)
    assert response.status_code == 400
    assert "Say what the step is." in text
    assert "Enter the due date as a date, like 2027-03-31." in text
    assert ActionStep.objects.count() == 0


def test_a_step_of_another_result_is_not_found(caseload, counselor):
    step = counselor_services.action_step_add(
        result=caseload["ben"], title="Ben's step", due_on=None, by=counselor
    )

    response = client_for(counselor).post(
        f"/counselor/results/{caseload['ana'].pk}/steps/{step.pk}/done/", {"done": "on"}
    )

    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done_at is None


def test_withdrawing_consent_hides_the_result_everywhere_at_once(caseload, counselor):
    ana = caseload["ana"]
    client = client_for(counselor)
    assert "Ana Diaz" in _people(client.get("/counselor/"))

    # The owner withdraws it from the result's own page.
    client_for(None).post(f"/results/{ana.token}/withdraw/")

    assert "Ana Diaz" not in _people(client.get("/counselor/"))
    assert _people(client.get("/counselor/?q=ana")) == []
    assert [row[1] for row in _csv(client.get("/counselor/results.csv"))[1:]] == [
        "Dev Patel",
        "Cleo Park",
        "Ben Okafor",
    ]
    assert client.get("/counselor/cohort/").context["cohort"].result_count == 3
    assert _csv(client.get("/counselor/cohort.csv"))[1][2] == "3"
    assert client.get(f"/counselor/results/{ana.pk}/").status_code == 404
    assert (
        client.post(f"/counselor/results/{ana.pk}/notes/", {"text": "Late note"}).status_code == 404
    )
    assert Note.objects.count() == 0


def test_the_workspace_link_shows_only_for_counselors(caseload, counselor, job_seeker):
    link = '<a class="nav-link" href="/counselor/"'

    assert link in _text(client_for(counselor).get("/"))
    assert link not in _text(client_for(job_seeker).get("/"))
    assert link not in _text(client_for(None).get("/"))
