"""Every write of the assessments app: drafts, submissions, re-scoring, sharing, deletion,
and the counselors' reviews, notes and action plans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from assessments import scoring, selectors
from assessments.models import (
    ActionStep,
    Draft,
    Mode,
    Result,
    ResultGap,
    ResultRecommendation,
    Review,
)
from assessments.reports import (
    gap_rows,
    recommendation_rows,
    report_to_json,
    requirements_to_json,
    top_gap_names,
)
from roles.models import Role


@dataclass(frozen=True)
class DraftIncomplete(Exception):
    """A draft was submitted before every question and the questions about the person were answered."""

    unanswered: tuple[str, ...]
    background_missing: bool


class RoleUnavailable(Exception):
    """The role a draft or result was for is no longer in the catalogue."""


class NothingToJudge(Exception):
    """A result already answers enough of a role to judge it."""


class Gone(Exception):
    """The draft or result was deleted (in another tab, say) while this request ran."""


def _locked(model: type[Draft] | type[Result], pk: int) -> None:
    """Lock a row until the transaction ends, so a delete waits; Gone if it already ran."""
    if not model.objects.select_for_update().filter(pk=pk).exists():
        raise Gone(model.__name__)


def draft_start(
    *,
    mode: str,
    length: str,
    role_slug: str = "",
    previous: Result | None = None,
    owner: User | None = None,
) -> Draft:
    """Start a questionnaire; its questions are fixed now, so catalogue edits cannot reshuffle it.

    A retake (previous given) starts with the earlier answers filled in.
    Raises RoleUnavailable for a role not in the catalogue.
    """
    if mode == Mode.TARGET and not Role.objects.filter(slug=role_slug).exists():
        raise RoleUnavailable(role_slug)
    skills = selectors.question_skills(
        role_slug=role_slug if mode == Mode.TARGET else None, length=length
    )
    draft = Draft(
        mode=mode,
        length=length,
        role_slug=role_slug if mode == Mode.TARGET else "",
        skills=skills,
        previous=previous,
        owner=owner,
    )
    if previous is not None:
        draft.answers = {
            skill: previous.ratings[skill] for skill in skills if skill in previous.ratings
        }
        draft.unsure = [skill for skill in previous.unsure if skill in skills]
        draft.years_experience = previous.years_experience
        draft.education = previous.education
        draft.certifications_held = list(previous.certifications_held)
        draft.conditions_met = previous.conditions_met
        draft.current_role_slug = previous.current_role_slug
        draft.name = previous.name
        draft.email = previous.email
    draft.full_clean()
    draft.save()
    return draft


def draft_save_answers(
    *, draft: Draft, answers: Mapping[str, int], unsure: Sequence[str] = ()
) -> Draft:
    """Merge ratings, and skills answered “Not sure”, into a draft. Skills the
    questionnaire does not ask about are ignored; a skill is either rated or not sure,
    whichever was answered last.

    The draft's row is locked and its answers read afresh first, so two tabs saving
    different pages of one questionnaire at once both keep their answers.
    """
    asked = set(draft.skills)
    rated = {skill: level for skill, level in answers.items() if skill in asked}
    not_sure = {skill for skill in unsure if skill in asked} - rated.keys()
    with transaction.atomic():
        saved = (
            Draft.objects.select_for_update()
            .values_list("answers", "unsure")
            .filter(pk=draft.pk)
            .first()
        )
        if saved is None:
            raise Gone("Draft")
        saved_answers, saved_unsure = saved
        kept = {skill: level for skill, level in saved_answers.items() if skill not in not_sure}
        draft.answers = {**kept, **rated}
        draft.unsure = sorted((set(saved_unsure) - rated.keys()) | not_sure)
        draft.full_clean()
        draft.save(update_fields=["answers", "unsure", "updated_at"])
    return draft


def draft_save_checks(*, draft: Draft, checks: Mapping[str, Mapping[str, Any]]) -> Draft:
    """Record the checks a person did, by skill (see scoring.check_answers_from for the form
    of each), over any earlier check of the same skill. Only skills the draft asks are kept;
    the ratings are never changed. The row is locked and read afresh, as in
    draft_save_answers."""
    asked = set(draft.skills)
    done = {skill: dict(record) for skill, record in checks.items() if skill in asked}
    with transaction.atomic():
        saved = (
            Draft.objects.select_for_update()
            .values_list("checks", flat=True)
            .filter(pk=draft.pk)
            .first()
        )
        if saved is None:
            raise Gone("Draft")
        draft.checks = {**saved, **done}
        draft.save(update_fields=["checks", "updated_at"])
    return draft


def draft_save_background(
    *,
    draft: Draft,
    years_experience: Decimal | None,
    education: int | None,
    certifications_held: Sequence[str],
    name: str,
    email: str,
    conditions_met: Sequence[str] = (),
    current_role_slug: str = "",
) -> Draft:
    """Save the questions about the person; empty answers stay empty until submit asks.

    Only those columns are written, so ratings another tab saved meanwhile are kept.
    Raises Gone when the draft was deleted meanwhile.
    """
    draft.years_experience = years_experience
    draft.education = education
    draft.certifications_held = sorted(set(certifications_held))
    draft.conditions_met = sorted(set(conditions_met))
    draft.current_role_slug = current_role_slug
    draft.name = name
    draft.email = email
    draft.full_clean()
    with transaction.atomic():
        _locked(Draft, draft.pk)
        draft.save(
            update_fields=[
                "years_experience",
                "education",
                "certifications_held",
                "conditions_met",
                "current_role_slug",
                "name",
                "email",
                "updated_at",
            ]
        )
    return draft


def _profile(
    ratings: Mapping[str, int],
    years_experience: Decimal,
    education: int,
    certifications_held: Sequence[str],
    conditions_met: Sequence[str] | None,
    checks: Mapping[str, Mapping[str, Any]] | None = None,
) -> scoring.Profile:
    return scoring.Profile(
        ratings=dict(ratings),
        years_experience=float(years_experience),
        education=education,
        certifications_held=frozenset(certifications_held),
        conditions_met=None if conditions_met is None else frozenset(conditions_met),
        checks={
            skill: scoring.check_answers_from(record) for skill, record in (checks or {}).items()
        },
    )


def _result_create(
    *,
    source: Draft | Result,
    role_slug: str,
    previous: Result | None,
    origin: str,
    draft: Draft | None,
    catalogue: scoring.Catalogue | None,
) -> Result:
    if catalogue is None:
        catalogue = selectors.scoring_catalogue()
    years_experience = source.years_experience or Decimal(0)
    education = source.education or 0
    profile = _profile(
        {**source.kept_answers, **source.answers} if isinstance(source, Draft) else source.ratings,
        years_experience,
        education,
        source.certifications_held,
        source.conditions_met,
        source.checks,
    )
    if not role_slug:
        role_slug = scoring.best_fit(catalogue, profile.ratings)
    try:
        target = catalogue.role(role_slug)
    except KeyError:
        raise RoleUnavailable(role_slug) from None
    report = scoring.assess(profile, catalogue, target.slug)
    result = Result(
        owner=source.owner,
        draft=draft,
        previous=previous,
        first_attempt=None if previous is None else (previous.first_attempt or previous),
        origin=origin,
        mode=source.mode,
        length=source.length,
        role=Role.objects.filter(slug=target.slug).first(),
        role_slug=target.slug,
        role_title=target.title,
        ratings=dict(profile.ratings),
        years_experience=years_experience,
        education=education,
        certifications_held=sorted(profile.certifications_held),
        conditions_met=(None if profile.conditions_met is None else sorted(profile.conditions_met)),
        current_role_slug=source.current_role_slug,
        unsure=[skill for skill in source.unsure if skill not in profile.ratings],
        checks={
            skill: record
            for skill, record in source.checks.items()
            if record.get("level") == profile.ratings.get(skill)
        },
        name=source.name,
        email=source.email,
        requirements_snapshot=requirements_to_json(target.requirements),
        report=report_to_json(report),
        readiness=Decimal(str(report.readiness)),
        band=report.band.value,
        top_gaps=top_gap_names(report),
        catalogue_version=selectors.catalogue_version(catalogue=catalogue),
    )
    result.full_clean()
    result.save()
    ResultGap.objects.bulk_create(ResultGap(result=result, **row) for row in gap_rows(report))
    ResultRecommendation.objects.bulk_create(
        ResultRecommendation(result=result, **row) for row in recommendation_rows(report)
    )
    return result


def result_submit(
    *, draft: Draft, owner: User | None = None, catalogue: scoring.Catalogue | None = None
) -> Result:
    """Score a finished draft and save the result, once.

    Submitting the same draft again returns the result already saved. Nothing is written
    when the draft is incomplete (DraftIncomplete) or its role has left the catalogue
    (RoleUnavailable). A signed-in owner takes over an anonymous draft as it is submitted.
    A caller submitting many drafts in one go may pass the catalogue it loaded once
    (selectors.scoring_catalogue()); otherwise it is loaded here.
    """
    with transaction.atomic():
        locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
        if locked is None:
            raise Gone("Draft")
        if owner is not None and locked.owner_id is None:
            locked.owner = owner
            locked.save(update_fields=["owner"])
        existing = Result.objects.filter(draft=locked).first()
        if existing is not None:
            return existing
        unanswered = tuple(skill for skill in locked.skills if not locked.is_answered(skill))
        background_missing = locked.years_experience is None or locked.education is None
        if unanswered or background_missing:
            raise DraftIncomplete(unanswered=unanswered, background_missing=background_missing)
        return _result_create(
            source=locked,
            role_slug=locked.role_slug,
            previous=locked.previous,
            origin=Result.Origin.NEW if locked.previous is None else Result.Origin.RETAKE,
            draft=locked,
            catalogue=catalogue,
        )


def result_rescore(*, result: Result) -> Result:
    """Score the same answers against today's catalogue as a new result; the old one stays."""
    with transaction.atomic():
        return _result_create(
            source=result,
            role_slug=result.role_slug,
            previous=result,
            origin=Result.Origin.RESCORE,
            draft=None,
            catalogue=None,
        )


