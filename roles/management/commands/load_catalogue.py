from typing import Any

from django.core.management.base import BaseCommand

from roles.services import catalogue_load


class Command(BaseCommand):
    help = "Load the role catalogue from fixtures/ and record a history baseline. Safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        baselines = catalogue_load()
        created = sum(baselines.values())
        if options["verbosity"]:
            self.stdout.write(f"Catalogue loaded; {created} rows got a first history record.")
