from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.selectors import QuestionCounts
from roles import selectors
from roles.filters import RoleFilter
from roles.proficiency import BEHAVIOUR, Importance, Proficiency

ROLES_PER_PAGE = 24


def _scale() -> list[tuple[int, str, str]]:
    return [(level.value, str(level.label), BEHAVIOUR[level]) for level in Proficiency]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "roles/home.html",
        {"families": selectors.family_summaries(), "filter": RoleFilter()},
    )


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


@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.role_detail(slug)
    total = sum(len(group.requirements) for group in detail.requirement_groups)
    return render(
        request,
        "roles/role_detail.html",
        {
            "detail": detail,
            "role": detail.role,
            "scale": _scale(),
            "importance_levels": Importance.choices,
            "question_counts": QuestionCounts.for_total(total),
        },
    )


@require_safe
def proficiency_scale(request: HttpRequest) -> HttpResponse:
    return render(
        request, "roles/scale.html", {"scale": _scale(), "importance_levels": Importance.choices}
    )
