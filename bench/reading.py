"""What a person reads: the quick check's pages, questions and words, and the reading grade
of the pages a job seeker sees, measured with textstat on the rendered text.

Builds a throwaway SQLite database with the catalogue, takes each quick check through the
site in process (Django's test client, no server, no network), answering every question
at Working, and again at Proficient, which brings the checks of those ratings (a tick
list counts as one question; the page that explains the answers counts as a page), and
reads the text inside each page's <main> (menus and footer left out).
Reading time counts 200 words a minute, a common figure for adults reading plain text.

    .venv/bin/python bench/reading.py
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
_database = Path(tempfile.mkdtemp()) / "reading.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_database}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerfit.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-reading")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("CATALOGUE_CACHE_DIR", str(_database.parent / "cache"))

import django  # noqa: E402

django.setup()

import textstat  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

# Only the words matter here: static URLs without collectstatic's manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WORDS_A_MINUTE = 200


class _MainText(HTMLParser):
    """The words a person sees inside <main>: no scripts, styles or hidden form fields."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        elif tag in {"script", "style", "select"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        elif tag in {"script", "style", "select"}:
            self.skip -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


# Elements whose text stands on its own, like a sentence, though it may end without a stop.
BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "legend",
    "label",
    "button",
    "th",
    "td",
    "dt",
    "dd",
    "summary",
    "caption",
    "a",
}


def main_text(html: bytes) -> str:
    parser = _MainText()
    parser.feed(html.decode())
    lines = [re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    # A heading, label or button is read as one sentence: end it with a stop.
    return " ".join(line if line[-1] in ".!?:" else f"{line}." for line in lines if line)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def quick_check(
    client: Client, role: str, level: str = "2"
) -> tuple[list[tuple[int, int]], str, str]:
    """Take a role's quick check, rating every skill `level`; (questions, words) per page,
    the pages' text and the result URL."""
    response = client.post("/assess/", {"mode": "target", "length": "quick", "role": role})
    url = response["Location"]
    pages: list[tuple[int, int]] = []
    texts: list[str] = []
    while True:
        html = client.get(url).content
        text = main_text(html)
        names = sorted(set(re.findall(rb'name="(rating-[\w-]+)"', html)))
        checks = sorted(set(re.findall(rb'name="((?:done|question)-[\w-]+)"', html)))
        pages.append((len(names) + len(checks), textstat.lexicon_count(text)))
        texts.append(text)
        if checks:
            data = {name.decode(): ("3-1" if name.startswith(b"done-") else "a") for name in checks}
            client.post(url, {**data, "action": "check"})
            explained = main_text(client.get(url).content)
            pages.append((0, textstat.lexicon_count(explained)))
            texts.append(explained)
            url = client.post(url, {"action": "next"})["Location"]
            continue
        if not names:
            data = {"action": "submit", "years_experience": "3", "education": "1"}
            url = client.post(url, data)["Location"]
            return pages, " ".join(texts), url
        data = {name.decode(): level for name in names}
        url = client.post(url, {**data, "action": "next"})["Location"]


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the rate limits' counts
    call_command("load_catalogue", verbosity=0)
    client = Client()
    print("| quick check | pages | questions | words to read | minutes at 200 a minute | grade |")
    print("|---|---:|---:|---:|---:|---:|")
    result_url = ""
    runs = [
        (role, level)
        for level in ("2", "3")
        for role in ("production-specialist", "production-planner", "production-line-worker")
    ]
    for role, level in runs:
        pages, text, url = quick_check(client, role, level)
        if (role, level) == ("production-line-worker", "2"):
            result_url = url
        words = sum(count for _, count in pages)
        label = role if level == "2" else f"{role}, all Proficient, with checks"
        print(
            f"| {label} | {len(pages)} | {sum(q for q, _ in pages)} | {words} | "
            f"{words / WORDS_A_MINUTE:.1f} | {grade(text):.1f} |"
        )
    print()
    print("| page | words | grade |")
    print("|---|---:|---:|")
    for name, url in {
        "report (Line Worker quick check)": result_url,
        "roles compared (planner, scheduler)": (
            "/roles/compare/?from=production-planner&to=production-scheduler"
        ),
        "how we score": "/how-we-score/",
    }.items():
        response = client.get(url)
        if response.status_code != 200:
            print(f"| {name} | (not on this version: {response.status_code}) | |")
            continue
        text = main_text(response.content)
        print(f"| {name} | {textstat.lexicon_count(text)} | {grade(text):.1f} |")
    spanish(result_url)


def spanish(result_url: str) -> None:
    """The same pages in Spanish, scored with Fernández-Huerta's ease (textstat's Spanish
    formula: 60–70 is plain, about 8th–9th grade; higher is easier)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    textstat.set_lang("es")
    print()
    print("| page, in Spanish | words | Fernández-Huerta ease |")
    print("|---|---:|---:|")
    started = client.post(
        "/assess/", {"mode": "target", "length": "quick", "role": "production-planner"}
    )
    for name, url in {
        "report (Line Worker quick check)": result_url,
        "questionnaire, first page (planner)": started["Location"],
        "how we score": "/how-we-score/",
    }.items():
        text = main_text(client.get(url).content)
        ease = textstat.fernandez_huerta(text)
        print(f"| {name} | {textstat.lexicon_count(text)} | {ease:.1f} |")
    textstat.set_lang("en_US")


if __name__ == "__main__":
    main()
