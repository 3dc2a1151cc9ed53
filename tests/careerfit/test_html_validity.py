"""Every kind of page careerfit renders is valid HTML, by the W3C Nu checker (npm vnu-jar)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from assessments import selectors, services
from assessments.counselor import services as counselor_services
from assessments.models import Result
from careerfit.throttle import too_many_requests
from tests.assessments.conftest import fill
from tests.conftest import counselor_account

pytestmark = pytest.mark.django_db

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def _checker() -> list[str]:
    java = shutil.which("java")
    if java and VNU.exists():
        return [java, "-jar", str(VNU)]
    message = "The Nu HTML checker needs Java and `npm ci` (vnu-jar); it is not installed."
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _pages(client: Client) -> dict[str, bytes]:
    draft = services.draft_start(mode="target", length="full", role_slug="production-planner")
    background_step = len(selectors.question_pages(skill_slugs=draft.skills)) + 1
    done = services.draft_start(mode="target", length="full", role_slug="production-specialist")
    fill(done, 2, communication=0, teamwork=4)
    result = services.result_submit(draft=done)
    retake = services.draft_retake(result=result)
    fill(retake, 3)
    retaken = services.result_submit(draft=retake)
    checking = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    fill(checking, 2, **{"production-scheduling": 3, "inventory-control": 4})
    urls = {
        "home": "/",
        "roles": "/roles/?family=planning",
        "role": "/roles/production-specialist/",
        "levels": "/levels/",
        "compare": "/roles/compare/?from=production-planner&to=production-manager",
        "compare-unknown": "/roles/compare/?from=astronaut&to=production-manager",
        "start": "/assess/?role=production-planner",
        "step": f"/assess/{draft.token}/step/1/",
        "background": f"/assess/{draft.token}/step/{background_step}/",
        "saved": f"/assess/{draft.token}/saved/",
        "checks": f"/assess/{checking.token}/checks/",
        "result": f"/results/{result.token}/",
        "result-with-progress": f"/results/{retaken.token}/",
        "delete": f"/results/{result.token}/delete/",
        "how-we-score": "/how-we-score/",
        "login": "/account/login/",
        "signup": "/account/signup/",
        "password-reset": "/account/password_reset/",
        "not-found": "/no-such-page/",
    }
    pages = {name: client.get(url).content for name, url in urls.items()}
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es")
    pages["home-es"] = spanish.get("/").content
    pages["step-es"] = spanish.get(urls["step"]).content
    pages["result-es"] = spanish.get(urls["result"]).content
    pages["step-with-errors"] = client.post(urls["step"], {"action": "next"}, follow=True).content
    pages["checks-with-errors"] = client.post(
        urls["checks"], {"action": "check"}, follow=True
    ).content
    pages["checks-explained"] = client.post(
        urls["checks"],
        {
            "action": "check",
            "done-production-scheduling": ["3-1"],
            "question-schedule-bottleneck": "a",
            "question-inventory-cycle-count": "c",
        },
        follow=True,
    ).content
    pages["start-with-errors"] = client.post(
        "/assess/", {"mode": "target", "length": "quick"}
    ).content
    pages["background-with-errors"] = client.post(
        urls["background"], {"action": "submit", "years_experience": "x"}, follow=True
    ).content
    pages["csrf-failure"] = Client(enforce_csrf_checks=True).post("/assess/").content
    pages["signup-with-errors"] = client.post(
        "/account/signup/", {"email": "x", "password1": "1", "password2": "2"}
    ).content
    pages["signup-check-email"] = client.post(
        "/account/signup/",
        {"email": "new@example.com", "password1": "plant-2026-x", "password2": "plant-2026-x"},
    ).content
    pages["signup-link-invalid"] = client.get("/account/signup/confirm/MQ/x/").content
    pages["too-many-requests"] = too_many_requests(RequestFactory().post("/assess/"), 90).content
    remembered = Client()
    remembered.post("/assess/", {"mode": "target", "length": "quick", "role": "production-planner"})
    claimable = services.draft_start(mode="target", length="quick", role_slug="production-planner")
    services.result_submit(draft=fill(claimable, 2))
    session = remembered.session
    session["careerfit-results"] = [Result.objects.get(draft=claimable).token]
    session.save()
    claimer = User.objects.create_user("claims@example.com", "claims@example.com", "pw-123-claim")
    remembered.force_login(claimer)
    pages["claim"] = remembered.get("/account/claim/").content
    owner = User.objects.create_user("seeker@example.com", "seeker@example.com", "pw-123-seeker")
    Result.objects.filter(pk=result.pk).update(owner=owner)
    client.force_login(owner)
    for name, url in {
        "my-results": "/account/results/",
        "account-delete": "/account/delete/",
        "password-change": "/account/password_change/",
        "owned-result": f"/results/{result.token}/",
        "result-compare": f"/results/{result.token}/compare/?from=production-line-worker",
    }.items():
        pages[name] = client.get(url).content
    counselor = counselor_account("casey@center.example")
    services.result_share(result=retaken, name="Ana Diaz", email="ana@example.com")
    services.result_share(result=result, name="Ana Diaz", email="ana@example.com")
    counselor_services.note_add(
        result=retaken, author=counselor, text="First call done.\nNext: CPIM."
    )
    counselor_services.action_step_add(
        result=retaken, title="Start CPIM", due_on=None, by=counselor
    )
    client.force_login(counselor)
    for name, url in {
        "counselor-dashboard": "/counselor/?sort=-readiness",
        "counselor-dashboard-bad-filter": "/counselor/?shared_after=soon&band=purple",
        "counselor-cohort": "/counselor/cohort/",
        "counselor-result": f"/counselor/results/{retaken.pk}/",
    }.items():
        pages[name] = client.get(url).content
    pages["result-with-plan"] = client.get(f"/results/{retaken.token}/").content
    pages["counselor-result-with-errors"] = client.post(
        f"/counselor/results/{retaken.pk}/steps/", {"title": "", "due_on": "soon"}
    ).content
    return pages


def test_every_page_is_valid_html(tmp_path):
    checker = _checker()
    files = []
    for name, html in _pages(Client()).items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(html)
        files.append(str(path))

    run = subprocess.run(  # noqa: S603 - fixed arguments: java, the checker and our files
        [*checker, "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [
        (Path(m["url"]).stem, m.get("lastLine"), m["message"])
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    assert len(files) == 44
