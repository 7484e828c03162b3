"""One filter set per list of partnering, shared by its page and its API list."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biocluster.directory.models import TechnologyField, ValueChainStage

from . import querysets
from .models import (
    Meeting,
    MeetingRequest,
    MeetingStatus,
    ParticipantKind,
    Profile,
    RequestStatus,
    past_expiry,
)


class ParticipantFilter(django_filters.FilterSet):
    """The participants of an event; its page takes the event from its address (no `event` field)."""

    event = django_filters.NumberFilter(label=_("Event"), field_name="event_id")
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ParticipantKind.choices, empty_label=_("Any kind")
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Technology field"),
        queryset=TechnologyField.objects.all(),
        method="filter_field",
        empty_label=_("Any field"),
    )
    stage = django_filters.ModelChoiceFilter(
        label=_("Value-chain stage"),
        queryset=ValueChainStage.objects.all(),
        method="filter_stage",
        empty_label=_("Any stage"),
    )

    class Meta:
        model = Profile
        fields = ["event", "q", "kind", "field", "stage"]

    def filter_text(self, queryset, name, value):
        words = Q()
        for word in value.split()[:8]:
            words &= (
                Q(registration__name__icontains=word)
                | Q(registration__organisation__name__icontains=word)
                | Q(headline__icontains=word)
                | Q(offers__icontains=word)
                | Q(seeks__icontains=word)
            )
        return queryset.filter(words)

    def filter_field(self, queryset, name, value):
        # A field matches its sub-fields too (the taxonomy is a tree); a subquery, so no duplicates.
        through = Profile.technology_fields.through
        matching = through.objects.filter(technologyfield__path__startswith=value.path).values("profile_id")
        return queryset.filter(pk__in=matching)

    def filter_stage(self, queryset, name, value):
        through = Profile.value_chain_stages.through
        return queryset.filter(pk__in=through.objects.filter(valuechainstage=value).values("profile_id"))


class MeetingRequestFilter(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("Event"), field_name="event_id")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RequestStatus.choices, method="filter_status"
    )
    box = django_filters.ChoiceFilter(
        label=_("Box"),
        method="filter_box",
        choices=[("all", _("All")), ("received", _("Received")), ("sent", _("Sent"))],
    )

    class Meta:
        model = MeetingRequest
        fields = ["event", "status", "box"]

    def filter_status(self, queryset, name, value):
        """As a reader sees it now: an open request past its expiry is expired (`past_expiry`)."""
        due = past_expiry(timezone.now())
        if value == RequestStatus.EXPIRED:
            return queryset.filter(Q(status=value) | due)
        return queryset.filter(status=value).exclude(due)

    def filter_box(self, queryset, name, value):
        if value not in ("received", "sent"):
            return queryset
        user = getattr(self.request, "user", None)
        mine = querysets.own_profile_ids(user) if user is not None else frozenset()
        column = "recipient_id__in" if value == "received" else "sender_id__in"
        return queryset.filter(**{column: mine})


class MeetingFilter(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("Event"), field_name="event_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)
    placed = django_filters.BooleanFilter(
        label=_("Placed"), field_name="slot", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Meeting
        fields = ["event", "status", "placed"]
