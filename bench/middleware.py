"""What each middleware costs a request, in process, with no server and no network.

Times `/health/alive/` (no database) through Django's WSGI handler with the whole stack and
with no middleware, `--rounds` rounds of `--requests` requests each in turn, the median
round counting. Then runs both under cProfile and shares the extra time out by the package
it is spent in, which says which middleware costs what. (Leaving one middleware out at a
time and subtracting was tried first: the differences, tens of µs, drowned in the noise.)
The request carries a session cookie, as a signed-in person's would.

    .venv/bin/python bench/middleware.py [--requests 3000] [--rounds 7] [--path /health/alive/]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-middleware")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402


def environ(path: str) -> dict[str, object]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}=abcdefghijklmnopqrstuvwxyz012345",
        "HTTP_ACCEPT": "text/html",
        "HTTP_USER_AGENT": "careerfit-bench",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }


def handler_for(middleware: list[str]) -> WSGIHandler:
    settings.MIDDLEWARE = middleware
    return WSGIHandler()


def per_request_us(handler: WSGIHandler, path: str, requests: int) -> float:
    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        assert status.startswith("200"), status  # noqa: S101 - a benchmark's own check

    started = time.perf_counter()
    for _ in range(requests):
        body = handler(environ(path), start_response)  # type: ignore[arg-type]
        b"".join(body)
        body.close()  # type: ignore[attr-defined]
    return (time.perf_counter() - started) / requests * 1e6


def where(filename: str) -> str:
    """The package a profiled function lives in, as the table names it."""
    parts = Path(filename).parts
    if "site-packages" in parts:
        rest = parts[parts.index("site-packages") + 1 :]
        if rest[:2] in (("django", "contrib"), ("django", "middleware")):
            return ".".join(rest[:3]).removesuffix(".py")
        return rest[0].removesuffix(".py")
    if "careerfit" in parts or "assessments" in parts or "roles" in parts:
        return "careerfit's own code"
    return "Python itself"


def profile_by_package(handler: WSGIHandler, path: str, requests: int) -> dict[str, float]:
    """Own time (µs a request) spent in each package, from cProfile."""
    profiler = cProfile.Profile()
    profiler.runcall(per_request_us, handler, path, requests)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        key = where(filename)
        totals[key] = totals.get(key, 0.0) + tottime / requests * 1e6
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--path", default="/health/alive/")
    args = parser.parse_args()

    full = list(settings.MIDDLEWARE)
    whole, bare = handler_for(full), handler_for([])
    settings.MIDDLEWARE = full
    for handler in (whole, bare):
        per_request_us(handler, args.path, 200)  # warm up
    timings: dict[str, list[float]] = {"whole stack": [], "no middleware": []}
    for _ in range(args.rounds):
        timings["whole stack"].append(per_request_us(whole, args.path, args.requests))
        timings["no middleware"].append(per_request_us(bare, args.path, args.requests))
    with_stack = statistics.median(timings["whole stack"])
    without = statistics.median(timings["no middleware"])
    print(f"{args.path}, {args.requests} requests x {args.rounds} rounds, median round:")
    print(f"whole stack {with_stack:.0f} µs a request, no middleware {without:.0f} µs,")
    print(f"so the middleware costs {with_stack - without:.0f} µs a request.\n")

    # Where the time goes, by package, under the profiler (which slows every call alike).
    stack = profile_by_package(whole, args.path, args.requests)
    alone = profile_by_package(bare, args.path, args.requests)
    extra = {key: stack[key] - alone.get(key, 0.0) for key in stack}
    total = sum(value for value in extra.values() if value > 0)
    print("| package | own µs a request under the profiler, beyond the bare handler | share |")
    print("|---|---:|---:|")
    for key, value in sorted(extra.items(), key=lambda item: -item[1]):
        if value >= 0.5:
            print(f"| {key} | {value:.0f} | {value / total:.0%} |")


if __name__ == "__main__":
    main()
