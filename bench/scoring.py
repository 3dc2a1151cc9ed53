"""How long scoring one profile against every role takes, on the real catalogue and on a
synthetic one ten times its size.

    .venv/bin/python bench/scoring.py [--runs 500]

Loads the catalogue into an in-memory SQLite database through the normal loader and
selector, then times scoring.assess (the target role plus role fit across all roles,
certification recommendations and next steps). Prints one Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from assessments import scoring, selectors  # noqa: E402


def grown(catalogue: scoring.Catalogue, times: int) -> scoring.Catalogue:
    """The catalogue copied `times` times with distinct slugs, so skills and roles multiply."""
    roles = []
    offers = []
    for n in range(times):

        def tag(slug: str, n: int = n) -> str:
            return slug if n == 0 else f"{slug}-{n}"

        roles += [
            replace(
                role,
                slug=tag(role.slug),
                title=f"{role.title} {n}",
                requirements=tuple(replace(r, skill=tag(r.skill)) for r in role.requirements),
                next_steps=tuple(replace(m, role=tag(m.role)) for m in role.next_steps),
            )
            for role in catalogue.roles
        ]
        offers += [
            replace(
                offer,
                slug=tag(offer.slug),
                skills=tuple(replace(g, skill=tag(g.skill)) for g in offer.skills),
                prerequisites=tuple(replace(p, slug=tag(p.slug)) for p in offer.prerequisites),
            )
            for offer in catalogue.certifications
        ]
    return scoring.Catalogue(roles=tuple(roles), certifications=tuple(offers))


def profile_for(catalogue: scoring.Catalogue, seed: int) -> scoring.Profile:
    rng = random.Random(seed)  # noqa: S311 - repeatable test data, not secrets
    skills = {r.skill for role in catalogue.roles for r in role.requirements}
    return scoring.Profile(
        ratings={skill: rng.randint(0, 4) for skill in sorted(skills)},
        years_experience=3.0,
        education=3,
        certifications_held=frozenset({"mssc-cla"}),
    )


def time_assess(catalogue: scoring.Catalogue, runs: int) -> list[float]:
    profile = profile_for(catalogue, seed=7)
    scoring.assess(profile, catalogue, "production-specialist")  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        scoring.assess(profile, catalogue, "production-specialist")
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    start = time.perf_counter()
    real = selectors.scoring_catalogue()
    fetch_ms = (time.perf_counter() - start) * 1000

    print(f"Catalogue read from the database in {fetch_ms:.1f} ms (seven queries).")
    print()
    print("| catalogue | roles | requirements | certifications | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, catalogue in [("real", real), ("10x synthetic", grown(real, 10))]:
        times = time_assess(catalogue, args.runs)
        requirements = sum(len(role.requirements) for role in catalogue.roles)
        print(
            f"| {label} | {len(catalogue.roles)} | {requirements} | "
            f"{len(catalogue.certifications)} | {statistics.median(times):.2f} | "
            f"{times[int(len(times) * 0.95) - 1]:.2f} | {times[-1]:.2f} |"
        )


if __name__ == "__main__":
    main()
