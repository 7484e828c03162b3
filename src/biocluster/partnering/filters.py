"""One filter set per list of partnering, shared by its page and its API list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import querysets
from .models import Meeting, MeetingRequest, MeetingStatus, RequestStatus


class MeetingRequestFilter(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("Event"), field_name="event_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    box = django_filters.ChoiceFilter(
        label=_("Box"),
        method="filter_box",
        choices=[("all", _("All")), ("received", _("Received")), ("sent", _("Sent"))],
    )

    class Meta:
        model = MeetingRequest
        fields = ["event", "status", "box"]

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
