"""Fifty people press "See my results" at the same moment (with --twice, each presses it
twice at once): every questionnaire must be saved exactly once, with no "database is
locked" on SQLite.

    .venv/bin/python bench/concurrent_submissions.py --database sqlite
    .venv/bin/python bench/concurrent_submissions.py --database postgres

Starts careerfit with bin/production (4 workers × 4 threads) on 127.0.0.1 against a fresh
database, prepares fifty finished questionnaires, fetches each last page (for its CSRF
token), then submits all fifty from fifty threads released together. Prints one
Markdown table row. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

from production_server import (
    environment,
    finished_drafts,
    last_step,
    manage,
    production_server,
    recreate_database,
    submit,
)

PORT = 8766
PEOPLE = 50

COUNT = """
from assessments.models import Result, Draft
from django.db.models import Count
print(Result.objects.count(), Result.objects.values("draft").annotate(n=Count("id")).filter(n__gt=1).count(), Draft.objects.filter(result__isnull=True).count())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--twice",
        action="store_true",
        help="Each person also presses the button a second time at once.",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        if args.database == "postgres":
            url = recreate_database("careerfit_bench_submissions")
        else:
            url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        env = environment(url, WEB_CONCURRENCY="4", TIMEOUT="60")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_catalogue", "-v0")
        tokens = finished_drafts(env, PEOPLE)
        log = Path(folder) / "server.log"
        with production_server(env, PORT, log, "--threads", "4"):
            prepared = [last_step(PORT, token) for token in tokens]
            presses = prepared * 2 if args.twice else prepared
            gate = threading.Barrier(len(presses))
            statuses: list[int] = []

            def press(path: str, cookie: str, form: str) -> None:
                gate.wait()
                statuses.append(submit(PORT, path, cookie, form)[0])

            threads = [threading.Thread(target=press, args=item) for item in presses]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        saved, duplicated, unsubmitted = manage(env, "shell", "-v", "0", "-c", COUNT).split()
        locked = log.read_text().count("database is locked")
        redirects = statuses.count(302)
        print(
            "| database | people | presses | answered with their result | results saved "
            '| drafts with two results | drafts left unsubmitted | "database is locked" | seconds |'
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(
            f"| {args.database} | {PEOPLE} | {len(presses)} | {redirects} | {saved} | {duplicated} "
            f"| {unsubmitted} | {locked} | {elapsed:.2f} |"
        )
        expected = (len(presses), PEOPLE, 0, 0, 0)
        if (redirects, int(saved), int(duplicated), int(unsubmitted), locked) != expected:
            sys.exit(1)


if __name__ == "__main__":
    main()
