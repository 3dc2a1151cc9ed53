"""The one cache careerfit keeps: the public catalogue's pages and page parts.

A visitor who brings no cookie but the CSRF one and the language one (no session, so no
account, no results and no messages) gets a catalogue page whole from the cache, with
their own CSRF token put into it (public_page). Anyone else gets the page drawn afresh
around its catalogue parts (cached).

Both are kept under the catalogue's version and the page's language (a page in Spanish is
kept apart from the same page in English): the version is a random token in the same
cache, which every catalogue write replaces by calling bump(): the catalogue services,
the admin (save, delete, bulk delete, inlines, history revert) and import-export's
after-import hook. A write made any other way (the shell, raw SQL) must call bump() too.
A token is never used twice, so a version pushed out of the cache only costs a page drawn
again. The cache is shared by every process (Redis with REDIS_URL, files in one folder
without), so reading the version costs no query. The alias's key prefix names the
release, so a new release never serves what an earlier one drew. Nothing personal goes
in: no user, session, CSRF token or result.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from collections.abc import Callable
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

CACHE = "catalogue"
VERSION_KEY = "version"

T = TypeVar("T")


def version() -> str:
    """The catalogue's current version, from the cache; a new one if it has none."""
    cache = caches[CACHE]
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(VERSION_KEY)
    return cast(str, token)


def _replace_version() -> None:
    caches[CACHE].set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def bump() -> None:
    """Give the catalogue a new version, so every process draws its pages afresh.

    Once now, so the writing transaction itself (and a test inside one) sees the change,
    and once more when it commits: a page drawn in between, from what was committed
    before, is then left under a version nobody asks for.
    """
    _replace_version()
    transaction.on_commit(_replace_version)


def cached(name: str, *parts: object, compute: Callable[[], T], per_language: bool = True) -> T:
    """`compute()`, or what it gave for the same name and parts at this version, and in
    this language unless `per_language` is off (for a part whose words do not depend on
    the page's language, kept once).

    An exception from `compute` (such as Http404) is raised and nothing is kept.
    """
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    language = get_language() if per_language else "any"
    key = f"{name}:{version()}:{language}:{digest[:32]}"
    return cast(T, caches[CACHE].get_or_set(key, compute))


# A kept page holds this in place of its CSRF tokens; each visitor's own token replaces it.
CSRF_STAND_IN = b"careerfit-kept-page-csrf-token"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')

View = Callable[..., HttpResponse]


def _is_public(request: HttpRequest) -> bool:
    """Whether the page can only be what every anonymous visitor sees in their language:
    no session (so no account, no results of theirs and no messages) and no cookie but
    the CSRF token and the language chosen with the switcher (pages are kept per
    language)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.GET  # searches and filters are endless; only plain pages are kept
        and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    )


def public_page(view: View) -> View:
    """Keep the view's page whole, per path, for visitors with no session.

    A page is kept with the version it was drawn at, under a key of its own, and read
    together with the current version (one round trip to Redis); an older one is drawn
    again and replaced. Only a 200 answer is kept, so an unknown role stays a 404 and
    fills nothing. A page asked for with a query string is drawn afresh.
    """
    name = f"page:{view.__module__}.{view.__qualname__}"

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not _is_public(request):
            return view(request, *args, **kwargs)
        store = caches[CACHE]
        key = f"{name}:{get_language()}:{request.path}"
        found = store.get_many([VERSION_KEY, key])
        current = found.get(VERSION_KEY) or version()
        kept = found.get(key)
        if kept is None or kept[0] != current:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            body = CSRF_FIELD.sub(rb"\g<1>" + CSRF_STAND_IN + rb"\g<2>", response.content)
            kept = (current, response["Content-Type"], body)
            store.set(key, kept)
        _, content_type, body = kept
        if CSRF_STAND_IN in body:
            body = body.replace(CSRF_STAND_IN, get_token(request).encode())
        response = HttpResponse(body, content_type=content_type)
        # Never served from a shared cache on the way to someone with a session.
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
