"""The README's deployment under load, and under faults: nginx (careerfit/deploy/nginx.conf)
in front of two `bin/production` servers sharing PostgreSQL and a Redis of this run's
own. Job seekers take quick checks from start to report, counselors browse the
workspace; every request goes through nginx over TLS on 127.0.0.1.

    .venv/bin/python bench/deployment_run.py [--seconds 30] [--seekers 6] [--counselors 2]

Four bounded phases, each SECONDS long:
  steady     nothing happens
  restart    server 0 is stopped (SIGTERM) after 5 s and started again at once
  redis      this run's Redis is stopped after 5 s for 20 s, then started again
  flood      one address starts questionnaires as fast as it can for 20 s (the limit)
For each: requests, p50/p95/p99, answers other than 2xx/3xx, and submissions answered
with a report but missing from the database. Redis is a `redis-server` this script
starts on its own port; nothing else on the machine is stopped.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.deployment import Browser, Deployment, location  # noqa: E402

REDIS_PORT = 6391
PYTHON = str(ROOT / ".venv" / "bin" / "python")
COUNSELORS = """
from django.contrib.auth.models import Group, User
for n in range({count}):
    user = User.objects.create_user(
        f"counselor{{n}}@center.example", f"counselor{{n}}@center.example", "bench-pass-2026"
    )
    user.groups.add(Group.objects.get(name="Counselors"))
"""
BACKGROUND = {"years_experience": "3", "education": "1", "name": "", "email": ""}


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, status: int, what: str) -> None:
        with self.lock:
            self.times.append(seconds)
            self.statuses[status] += 1
            if status >= 400:
                self.failures.append(f"{status} {what}")


def timed(tally: Tally, what: str, call):
    started = time.perf_counter()
    try:
        response = call()
    except OSError as exc:
        tally.add(time.perf_counter() - started, 599, f"{what}: {exc}")
        return None
    tally.add(time.perf_counter() - started, response.status, what)
    return response


def quick_check(browser: Browser, tally: Tally) -> None:
    """A job seeker's whole quick check: home, start, every page, the report."""
    timed(tally, "home", lambda: browser.get("/"))
    start = timed(
        tally,
        "start",
        lambda: browser.post(
            "/assess/", {"mode": "target", "length": "quick", "role": "production-planner"}
        ),
    )
    if start is None or start.status != 302:
        return
    path = location(start)
    for _ in range(12):
        page = timed(tally, "step", lambda p=path: browser.get(p))
        if page is None or page.status != 200:
            return
        html = page.body.decode()
        names = sorted(set(re.findall(r'name="(rating-[^"]+)"', html)))
        if names:
            data = {name: str(hash(name) % 5) for name in names}
            sent = timed(
                tally, "answer", lambda d=data, p=path: browser.post(p, {"action": "next", **d})
            )
        else:
            sent = timed(
                tally, "submit", lambda p=path: browser.post(p, {"action": "submit", **BACKGROUND})
            )
        if sent is None or sent.status != 302:
            return
        path = location(sent)
        if path.startswith("/results/"):
            with tally.lock:
                tally.reported.append(path.split("/")[2])
            timed(tally, "report", lambda p=path: browser.get(p))
            return


def seeker(deployment: Deployment, number: int, tally: Tally, stop: threading.Event) -> None:
    """One after another, people at addresses of their own (127.0.<10+number>.x) take a
    quick check each, as at a career center's many computers."""
    checks = 0
    while not stop.is_set():
        source = f"127.0.{10 + number}.{checks % 250 + 1}"
        quick_check(Browser(deployment, source=source), tally)
        checks += 1


