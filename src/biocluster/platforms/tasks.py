"""Background work of the platforms: emails, and telling the waiting list.

Services enqueue these with `transaction.on_commit`, primary keys as arguments.
In tests the immediate backend runs them at once; in the demo and production
a `biocluster db_worker` picks them up.
"""

from datetime import datetime

from django.utils import timezone

from biocluster.core.mail_tasks import mail_task


@mail_task
def send_notification(kind: str, pk: int, extra: dict) -> str:
    from . import notifications
    from .models import Booking, BookingSeries, Outage

    if kind == "series":
        series = BookingSeries.objects.select_related("instrument__platform", "user").filter(pk=pk).first()
        if series is not None:
            notifications.series(series)
        return kind
    if kind == "outage":
        outage = Outage.objects.select_related("instrument__platform", "reported_by").filter(pk=pk).first()
        if outage is not None:
            notifications.outage(outage, extra.get("bookings", []))
        return kind
    booking = (
        Booking.objects.select_related("instrument__platform", "user", "cancelled_by").filter(pk=pk).first()
    )
    if booking is not None:
        getattr(notifications, kind)(booking)
    return kind


@mail_task
def tell_waitlist(instrument_id: int, start: str, end: str) -> int:
    """Email, once, everyone waiting for a period that meets the freed slot and is still ahead."""
    from . import notifications
    from .models import WaitlistEntry

    begins, ends = datetime.fromisoformat(start), datetime.fromisoformat(end)
    now = timezone.now()
    if ends <= now:
        return 0
    entries = list(
        WaitlistEntry.objects.filter(
            instrument_id=instrument_id, notified_at__isnull=True, start__lt=ends, end__gt=max(begins, now)
        ).select_related("user", "instrument__platform")
    )
    for entry in entries:
        notifications.waitlist(entry, max(begins, now), ends)
    WaitlistEntry.objects.filter(pk__in=[e.pk for e in entries]).update(notified_at=now)
    return len(entries)
