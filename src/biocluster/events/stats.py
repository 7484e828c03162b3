"""Attendance figures of an event."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from biocluster.directory.models import OrganisationKind

from .models import AttendanceMode, Event, RegistrationStatus


@dataclass
class Attendance:
    registered: int = 0  # every registration not cancelled
    confirmed: int = 0
    waiting: int = 0
    cancelled: int = 0
    checked_in: int = 0
    on_site: int = 0  # confirmed, on site
    online: int = 0  # confirmed, online
    by_kind: list[tuple[str, int]] = field(default_factory=list)  # confirmed, by organisation kind

    def as_rows(self) -> list[tuple[str, int]]:
        return [
            (_("Registered"), self.registered),
            (_("Confirmed"), self.confirmed),
            (_("On the waiting list"), self.waiting),
            (_("Checked in"), self.checked_in),
            (_("On site"), self.on_site),
            (_("Online"), self.online),
            (_("Cancelled"), self.cancelled),
        ]


def attendance(event: Event) -> Attendance:
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    figures = event.registrations.aggregate(
        registered=Count("pk", filter=~Q(status=RegistrationStatus.CANCELLED)),
        confirmed=Count("pk", filter=confirmed),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        checked_in=Count("pk", filter=confirmed & Q(checked_in_at__isnull=False)),
        on_site=Count("pk", filter=confirmed & Q(mode=AttendanceMode.ON_SITE)),
        online=Count("pk", filter=confirmed & Q(mode=AttendanceMode.ONLINE)),
    )
    labels = dict(OrganisationKind.choices)
    kinds = (
        event.registrations.filter(confirmed)
        .values("organisation__kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__kind")
    )
    by_kind = [(str(labels.get(row["organisation__kind"], _("No organisation"))), row["n"]) for row in kinds]
    return Attendance(**figures, by_kind=by_kind)
