"""Writes to the role catalogue."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from simple_history.manager import HistoryManager

from roles import cache

CATALOGUE_FIXTURE = "catalogue"
BASELINE_REASON = "Loaded from fixtures/catalogue.json"


def catalogue_load() -> dict[str, int]:
    """Load fixtures/catalogue.json and give every row without history a first record.

    Side effects: rows are matched by natural key, so existing ones are updated and none
    are duplicated; each historied model gains a baseline record for rows that had none,
    so the first admin edit of a loaded row shows what changed; the catalogue's version
    moves (roles/cache.py). Returns the number of baseline records created per model
    label. All or nothing.
    """
    with transaction.atomic():
        call_command("loaddata", CATALOGUE_FIXTURE, verbosity=0)
        cache.bump()
        return {
            model._meta.label: _baseline_history(model)
            for model in apps.get_app_config("roles").get_models()
            if isinstance(getattr(model, "history", None), HistoryManager)
        }


def _baseline_history(model: type[models.Model]) -> int:
    # A fixture load saves in raw mode, which simple-history does not record, but an
    # m2m link set during the load can still write a row; so check row by row.
    recorded = model.history.values_list("id", flat=True)  # type: ignore[attr-defined]
    missing = list(model._default_manager.exclude(pk__in=recorded))
    model.history.bulk_history_create(  # type: ignore[attr-defined]
        missing, default_change_reason=BASELINE_REASON
    )
    return len(missing)
