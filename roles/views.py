from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from assessments.selectors import QuestionCounts
from careerfit import fragments, revisions
from roles import selectors
from roles.filters import RoleFilter
from roles.proficiency import BEHAVIOUR, Importance, Proficiency

ROLES_PER_PAGE = 24


def _scale() -> list[tuple[int, str, str]]:
    return [(level.value, str(level.label), BEHAVIOUR[level]) for level in Proficiency]


def _home_catalogue() -> SafeString:
    return render_to_string(
        "roles/partials/home_catalogue.html",
        {"families": selectors.family_summaries(), "filter": RoleFilter()},
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    catalogue = fragments.cached("home-catalogue", [revisions.current().catalogue], _home_catalogue)
    return render(request, "roles/home.html", {"catalogue": catalogue})


@require_safe
def role_list(request: HttpRequest) -> HttpResponse:
    role_filter = RoleFilter(request.GET or None, queryset=selectors.role_list())
    roles = (
        role_filter.qs if role_filter.is_bound and role_filter.is_valid() else selectors.role_list()
    )
    page = Paginator(roles, ROLES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "roles/role_list.html",
        {"filter": role_filter, "page": page, "query": query.urlencode()},
    )


@dataclass(frozen=True)
class RolePage:
    """What a role page shows that depends only on the catalogue: cached per revision."""

    slug: str
    title: str
    summary: str
    question_counts: QuestionCounts
    header: SafeString
    details: SafeString


def _role_page(slug: str) -> RolePage:
    detail = selectors.role_detail(slug)
    context = {"detail": detail, "role": detail.role}
    return RolePage(
        slug=detail.role.slug,
        title=detail.role.title,
        summary=detail.role.summary,
        question_counts=QuestionCounts.for_total(
            sum(len(group.requirements) for group in detail.requirement_groups)
        ),
        header=render_to_string("roles/partials/role_header.html", context),
        details=render_to_string("roles/partials/role_details.html", context),
    )


@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = fragments.cached(
        "role-page", [revisions.current().catalogue, slug], lambda: _role_page(slug)
    )
    return render(request, "roles/role_detail.html", {"page": page})


@require_safe
def proficiency_scale(request: HttpRequest) -> HttpResponse:
    return render(
        request, "roles/scale.html", {"scale": _scale(), "importance_levels": Importance.choices}
    )
