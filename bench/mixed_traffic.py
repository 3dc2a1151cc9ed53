"""Job seekers answer and submit while counselors browse: reads and writes together.

    .venv/bin/python bench/mixed_traffic.py [--database-url postgres://…] [--redis-url …]
        [--people 6] [--counselors 2] [--duration 30]

Starts `bin/production` on 127.0.0.1 against a database that already holds results (see
"counselor_scale.py" in bench/README.md), prepares one answered questionnaire per journey
a person can make, and runs two kinds of visitor at once, each in its own thread, until
--duration seconds pass or the questionnaires run out:

- a job seeker opens their questionnaire from its link, which leads to its last step,
  presses "See my results" and reads the report, then takes the next questionnaire;
- a counselor goes round the dashboard (first page, a band, a search, page 2), the cohort
  and a shared result.

Prints, per kind of request, how many were answered, the rate and the median and 99th
percentile time, and how many answers were not the page expected; then checks that every
journey's result was saved exactly once. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import queue
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from production_server import (
    BENCH_DATABASE,
    AlreadySubmitted,
    Unexpected,
    counselor_cookie,
    environment,
    finished_drafts,
    last_step,
    manage,
    production_server,
    submit,
)

PORT = 8769

SHARED_RESULT = """
from assessments.counselor.selectors import shared_results
print(shared_results().order_by("-shared_at").values_list("pk", flat=True).first())
"""

COUNT = """
from assessments.models import Result
tokens = {tokens!r}
print(Result.objects.filter(draft__token__in=tokens).count())
"""


class Timings:
    """Request times by kind, and the answers that were not the page expected."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.failures: dict[str, int] = defaultdict(int)

    def add(self, kind: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)
            if not ok:
                self.failures[kind] += 1


def timed_get(timings: Timings, kind: str, path: str, cookie: str, marker: bytes) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    timings.add(kind, time.perf_counter() - started, response.status == 200 and marker in body)
    return body


def seeker(
    timings: Timings, drafts: queue.Queue[str], done: list[str], stop: threading.Event
) -> None:
    while not stop.is_set():
        try:
            token = drafts.get_nowait()
        except queue.Empty:
            return
        started = time.perf_counter()
        try:
            path, cookie, form = last_step(PORT, token)
        except (Unexpected, AlreadySubmitted):
            timings.add("open the questionnaire (2 requests)", time.perf_counter() - started, False)
            continue
        timings.add("open the questionnaire (2 requests)", time.perf_counter() - started, True)
        started = time.perf_counter()
        status, location, _ = submit(PORT, path, cookie, form)
        timings.add("submit", time.perf_counter() - started, status == 302)
        if status == 302 and location.startswith("/results/"):
            done.append(token)
            timed_get(timings, "results page", location, "", b"Your results: ")


def counselor(timings: Timings, cookie: str, result: int, stop: threading.Event) -> None:
    rounds = [
        ("dashboard", "/counselor/", b"Counselor workspace"),
        ("dashboard", "/counselor/?band=nearly-ready&sort=-readiness", b"Counselor workspace"),
        ("dashboard", "/counselor/?q=garcia", b"Counselor workspace"),
        ("dashboard", "/counselor/?page=2", b"Counselor workspace"),
        ("cohort", "/counselor/cohort/", b"Counselor workspace"),
        ("shared result", f"/counselor/results/{result}/", b"Your notes"),
    ]
    while not stop.is_set():
        for kind, path, marker in rounds:
            if stop.is_set():
                return
            timed_get(timings, kind, path, cookie, marker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=BENCH_DATABASE)
    parser.add_argument("--redis-url", default="", help="e.g. redis://127.0.0.1:6379/14")
    parser.add_argument("--people", type=int, default=6, choices=range(1, 33), metavar="1-32")
    parser.add_argument("--counselors", type=int, default=2, choices=range(9), metavar="0-8")
    parser.add_argument("--duration", type=int, default=30, choices=range(5, 301), metavar="5-300")
    parser.add_argument(
        "--journeys", type=int, default=600, help="questionnaires prepared: the most submitted"
    )
    args = parser.parse_args()

    env = environment(args.database_url, MAX_REQUESTS="0", REDIS_URL=args.redis_url)
    tokens = finished_drafts(env, args.journeys)
    cookie = counselor_cookie(env)["Cookie"]
    result = int(manage(env, "shell", "-v", "0", "-c", SHARED_RESULT).split()[-1])
    drafts: queue.Queue[str] = queue.Queue()
    for token in tokens:
        drafts.put(token)
    timings, stop = Timings(), threading.Event()
    done: list[str] = []

    with (
        tempfile.TemporaryDirectory() as folder,
        production_server(env, PORT, Path(folder) / "server.log"),
    ):
        threads = [
            threading.Thread(target=seeker, args=(timings, drafts, done, stop))
            for _ in range(args.people)
        ] + [
            threading.Thread(target=counselor, args=(timings, cookie, result, stop))
            for _ in range(args.counselors)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        stop.wait(args.duration)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

    saved = int(manage(env, "shell", "-v", "0", "-c", COUNT.format(tokens=done)).split()[-1])
    print(
        f"{args.people} job seekers and {args.counselors} counselors for {elapsed:.0f} s; "
        f"{len(done)} questionnaires submitted, {saved} of them saved.\n"
    )
    print("| request | answered | per second | median ms | p99 ms | not the page expected |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, seconds in timings.seconds.items():
        ordered = sorted(seconds)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"| {kind} | {len(seconds)} | {len(seconds) / elapsed:.1f} "
            f"| {statistics.median(seconds) * 1000:.0f} | {p99 * 1000:.0f} "
            f"| {timings.failures[kind]} |"
        )
    if saved != len(done) or any(timings.failures.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
