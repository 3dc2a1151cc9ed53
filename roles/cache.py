"""The one cache careerfit keeps: the public catalogue's page parts.

A part is kept under the catalogue's version, a number in the database that every
catalogue write moves in the same transaction, by calling bump(): the catalogue services,
the admin (save, delete, bulk delete, inlines, history revert) and import-export's
after-import hook. A write made any other way (the shell, raw SQL) must call bump() too.
The cache alias's key prefix names the release, so a new release never serves what an
earlier one drew. Nothing personal goes in: no user, session, CSRF token or result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar, cast

from django.core.cache import caches
from django.db.models import F

from roles.models import CatalogueVersion

CACHE = "catalogue"

T = TypeVar("T")


def version() -> int:
    """The catalogue's current version, in one query."""
    number = CatalogueVersion.objects.values_list("number", flat=True).first()
    return number or 0


def bump() -> None:
    """Move the catalogue's version, so every process draws its parts afresh."""
    if not CatalogueVersion.objects.filter(pk=1).update(number=F("number") + 1):
        # The row is made by a migration; a flushed database has none until now.
        CatalogueVersion.objects.get_or_create(pk=1, defaults={"number": version() + 1})


def cached(name: str, *parts: object, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for the same name and parts at this version.

    An exception from `compute` (such as Http404) is raised and nothing is kept.
    """
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    key = f"{name}:{version()}:{digest[:32]}"
    return cast(T, caches[CACHE].get_or_set(key, compute))
