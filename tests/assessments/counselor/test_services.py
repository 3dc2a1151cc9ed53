"""The counselors' writes and reads: reviews, notes, action plans, attempts and cohort figures."""

from collections import Counter, defaultdict
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.counselor import selectors as counselor_selectors
from assessments.counselor import services as counselor_services
from assessments.models import (
    ActionStep,
    Note,
    ResultGap,
    ResultRecommendation,
    Review,
    ReviewStatus,
)
from assessments.reports import COHORT_RECOMMENDATIONS, report_from_json
from tests.assessments.conftest import result_for

pytestmark = pytest.mark.django_db


def test_sharing_opens_one_review_marked_new(planner_result):
    services.result_share(result=planner_result, name="Ana", email="")
    services.result_share(result=planner_result, name="Ana D.", email="")

    review = Review.objects.get(result=planner_result)
    assert review.status == ReviewStatus.NEW
    assert [h.history_type for h in review.history.all()] == ["+"]


def test_a_status_change_records_who_and_when(planner_result, counselor, other_counselor):
    services.result_share(result=planner_result, name="Ana", email="")
    review = planner_result.review

    counselor_services.review_status_set(review=review, status=ReviewStatus.IN_REVIEW, by=counselor)
    counselor_services.review_status_set(
        review=review, status=ReviewStatus.IN_REVIEW, by=other_counselor
    )
    counselor_services.review_status_set(
        review=review, status=ReviewStatus.CLOSED, by=other_counselor
    )

    history = list(review.history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.status, h.history_user) for h in history] == [
        ("+", "new", None),
        ("~", "in-review", counselor),
        ("~", "closed", other_counselor),
    ]
    assert history[1].history_date <= history[2].history_date


def test_an_unknown_status_is_refused(planner_result, counselor):
    services.result_share(result=planner_result, name="Ana", email="")

    with pytest.raises(ValidationError) as error:
        counselor_services.review_status_set(
            review=planner_result.review, status="archived", by=counselor
        )

    assert error.value.message_dict == {"status": ["Value 'archived' is not a valid choice."]}
    assert Review.objects.get(result=planner_result).status == "new"


def test_a_note_is_kept_with_its_author_and_a_blank_one_refused(planner_result, counselor):
    note = counselor_services.note_add(
        result=planner_result, author=counselor, text="  Called her.  "
    )

    assert (note.text, note.author, note.result) == ("Called her.", counselor, planner_result)
    with pytest.raises(ValidationError):
        counselor_services.note_add(result=planner_result, author=counselor, text="   ")
    assert Note.objects.count() == 1


def test_notes_are_read_only_by_their_author(planner_result, counselor, other_counselor):
    counselor_services.note_add(result=planner_result, author=counselor, text="Mine")
    counselor_services.note_add(result=planner_result, author=other_counselor, text="Theirs")

    assert [
        n.text for n in counselor_selectors.counselor_notes(result=planner_result, author=counselor)
    ] == ["Mine"]
    assert [
        n.text
        for n in counselor_selectors.counselor_notes(result=planner_result, author=other_counselor)
    ] == ["Theirs"]


def test_action_steps_record_who_added_finished_and_removed_them(
    planner_result, counselor, other_counselor
):
    step = counselor_services.action_step_add(
        result=planner_result, title="Start CPIM part 1", due_on=date(2027, 3, 31), by=counselor
    )
    counselor_services.action_step_set_done(step=step, done=True, by=other_counselor)
    assert step.is_done
    counselor_services.action_step_set_done(step=step, done=False, by=counselor)
    step_id = step.pk
    counselor_services.action_step_remove(step=step, by=other_counselor)

    assert not ActionStep.objects.exists()
    history = ActionStep.history.filter(id=step_id).order_by("history_date", "history_id")
    assert [(h.history_type, h.done_at is not None, h.history_user) for h in history] == [
        ("+", False, counselor),
        ("~", True, other_counselor),
        ("~", False, counselor),
        ("-", False, other_counselor),
    ]


def test_the_plan_lists_open_steps_first_soonest_due_first(planner_result, counselor):
    later = counselor_services.action_step_add(
        result=planner_result, title="Later", due_on=date(2027, 6, 1), by=counselor
    )
    undated = counselor_services.action_step_add(
        result=planner_result, title="Some day", due_on=None, by=counselor
    )
    soon = counselor_services.action_step_add(
        result=planner_result, title="Soon", due_on=date(2027, 1, 15), by=counselor
    )
    done = counselor_services.action_step_add(
        result=planner_result, title="Done", due_on=date(2026, 12, 1), by=counselor
    )
    counselor_services.action_step_set_done(step=done, done=True, by=counselor)

    assert counselor_selectors.action_plan(result=planner_result) == [
        soon,
        later,
        undated,
        done,
    ]