def assessments_claim(*, owner: User, tokens: Sequence[str]) -> int:
    """Give an account the anonymous results (and their drafts) it made before signing in.

    Results that already belong to an account are left alone. Returns how many were claimed.
    """
    with transaction.atomic():
        claimed = Result.objects.filter(token__in=tokens, owner__isnull=True)
        Draft.objects.filter(result__in=claimed, owner__isnull=True).update(owner=owner)
        return claimed.update(owner=owner)


def account_create(*, email: str, password: str) -> User:
    """A job seeker account; the email address is also the name it signs in with."""
    with transaction.atomic():
        user = User(username=email, email=email)
        user.set_password(password)
        user.full_clean()
        user.save()
    return user


def account_sign_up(*, email: str, password: str) -> User | None:
    """An account waiting for its email to be confirmed (inactive), or None when the
    email already has one. A second sign-up before confirming changes nothing: the
    password stays the one chosen first, so nobody can set it for someone else's inbox.
    The password is hashed either way, so both answers take as long."""
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(username=email).first()
        if existing is not None:
            make_password(password)
            return existing if not existing.is_active and existing.last_login is None else None
        user = User(username=email, email=email, is_active=False)
        user.set_password(password)
        user.full_clean()
        user.save()
    return user


def account_activate(*, user: User) -> User:
    """Confirm the email of an account made by account_sign_up."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def account_delete(*, user: User) -> None:
    """Delete an account and every row that names or describes its owner: results and
    drafts with everything hanging off them (see _results_delete), login records under
    its email, the admin's log of edits to it, and its sessions in every browser."""
    with transaction.atomic():
        _results_delete(Result.objects.filter(owner=user))
        Draft.objects.filter(owner=user).delete()
        names = {user.username, user.email} - {""}
        AccessAttempt.objects.filter(username__in=names).delete()
        AccessFailureLog.objects.filter(username__in=names).delete()
        AccessLog.objects.filter(username__in=names).delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        ).delete()
        if user.last_login is not None:  # never logged in: no session names it
            _sessions_delete(user)
        user.delete()


