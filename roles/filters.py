import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from roles.models import CareerLevel, Role, RoleFamily


class RoleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search roles"), method="search", max_length=100)
    family = django_filters.ChoiceFilter(
        label=_("Family"), choices=RoleFamily.choices, empty_label=_("All families")
    )
    career_level = django_filters.ChoiceFilter(
        label=_("Career level"), choices=CareerLevel.choices, empty_label=_("All levels")
    )

    class Meta:
        model = Role
        fields = ["q", "family", "career_level"]

    def search(self, queryset: QuerySet[Role], name: str, value: str) -> QuerySet[Role]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title_en__icontains=value)
            | Q(title_es__icontains=value)
            | Q(summary_en__icontains=value)
            | Q(summary_es__icontains=value)
            | Q(requirements__skill__name_en__icontains=value)
            | Q(requirements__skill__name_es__icontains=value)
        ).distinct()
