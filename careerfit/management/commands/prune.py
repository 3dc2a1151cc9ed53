"""Remove what careerfit no longer needs to keep; run it daily (README, "Running in
production"). --dry-run prints the counts and deletes nothing."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from assessments.services import retention_prune


class Command(BaseCommand):
    help = (
        "Delete unfinished questionnaires, results in no account left unopened, expired "
        "sessions and old login records, by the retention settings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be deleted; delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        now = timezone.now()
        pruned = retention_prune(now=now, dry_run=dry_run)
        store = import_module(settings.SESSION_ENGINE).SessionStore
        sessions = store.get_model_class().objects.filter(expire_date__lt=now)
        login_cutoff = now - timedelta(days=settings.LOGIN_RECORD_RETENTION_DAYS)
        logins = [
            AccessAttempt.objects.filter(attempt_time__lt=login_cutoff),
            AccessFailureLog.objects.filter(attempt_time__lt=login_cutoff),
            AccessLog.objects.filter(attempt_time__lt=login_cutoff),
        ]
        session_count = sessions.count()
        login_count = sum(records.count() for records in logins)
        if not dry_run:
            with transaction.atomic():
                store.clear_expired()
                for records in logins:
                    records.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb}: {pruned.drafts} unfinished questionnaire(s) not saved for "
            f"{settings.DRAFT_RETENTION_DAYS} days, {pruned.results} result(s) in no account "
            f"not opened for {settings.ANONYMOUS_RESULT_RETENTION_DAYS} days, "
            f"{session_count} expired session(s), {login_count} login record(s) older than "
            f"{settings.LOGIN_RECORD_RETENTION_DAYS} days, {pruned.unconfirmed_accounts} "
            f"sign-up(s) not confirmed within {settings.UNCONFIRMED_ACCOUNT_DAYS} days."
        )