def test_a_result_keeps_its_gaps_and_leading_recommendations_as_rows(planner_result):
    report = report_from_json(planner_result.report)

    gaps = list(ResultGap.objects.filter(result=planner_result))
    assert [(g.rank, g.skill_slug, g.levels_short, g.weight) for g in gaps] == [
        (rank, gap.skill, gap.shortfall, gap.importance * gap.shortfall)
        for rank, gap in enumerate(report.gaps, start=1)
    ]
    assert len(gaps) == 11
    recommendations = ResultRecommendation.objects.filter(result=planner_result)
    assert [(r.rank, r.certification_slug, r.eligible_now) for r in recommendations] == [
        (rank, rec.certification, rec.eligibility.eligible_now)
        for rank, rec in enumerate(report.recommendations[:COHORT_RECOMMENDATIONS], start=1)
    ]
    assert recommendations.count() == COHORT_RECOMMENDATIONS


def test_retakes_and_rescores_point_to_the_first_attempt(planner_result):
    retake = services.draft_retake(result=planner_result)
    second = services.result_submit(draft=retake)
    third = services.result_rescore(result=second)

    assert (planner_result.first_attempt, second.first_attempt, third.first_attempt) == (
        None,
        planner_result,
        planner_result,
    )


def test_shared_results_leave_out_private_and_withdrawn_ones():
    shared = result_for("production-planner", share_as="Ana Diaz")
    withdrawn = result_for("production-planner", share_as="Ben Okafor")
    result_for("production-planner")
    services.result_withdraw(result=withdrawn)

    assert list(counselor_selectors.shared_results()) == [shared]
    with pytest.raises(Exception, match="No such shared result"):
        counselor_selectors.shared_result(pk=withdrawn.pk)


def test_attempts_are_the_persons_shared_results_oldest_first(job_seeker):
    first = result_for("production-planner", 1, share_as="Ana", owner=job_seeker)
    private = result_for("production-planner", 2, owner=job_seeker, previous=first)
    other_role = result_for("production-scheduler", 3, share_as="Ana", owner=job_seeker)
    anonymous = result_for("production-planner", 1, share_as="Ben")
    anonymous_retake = services.result_submit(draft=services.draft_retake(result=anonymous))
    services.result_share(result=anonymous_retake, name="Ben", email="")
    result_for("production-planner", 2, share_as="Cleo")

    assert private.shared_at is None
    assert counselor_selectors.shared_attempts(result=other_role) == [first, other_role]
    assert counselor_selectors.shared_attempts(result=anonymous_retake) == [
        anonymous,
        anonymous_retake,
    ]


def test_cohort_figures_are_the_sums_over_shared_results_only(counselor):
    results = [
        result_for("production-planner", 1, share_as="Ana"),
        result_for("production-planner", 3, share_as="Ben"),
        result_for("production-line-worker", 1, share_as="Cleo"),
    ]
    result_for("production-planner", 0)  # private: counts nowhere
    withdrawn = result_for("production-line-worker", 0, share_as="Dev")
    services.result_withdraw(result=withdrawn)

    figures = counselor_selectors.cohort(results=counselor_selectors.shared_results())

    reports = [report_from_json(r.report) for r in results]
    weights: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for report in reports:
        for gap in report.gaps:
            weights[gap.skill_name] += gap.importance * gap.shortfall
            people[gap.skill_name] += 1
    expected_gaps = sorted(weights, key=lambda name: (-weights[name], name))[:10]
    assert [(g.skill_name, g.weight, g.people) for g in figures.gaps] == [
        (name, weights[name], people[name]) for name in expected_gaps
    ]
    recommended: dict[str, list[bool]] = defaultdict(list)
    for report in reports:
        for rec in report.recommendations[:COHORT_RECOMMENDATIONS]:
            recommended[rec.name].append(rec.eligibility.eligible_now)
    assert (
        sorted((c.name, c.people, c.eligible_now) for c in figures.certifications)
        == sorted((name, len(flags), sum(flags)) for name, flags in recommended.items())[
            : len(figures.certifications)
        ]
    )
    assert figures.result_count == 3
    assert figures.average == pytest.approx(sum(float(r.readiness) for r in results) / 3)
    by_role = {role.role_slug: role for role in figures.roles}
    assert list(by_role) == ["production-planner", "production-line-worker"]
    planner = by_role["production-planner"]
    assert (planner.count, planner.average) == (
        2,
        pytest.approx((float(results[0].readiness) + float(results[1].readiness)) / 2),
    )
    bands = Counter(r.band for r in results[:2])
    assert (planner.ready, planner.nearly_ready, planner.developing) == (
        bands["ready"],
        bands["nearly-ready"],
        bands["developing"],
    )


def test_cohort_figures_follow_the_filters():
    result_for("production-planner", 1, share_as="Ana")
    line_worker = result_for("production-line-worker", 4, share_as="Ben")

    figures = counselor_selectors.cohort(
        results=counselor_selectors.shared_results().filter(role_slug="production-line-worker")
    )

    assert figures.result_count == 1
    assert [(r.role_slug, r.count, r.ready) for r in figures.roles] == [
        ("production-line-worker", 1, 1)
    ]
    assert float(line_worker.readiness) == 100.0
    assert (figures.gaps, figures.certifications) == ((), ())


def test_an_empty_cohort_has_no_figures():
    figures = counselor_selectors.cohort(results=counselor_selectors.shared_results())

    assert figures == counselor_selectors.Cohort(roles=(), gaps=(), certifications=())
    assert (figures.result_count, figures.average) == (0, None)
