"""The README's deployment on this machine: two bin/production servers behind nginx
(careerfit/deploy/nginx.conf), sharing PostgreSQL and Redis. Lockout counts are shared
and keyed on the visitor's address, sessions work on either server, and one server
stopping loses no request."""

from __future__ import annotations

import json
import os
import shutil
import uuid

import psycopg
import pytest
from django.conf import settings

from tests.deployment import Browser, Deployment, location

pytestmark = pytest.mark.deployment


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    if shutil.which("nginx") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is missing; .ci/run installs it")
        pytest.skip("nginx is not installed (sudo apt-get install nginx)")
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("runs in the PostgreSQL pass: several servers need PostgreSQL")
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    name = f"careerfit_deploy_{uuid.uuid4().hex[:8]}"
    server = f"host={host} port={port} user={user}"
    with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    running = Deployment(
        workdir=tmp_path_factory.mktemp("deployment"),
        database_url=f"postgres://{user}@{host}:{port}/{name}",
        redis_url="redis://127.0.0.1:6379/13",
        instances=2,
        workers=1,
    )
    try:
        yield running.start()
    finally:
        running.close()
        with psycopg.connect(f"{server} dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _login(browser: Browser, email: str, password: str):
    return browser.post("/account/login/", {"username": email, "password": password})


def test_pages_and_health_through_nginx(deployment):
    health = deployment.request("GET", "/health/")
    assert (health.status, json.loads(health.body)) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
    )
    home = deployment.request("GET", "/")
    assert home.status == 200
    assert b"careerfit" in home.body
    assert (
        home.getheader("Strict-Transport-Security")
        == "max-age=31536000; includeSubDomains; preload"
    )


def test_a_stranger_cannot_lock_the_owner_out_through_the_proxy(deployment):
    signup = Browser(deployment, source="127.0.0.5")
    page = signup.post(
        "/account/signup/",
        {
            "email": "owner@example.com",
            "password1": "plant-floor-2026",
            "password2": "plant-floor-2026",
        },
    )
    # No mail server: the account is ready at once.
    assert (page.status, location(page)) == (302, "/account/results/")

    stranger = Browser(deployment, source="127.0.0.2")
    answers = [_login(stranger, "owner@example.com", "guess").status for _ in range(6)]
    # Five failures lock the email for this address; the requests went to both servers,
    # so the count is the shared one (Redis).
    assert answers == [200, 200, 200, 200, 429, 429]
    # Pretending to be someone else in X-Forwarded-For changes nothing.
    spoofed = stranger.post(
        "/account/login/",
        {"username": "owner@example.com", "password": "guess"},
        headers={"X-Forwarded-For": "198.51.100.9"},
    )
    assert spoofed.status == 429

    owner = Browser(deployment, source="127.0.0.3")
    response = _login(owner, "owner@example.com", "plant-floor-2026")
    assert (response.status, location(response)) == (302, "/account/results/")
    # The session works on both servers.
    assert [owner.get("/account/results/").status for _ in range(4)] == [200] * 4


def test_stopping_one_server_loses_no_request(deployment):
    visitor = Browser(deployment, source="127.0.0.4")
    deployment.stop_server(0)
    try:
        statuses = [visitor.get("/roles/").status for _ in range(10)]
        start = visitor.post(
            "/assess/", {"mode": "target", "length": "quick", "role": "production-planner"}
        )
    finally:
        deployment.start_server(0)
        deployment.wait_alive(0)
    assert statuses == [200] * 10
    assert start.status == 302
    assert location(start).startswith("/assess/")
    assert visitor.get(location(start)).status == 200
