"""PostgreSQL restarted in the middle of a load run: careerfit must answer 503 (never a
traceback) while the database is down, recover by itself, and lose no submission it
answered with a result.

    .venv/bin/python bench/fault_run.py [--cluster main --port 5432] [--no-pool]

Stops and starts a local PostgreSQL 15 cluster (`pg_ctlcluster --skip-systemctl-redirect
15 <cluster> stop/start`), so give it one nothing else needs at that moment; a cluster of
its own is easiest (`pg_createcluster 15 faults -p 5433`, with trust for 127.0.0.1 in its
pg_hba.conf, then `--cluster faults --port 5433`). Starts
`bin/production` on 127.0.0.1 against a fresh database with the connection pool (as the
README recommends; --no-pool for a new connection per request), prepares finished
questionnaires and has THREADS people submit them, one after another, for RUN_SECONDS. A
person who gets a 503 waits a moment and presses again, as the page asks. After
DOWN_AT seconds the database stops for DOWN_FOR seconds. A health poller records when
careerfit reports the outage and when it is back. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from production_server import (
    AlreadySubmitted,
    Unexpected,
    environment,
    finished_drafts,
    get,
    last_step,
    manage,
    production_server,
    recreate_database,
    submit,
)

PORT = 8768
THREADS = 6
DRAFTS = 1500
RUN_SECONDS = 50
DOWN_AT = 15
DOWN_FOR = 10
THINK_SECONDS = 0.3
OUTAGE_PAGE = b"careerfit is back in a moment"

SAVED = """
from assessments.models import Result
from django.db.models import Count
tokens = set({tokens!r})
saved = set(Result.objects.filter(draft__token__in=tokens).values_list("draft__token", flat=True))
twice = Result.objects.values("draft").annotate(n=Count("id")).filter(n__gt=1).count()
print(Result.objects.count(), len(tokens - saved), twice)
"""


class Tally:
    """What the people and the health poller saw, shared by their threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: Counter[str] = Counter()
        self.completed: dict[str, float] = {}  # token -> when its result was shown
        self.health: list[tuple[float, str]] = []
        self.waits: list[tuple[float, float]] = []  # (asked at, seconds until answered)

    def saw(self, answer: str) -> None:
        with self.lock:
            self.answers[answer] += 1


def classify(status: int, body: bytes) -> str:
    if status == 503:
        return "503 outage page" if OUTAGE_PAGE in body else "503 other"
    if b"Traceback" in body:
        return f"{status} traceback"
    return f"{status} unexpected"


def person(drafts: queue.Queue[str], tally: Tally, started: float) -> None:
    """Submit questionnaires until the run ends, pressing again after a 503."""
    while time.monotonic() - started < RUN_SECONDS:
        try:
            token = drafts.get_nowait()
        except queue.Empty:
            return
        while (asked := time.monotonic() - started) < RUN_SECONDS:
            try:
                path, cookie, form = last_step(PORT, token)
                status, location, body = submit(PORT, path, cookie, form)
            except AlreadySubmitted:
                # Saved by an earlier press whose answer was lost; the link shows the result.
                tally.saw("result shown on pressing again")
                with tally.lock:
                    tally.completed[token] = time.monotonic() - started
                break
            except Unexpected as answer:
                tally.saw(classify(answer.status, answer.body))
                with tally.lock:
                    tally.waits.append((asked, time.monotonic() - started - asked))
            except OSError as error:
                tally.saw(f"connection error: {type(error).__name__}")
            else:
                with tally.lock:
                    tally.waits.append((asked, time.monotonic() - started - asked))
                if status == 302 and location.startswith("/results/"):
                    tally.saw("result shown")
                    with tally.lock:
                        tally.completed[token] = time.monotonic() - started
                    break
                tally.saw(classify(status, body))
            time.sleep(0.5)
        time.sleep(THINK_SECONDS)