def _results_delete(results: QuerySet[Result]) -> None:
    """Delete results with their drafts, gaps, recommendations, the counselors' review,
    notes and plan, and the history of the review and plan, which would otherwise keep
    the step titles and status changes after the result is gone."""
    ids = list(results.values_list("pk", flat=True))
    draft_ids = [pk for pk in results.values_list("draft_id", flat=True) if pk is not None]
    Result.objects.filter(pk__in=ids).delete()
    Draft.objects.filter(pk__in=draft_ids).delete()
    # After the cascade, which itself records each review and step as deleted.
    Review.history.model.objects.filter(result_id__in=ids).delete()
    ActionStep.history.model.objects.filter(result_id__in=ids).delete()


def _sessions_delete(user: User) -> None:
    """End the account's sessions in every browser. Sessions are not indexed by account,
    so this reads each live one; an account deletion is rare, and the read is linear."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    pk = str(user.pk)
    live = model.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data")
    for session in live.iterator(chunk_size=2000):
        if store().decode(session.session_data).get(SESSION_KEY) == pk:
            store(session_key=session.session_key).delete()


def draft_retake(*, result: Result) -> Draft:
    """A new questionnaire for the same role and length, starting from the earlier answers.

    Raises RoleUnavailable once the role has left the catalogue.
    """
    return draft_start(
        mode=result.mode,
        length=result.length,
        role_slug=result.role_slug,
        previous=result,
        owner=result.owner,
    )


def draft_to_judge(*, result: Result, role_slug: str) -> Draft:
    """A short questionnaire for one role: only the questions the result's answers lack to
    judge it (scoring.RoleFit.to_judge). The result's other ratings are carried over, so
    the new result is judged on all of them.

    Raises RoleUnavailable for a role not in the catalogue, and NothingToJudge when the
    result already answers enough of the role.
    """
    catalogue = selectors.scoring_catalogue()
    try:
        role = catalogue.role(role_slug)
    except KeyError:
        raise RoleUnavailable(role_slug) from None
    fit = scoring.role_fit(role, result.ratings)
    if not fit.to_judge:
        raise NothingToJudge(role_slug)
    return _draft_asking_again(
        result, mode=Mode.TARGET, role_slug=role.slug, skills=list(fit.to_judge)
    )


def _draft_asking_again(
    result: Result, *, mode: str, role_slug: str, skills: list[str], previous: Result | None = None
) -> Draft:
    """A draft asking only `skills`, with the result's other ratings and its answers about
    the person carried over."""
    draft = Draft(
        mode=mode,
        length=result.length,
        role_slug=role_slug,
        skills=skills,
        kept_answers=dict(result.ratings),
        years_experience=result.years_experience,
        education=result.education,
        certifications_held=list(result.certifications_held),
        conditions_met=result.conditions_met,
        current_role_slug=result.current_role_slug,
        checks={skill: record for skill, record in result.checks.items() if skill not in skills},
        name=result.name,
        email=result.email,
        owner=result.owner,
        previous=previous,
    )
    draft.full_clean()
    draft.save()
    return draft


def draft_for_unsure(*, result: Result) -> Draft:
    """A short questionnaire asking again only the skills a result's answers were not sure
    about. Its other ratings are carried over and it counts as the next attempt, so the
    new report shows what changed. The result must have skills answered “Not sure”."""
    if not result.unsure:
        raise ValueError("The result has no skill answered “Not sure”.")
    return _draft_asking_again(
        result,
        mode=result.mode,
        role_slug=result.role_slug if result.mode == Mode.TARGET else "",
        skills=list(result.unsure),
        previous=result,
    )


def result_delete(*, result: Result) -> None:
    """Delete a result, the draft it came from, and everything counselors recorded about
    it, history included. Later attempts keep their own reports."""
    with transaction.atomic():
        _results_delete(Result.objects.filter(pk=result.pk))


def result_opened(*, result: Result) -> None:
    """Note that the owner opened the result, at most one write a day, so retention
    counts from the last time anyone used it."""
    now = timezone.now()
    if now - result.opened_at >= timedelta(days=1):
        result.opened_at = now
        Result.objects.filter(pk=result.pk).update(opened_at=now)


@dataclass(frozen=True)
class Pruned:
    drafts: int
    results: int
    unconfirmed_accounts: int


def retention_prune(*, now: datetime, dry_run: bool = False) -> Pruned:
    """Delete unfinished questionnaires not saved for DRAFT_RETENTION_DAYS, results in no
    account not opened for ANONYMOUS_RESULT_RETENTION_DAYS, with everything hanging off
    them, and sign-ups whose email was never confirmed within UNCONFIRMED_ACCOUNT_DAYS.
    With dry_run, only count them."""
    drafts = Draft.objects.filter(
        result__isnull=True,
        updated_at__lt=now - timedelta(days=settings.DRAFT_RETENTION_DAYS),
    )
    results = Result.objects.filter(
        owner__isnull=True,
        opened_at__lt=now - timedelta(days=settings.ANONYMOUS_RESULT_RETENTION_DAYS),
    )
    # Exactly what account_sign_up leaves waiting: inactive, never logged in, and neither
    # staff nor in a group, so no account an admin made or switched off is touched.
    unconfirmed = User.objects.filter(
        is_active=False,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        groups__isnull=True,
        date_joined__lt=now - timedelta(days=settings.UNCONFIRMED_ACCOUNT_DAYS),
    )
    counts = Pruned(
        drafts=drafts.count(),
        results=results.count(),
        unconfirmed_accounts=unconfirmed.count(),
    )
    if not dry_run:
        with transaction.atomic():
            _results_delete(results)
            drafts.delete()
            for user in unconfirmed:
                account_delete(user=user)
    return counts


def result_share(*, result: Result, name: str, email: str) -> Result:
    """Let careerfit's counselors see a result, under the name and email the owner chose.

    Sharing again only updates the contact details; the date it was first shared stays.
    The first share opens a review with the status "new"; sharing again after a withdrawal
    finds the counselors' review, notes and plan as they were left.
    """
    with transaction.atomic():
        _locked(Result, result.pk)
        if result.shared_at is None:
            result.shared_at = timezone.now()
        result.shared_name = name
        result.shared_email = email
        result.full_clean()
        result.save(update_fields=["shared_at", "shared_name", "shared_email"])
        Review.objects.get_or_create(result=result)
    return result


# The change reason a step's history carries when the person it is for ticks it.
MARKED_BY_JOB_SEEKER = "by the job seeker"


def action_step_mark(*, step: ActionStep, done: bool, by: User | None) -> ActionStep:
    """The job seeker ticks a step of their plan off, or reopens it. The step's history
    records it with MARKED_BY_JOB_SEEKER (and the account, when logged in), so counselors
    see who did it. Raises Gone when the result was deleted or stopped being shared."""
    if step.is_done == done:
        return step
    with transaction.atomic():
        if (
            not Result.objects.select_for_update()
            .filter(pk=step.result_id, shared_at__isnull=False)
            .exists()
        ):
            raise Gone("Result")
        step.done_at = timezone.now() if done else None
        if by is not None:
            step._history_user = by
        step._change_reason = MARKED_BY_JOB_SEEKER  # type: ignore[attr-defined]
        step.save(update_fields=["done_at"])
    return step


def result_withdraw(*, result: Result) -> Result:
    """Stop sharing: counselors no longer see the result, and the contact details are erased.

    Counselor pages, lists, search, exports and cohort figures all read only shared results,
    so the result leaves every one of them with this write.
    """
    result.shared_at = None
    result.shared_name = ""
    result.shared_email = ""
    result.full_clean()
    with transaction.atomic():
        _locked(Result, result.pk)
        result.save(update_fields=["shared_at", "shared_name", "shared_email"])
    return result
