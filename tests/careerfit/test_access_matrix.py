"""Who may do what: every URL of careerfit × every kind of visitor, with the exact outcome.

Personas: anonymous, the job seeker who owns the result, another job seeker, a counselor
and an admin. A stranger asking for someone's result gets 404 (never confirming that it
exists); counselors see only shared results and never edit the catalogue; admins see the
catalogue but not people's results. A test below fails when a URL is added without a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from assessments import selectors, services
from assessments.counselor import services as counselor_services
from roles.models import Role
from tests.assessments.conftest import result_for
from tests.conftest import client_for, counselor_account

PERSONAS = ("anonymous", "owner", "other", "counselor", "admin")
LOGIN = "login"  # 302 to the login page, with the URL asked for as ?next=
ADMIN_LOGIN = "admin-login"  # 302 to the admin's login page


@dataclass(frozen=True)
class Row:
    route: str  # namespace:name, or "admin" for the admin site
    method: str
    path: str
    # One per persona: a status, LOGIN, ADMIN_LOGIN, "→/x/" for a 302 to exactly /x/,
    # or "→/x/*" for a 302 to somewhere under /x/.
    expected: tuple[int | str, ...]
    data: dict[str, object] | None = None
    json: bool = False


def _all(outcome: int | str) -> tuple[int | str, ...]:
    return (outcome,) * len(PERSONAS)


OWNER_ONLY = (404, 200, 404, 404, 404)
COUNSELORS = (LOGIN, 403, 403, 200, 200)
ACCOUNTS = (LOGIN, 200, 200, 200, 200)
ADMINS = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200)


def _counselor_post(then: str) -> tuple[int | str, ...]:
    return (LOGIN, 403, 403, then, then)


ROWS = [
    # Public pages and the catalogue API
    Row("roles:home", "GET", "/", _all(200)),
    Row("roles:role-list", "GET", "/roles/", _all(200)),
    Row("roles:role-detail", "GET", "/roles/{role}/", _all(200)),
    Row(
        "roles:role-compare", "GET", "/roles/compare/?from={role}&to=production-manager", _all(200)
    ),
    Row("roles:scale", "GET", "/levels/", _all(200)),
    Row("assessments:scoring-method", "GET", "/how-we-score/", _all(200)),
    Row("health", "GET", "/health/", _all(200)),
    # The language switcher: anyone, back to the page they were on.
    Row(
        "set_language",
        "POST",
        "/i18n/setlang/",
        _all("→/roles/"),
        data={"language": "es", "next": "/roles/"},
    ),
    Row("health-alive", "GET", "/health/alive/", _all(200)),
    Row("api:api-root", "GET", "/api/", _all(404)),
    Row("api:openapi-json", "GET", "/api/openapi.json", _all(200)),
    Row("api:openapi-view", "GET", "/api/docs", _all(200)),
    Row("api:scale", "GET", "/api/scale/", _all(200)),
    Row("api:roles", "GET", "/api/roles/", _all(200)),
    Row("api:role", "GET", "/api/roles/{role}/", _all(200)),
    Row("api:compare", "GET", "/api/roles/compare?from={role}&to=production-manager", _all(200)),
    Row("api:skills", "GET", "/api/skills/", _all(200)),
    Row("api:learning_options", "GET", "/api/learning-options/", _all(200)),
    Row("api:certifications", "GET", "/api/certifications/", _all(200)),
    Row(
        "api:score",
        "POST",
        "/api/assessments/score",
        _all(200),
        data={
            "role": "production-planner",
            "ratings": {"production-scheduling": 2},
            "years_experience": 1,
            "education": "high-school",
        },
        json=True,
    ),
    # The questionnaire: open to all; an account's draft only to that account
    Row("assessments:start", "GET", "/assess/", _all(200)),
    Row(
        "assessments:start",
        "POST",
        "/assess/",
        _all("→/assess/*"),
        data={"mode": "target", "length": "quick", "role": "{role}"},
    ),
    Row(
        "assessments:draft-resume",
        "GET",
        "/assess/{draft}/",
        (404, "→/assess/{draft}/step/1/", 404, 404, 404),
    ),
    Row("assessments:draft-step", "GET", "/assess/{draft}/step/1/", OWNER_ONLY),
    Row(
        "assessments:draft-step",
        "POST",
        "/assess/{draft}/step/1/",
        (404, "→/assess/{draft}/saved/", 404, 404, 404),
        data={"action": "save"},
    ),
    Row("assessments:draft-saved", "GET", "/assess/{draft}/saved/", OWNER_ONLY),
    # Nothing rated Proficient or Expert yet: no checks, so on to the page about the person.
    Row(
        "assessments:draft-checks",
        "GET",
        "/assess/{draft}/checks/",
        (404, "→/assess/{draft}/step/{background}/", 404, 404, 404),
    ),
    # A result that belongs to an account: its owner only
    Row("assessments:result-detail", "GET", "/results/{result}/", OWNER_ONLY),
    Row("assessments:result-json", "GET", "/results/{result}/report.json", OWNER_ONLY),
    Row("assessments:result-csv", "GET", "/results/{result}/report.csv", OWNER_ONLY),
    Row("assessments:result-pdf", "GET", "/results/{result}/report.pdf", OWNER_ONLY),
    Row("assessments:result-delete", "GET", "/results/{result}/delete/", OWNER_ONLY),
    Row(
        "assessments:result-unsure",
        "POST",
        "/results/{result}/unsure/",
        (404, "→/results/{result}/", 404, 404, 404),
    ),
    Row(
        "assessments:result-step-mark",
        "POST",
        "/results/{result}/steps/{step}/done/",
        (404, "→/results/{result}/#plan", 404, 404, 404),
        data={"done": "on"},
    ),
    Row(
        "assessments:result-compare",
        "GET",
        "/results/{result}/compare/?from=production-manager",
        OWNER_ONLY,
    ),
    Row(
        "assessments:result-delete",
        "POST",
        "/results/{result}/delete/",
        (404, "→/", 404, 404, 404),
    ),
    Row(
        "assessments:result-rescore",
        "POST",
        "/results/{result}/rescore/",
        (404, "→/results/*", 404, 404, 404),
    ),
    Row(
        "assessments:result-retake",
        "POST",
        "/results/{result}/retake/",
        (404, "→/assess/*", 404, 404, 404),
    ),
    Row(
        "assessments:result-judge",
        "POST",
        "/results/{result}/judge/production-manager/",
        (404, "→/assess/*", 404, 404, 404),
    ),
    Row(
        "assessments:result-share",
        "POST",
        "/results/{result}/share/",
        (404, "→/results/{result}/", 404, 404, 404),
        data={"name": "Ana", "email": "", "consent": "on"},
    ),
    Row(
        "assessments:result-withdraw",
        "POST",
        "/results/{result}/withdraw/",
        (404, "→/results/{result}/", 404, 404, 404),
    ),
    # Accounts
    Row("signup", "GET", "/account/signup/", _all(200)),
    # With mail (the tests' locmem backend) every sign-up answers "check your email".
    Row(
        "signup",
        "POST",
        "/account/signup/",
        _all(200),
        data={
            "email": "new@example.com",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
        },
    ),
    Row("signup-confirm", "GET", "/account/signup/confirm/MQ/not-a-token/", _all(400)),
    # Signed in already: counselors (and admins) to their workspace, others to their results.
    Row(
        "login",
        "GET",
        "/account/login/",
        (200, "→/account/results/", "→/account/results/", "→/counselor/", "→/counselor/"),
    ),
    Row(
        "login",
        "POST",
        "/account/login/",
        (200, "→/account/results/", "→/account/results/", "→/counselor/", "→/counselor/"),
        data={"username": "nobody@example.com", "password": "wrong"},
    ),
    Row("logout", "POST", "/account/logout/", _all("→/")),
    Row("password_change", "GET", "/account/password_change/", ACCOUNTS),
    Row(
        "password_change",
        "POST",
        "/account/password_change/",
        ACCOUNTS,
        data={"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    ),
    Row("password_change_done", "GET", "/account/password_change/done/", ACCOUNTS),
    Row("password_reset", "GET", "/account/password_reset/", _all(200)),
    Row(
        "password_reset",
        "POST",
        "/account/password_reset/",
        _all("→/account/password_reset/done/"),
        data={"email": "owner@example.com"},
    ),
    Row("password_reset_done", "GET", "/account/password_reset/done/", _all(200)),
    Row("password_reset_confirm", "GET", "/account/reset/MQ/not-a-token/", _all(200)),
    Row("password_reset_complete", "GET", "/account/reset/done/", _all(200)),
    Row("assessments:my-results", "GET", "/account/results/", ACCOUNTS),
    Row("assessments:my-data", "GET", "/account/data.json", ACCOUNTS),
    # Nothing remembered in these browsers: the claim page goes straight to my results.
    Row(
        "assessments:account-claim", "GET", "/account/claim/", (LOGIN, *("→/account/results/",) * 4)
    ),
    Row(
        "assessments:account-claim",
        "POST",
        "/account/claim/",
        (LOGIN, *("→/account/results/",) * 4),
        data={"action": "add"},
    ),
    Row("assessments:forget-browser", "GET", "/browser/forget/", _all(405)),
    Row("assessments:forget-browser", "POST", "/browser/forget/", _all("→/")),
    Row("assessments:account-delete", "GET", "/account/delete/", ACCOUNTS),
    Row("assessments:account-delete", "POST", "/account/delete/", (LOGIN, *("→/",) * 4)),
    # The counselor workspace: counselors (and admins, who hold every permission)
    Row("assessments:counselor-dashboard", "GET", "/counselor/", COUNSELORS),
    Row("assessments:counselor-results-csv", "GET", "/counselor/results.csv", COUNSELORS),
    Row("assessments:counselor-cohort", "GET", "/counselor/cohort/", COUNSELORS),
    Row("assessments:counselor-cohort-csv", "GET", "/counselor/cohort.csv", COUNSELORS),
    Row("assessments:counselor-result", "GET", "/counselor/results/{shared}/", COUNSELORS),
    Row(
        "assessments:counselor-result-pdf",
        "GET",
        "/counselor/results/{shared}/report.pdf",
        COUNSELORS,
    ),
    Row(
        "assessments:counselor-result-pdf",
        "GET",
        "/counselor/results/{private}/report.pdf",
        (LOGIN, 403, 403, 404, 404),
    ),
    Row(
        "assessments:counselor-result",
        "GET",
        "/counselor/results/{private}/",
        (LOGIN, 403, 403, 404, 404),
    ),
    Row(
        "assessments:counselor-result-status",
        "POST",
        "/counselor/results/{shared}/status/",
        _counselor_post("→/counselor/results/{shared}/#status"),
        data={"status": "in-review"},
    ),
    Row(
        "assessments:counselor-result-status",
        "POST",
        "/counselor/results/{private}/status/",
        (LOGIN, 403, 403, 404, 404),
        data={"status": "in-review"},
    ),
    Row(
        "assessments:counselor-note-add",
        "POST",
        "/counselor/results/{shared}/notes/",
        _counselor_post("→/counselor/results/{shared}/#notes"),
        data={"text": "Called."},
    ),
    Row(
        "assessments:counselor-step-add",
        "POST",
        "/counselor/results/{shared}/steps/",
        _counselor_post("→/counselor/results/{shared}/#plan"),
        data={"title": "Start CPIM part 1"},
    ),
    Row(
        "assessments:counselor-step-done",
        "POST",
        "/counselor/results/{shared}/steps/{step}/done/",
        _counselor_post("→/counselor/results/{shared}/#plan"),
        data={"done": "on"},
    ),
    Row(
        "assessments:counselor-step-remove",
        "POST",
        "/counselor/results/{shared}/steps/{step}/remove/",
        _counselor_post("→/counselor/results/{shared}/#plan"),
    ),
    # The admin: staff only; results and drafts are not in it at all
    Row("admin", "GET", "/admin/", ADMINS),
    Row("admin", "GET", "/admin/roles/role/", ADMINS),
    Row("admin", "GET", "/admin/roles/role/{role_pk}/change/", ADMINS),
    Row("admin", "POST", "/admin/roles/role/{role_pk}/change/", ADMINS, data={}),
    Row("admin", "GET", "/admin/roles/certification/", ADMINS),
    Row("admin", "GET", "/admin/auth/user/", ADMINS),
    Row("admin", "GET", "/admin/auth/group/", ADMINS),
    Row("admin", "GET", "/admin/assessments/result/", (*(ADMIN_LOGIN,) * 4, 404)),
    Row("admin", "GET", "/admin/assessments/draft/", (*(ADMIN_LOGIN,) * 4, 404)),
]


@pytest.fixture
def world(db) -> dict[str, object]:
    owner = User.objects.create_user("owner@example.com", "owner@example.com", "pw-owner-123")
    other = User.objects.create_user("other@example.com", "other@example.com", "pw-other-123")
    counselor = counselor_account("casey@center.example")
    admin = User.objects.create_superuser("admin@example.com", "admin@example.com", "pw-adm-123")
    shared = result_for("production-planner", 2, owner=owner, share_as="Ana Owner", length="quick")
    private = result_for("production-scheduler", 2, owner=owner, length="quick")
    draft = services.draft_start(
        mode="target", length="quick", role_slug="production-planner", owner=owner
    )
    step = counselor_services.action_step_add(
        result=shared, title="Step", due_on=None, by=counselor
    )
    role = Role.objects.get(slug="production-planner")
    return {
        "users": {
            "anonymous": None,
            "owner": owner,
            "other": other,
            "counselor": counselor,
            "admin": admin,
        },
        "values": {
            "result": shared.token,
            "shared": shared.pk,
            "private": private.pk,
            "draft": draft.token,
            "background": len(
                selectors.questionnaire(role_slug=draft.role_slug, skill_slugs=draft.skills).pages
            )
            + 1,
            "step": step.pk,
            "role": role.slug,
            "role_pk": role.pk,
        },
    }


def _request(client: Client, row: Row, values: dict[str, object]):
    path = row.path.format(**values)
    if row.method == "GET":
        return client.get(path)
    if row.json:
        return client.post(path, row.data, content_type="application/json")
    data = {key: str(value).format(**values) for key, value in (row.data or {}).items()}
    return client.post(path, data)


def _outcome(response) -> int | str:
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/account/login/?next="):
        return LOGIN
    if location.startswith("/admin/login/?next="):
        return ADMIN_LOGIN
    return f"→{location}"


def _matches(outcome: int | str, expected: int | str, values: dict[str, object]) -> bool:
    if isinstance(expected, str) and expected.endswith("*"):
        return isinstance(outcome, str) and outcome.startswith(expected[:-1].format(**values))
    if isinstance(expected, str):
        return outcome == expected.format(**values)
    return outcome == expected


CELLS = [
    pytest.param(row, index, id=f"{row.method} {row.path} as {persona}")
    for row in ROWS
    for index, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("row", "persona_index"), CELLS)
def test_access(world, row, persona_index):
    values = world["values"]
    user = world["users"][PERSONAS[persona_index]]
    response = _request(client_for(user), row, values)

    outcome = _outcome(response)
    expected = row.expected[persona_index]
    assert _matches(outcome, expected, values), f"got {outcome!r}, expected {expected!r}"
    if expected == LOGIN:
        assert response["Location"] == f"/account/login/?next={quote(row.path.format(**values))}"
    if (
        expected == 404
        and row.route.startswith("assessments:")
        and row.path.startswith("/results/")
    ):
        # A stranger learns nothing: the same page as for a link that never existed.
        assert "Ana Owner" not in response.content.decode()


def _named_routes(patterns, namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin"
                continue
            yield from _named_routes(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_the_matrix_has_a_row_for_every_url():
    assert set(_named_routes(get_resolver().url_patterns)) == {row.route for row in ROWS}


# The scoring API writes nothing and takes no cookies, so it needs no CSRF token.
CSRF_EXEMPT = {"api:score"}


REFUSED = (LOGIN, ADMIN_LOGIN, 403, 404)


def _first_allowed(row: Row) -> str | None:
    return next(
        (PERSONAS[i] for i, expected in enumerate(row.expected) if expected not in REFUSED), None
    )


@pytest.mark.parametrize(
    "row",
    [
        row
        for row in ROWS
        if row.method == "POST" and row.route not in CSRF_EXEMPT and _first_allowed(row)
    ],
    ids=lambda row: row.path,
)
def test_every_state_changing_request_needs_the_csrf_token(world, row):
    values = world["values"]
    allowed = _first_allowed(row)
    client = Client(enforce_csrf_checks=True)
    user = world["users"][allowed]
    if user is not None:
        client.force_login(user)

    response = _request(client, row, values)

    assert response.status_code == 403
    assert "Please send that again" in response.content.decode()  # CSRF failure page