def poll_health(tally: Tally, started: float) -> None:
    while (now := time.monotonic() - started) < RUN_SECONDS:
        try:
            status = str(get(PORT, "/health/")[0])
        except OSError:
            status = "no answer"
        tally.health.append((now, status))
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster", default="main", help="The PostgreSQL 15 cluster to restart.")
    parser.add_argument("--port", type=int, default=5432, help="That cluster's port.")
    parser.add_argument("--no-pool", action="store_true", help="A new connection per request.")
    args = parser.parse_args()
    cluster = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", args.cluster]

    url = recreate_database("careerfit_bench_faults", args.port)
    env = environment(url, DATABASE_POOL="false" if args.no_pool else "true")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_catalogue", "-v0")
    drafts: queue.Queue[str] = queue.Queue()
    for token in finished_drafts(env, DRAFTS):
        drafts.put(token)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with production_server(env, PORT, log):
            started = time.monotonic()
            threads = [
                threading.Thread(target=person, args=(drafts, tally, started))
                for _ in range(THREADS)
            ] + [threading.Thread(target=poll_health, args=(tally, started))]
            for thread in threads:
                thread.start()
            time.sleep(DOWN_AT)
            subprocess.run([*cluster, "stop", "-m", "fast"], check=True)
            stopped = time.monotonic() - started
            time.sleep(DOWN_FOR)
            back = time.monotonic() - started
            subprocess.run([*cluster, "start"], check=True)
            # pg_ctlcluster returns once the server accepts connections.
            returned = time.monotonic() - started
            for thread in threads:
                thread.join()
        server_log = log.read_text()

    tracebacks = server_log.count("Traceback")
    reported_down = [t for t, status in tally.health if status == "503" and t >= stopped]
    recovered = [t for t, status in tally.health if status == "200" and t >= back]
    completed = tally.completed
    saved, lost, twice = manage(
        env, "shell", "-v", "0", "-c", SAVED.format(tokens=sorted(completed))
    ).split()
    before = sum(1 for t in completed.values() if t < stopped)
    during = sum(1 for t in completed.values() if stopped <= t < back)
    after = len(completed) - before - during

    print(
        f"\n{'new connection per request' if args.no_pool else 'connection pool'}; "
        f"{THREADS} people for {RUN_SECONDS} s; PostgreSQL stopped at {stopped:.1f} s "
        f"and told to start at {back:.1f} s.\n"
    )
    print("| answer | count |")
    print("|---|---:|")
    for answer, count in sorted(tally.answers.items()):
        print(f"| {answer} | {count} |")
    print()
    first_503 = f"{reported_down[0] - stopped:.1f}" if reported_down else "never"
    recovered_after = f"{recovered[0] - back:.1f}" if recovered else "never"
    after_return = [t for t, status in tally.health if status == "200" and t >= returned]
    first_result = min((t for t in completed.values() if t >= returned), default=None)
    from_return = (
        f"{f'{after_return[0] - returned:.1f}' if after_return else 'never'} / "
        f"{'never' if first_result is None else f'{first_result - returned:.1f}'}"
    )
    slowest_down = max((w for t, w in tally.waits if stopped <= t < back), default=0.0)
    print(
        "| results shown (before / during / after the outage) | results saved | shown but lost "
        "| saved twice | health 503 after the stop, s | slowest answer while down, s "
        "| healthy again after the start command, s "
        "| first 200 health / first result after the database accepts connections, s "
        "| tracebacks in the server log |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(completed)} ({before} / {during} / {after}) | {saved} | {lost} | {twice} "
        f"| {first_503} | {slowest_down:.1f} | {recovered_after} | {from_return} "
        f"| {tracebacks} |"
    )
    wanted = ("result shown", "result shown on pressing again", "503 outage page")
    unwanted = [a for a in tally.answers if a not in wanted]
    if tracebacks:
        first = server_log.index("Traceback")
        print(f"\nThe server's first logged traceback:\n{server_log[first - 300 : first + 3000]}")
    # A traceback in the server's log is for the operator and is reported, not a failure;
    # a visitor must never be shown one.
    if unwanted or int(lost) or int(twice) or not recovered or not after:
        print(f"\nFailed: {', '.join(unwanted) or 'see the table'}")
        sys.exit(1)


if __name__ == "__main__":
    main()
