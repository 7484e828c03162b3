"""One filter set for the events, shared by the list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Event, EventKind, EventStatus


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EventStatus.choices)
    country = django_filters.CharFilter(label=_("Country"), lookup_expr="iexact", max_length=2)
    has_partnering = django_filters.BooleanFilter(label=_("With partnering"))
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)

    class Meta:
        model = Event
        fields = ["kind", "status", "country", "has_partnering", "starts_after", "starts_before", "q"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title_en__icontains=value) | Q(title_fr__icontains=value))
