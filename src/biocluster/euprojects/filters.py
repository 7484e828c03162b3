"""The filters of the projects' list, the same for the page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Project, Role


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    programme = django_filters.CharFilter(label=_("Programme"), lookup_expr="icontains")
    role = django_filters.ChoiceFilter(
        label=_("The cluster's role"), choices=Role.choices, method="filter_role"
    )
    year = django_filters.NumberFilter(
        label=_("Running in"), method="filter_year", min_value=1900, max_value=2200
    )

    class Meta:
        model = Project
        fields = ["q", "programme", "role", "year"]

    def filter_q(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(acronym__icontains=value) | Q(title__icontains=value) | Q(call__icontains=value)
        )

    def filter_role(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(participants__is_cluster=True, participants__role=value)

    def filter_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(starts_on__year__lte=year, ends_on__year__gte=year)
