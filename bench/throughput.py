"""Throughput and p99 latency of careerfit's pages under the production server, with wrk,
each as a ratio to a constant view measured in the same run.

    apt-get install wrk
    .venv/bin/python bench/throughput.py [--database-url postgres://…] [--duration 10]

Starts `bin/production` on 127.0.0.1 against a database that already holds results (see
"counselor_scale.py" in bench/README.md for making them), prepares a counselor's session,
a questionnaire and a result, and measures each page against two baselines in the same
run: a bare Django view with no middleware and no database (bench/bare.py) under the same
gunicorn, and `/health/alive/`, a constant answered through careerfit's whole middleware
stack. Runs alternate bare view, alive and page, --rounds times each; a ratio is the
page's median requests per second over the baseline's. Both baselines are sent the same
headers as the page (the counselor's cookie for the dashboard). Every request goes to
127.0.0.1; each run lasts --duration seconds.

Two floors are measured the same way (bench/floor.py, the same stack and database under a
gunicorn of their own): a signed-in request that reads its session and user and nothing
else, and an anonymous one that makes one small query. No personal page can run faster
than its floor, so a page's distance from its floor is its own work.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from production_server import (
    BENCH_DATABASE,
    bare_server,
    bench_app,
    counselor_cookie,
    environment,
    get,
    manage,
    production_server,
    seeker_cookie,
    worker_pids,
)

PORT = 8767
BARE_PORT = 8768
FLOOR_PORT = 8769
BASELINE = "/health/alive/"
# Against the bare view: catalogue pages, kept in the catalogue cache, and personal pages,
# drawn afresh on every request.
CATALOGUE_GOAL = 0.3
PERSONAL_GOAL = 0.15

PREPARE = """
import json
from assessments import services
from assessments.models import Result
result = Result.objects.order_by("id").first()
# A planner's first page: eight questions, as a typical page of the questionnaire has
# (the first result's role may have a page of one).
draft = services.draft_start(mode="target", length="full", role_slug="production-planner")
print(json.dumps({
    "role": result.role_slug,
    "result": result.token,
    "draft": draft.token,
    "results": Result.objects.count(),
    "shared": Result.objects.filter(shared_at__isnull=False).count(),
}))
"""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    marker: bytes  # text the real page holds, checked before it is measured
    goal: float | None  # None: a floor (bench/floor.py), measured for comparison
    headers: tuple[str, ...] = ()
    port: int = PORT


@dataclass(frozen=True)
class Run:
    requests_per_second: float
    p99_ms: float
    errors: int


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    path: str, headers: tuple[str, ...], duration: int, connections: int, port: int = PORT
) -> Run:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], check=True, capture_output=True, text=True
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if not (rate and p99):
        raise SystemExit(f"Could not read wrk's output:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    return Run(
        float(rate.group(1)),
        float(p99.group(1)) * UNITS_MS[p99.group(2)],
        errors,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=BENCH_DATABASE)
    parser.add_argument(
        "--pool", action="store_true", help="PostgreSQL through the connection pool"
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="run with REDIS_URL set, as a deployment of several processes would "
        "(e.g. redis://127.0.0.1:6379/14)",
    )
    parser.add_argument("--duration", type=int, default=10, choices=range(2, 61), metavar="2-60")
    parser.add_argument("--connections", type=int, default=8, choices=range(1, 65), metavar="1-64")
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, 8), metavar="1-7")
    parser.add_argument(
        "--pages", nargs="+", metavar="NAME", help="only these pages (e.g. home 'role list')"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing. On Debian: sudo apt-get install wrk")

    env = environment(
        args.database_url,
        DATABASE_POOL="true" if args.pool else "false",
        MAX_REQUESTS="0",
        REDIS_URL=args.redis_url,
    )
    facts = json.loads(manage(env, "shell", "-v", "0", "-c", PREPARE).strip().splitlines()[-1])
    counselor = tuple(f"{name}: {value}" for name, value in counselor_cookie(env).items())
    seeker = tuple(f"{name}: {value}" for name, value in seeker_cookie(env).items())
    pages = [
        Page("home", "/", b"Where do your skills fit in production?", CATALOGUE_GOAL),
        Page("role list", "/roles/", b"roles found.", CATALOGUE_GOAL),
        Page("role page", f"/roles/{facts['role']}/", b'<h1 class="h2">', CATALOGUE_GOAL),
        Page(
            "questionnaire, first step",
            f"/assess/{facts['draft']}/step/1/",
            b"Step 1 of",
            PERSONAL_GOAL,
        ),
        Page("results page", f"/results/{facts['result']}/", b"Your results: ", PERSONAL_GOAL),
        Page(
            "my results",
            "/account/results/",
            b'<h1 class="h2">Your results</h1>',
            PERSONAL_GOAL,
            seeker,
        ),
        Page(
            "counselor dashboard",
            "/counselor/",
            b"Counselor workspace",
            PERSONAL_GOAL,
            counselor,
        ),
    ]
    # The least a page of each kind costs through the same stack (bench/floor.py).
    pages += [
        Page(
            "floor: session and user, nothing else",
            "/bench/signed-in/",
            b"signed in",
            None,
            seeker,
            FLOOR_PORT,
        ),
        Page(
            "floor: one query, not signed in", "/bench/one-query/", b"found", None, (), FLOOR_PORT
        ),
    ]
    if args.pages:
        unknown = set(args.pages) - {page.name for page in pages}
        if unknown:
            raise SystemExit(f"No such page: {', '.join(sorted(unknown))}")
        pages = [page for page in pages if page.name in args.pages]

    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with (
            production_server(env, PORT, log) as server,
            bare_server(BARE_PORT, len(worker_pids(server))),
            bench_app("floor", FLOOR_PORT, len(worker_pids(server)), env),
        ):
            workers = len(worker_pids(server))
            for page in pages:
                status, body = get(
                    page.port, page.path, dict(h.split(": ", 1) for h in page.headers)
                )
                if status != 200 or page.marker not in body:
                    raise SystemExit(
                        f"{page.name} ({page.path}) answered {status} without "
                        f"{page.marker!r}; is the database ready?"
                    )
                wrk(page.path, page.headers, 2, args.connections, page.port)  # warm up
            rows = []
            wrk("/", (), 2, args.connections, BARE_PORT)  # warm up
            for page in pages:
                bare_runs, alive_runs, page_runs = [], [], []
                for _ in range(args.rounds):
                    bare_runs.append(
                        wrk("/", page.headers, args.duration, args.connections, BARE_PORT)
                    )
                    alive_runs.append(wrk(BASELINE, page.headers, args.duration, args.connections))
                    page_runs.append(
                        wrk(page.path, page.headers, args.duration, args.connections, page.port)
                    )
                    print(
                        f"  {page.name}: bare {bare_runs[-1].requests_per_second:.0f}/s, "
                        f"alive {alive_runs[-1].requests_per_second:.0f}/s, "
                        f"page {page_runs[-1].requests_per_second:.0f}/s",
                        file=sys.stderr,
                    )
                rows.append((page, bare_runs, alive_runs, page_runs))

    print(
        f"\n{facts['results']} results ({facts['shared']} shared); bin/production with "
        f"{workers} workers on {os.cpu_count()} cores, "
        f"{'Redis (' + args.redis_url + ')' if args.redis_url else 'no Redis'}; "
        f"wrk -t2 -c{args.connections} "
        f"-d{args.duration}s, {args.rounds} alternated runs each.\n"
    )
    print(
        "| page | requests/s | p99 ms | bare view requests/s | alive requests/s "
        "| ratio to bare view | ratio to alive | goal | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    below_goal = []
    for page, bare_runs, alive_runs, page_runs in rows:
        bare = statistics.median(r.requests_per_second for r in bare_runs)
        alive = statistics.median(r.requests_per_second for r in alive_runs)
        measured = statistics.median(r.requests_per_second for r in page_runs)
        errors = sum(r.errors for r in bare_runs + alive_runs + page_runs)
        print(
            f"| {page.name} | {measured:.0f} | {statistics.median(r.p99_ms for r in page_runs):.1f} "
            f"| {bare:.0f} | {alive:.0f} | {measured / bare:.2f} | {measured / alive:.2f} "
            f"| {'–' if page.goal is None else page.goal} | {errors} |"
        )
        if (page.goal is not None and measured / bare < page.goal) or errors:
            below_goal.append(page.name)
    if below_goal:
        print(f"\nBelow the goal or with errors: {', '.join(below_goal)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
