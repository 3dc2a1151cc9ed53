"""The release step: migrate, make the rate-limit table, load the catalogue if there is none.

Run once per release before the app servers take traffic, or by each `bin/production` as
it starts: on PostgreSQL a session advisory lock lets one process at a time through, so
two servers starting together both come up, the second finding nothing left to do.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Any fixed 64-bit number, the same for every careerfit process.
RELEASE_LOCK = 7_406_226_011


class Command(BaseCommand):
    help = "Migrate, create the cache table and load the catalogue into an empty database, one process at a time."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        locked = connection.vendor == "postgresql"
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [RELEASE_LOCK])
        try:
            call_command("migrate", interactive=False, verbosity=verbosity)
            call_command("createcachetable", verbosity=verbosity)
            call_command("load_catalogue", if_empty=True, verbosity=verbosity)
        finally:
            if locked:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [RELEASE_LOCK])
