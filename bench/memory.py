"""Memory of a careerfit worker under the production server: its resident set over 10 000
requests (it must not grow) and its peak while streaming the CSV export of every shared
result.

    .venv/bin/python bench/memory.py [--database-url postgres://…] [--requests 10000]

Starts `bin/production` on 127.0.0.1 with one worker that is never recycled
(MAX_REQUESTS=0), against a database that already holds results (see "counselor_scale.py"
in bench/README.md for making 100 000). Warms each page up, then sends --requests
requests from two threads in turn to the home page, a role page, a questionnaire step, a
result, the counselor dashboard and the liveness probe, and reads the worker's resident
set (VmRSS in /proc) after every tenth of them. Last, a counselor downloads
`/counselor/results.csv` to the end; the worker's peak resident set (VmHWM) before and
after the download gives the export's peak. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import itertools
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

from production_server import (
    BENCH_DATABASE,
    counselor_cookie,
    environment,
    get,
    manage,
    memory_kib,
    production_server,
    worker_pids,
)

PORT = 8769
PREPARE = """
import json
from assessments import services
from assessments.models import Result
results = list(Result.objects.order_by("id").values_list("token", "role_slug")[:200])
drafts = [
    services.draft_start(mode="target", length="full", role_slug=role).token
    for _, role in results[:50]
]
print(json.dumps({
    "results": [token for token, _ in results],
    "roles": sorted({role for _, role in results}),
    "drafts": drafts,
    "shared": Result.objects.filter(shared_at__isnull=False).count(),
}))
"""


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=BENCH_DATABASE)
    parser.add_argument(
        "--requests", type=int, default=10_000, choices=range(1_000, 100_001), metavar="1000-100000"
    )
    args = parser.parse_args()

    env = environment(
        args.database_url, DATABASE_POOL="true", MAX_REQUESTS="0", WEB_CONCURRENCY="1"
    )
    facts = json.loads(manage(env, "shell", "-v", "0", "-c", PREPARE).strip().splitlines()[-1])
    cookie = counselor_cookie(env)
    anonymous: dict[str, str] = {}
    # Many different results, roles and drafts, so per-object caches would show as growth.
    roles, drafts, results = facts["roles"], facts["drafts"], facts["results"]
    paths = itertools.cycle(
        [
            "/",
            f"/roles/{roles[n % len(roles)]}/",
            f"/assess/{drafts[n % len(drafts)]}/step/1/",
            f"/results/{token}/",
            "/counselor/",
            "/health/alive/",
        ]
        for n, token in enumerate(results)
    )
    lock = threading.Lock()
    served = 0
    failures: list[str] = []

    with (
        tempfile.TemporaryDirectory() as folder,
        production_server(env, PORT, Path(folder) / "server.log") as server,
    ):
        (worker,) = worker_pids(server)
        for path in ["/", f"/roles/{facts['roles'][0]}/", f"/results/{facts['results'][0]}/"]:
            for _ in range(20):
                get(PORT, path)
        for _ in range(20):
            get(PORT, "/counselor/", cookie)
        samples = [(0, memory_kib(worker))]
        tenth = args.requests // 10

        def client() -> None:
            nonlocal served
            while True:
                with lock:
                    if served >= args.requests:
                        return
                    group = next(paths)
                for path in group:
                    status, _ = get(PORT, path, cookie if path == "/counselor/" else anonymous)
                    with lock:
                        if status != 200:
                            failures.append(f"{path} {status}")
                        served += 1
                        if served % tenth == 0:
                            samples.append((served, memory_kib(worker)))

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        load_seconds = time.perf_counter() - started

        before_export = memory_kib(worker)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
        started = time.perf_counter()
        conn.request("GET", "/counselor/results.csv", headers=cookie)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        rows = len(list(csv.reader(io.StringIO(body.decode())))) - 1  # less the header
        size = len(body)
        export_seconds = time.perf_counter() - started
        after_export = memory_kib(worker)

    print(
        f"\n{args.requests} requests in {load_seconds:.0f} s to one bin/production worker "
        f"that is never recycled ({facts['shared']} shared results in the database).\n"
    )
    print("| requests served | resident MiB | peak so far MiB |")
    print("|---:|---:|---:|")
    for count, figures in samples:
        print(f"| {count} | {mib(figures['VmRSS'])} | {mib(figures['VmHWM'])} |")
    growth = samples[-1][1]["VmRSS"] - samples[1][1]["VmRSS"]
    print(f"\nGrowth from request {samples[1][0]} to {samples[-1][0]}: {mib(growth)} MiB\n")
    print(
        "| CSV export | rows | MiB sent | seconds | resident before MiB "
        "| peak before MiB | peak during MiB | resident after MiB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| every shared result | {rows} | {size / 2**20:.1f} | {export_seconds:.1f} "
        f"| {mib(before_export['VmRSS'])} | {mib(before_export['VmHWM'])} "
        f"| {mib(after_export['VmHWM'])} | {mib(after_export['VmRSS'])} |"
    )
    if failures:
        print(f"\n{len(failures)} requests failed, e.g. {failures[:3]}")
        sys.exit(1)
    if rows != facts["shared"]:
        print(f"\nThe export held {rows} rows, not {facts['shared']}")
        sys.exit(1)


if __name__ == "__main__":
    main()
