"""Twenty transactions writing twenty different results at once on PostgreSQL: each must
commit without waiting on another.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/careerfit_bench \\
        .venv/bin/python bench/parallel_writes.py

Each of 20 threads opens a transaction on its own connection, updates one result (a
different one each), and then waits at a barrier, still holding its transaction, until all
20 have made their update; only then do they commit. If any write waited on another (as
every write once did on the shared revision-token row), the barrier breaks after
--wait seconds and the run fails (exit 1). Needs 20 results in the database.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-parallel-writes")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402

from assessments.models import Result  # noqa: E402

WRITERS = 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", type=float, default=10.0, help="seconds at the barrier")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database.")
    pks = list(Result.objects.order_by("pk").values_list("pk", flat=True)[:WRITERS])
    if len(pks) < WRITERS:
        raise SystemExit(f"Needs {WRITERS} results; make some with manage.py demo_results.")

    barrier = threading.Barrier(WRITERS, timeout=args.wait)
    committed: list[int] = []
    waited: list[int] = []
    lock = threading.Lock()

    def write(pk: int) -> None:
        try:
            with transaction.atomic():
                # Rewrites a column with its own value: a real write, with its row lock.
                Result.objects.filter(pk=pk).update(role_title=F("role_title"))
                barrier.wait()
            with lock:
                committed.append(pk)
        except threading.BrokenBarrierError:
            with lock:
                waited.append(pk)
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=write, args=(pk,)) for pk in pks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.wait + 30)
    seconds = time.perf_counter() - started
    print(
        f"{WRITERS} transactions, each updating a different result: {len(committed)} "
        f"committed together, {len(waited)} waited on another, {seconds:.2f} s"
    )
    sys.exit(0 if len(committed) == WRITERS else 1)


if __name__ == "__main__":
    main()
