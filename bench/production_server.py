"""careerfit under `bin/production` on 127.0.0.1, for the benchmarks that send it traffic.

Every benchmark that measures the served site starts it the way a career center runs it:
`bin/production` (gunicorn, DEBUG off, whitenoise), with only the HTTPS redirect turned off
because the traffic is plain HTTP on loopback.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECRET_KEY = "bench-only-not-a-secret-value-0123456789"  # noqa: S105 - loopback benchmarks only
BENCH_DATABASE = "postgres://postgres@127.0.0.1:5432/careerfit_bench"


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """The process environment for careerfit on `database_url`; `extra` adds or overrides."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "careerfit.settings",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> str:
    """Run a manage.py command and return what it printed."""
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One GET to careerfit on 127.0.0.1: the status and the whole body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Unexpected(Exception):
    """careerfit answered a benchmark's request with something else than it asked for."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"answered {status}")
        self.status = status
        self.body = body


class AlreadySubmitted(Exception):
    """The questionnaire was already sent; its resume link leads to the result."""


FINISHED_DRAFTS = """
from assessments import services
tokens = []
for n in range({count}):
    draft = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    services.draft_save_answers(draft=draft, answers={{s: (n + i) % 5 for i, s in enumerate(draft.skills)}})
    tokens.append(draft.token)
print(" ".join(tokens))
"""


COUNSELOR_SESSION = """
from django.contrib.auth.models import Group, User
from django.test import Client
email = "bench-counselor@careerfit.example"
user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
user.groups.add(Group.objects.get(name="Counselors"))
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""


SEEKER_SESSION = """
from django.contrib.auth.models import User
from django.test import Client
from assessments.models import Result
email = "bench-seeker@careerfit.example"
user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
# Twenty results of their own, the first page of "My results".
Result.objects.filter(pk__in=Result.objects.order_by("-id").values("pk")[:20]).update(owner=user)
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""


def seeker_cookie(env: dict[str, str]) -> dict[str, str]:
    """The Cookie header of a fresh session for a job seeker with twenty results."""
    session = manage(env, "shell", "-v", "0", "-c", SEEKER_SESSION).split()[-1]
    return {"Cookie": f"sessionid={session}"}


def counselor_cookie(env: dict[str, str]) -> dict[str, str]:
    """The Cookie header of a fresh session for the benchmarks' counselor."""
    session = manage(env, "shell", "-v", "0", "-c", COUNSELOR_SESSION).split()[-1]
    return {"Cookie": f"sessionid={session}"}


def finished_drafts(env: dict[str, str], count: int) -> list[str]:
    """Tokens of `count` questionnaires with every skill answered, ready to be submitted."""
    return manage(env, "shell", "-v", "0", "-c", FINISHED_DRAFTS.format(count=count)).split()


def last_step(port: int, token: str) -> tuple[str, str, str]:
    """The questionnaire's last step: its path, the csrftoken cookie and the form's token.

    Raises AlreadySubmitted when the questionnaire was sent already, and Unexpected when
    careerfit does not show that step.
    """
    # Every question is answered, so the resume link leads to the questions about the person.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", f"/assess/{token}/")
        response = conn.getresponse()
        body = response.read()
        path = response.getheader("Location") or ""
        if response.status != 302:
            raise Unexpected(response.status, body)
        if path.startswith("/results/"):
            raise AlreadySubmitted(path)
    finally:
        conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        form = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    finally:
        conn.close()
    if response.status != 200 or cookie is None or form is None:
        raise Unexpected(response.status, body)
    return path, cookie.group(1), form.group(1).decode()


def submit(port: int, path: str, cookie: str, form: str) -> tuple[int, str, bytes]:
    """Press "See my results" on the last step: the status, the Location and the body."""
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
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            path,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
        )
        response = conn.getresponse()
        return response.status, response.getheader("Location") or "", response.read()
    finally:
        conn.close()


def recreate_database(name: str, port: int = 5432) -> str:
    """Drop and create PostgreSQL database `name` on 127.0.0.1:`port`; return its URL."""
    for command in (["dropdb", "--if-exists"], ["createdb"]):
        subprocess.run(
            [*command, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", name], check=True
        )
    return f"postgres://postgres@127.0.0.1:{port}/{name}"


@contextmanager
def production_server(
    env: dict[str, str], port: int, log: Path, *gunicorn_args: str
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `bin/production` on 127.0.0.1:`port` until the block ends; yield gunicorn's master.

    Waits for the liveness probe to answer, so the block starts with a serving site.
    """
    server = subprocess.Popen(
        [str(ROOT / "bin" / "production"), *gunicorn_args],
        cwd=ROOT,
        env={**env, "ADDRESS": f"127.0.0.1:{port}"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                raise SystemExit(f"bin/production stopped; see {log}:\n{log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise SystemExit(f"bin/production did not answer in 180 s; see {log}")
            try:
                if get(port, "/health/alive/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=60)


@contextmanager
def bench_app(
    module: str, port: int, workers: int, env: dict[str, str] | None = None
) -> Iterator[None]:
    """A WSGI application of bench/ (`bare`, `floor`) under gunicorn on 127.0.0.1:`port`.

    `env` is the process environment (careerfit's, for `floor`); the bare view needs none.
    Waits until `/health/alive/` (floor) or `/` (bare) answers.
    """
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--chdir",
            str(ROOT / "bench"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            f"{module}:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    probe = "/health/alive/" if env else "/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench/{module}.py did not start under gunicorn")
            try:
                if get(port, probe)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield
    finally:
        server.terminate()
        server.wait(timeout=60)


def bare_server(port: int, workers: int) -> AbstractContextManager[None]:
    """bench/bare.py under gunicorn on 127.0.0.1:`port`, with `workers` workers."""
    return bench_app("bare", port, workers)


def worker_pids(master: subprocess.Popen[bytes]) -> list[int]:
    """The gunicorn workers of `master`, read from /proc."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def memory_kib(pid: int) -> dict[str, int]:
    """A process's resident set now (VmRSS) and at its peak so far (VmHWM), in KiB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            figures[name] = int(value.split()[0])
    return figures
