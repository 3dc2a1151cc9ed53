"""Fill the database with realistic demo results, made the way real people make them.

Each result goes through the same services as the questionnaire: a draft is started,
answered and submitted, and most are shared and given a counselor status. Only the dates
are then spread over the past year, so date filters have something to filter.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from assessments import scoring, selectors, services
from assessments.counselor import services as counselor_services
from assessments.models import Length, Mode, Result, ReviewStatus
from roles.models import Certification, Role
from roles.proficiency import Education

FIRST_NAMES = [
    "Ana",
    "Ben",
    "Chidi",
    "Dana",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kemal",
    "Lena",
    "Marco",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Vic",
    "Wen",
    "Xavi",
    "Yara",
    "Zoe",
]
LAST_NAMES = [
    "Adams",
    "Brooks",
    "Chen",
    "Diaz",
    "Evans",
    "Flores",
    "Garcia",
    "Huang",
    "Ibrahim",
    "Jones",
    "Kim",
    "Lopez",
    "Miller",
    "Nguyen",
    "Okafor",
    "Patel",
    "Quintero",
    "Reyes",
    "Smith",
    "Tran",
    "Usman",
    "Vega",
    "Wright",
    "Young",
    "Zhang",
]
STATUS_WEIGHTS = {
    ReviewStatus.NEW: 5,
    ReviewStatus.IN_REVIEW: 2,
    ReviewStatus.FOLLOW_UP: 2,
    ReviewStatus.CLOSED: 1,
}
DEMO_COUNSELOR = "demo-counselor@careerfit.example"
BATCH = 200


class Command(BaseCommand):
    help = "Create demo results through the questionnaire's own services (for trying and benchmarking)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000, help="How many results to make.")
        parser.add_argument(
            "--shared", type=float, default=0.8, help="Share of results shared with counselors."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed, for repeatable data."
        )

    def handle(
        self, *args: object, count: int, shared: float, seed: int, **options: object
    ) -> None:
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if not 0 <= shared <= 1:
            raise CommandError("--shared must be between 0 and 1.")
        roles = list(Role.objects.values_list("slug", flat=True))
        if not roles:
            raise CommandError("The catalogue is empty. Run: python manage.py load_catalogue")
        certifications = list(Certification.objects.values_list("slug", flat=True))
        counselor = self._counselor()
        rng = random.Random(seed)  # noqa: S311 -- demo data, repeatable on purpose
        now = timezone.now()
        started = time.monotonic()
        made = 0
        while made < count:
            batch = min(BATCH, count - made)
            # Loaded once a batch, as a busy server would reuse it, and passed to the service.
            catalogue = selectors.scoring_catalogue()
            for _ in range(batch):
                # One transaction a result, as a real submission has: every result takes the
                # results revision row, so a long transaction would make parallel
                # runs of this command wait for each other.
                with transaction.atomic():
                    self._one(rng, catalogue, roles, certifications, shared, counselor, now)
            made += batch
            rate = made / (time.monotonic() - started)
            self.stdout.write(f"{made}/{count} results ({rate:.0f} a second)")
        self.stdout.write(self.style.SUCCESS(f"Made {made} demo results."))

    def _counselor(self) -> User:
        user, created = User.objects.get_or_create(
            username=DEMO_COUNSELOR,
            defaults={"email": DEMO_COUNSELOR, "first_name": "Demo", "last_name": "Counselor"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name="Counselors"))
        return user

    def _one(
        self,
        rng: random.Random,
        catalogue: scoring.Catalogue,
        roles: list[str],
        certifications: list[str],
        shared: float,
        counselor: User,
        now: datetime,
    ) -> None:
        explore = rng.random() < 0.25
        draft = services.draft_start(
            mode=Mode.EXPLORE if explore else Mode.TARGET,
            length=Length.QUICK if rng.random() < 0.6 else Length.FULL,
            role_slug="" if explore else rng.choice(roles),
        )
        # A person is stronger or weaker overall; each skill varies around that.
        ability = rng.uniform(0.5, 3.5)
        services.draft_save_answers(
            draft=draft,
            answers={
                skill: max(0, min(4, round(rng.gauss(ability, 1.0)))) for skill in draft.skills
            },
        )
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        services.draft_save_background(
            draft=draft,
            years_experience=Decimal(rng.randint(0, 250)) / 10,
            education=rng.choice(Education.values),
            certifications_held=rng.sample(certifications, k=rng.choice([0, 0, 0, 1, 2])),
            name=f"{first} {last}",
            email="",
        )
        result = services.result_submit(draft=draft, catalogue=catalogue)
        taken = now - timedelta(minutes=rng.randint(60, 365 * 24 * 60))
        fields: dict[str, object] = {"created_at": taken}
        if rng.random() < shared:
            services.result_share(
                result=result,
                name=f"{first} {last}",
                email=f"{first}.{last}.{result.pk}@example.com".lower(),
            )
            status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
            counselor_services.review_status_set(review=result.review, status=status, by=counselor)
            fields["shared_at"] = taken + timedelta(minutes=rng.randint(1, 60 * 24))
        Result.objects.filter(pk=result.pk).update(**fields)
