"""What pages read on every request, kept in the fragments cache: rendered page parts, the
catalogue lookups behind them, sign-in sessions and signed-in accounts.

A key names everything its value depends on: the revision token of the data it shows
(careerfit.revisions) and whatever the request adds, such as a slug or the query string.
The fragments cache's key prefix names the code (settings.CODE_DIGEST), so a new release
never serves what the previous one drew. Nothing is deleted on purpose: a new token leads
to a new key, and the old value expires after FRAGMENT_CACHE_SECONDS.

A value must depend on nothing outside its key. A page part is the same for everyone who
may see it: no CSRF token, no user, no messages; those stay in the page around it. A
session or an account is keyed by its own session key or user id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key

# The alias Django's {% cache %} template tag also uses when it exists.
FRAGMENTS = "template_fragments"

T = TypeVar("T")


def cached(name: str, vary_on: Iterable[object], compute: Callable[[], T]) -> T:
    """`compute()`, or the value it gave before for the same name and vary_on."""
    key = make_template_fragment_key(name, [str(part) for part in vary_on])
    return cast(T, caches[FRAGMENTS].get_or_set(key, compute))
