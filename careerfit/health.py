"""Health check and the answer careerfit gives while its database is unreachable."""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_guid import get_guid
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

RETRY_AFTER_SECONDS = 15
# What a database that went away raises, on connecting or mid-query.
LOST_CONNECTION = (OperationalError, InterfaceError)


@never_cache
@require_safe
def alive(request: HttpRequest) -> JsonResponse:
    """200 while the process can answer at all; it never touches the database.

    For a supervisor deciding whether to restart the process: while only the database is
    down, restarting would not help. It is also the baseline the throughput benchmark
    compares pages with, since it runs the full middleware and nothing else.
    """
    return JsonResponse({"status": "ok"})


def _cache_state() -> str:
    """ "ok" when Redis answers, "down" when it does not, "local" without Redis."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return "local"
    try:
        cache.client.get_client(write=True).ping()
    except (RedisError, OSError):
        return "down"
    return "ok"


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 when careerfit can reach its database, 503 when it cannot. For load balancers.

    Without Redis careerfit still serves every page (nothing is cached, and rate limits and
    lockout counters are not kept meanwhile), so a Redis that is down makes the answer
    "degraded", still 200: taking every server out of the balancer would help nobody.
    """
    cache = _cache_state()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "cache": cache}, status=503
        )
    status = "degraded" if cache == "down" else "ok"
    return JsonResponse({"status": status, "database": "ok", "cache": cache})


def _unavailable(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": "careerfit is briefly unavailable. Please try again shortly."}, status=503
        )
    else:
        # Rendered without the request: context processors would need the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After, not a traceback, when the database connection fails."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Django turns a view's exception into a response at every middleware layer, so it
        # reaches this middleware only through process_exception.
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LOST_CONNECTION):
            return _unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, with the request id; the 503 answer when the error was a lost
    database connection.

    DatabaseUnavailableMiddleware sees only the views' exceptions. A connection lost later,
    as the session is saved after a submission, reaches Django's own handler instead.
    """
    if isinstance(sys.exc_info()[1], LOST_CONNECTION):
        return _unavailable(request)
    # Rendered without the request, as Django's own handler does: whatever failed may be
    # what the context processors need. The request id finds the error in the log.
    return HttpResponseServerError(render_to_string("500.html", {"request_id": get_guid()}))
