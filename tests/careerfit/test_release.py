"""The release step: two app servers starting at once on one PostgreSQL both come up, and
running it again changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings

from tests.conftest import ROOT

COUNTS = """
import django
django.setup()
from django.core.cache import caches
from roles.models import Role
caches["throttle"].set("probe", 1)
print(Role.objects.count(), caches["throttle"].get("probe"))
"""


def _env(database_url: str) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_"))}
    return {
        **kept,
        "DJANGO_SETTINGS_MODULE": "careerfit.settings",
        "SECRET_KEY": "s",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
    }


def _release(database_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "release", "--verbosity", "0"],
        cwd=ROOT,
        env=_env(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _counts(database_url: str) -> str:
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", COUNTS],
        cwd=ROOT,
        env=_env(database_url),
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def empty_postgres():
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")
    name = f"careerfit_release_{uuid.uuid4().hex[:8]}"
    server = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']}"
    with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_two_servers_releasing_at_once_on_an_empty_postgres_both_succeed(empty_postgres):
    first, second = _release(empty_postgres), _release(empty_postgres)
    outcomes = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in (first, second)]

    assert outcomes == [(0, ""), (0, "")]
    assert _counts(empty_postgres) == "22 1"


def test_releasing_again_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'release.sqlite3'}"
    for _ in range(2):
        done = _release(url)
        assert (done.wait(timeout=300), done.stderr.read() if done.stderr else "") == (0, "")
    assert _counts(url) == "22 1"


@pytest.mark.django_db
def test_the_release_command_in_process_finds_nothing_to_do(capsys):
    from django.core.management import call_command

    from roles.models import Role

    before = Role.objects.count()
    call_command("release", verbosity=1)

    out = capsys.readouterr().out
    assert "No migrations to apply." in out
    assert "Catalogue already present; left as it is." in out
    assert Role.objects.count() == before
