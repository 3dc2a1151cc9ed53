"""Every write of the counselor workspace: review status, notes and action plans.

History (django-simple-history) records who made each status and plan change.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.utils import timezone

from assessments.models import ActionStep, Note, Result, Review


def review_status_set(*, review: Review, status: str, by: User) -> Review:
    """Move a shared result to another status. History records who did it and when."""
    if review.status == status:
        return review
    review.status = status
    review.full_clean()
    review._history_user = by
    review.save(update_fields=["status", "updated_at"])
    return review


def note_add(*, result: Result, author: User, text: str) -> Note:
    """Add a counselor's note; only its author will read it."""
    note = Note(result=result, author=author, text=text.strip())
    note.full_clean()
    note.save()
    return note


def action_step_add(*, result: Result, title: str, due_on: date | None, by: User) -> ActionStep:
    """Add a step to a shared result's action plan; history records who added it."""
    step = ActionStep(result=result, title=title.strip(), due_on=due_on, created_by=by)
    step.full_clean()
    step._history_user = by
    step.save()
    return step


def action_step_set_done(*, step: ActionStep, done: bool, by: User) -> ActionStep:
    """Tick a step off, or reopen it. History records who did it and when."""
    if step.is_done == done:
        return step
    step.done_at = timezone.now() if done else None
    step._history_user = by
    step.save(update_fields=["done_at"])
    return step


def action_step_remove(*, step: ActionStep, by: User) -> None:
    """Take a step out of the plan; its history stays, naming who removed it."""
    step._history_user = by
    step.delete()
