"""Fifty people press "See my results" at the same moment (with --twice, each presses it
twice at once): every questionnaire must be saved exactly once, with no "database is
locked" on SQLite.

    .venv/bin/python bench/concurrent_submissions.py --database sqlite
    .venv/bin/python bench/concurrent_submissions.py --database postgres

Starts careerfit under gunicorn (as bin/production runs it) on 127.0.0.1 against a fresh
database, prepares fifty finished questionnaires, fetches each last page (for its CSRF
token), then submits all fifty from fifty threads released together. Prints one
Markdown table row. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = 8766
PEOPLE = 50
PG_URL = "postgres://postgres@127.0.0.1:5432/careerfit_bench_submissions"


def environment(database: str, folder: Path) -> dict[str, str]:
    url = f"sqlite:///{folder / 'bench.sqlite3'}" if database == "sqlite" else PG_URL
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-a-secret-value-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "careerfit.settings",
    }


def manage(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


PREPARE = """
from assessments import services
from decimal import Decimal
tokens = []
for n in range({people}):
    draft = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    services.draft_save_answers(draft=draft, answers={{s: (n + i) % 5 for i, s in enumerate(draft.skills)}})
    tokens.append(draft.token)
print(" ".join(tokens))
"""

COUNT = """
from assessments.models import Assessment, Draft
from django.db.models import Count
print(Assessment.objects.count(), Assessment.objects.values("draft").annotate(n=Count("id")).filter(n__gt=1).count(), Draft.objects.filter(assessment__isnull=True).count())
"""


def last_step(token: str) -> tuple[str, str, str]:
    """The last step's path, the csrftoken cookie and the form's token."""
    # Every question is answered, so the resume link leads to the questions about the person.
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("GET", f"/assess/{token}/")
    path = conn.getresponse().getheader("Location") or ""
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    form = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.read())
    conn.close()
    if cookie is None or form is None:
        raise SystemExit(f"No CSRF token on {path}; is the server answering?")
    return path, cookie.group(1), form.group(1).decode()


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
        env = environment(args.database, Path(folder))
        if args.database == "postgres":
            subprocess.run(
                [
                    "dropdb",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "--if-exists",
                    "careerfit_bench_submissions",
                ],
                check=True,
            )
            subprocess.run(
                ["createdb", "-h", "127.0.0.1", "-U", "postgres", "careerfit_bench_submissions"],
                check=True,
            )
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_catalogue", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        tokens = manage(env, "shell", "-v", "0", "-c", PREPARE.format(people=PEOPLE)).split()
        log = Path(folder) / "server.log"
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "careerfit.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "4",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(100):
                try:
                    http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request(
                        "GET", "/health/"
                    )
                    break
                except OSError:
                    time.sleep(0.2)
            prepared = [last_step(token) for token in tokens]
            presses = prepared * 2 if args.twice else prepared
            gate = threading.Barrier(len(presses))
            statuses: list[int] = []

            def submit(path: str, cookie: str, form: str) -> None:
                body = urllib.parse.urlencode(
                    {
                        "csrfmiddlewaretoken": form,
                        "action": "submit",
                        "years_experience": "3",
                        "education": "1",
                        "name": "",
                        "email": "",
                    }
                )
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
                gate.wait()
                conn.request(
                    "POST",
                    path,
                    body,
                    {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": f"csrftoken={cookie}",
                    },
                )
                statuses.append(conn.getresponse().status)
                conn.close()

            threads = [threading.Thread(target=submit, args=item) for item in presses]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
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
