from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from roles.models import Role
from roles.services import catalogue_load


class Command(BaseCommand):
    help = (
        "Load the role catalogue from fixtures/ and record a history baseline. Loading again "
        "resets catalogue rows to the fixture; --if-empty loads only into an empty catalogue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the catalogue already has roles, so admin edits are kept.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Role.objects.exists():
            if options["verbosity"]:
                self.stdout.write("Catalogue already present; left as it is.")
            return
        baselines = catalogue_load()
        created = sum(baselines.values())
        if options["verbosity"]:
            self.stdout.write(f"Catalogue loaded; {created} rows got a first history record.")