def counselor(browser: Browser, tally: Tally, stop: threading.Event) -> None:
    while not stop.is_set():
        timed(tally, "dashboard", lambda: browser.get("/counselor/"))
        timed(tally, "cohort", lambda: browser.get("/counselor/cohort/"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def saved(database_url: str, tokens: list[str]) -> int:
    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as conn:
        row = conn.execute(
            "SELECT count(*) FROM assessments_result WHERE token = ANY(%s)", [tokens]
        ).fetchone()
    return int(row[0]) if row else 0


def run_phase(name, deployment, args, counselors, fault) -> dict:
    tally = Tally()
    stop = threading.Event()
    threads = [
        threading.Thread(target=seeker, args=(deployment, n, tally, stop), daemon=True)
        for n in range(args.seekers)
    ] + [
        threading.Thread(target=counselor, args=(browser, tally, stop), daemon=True)
        for browser in counselors
    ]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    note = fault(deployment) if fault else ""
    time.sleep(max(0.0, args.seconds - (time.monotonic() - started)))
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    errors = sum(count for status, count in tally.statuses.items() if status >= 400)
    return {
        "phase": name,
        "requests": len(tally.times),
        "p50": percentile(tally.times, 0.50),
        "p95": percentile(tally.times, 0.95),
        "p99": percentile(tally.times, 0.99),
        "errors": errors,
        "first errors": Counter(tally.failures).most_common(3),
        "reports": len(tally.reported),
        "lost": len(tally.reported) - saved(deployment.database_url, tally.reported),
        "note": note,
    }


def restart_server(deployment: Deployment) -> str:
    time.sleep(5)
    began = time.monotonic()
    deployment.stop_server(0)
    deployment.start_server(0)
    up = deployment.wait_alive(0)
    return f"server 0 stopped and back in {time.monotonic() - began:.1f} s (alive after {up:.1f} s)"


def stop_redis(redis: list[subprocess.Popen]) -> Callable[[Deployment], str]:
    def fault(deployment: Deployment) -> str:
        time.sleep(5)
        redis[0].terminate()
        redis[0].wait(timeout=10)
        time.sleep(20)
        redis[0] = start_redis()
        return "Redis stopped for 20 s"

    return fault


def start_redis() -> subprocess.Popen:
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--port",
            str(REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
            "--bind",
            "127.0.0.1",
        ],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process


def flood(deployment: Deployment) -> dict:
    """One address starting questionnaires for 20 s: how many drafts before the limit."""
    browser = Browser(deployment, source="127.0.2.1")
    answers: Counter = Counter()
    ends = time.monotonic() + 20
    first_limited = None
    while time.monotonic() < ends:
        response = browser.post(
            "/assess/", {"mode": "target", "length": "quick", "role": "production-planner"}
        )
        answers[response.status] += 1
        if response.status == 429 and first_limited is None:
            first_limited = response.getheader("Retry-After")
    return {"answers": dict(answers), "retry_after": first_limited}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--seekers", type=int, default=6)
    parser.add_argument("--counselors", type=int, default=2)
    args = parser.parse_args()

    name = f"careerfit_deploy_bench_{uuid.uuid4().hex[:6]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    redis = [start_redis()]
    deployment = Deployment(
        workdir=Path(tempfile.mkdtemp(prefix="careerfit-deploy-")),
        database_url=f"postgres://postgres@127.0.0.1:5432/{name}",
        redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0",
        instances=2,
        workers=2,
        env_extra={"DATABASE_POOL": "true"},
    )
    try:
        deployment.start()
        subprocess.run(
            [PYTHON, "manage.py", "demo_results", "--count", "300"],
            cwd=ROOT,
            env=deployment.env(),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", COUNSELORS.format(count=args.counselors)],
            cwd=ROOT,
            env=deployment.env(),
            check=True,
            capture_output=True,
        )
        counselors = []
        for n in range(args.counselors):
            browser = Browser(deployment, source=f"127.0.3.{n + 1}")
            browser.post(
                "/account/login/",
                {"username": f"counselor{n}@center.example", "password": "bench-pass-2026"},
            )
            counselors.append(browser)
        rows = [
            run_phase("steady", deployment, args, counselors, None),
            run_phase("restart", deployment, args, counselors, restart_server),
            run_phase("redis", deployment, args, counselors, stop_redis(redis)),
        ]
        for row in rows:
            print(
                f"{row['phase']:8} requests {row['requests']:5}  p50 {row['p50']:6.1f} ms  "
                f"p95 {row['p95']:6.1f} ms  p99 {row['p99']:7.1f} ms  errors {row['errors']:3}  "
                f"reports {row['reports']:4}  lost {row['lost']}  {row['note']}"
            )
            if row["first errors"]:
                print("         ", row["first errors"])
        print("flood   ", flood(deployment))
    finally:
        deployment.close()
        redis[0].terminate()
        with psycopg.connect(
            "host=127.0.0.1 user=postgres dbname=postgres", autocommit=True
        ) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
