"""The filters of the API's lists of interactions and tasks."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Interaction, InteractionKind, Task


class InteractionFilter(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(label=_("Organisation"), field_name="organisation_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InteractionKind.choices)
    person = django_filters.NumberFilter(label=_("Person"), field_name="people__id", distinct=True)

    class Meta:
        model = Interaction
        fields = ["organisation", "kind", "person"]


class TaskFilter(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(label=_("Organisation"), field_name="organisation_id")
    owner = django_filters.NumberFilter(label=_("Owner"), field_name="owner_id")
    mine = django_filters.BooleanFilter(label=_("Mine"), method="filter_mine")
    open = django_filters.BooleanFilter(label=_("Open"), field_name="done_at", lookup_expr="isnull")

    class Meta:
        model = Task
        fields = ["organisation", "owner", "mine", "open"]

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        return queryset.filter(owner=user) if value else queryset.exclude(owner=user)
