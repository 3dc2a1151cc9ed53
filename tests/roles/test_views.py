"""Public catalogue pages, seen by each kind of visitor."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.conftest import client_for, without_csrf
from tests.roles.catalogue_growth import grow_catalogue

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "job_seeker", "staff_without_permissions", "admin_user"]


def _client(request, persona: str) -> Client:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    return client_for(user)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _role_titles(response) -> list[str]:
    return re.findall(
        r'<h2 class="h5 card-title"><a href="/roles/[^"]+/">([^<]+)</a>', _text(response)
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_visitor_sees_the_catalogue(request, persona):
    client = _client(request, persona)
    home = client.get("/")
    assert home.status_code == 200
    assert "Where do your skills fit in production?" in _text(home)
    listing = client.get("/roles/")
    assert listing.status_code == 200
    assert len(_role_titles(listing)) == 22


def test_home_lists_families_with_role_counts():
    text = _text(Client().get("/"))
    families = re.findall(
        r'<span class="h6 mb-1">([^<]+)</span> <span class="text-body-secondary">(\d+) roles?</span>',
        text,
    )
    assert families == [
        ("Manufacturing operations", "12"),
        ("Planning &amp; control", "4"),
        ("Sourcing &amp; supply chain", "1"),
        ("Production finance", "1"),
        ("Creative &amp; digital production", "4"),
    ]


def test_role_list_filters_by_family_and_level():
    response = Client().get("/roles/", {"family": "planning", "career_level": "2"})
    assert _role_titles(response) == [
        "Production Analyst",
        "Production Planner",
        "Production Scheduler",
    ]
    assert "3 roles found." in _text(response)


def test_role_list_search_matches_titles_and_skills():
    assert _role_titles(Client().get("/roles/", {"q": "coordinator"})) == ["Production Coordinator"]
    by_skill = _role_titles(Client().get("/roles/", {"q": "prepress"}))
    assert by_skill == ["Production Artist"]


def test_role_list_explains_bad_filters_and_still_lists_roles():
    response = Client().get("/roles/", {"family": "<script>", "q": "x" * 150})
    text = _text(response)
    assert response.status_code == 200
    assert "Select a valid choice. &lt;script&gt; is not one of the available choices." in text
    assert "Ensure this value has at most 100 characters (it has 150)." in text
    assert "<script>" not in text
    assert len(_role_titles(response)) == 22


def test_role_list_with_no_match_says_so():
    text = _text(Client().get("/roles/", {"q": "astronaut"}))
    assert "0 roles found." in text
    assert "No role matches." in text


def test_role_detail_shows_pay_requirements_path_certifications_and_sources():
    response = Client().get("/roles/production-manager/")
    text = _text(response)
    assert response.status_code == 200
    assert '<h1 class="h2">Production Manager</h1>' in text
    assert "$108,000 a year" in text
    assert "salary-by-level table, which careerfit uses for every rung of the ladder" in text
    assert "a $87,500 median, a range of $65k to $110k" in text
    assert "7.0%" in text
    assert "5–10 years" in text
    categories = re.findall(r'<h3 class="h5 mt-4">([^<]+)</h3>', text)
    assert categories == [
        "Production &amp; operations",
        "Tools &amp; software",
        "Safety, quality &amp; compliance",
        "People &amp; leadership",
        "Business, finance &amp; administration",
        "Thinking &amp; work habits",
    ]
    assert text.count('<span class="badge badge-core">Must-have</span>') == 8  # 7 core + legend
    assert 'Expert <span class="text-body-secondary">(4 of 4)</span>' in text
    assert 'Essential <span class="text-body-secondary">(5 of 5)</span>' in text
    assert (
        '<a href="/roles/production-supervisor/">Production Supervisor</a> · usually after 5 years'
        in text
    )
    assert (
        '<a href="/roles/senior-production-manager/">Senior Production Manager / Plant Manager</a>'
        in text
    )
    assert "Project Management Professional (PMP)" in text
    assert "Production Manager Career Path Guide (003_255d462552ea5ed6.txt)" in text


def test_role_detail_labels_training_cards():
    text = _text(Client().get("/roles/production-line-worker/"))
    assert "OSHA 10-Hour Outreach Training (General Industry) (OSHA 10)" in text
    # OSHA 10, OSHA 30 and forklift training.
    assert text.count("Training card, not a certification") == 3


def test_unknown_role_is_a_404():
    response = Client().get("/roles/astronaut/")
    assert response.status_code == 404
    assert b"Production Manager" not in response.content


def test_scale_page_lists_the_five_levels():
    text = _text(Client().get("/levels/"))
    rows = re.findall(r'<th scope="row">(\d) · (\w+)</th><td>([^<]+)</td>', text)
    assert [(level, name) for level, name, _ in rows] == [
        ("0", "None"),
        ("1", "Awareness"),
        ("2", "Working"),
        ("3", "Proficient"),
        ("4", "Expert"),
    ]
    assert rows[2][2] == "Has done it with guidance or by following set steps."


def test_pages_refuse_writes():
    response = Client().post("/roles/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_pages_send_a_strict_content_security_policy():
    policy = Client().get("/roles/production-manager/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("extra_roles", [0, 25])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 1),  # the families
        ("/roles/", 2),  # count, page
        ("/roles/?q=plan&family=planning&career_level=2", 2),  # never kept
        ("/roles/?page=2", 2),
        ("/roles/production-manager/", 7),  # + steps, citations, certifications, roles
        ("/levels/", 0),
    ],
)
def test_pages_drawn_afresh_run_a_constant_number_of_queries(
    django_assert_num_queries, extra_roles, url, queries
):
    grow_catalogue(extra_roles)
    with django_assert_num_queries(queries):
        response = Client().get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url", ["/", "/roles/", "/roles/production-manager/", "/roles/production-planner/"]
)
def test_catalogue_pages_kept_in_the_cache_run_no_query(django_assert_num_queries, url):
    client = Client()
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert without_csrf(again) == without_csrf(first)
    # A kept page differs by session and by the language it is drawn in.
    assert again["Vary"] == first["Vary"] == "Cookie, Accept-Language"


def test_every_asset_the_pages_link_is_served_from_this_site():
    text = _text(Client().get("/"))
    assets = re.findall(r'(?:href|src)="/static/([^"]+)"', text)
    assert assets == [
        "careerfit/favicon.svg",
        "bootstrap/css/bootstrap.min.css",
        "careerfit/site.css",
    ]
    assert [finders.find(asset) is not None for asset in assets] == [True, True, True]
