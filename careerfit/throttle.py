"""How often one client may do what people abuse: guess passwords, make accounts, ask for
reset mail, start questionnaires and score answers through the API.

Each limit counts per client address (careerfit.clients.client_ip, which reads past the
trusted proxies) in the "throttle" cache: Redis when REDIS_URL is set, so every process
and machine shares the counts, and otherwise a database table. The rates are the
RATE_LIMITS setting ("count/period", e.g. "30/15m"); the pages limited are listed here,
by URL name, so the apps themselves know nothing of it. A limited request gets 429 with
Retry-After: the site's page, or JSON under /api/.

Login guessing has two guards. django-axes locks one email from one address after
AXES_FAILURE_LIMIT wrong passwords; the "login_failures" limit stops one address trying
many emails (password spraying). Neither keys on the email alone, so nobody can lock
the real owner out from another address.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from ninja.throttling import SimpleRateThrottle

from careerfit.clients import client_ip

# URL name of a page → the limit its POSTs count against.
LIMITED_PAGES = {
    "signup": "signup",
    "password_reset": "password_reset",
    "assessments:start": "questionnaire_start",
}
LOGIN_PAGE = "login"
LOGIN_FAILURES = "login_failures"


def _address(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _usage(request: HttpRequest, limit: str, *, increment: bool) -> dict[str, Any] | None:
    return get_usage(
        request,
        group=limit,
        key=_address,
        rate=settings.RATE_LIMITS[limit],
        method="POST",
        increment=increment,
    )


def too_many_requests(request: HttpRequest, retry_after: float) -> HttpResponse:
    """The 429 answer: a page in the site's layout, or JSON for the API."""
    seconds = max(1, math.ceil(retry_after))
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": "Too many requests. Please wait and try again."}, status=429
        )
    else:
        minutes = math.ceil(seconds / 60)
        response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    """Answer 429 to a POST to a limited page once its client address used up the limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method != "POST" or request.resolver_match is None:
            return None
        name = request.resolver_match.view_name
        if name == LOGIN_PAGE:
            # Only failures count (count_login_failure); a right password always works
            # until this address has failed the whole limit.
            usage = _usage(request, LOGIN_FAILURES, increment=False)
            if usage is not None and usage["count"] >= usage["limit"]:
                return too_many_requests(request, usage["time_left"])
            return None
        limit = LIMITED_PAGES.get(name)
        if limit is None:
            return None
        usage = _usage(request, limit, increment=True)
        if usage is not None and usage["should_limit"]:
            return too_many_requests(request, usage["time_left"])
        return None


def count_login_failure(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """Django's user_login_failed signal: one more failure for the client's address."""
    if request is not None:
        _usage(request, LOGIN_FAILURES, increment=True)


def locked_out(request: HttpRequest, original_response: Any, credentials: Any) -> HttpResponse:
    """django-axes' answer while one email is locked for one address."""
    seconds = settings.AXES_COOLOFF_TIME.total_seconds()
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": math.ceil(seconds / 60)},
        status=429,
    )
    response["Retry-After"] = str(math.ceil(seconds))
    response["Cache-Control"] = "no-store"
    return response


class AddressThrottle(SimpleRateThrottle):
    """django-ninja's throttle, counting per client address in the "throttle" cache.

    The rate is read from RATE_LIMITS at each request, so a changed setting applies at once.
    """

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self.rate = None
        self.num_requests, self.duration = None, None

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches[settings.RATELIMIT_USE_CACHE]

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.RATE_LIMITS[cast(str, self.scope)]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
