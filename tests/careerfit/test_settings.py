"""Settings read from the environment and refuse bad values."""

import subprocess
import uuid
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from careerfit.settings import env_bool, env_database, env_list
from tests.conftest import careerfit_process


def test_env_bool_reads_common_spellings(monkeypatch):
    for raw, expected in [("1", True), ("Yes", True), ("on", True), ("0", False), ("false", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG", not expected) is expected
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_env_list_splits_and_rejects_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="no empty items"):
        env_list("HOSTS", [])


def test_database_url_for_postgresql_and_sqlite(monkeypatch):
    monkeypatch.setenv("DB", "postgres://postgres@127.0.0.1:5432/careerfit")
    config = env_database("DB", "")
    assert (config["ENGINE"], config["NAME"], config["HOST"]) == (
        "django.db.backends.postgresql",
        "careerfit",
        "127.0.0.1",
    )
    monkeypatch.delenv("DB")
    config = env_database("DB", "sqlite:////tmp/careerfit-test.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    options: dict[str, Any] = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_behind_pgbouncer_exports_read_without_server_side_cursors(monkeypatch):
    monkeypatch.setenv("DB", "postgres://postgres@127.0.0.1:5432/careerfit")
    assert env_database("DB", "")["DISABLE_SERVER_SIDE_CURSORS"] is False
    monkeypatch.setenv("DATABASE_PGBOUNCER", "true")
    assert env_database("DB", "")["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_connections_are_kept_open_except_beside_the_pool(monkeypatch):
    monkeypatch.setenv("DB", "postgres://postgres@127.0.0.1:5432/careerfit")
    kept = env_database("DB", "")
    assert (kept["CONN_MAX_AGE"], kept["CONN_HEALTH_CHECKS"], kept["OPTIONS"]["pool"]) == (
        600,
        True,
        False,
    )
    monkeypatch.setenv("DATABASE_POOL", "true")
    pooled = env_database("DB", "")
    assert (pooled["CONN_MAX_AGE"], pooled["OPTIONS"]["pool"]["max_size"]) == (0, 8)
    monkeypatch.delenv("DATABASE_POOL")
    monkeypatch.setenv("DATABASE_CONN_MAX_AGE", "30")
    sqlite = env_database("DB2", "sqlite:////tmp/careerfit-test.sqlite3")
    assert (sqlite["CONN_MAX_AGE"], sqlite["CONN_HEALTH_CHECKS"]) == (30, True)


@pytest.mark.parametrize("url", ["not a url", "mysql://root@localhost/careerfit"])
def test_database_url_rejects_bad_values(monkeypatch, url):
    monkeypatch.setenv("DB", url)
    with pytest.raises(ImproperlyConfigured, match="DB"):
        env_database("DB", "")


def _import_settings(**env: str) -> subprocess.CompletedProcess:
    return careerfit_process("import careerfit.settings", drop=("DEBUG", "SECRET_KEY"), **env)


def test_secret_key_is_required_when_debug_is_off():
    result = _import_settings(DEBUG="false")
    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_settings_load_with_a_secret_key_or_debug():
    assert _import_settings(DEBUG="false", SECRET_KEY="s3cret").returncode == 0
    assert _import_settings(DEBUG="true").returncode == 0


SHARED_STATE = """
import os
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from importlib import import_module
if os.environ.get("WRITE"):
    cache.set("careerfit-settings-check", os.environ["WRITE"], 30)
print(
    settings.CACHES["default"]["BACKEND"],
    settings.SESSION_ENGINE,
    settings.AXES_HANDLER,
    type(import_module(settings.SESSION_ENGINE).SessionStore()).__module__,
    cache.get("careerfit-settings-check", "missing"),
)
"""


def _shared_state(**env: str) -> list[str]:
    """Settings and the cache as a fresh careerfit process sees them."""
    result = careerfit_process(
        SHARED_STATE,
        drop=("DATABASE_URL", "REDIS_URL"),
        **{"DJANGO_SETTINGS_MODULE": "careerfit.settings", "SECRET_KEY": "s", **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_redis_each_process_caches_alone_and_shares_the_database():
    value = uuid.uuid4().hex
    writer = _shared_state(WRITE=value)
    reader = _shared_state()

    assert writer == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
        "axes.handlers.database.AxesDatabaseHandler",
        "django.contrib.sessions.backends.db",
        value,
    ]
    assert reader[-1] == "missing"


def test_redis_url_moves_the_cache_sessions_and_lockout_counters_to_redis():
    # Redis runs on 127.0.0.1:6379 on the development and CI machines.
    redis = "redis://127.0.0.1:6379/15"
    value = uuid.uuid4().hex
    writer = _shared_state(REDIS_URL=redis, WRITE=value)
    reader = _shared_state(REDIS_URL=redis)

    assert writer == [
        "django_redis.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "axes.handlers.cache.AxesCacheHandler",
        "django.contrib.sessions.backends.cached_db",
        value,
    ]
    assert reader[-1] == value


TIME_ZONE_SCRIPT = """
import django
django.setup()
from django.conf import settings
print(settings.TIME_ZONE)
"""


def test_time_zone_comes_from_the_environment_and_must_exist():
    env = {"DJANGO_SETTINGS_MODULE": "careerfit.settings", "SECRET_KEY": "s"}
    assert _zone(env) == ("UTC", 0)
    assert _zone({**env, "TIME_ZONE": "America/Chicago"}) == ("America/Chicago", 0)
    output, code = _zone({**env, "TIME_ZONE": "Mars/Olympus"})
    assert code == 1
    assert "TIME_ZONE must be a time zone name such as America/Chicago" in output


def _zone(env: dict[str, str]) -> tuple[str, int]:
    result = careerfit_process(TIME_ZONE_SCRIPT, drop=("TIME_ZONE",), **env)
    return (result.stdout.strip() or result.stderr), result.returncode
