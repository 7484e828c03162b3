"""One filter set per list of the platforms, shared by its page and its API list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Booking, BookingStatus, Instrument, Platform, Statement


class PlatformFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)

    class Meta:
        model = Platform
        fields = ["q"]

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # A subquery, not a join: joining instruments again would multiply the counted instruments.
        matching = Platform.objects.filter(
            Q(organisation__name__icontains=value)
            | Q(summary_en__icontains=value)
            | Q(summary_fr__icontains=value)
            | Q(instruments__name__icontains=value)
        ).values("pk")
        return queryset.filter(pk__in=matching)


class InstrumentFilter(django_filters.FilterSet):
    platform = django_filters.NumberFilter(label=_("Platform"), field_name="platform_id")
    q = django_filters.CharFilter(
        label=_("Search"), field_name="name", lookup_expr="icontains", max_length=100
    )

    class Meta:
        model = Instrument
        fields = ["platform", "q"]


class BookingFilter(django_filters.FilterSet):
    instrument = django_filters.NumberFilter(label=_("Instrument"), field_name="instrument_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BookingStatus.choices)
    start = django_filters.IsoDateTimeFilter(label=_("From"), field_name="end", lookup_expr="gt")
    end = django_filters.IsoDateTimeFilter(label=_("Until"), field_name="start", lookup_expr="lt")
    mine = django_filters.BooleanFilter(label=_("Only mine"), method="filter_mine")

    class Meta:
        model = Booking
        fields = ["instrument", "status", "start", "end", "mine"]

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        return queryset.filter(user=user) if user is not None and user.is_authenticated else queryset.none()


class StatementFilter(django_filters.FilterSet):
    platform = django_filters.NumberFilter(label=_("Platform"), field_name="platform_id")
    organisation = django_filters.NumberFilter(label=_("Organisation"), field_name="organisation_id")
    month = django_filters.DateFilter(label=_("Month"))

    class Meta:
        model = Statement
        fields = ["platform", "organisation", "month"]
