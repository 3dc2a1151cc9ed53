"""manage.py score: the API's report, as text or JSON, from a file of answers."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from .test_api import ANSWERS

pytestmark = pytest.mark.django_db


def _score(tmp_path, answers, *options) -> str:
    path = tmp_path / "answers.json"
    path.write_text(answers if isinstance(answers, str) else json.dumps(answers))
    out = StringIO()
    call_command("score", str(path), *options, stdout=out)
    return out.getvalue()


def test_json_output_is_the_api_report(tmp_path):
    printed = json.loads(_score(tmp_path, ANSWERS, "--format", "json"))
    api = Client().post("/api/assessments/score", ANSWERS, content_type="application/json").json()

    assert printed == api


def test_text_output_reads_like_the_report(tmp_path):
    lines = _score(tmp_path, ANSWERS).splitlines()

    assert lines[:3] == [
        (
            "Production Planner: readiness 44.4% (Developing), based on 3 of 15 skills, 42% of "
            "what matters"
        ),
        (
            "The must-have skill Bills of materials and product data is not there yet. It holds "
            "you back whatever your other skills, so start there."
        ),
        "Answer 2 more: Demand planning and MRP, Inventory and materials control.",
    ]
    assert lines[4:7] == [
        "Why this score:",
        "  - Bills of materials and product data cost 33.3 points: needs Proficient (3), rated None (0), importance 5/5",
        "  - Production planning and scheduling cost 22.2 points: needs Proficient (3), rated Awareness (1), importance 5/5",
    ]
    assert (
        "  1. SAP Certified Associate – SAP S/4HANA Production Planning and Manufacturing (C_TS422): closes 60% of the gap (Bills of materials and product data, Production planning and scheduling). You can apply now."
        in lines
    )
    assert "  - Tools & software: 100% (1 of 1 rated)" in lines
    assert "  - People & leadership: not rated (0 of 2 rated)" in lines
    fit = lines[lines.index("Role fit:") :]
    assert fit[1:3] == [
        "  Not enough answers to judge yet:",
        (
            "    - Production Planning Engineer: 23.8% (Developing), based on 2 of 10 skills, 29% "
            "of what matters; answer 1 more to judge it"
        ),
    ]
    assert (
        "    - Production Planner: 44.4% (Developing), based on 3 of 15 skills, 42% of what "
        "matters; answer 2 more to judge it"
    ) in fit
    assert "    - Production Associate: not rated; answer 2 more to judge it" in fit


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("{oops", "is not valid answers: file: Invalid JSON"),
        ({**ANSWERS, "role": "astronaut"}, "is not valid answers: role: Unknown role 'astronaut'."),
        (
            {**ANSWERS, "ratings": {"erp-systems": 9}},
            "is not valid answers: ratings.erp-systems: Input should be less than or equal to 4",
        ),
    ],
)
def test_bad_files_are_explained(tmp_path, answers, message):
    with pytest.raises(CommandError, match=message):
        _score(tmp_path, answers)


def test_a_missing_file_is_explained(tmp_path):
    with pytest.raises(
        CommandError, match=r"Cannot read .*nowhere\.json: No such file or directory\."
    ):
        call_command("score", str(tmp_path / "nowhere.json"))
