"""Throughput and p99 latency of careerfit's pages under the production server, with wrk,
each as a ratio to a constant view measured in the same run.

    apt-get install wrk
    .venv/bin/python bench/throughput.py [--database-url postgres://…] [--duration 10]

Starts `bin/production` on 127.0.0.1 (PostgreSQL with the connection pool) against a
database that already holds results (see "counselor_scale.py" in bench/README.md for
making 100 000), prepares a counselor's session, a questionnaire and a result, and then
measures each page against the baseline, `/health/alive/`: a view that answers a constant
through the same middleware and never reads the database. Runs alternate baseline and
page, three times each, and the ratio is the page's median requests per second over the
baseline's. The baseline is sent the same headers as the page (the counselor's cookie for
the dashboard). Every request goes to 127.0.0.1; each run lasts --duration seconds.
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
    counselor_cookie,
    environment,
    get,
    manage,
    production_server,
    worker_pids,
)

PORT = 8767
BASELINE = "/health/alive/"
GOAL = 0.25

PREPARE = """
import json
from assessments import services
from assessments.models import Assessment
result = Assessment.objects.order_by("id").first()
draft = services.draft_start(mode="target", length="full", role_slug=result.role_slug)
print(json.dumps({
    "role": result.role_slug,
    "result": result.token,
    "draft": draft.token,
    "results": Assessment.objects.count(),
    "shared": Assessment.objects.filter(shared_at__isnull=False).count(),
}))
"""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    marker: bytes  # text the real page holds, checked before it is measured
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    requests_per_second: float
    p99_ms: float
    errors: int


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(path: str, headers: tuple[str, ...], duration: int, connections: int) -> Run:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], check=True, capture_output=True, text=True
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
        "--redis-url",
        default="",
        help="run with REDIS_URL set, as a deployment of several processes would "
        "(e.g. redis://127.0.0.1:6379/14)",
    )
    parser.add_argument("--duration", type=int, default=10, choices=range(2, 61), metavar="2-60")
    parser.add_argument("--connections", type=int, default=8, choices=range(1, 65), metavar="1-64")
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, 8), metavar="1-7")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing. On Debian: sudo apt-get install wrk")

    env = environment(
        args.database_url, DATABASE_POOL="true", MAX_REQUESTS="0", REDIS_URL=args.redis_url
    )
    facts = json.loads(manage(env, "shell", "-v", "0", "-c", PREPARE).strip().splitlines()[-1])
    counselor = tuple(f"{name}: {value}" for name, value in counselor_cookie(env).items())
    pages = [
        Page("home", "/", b"Where do your skills fit in production?"),
        Page("role page", f"/roles/{facts['role']}/", b'<h1 class="h2">'),
        Page("questionnaire, first step", f"/assess/{facts['draft']}/step/1/", b"Step 1 of"),
        Page("results page", f"/results/{facts['result']}/", b"Your results: "),
        Page("counselor dashboard", "/counselor/", b"Counselor workspace", counselor),
    ]

    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with production_server(env, PORT, log) as server:
            workers = len(worker_pids(server))
            for page in pages:
                status, body = get(PORT, page.path, dict(h.split(": ", 1) for h in page.headers))
                if status != 200 or page.marker not in body:
                    raise SystemExit(
                        f"{page.name} ({page.path}) answered {status} without "
                        f"{page.marker!r}; is the database ready?"
                    )
                wrk(page.path, page.headers, 2, args.connections)  # warm up
            rows = []
            for page in pages:
                baseline_runs, page_runs = [], []
                for _ in range(args.rounds):
                    baseline_runs.append(
                        wrk(BASELINE, page.headers, args.duration, args.connections)
                    )
                    page_runs.append(wrk(page.path, page.headers, args.duration, args.connections))
                    print(
                        f"  {page.name}: baseline {baseline_runs[-1].requests_per_second:.0f}/s, "
                        f"page {page_runs[-1].requests_per_second:.0f}/s",
                        file=sys.stderr,
                    )
                rows.append((page, baseline_runs, page_runs))

    print(
        f"\n{facts['results']} results ({facts['shared']} shared); bin/production with "
        f"{workers} workers on {os.cpu_count()} cores, "
        f"{'Redis (' + args.redis_url + ')' if args.redis_url else 'no Redis'}; "
        f"wrk -t2 -c{args.connections} "
        f"-d{args.duration}s, {args.rounds} alternated runs each.\n"
    )
    print("| page | requests/s | p99 ms | baseline requests/s | baseline p99 ms | ratio | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    below_goal = []
    for page, baseline_runs, page_runs in rows:
        baseline = statistics.median(r.requests_per_second for r in baseline_runs)
        measured = statistics.median(r.requests_per_second for r in page_runs)
        ratio = measured / baseline
        errors = sum(r.errors for r in baseline_runs + page_runs)
        print(
            f"| {page.name} | {measured:.0f} | {statistics.median(r.p99_ms for r in page_runs):.1f} "
            f"| {baseline:.0f} | {statistics.median(r.p99_ms for r in baseline_runs):.1f} "
            f"| {ratio:.2f} | {errors} |"
        )
        if ratio < GOAL or errors:
            below_goal.append(page.name)
    if below_goal:
        print(f"\nBelow {GOAL} of the baseline or with errors: {', '.join(below_goal)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
