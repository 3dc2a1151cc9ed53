"""The public catalogue's pages. A visitor with no session gets each one whole from the
cache; for anyone else, their catalogue parts are drawn once per catalogue version and
what is per request (the menu, CSRF tokens, messages) around them (roles/cache.py)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from roles import cache, selectors
from roles.filters import RoleFilter
from roles.forms import ROLE_NOT_FOUND, CompareForm
from roles.proficiency import BEHAVIOUR, Importance, Proficiency

ROLES_PER_PAGE = 24


def _scale() -> list[tuple[int, str, str]]:
    return [(level.value, str(level.label), str(BEHAVIOUR[level])) for level in Proficiency]


def _home_catalogue() -> SafeString:
    return render_to_string(
        "roles/partials/home_catalogue.html",
        {"families": selectors.family_summaries(), "filter": RoleFilter()},
    )


@require_safe
@cache.public_page
def home(request: HttpRequest) -> HttpResponse:
    catalogue = cache.cached("home", compute=_home_catalogue)
    return render(request, "roles/home.html", {"catalogue": catalogue})


def _role_results(params: QueryDict) -> SafeString:
    role_filter = RoleFilter(params or None, queryset=selectors.role_list())
    roles = (
        role_filter.qs if role_filter.is_bound and role_filter.is_valid() else selectors.role_list()
    )
    page = Paginator(roles, ROLES_PER_PAGE).get_page(params.get("page"))
    without_page = params.copy()
    without_page.pop("page", None)
    return render_to_string(
        "roles/partials/role_results.html",
        {"filter": role_filter, "page": page, "query": without_page.urlencode()},
    )


@require_safe
@cache.public_page
def role_list(request: HttpRequest) -> HttpResponse:
    # Only the plain list is kept: searches and filters are endless in number, so a
    # stranger's made-up queries cannot fill the cache.
    results = (
        _role_results(request.GET)
        if request.GET
        else cache.cached("role-list", compute=lambda: _role_results(request.GET))
    )
    return render(request, "roles/role_list.html", {"results": results})


@dataclass(frozen=True)
class RolePage:
    """What a role page shows that depends only on the catalogue, drawn once per version."""

    slug: str
    title: str
    summary: str
    requirement_count: int
    header: SafeString
    details: SafeString


def _role_page(slug: str) -> RolePage:
    detail = selectors.role_detail(slug=slug)
    other_roles = [(s, title) for s, title in selectors.role_choices() if s != detail.role.slug]
    context = {"detail": detail, "role": detail.role, "other_roles": other_roles}
    return RolePage(
        slug=detail.role.slug,
        title=detail.role.title,
        summary=detail.role.summary,
        requirement_count=sum(len(group.requirements) for group in detail.requirement_groups),
        header=render_to_string("roles/partials/role_header.html", context),
        details=render_to_string("roles/partials/role_details.html", context),
    )


@require_safe
@cache.public_page
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = cache.cached("role-page", slug, compute=lambda: _role_page(slug))
    return render(request, "roles/role_detail.html", {"page": page})


@require_safe
@cache.public_page
def proficiency_scale(request: HttpRequest) -> HttpResponse:
    return render(
        request, "roles/scale.html", {"scale": _scale(), "importance_levels": Importance.choices}
    )


@require_safe
def role_compare(request: HttpRequest) -> HttpResponse:
    """Two roles side by side: what the second asks for more of, pay, entry, outlook,
    certifications and the ladder between them. A role that does not exist is a 404."""
    form = CompareForm(request.GET or None)
    comparison = None
    status = 404 if form.is_bound and form.names_an_unknown_role else 200
    if form.is_bound and form.is_valid():
        try:
            comparison = selectors.role_comparison(
                from_slug=form.cleaned_data["from"], to_slug=form.cleaned_data["to"]
            )
        except selectors.RoleNotFound as gone:  # taken out since the list was drawn
            form.add_error(None, ROLE_NOT_FOUND % {"value": gone.slug})
            status = 404
    return render(
        request, "roles/compare.html", {"form": form, "comparison": comparison}, status=status
    )
