"""The counselor workspace with a career center's worth of results: time, queries and memory.

    .venv/bin/python manage.py demo_results --count 100000      # once, into DATABASE_URL
    DATABASE_URL=... .venv/bin/python bench/counselor_scale.py

Requests go through Django's test client in this process (the whole middleware stack,
view and template, no network), as a counselor. Each page is asked for once to warm up,
then RUNS times, each time with the cache emptied first, so the figures are what a list
costs the first time it is drawn; the table gives the median and slowest time and the
number of queries. The CSV exports are then streamed whole while tracemalloc
records the peak of Python memory, for the full list and for a small filtered one: a
bounded export has about the same peak for both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-value-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.models import Result  # noqa: E402

RUNS = 7
COUNSELOR = "bench-counselor@careerfit.example"


def counselor_client() -> Client:
    user, _ = User.objects.get_or_create(username=COUNSELOR, defaults={"email": COUNSELOR})
    user.groups.add(Group.objects.get(name="Counselors"))
    client = Client()
    client.force_login(user)
    return client


def pages() -> list[tuple[str, str]]:
    today = timezone.localdate()
    busiest_role = (
        Result.objects.filter(shared_at__isnull=False).values_list("role_slug", flat=True).first()
    )
    return [
        ("dashboard, first page", "/counselor/"),
        ("dashboard, page 2000", "/counselor/?page=2000"),
        ("by role", f"/counselor/?role={busiest_role}"),
        ("by band, sorted by readiness", "/counselor/?band=developing&sort=-readiness"),
        ("by status", "/counselor/?status=follow-up"),
        ("search by name", "/counselor/?q=garcia"),
        ("search by email", "/counselor/?q=ana.lopez.1"),
        (
            "last 30 days",
            f"/counselor/?shared_after={today - timedelta(days=30)}&shared_before={today}",
        ),
        ("everything at once", f"/counselor/?role={busiest_role}&band=nearly-ready&status=new&q=a"),
        ("sorted by person", "/counselor/?sort=person"),
        ("cohort, everyone", "/counselor/cohort/"),
        ("cohort, one role", f"/counselor/cohort/?role={busiest_role}"),
        ("cohort, last 30 days", f"/counselor/cohort/?shared_after={today - timedelta(days=30)}"),
    ]


def drain(response) -> int:
    """Read a response to the end; returns how many bytes it had."""
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def timed(client: Client, path: str) -> tuple[list[float], int, int]:
    drain(client.get(path))
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            size = drain(response)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return times, len(queries), size


def export_figures(client: Client, path: str) -> tuple[float, float, int]:
    """Seconds (untraced), peak traced MiB and rows of one streamed CSV export."""
    started = time.perf_counter()
    drain(client.get(path))
    seconds = time.perf_counter() - started
    tracemalloc.start()
    response = client.get(path)
    rows = 0
    for chunk in response.streaming_content:  # type: ignore[attr-defined]
        rows += chunk.count(b"\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, rows - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    call_command("collectstatic", "--noinput", verbosity=0)  # pages link hashed static files
    total = Result.objects.count()
    shared = Result.objects.filter(shared_at__isnull=False).count()
    print(f"{connection.vendor}: {total} results, {shared} of them shared\n")
    client = counselor_client()
    print("| page | median ms | slowest ms | queries |")
    print("|---|---:|---:|---:|")
    for label, path in pages():
        times, queries, _ = timed(client, path)
        print(f"| {label} | {statistics.median(times):.0f} | {max(times):.0f} | {queries} |")
    print()
    print("| CSV export | rows | seconds | peak Python memory MiB |")
    print("|---|---:|---:|---:|")
    for label, path in [
        ("every shared result", "/counselor/results.csv"),
        ("one status (follow-up)", "/counselor/results.csv?status=follow-up"),
        ("a search (garcia)", "/counselor/results.csv?q=garcia"),
        ("cohort figures", "/counselor/cohort.csv"),
    ]:
        seconds, peak, rows = export_figures(client, path)
        print(f"| {label} | {rows} | {seconds:.1f} | {peak:.1f} |")


if __name__ == "__main__":
    main()
