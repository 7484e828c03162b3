"""Emails about bookings: confirmations, decisions, cancellations, reminders, outages, freed slots.

Services call the functions at the top; each enqueues a task once the
transaction commits (nothing is sent for a booking that was rolled back). The
task builds the message in each recipient's language and sends it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from biocluster.directory.models import Affiliation

from . import timeutils
from .models import Booking, BookingSeries, Outage

# --------------------------------------------------------------------------- what services call


def _enqueue(kind: str, pk: int, **extra) -> None:
    from .tasks import send_notification

    transaction.on_commit(lambda: send_notification.enqueue(kind, pk, extra))


def booking_created(booking: Booking) -> None:
    _enqueue("created", booking.pk)


def series_created(series: BookingSeries, bookings: list[Booking]) -> None:
    _enqueue("series", series.pk)


def booking_decided(booking: Booking) -> None:
    _enqueue("decided", booking.pk)


def booking_cancelled(booking: Booking) -> None:
    _enqueue("cancelled", booking.pk)


def booking_released(booking: Booking) -> None:
    _enqueue("released", booking.pk)


def booking_reminder(booking: Booking) -> None:
    _enqueue("reminder", booking.pk)


def outage_reported(outage: Outage, affected: list[Booking]) -> None:
    _enqueue("outage", outage.pk, bookings=[b.pk for b in affected])


def slot_freed(instrument, start, end) -> None:
    """Tell the waiting list of `instrument` that [start, end) may be free now."""
    from .tasks import tell_waitlist

    instrument_id, begins, ends = instrument.pk, start.isoformat(), end.isoformat()
    transaction.on_commit(lambda: tell_waitlist.enqueue(instrument_id, begins, ends))


# --------------------------------------------------------------------------- building and sending


def _site() -> str:
    return getattr(settings, "SITE_URL", "")


def _link(name: str, pk: int) -> str:
    return _site() + reverse(name, args=[pk])


def send(user, subject_and_body, attachments=()) -> None:
    """Send one message to `user`, written in their language."""
    email = getattr(user, "email", "") or ""
    if not email:
        return
    with translation.override(getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE):
        subject, body = subject_and_body()
    message = EmailMessage(subject=subject, body=body, to=[email])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def managers_of(platform) -> list:
    """The logins of the platform's managers: administrators of its organisation."""
    affiliations = (
        Affiliation.objects.current()
        .filter(organisation_id=platform.organisation_id, is_administrator=True, person__user__isnull=False)
        .select_related("person__user")
    )
    return [a.person.user for a in affiliations]


def _when(booking: Booking) -> str:
    return timeutils.when(booking.start, booking.end, booking.instrument.platform.tz)


def _booking_lines(booking: Booking) -> str:
    return "\n".join(
        [
            _("Instrument: %(instrument)s (%(platform)s)")
            % {"instrument": booking.instrument, "platform": booking.instrument.platform},
            _("When: %(when)s") % {"when": _when(booking)},
            _("Status: %(status)s") % {"status": booking.get_status_display()},
            _link("platforms:booking_detail", booking.pk),
        ]
    )


def created(booking: Booking) -> None:
    from .ics import booking_calendar

    if booking.status == "requested":
        send(
            booking.user,
            lambda: (
                _("Booking request received: %(instrument)s, %(when)s")
                % {"instrument": booking.instrument, "when": _when(booking)},
                _("Your request waits for the platform manager's approval.")
                + "\n\n"
                + _booking_lines(booking),
            ),
        )
        for manager in managers_of(booking.instrument.platform):
            send(
                manager,
                lambda: (
                    _("Booking to approve: %(instrument)s, %(when)s")
                    % {"instrument": booking.instrument, "when": _when(booking)},
                    _("%(user)s asks to book:") % {"user": booking.user} + "\n\n" + _booking_lines(booking),
                ),
            )
        return
    send(
        booking.user,
        lambda: (
            _("Booking confirmed: %(instrument)s, %(when)s")
            % {"instrument": booking.instrument, "when": _when(booking)},
            _("Your booking is confirmed.") + "\n\n" + _booking_lines(booking),
        ),
        attachments=[("booking.ics", booking_calendar([booking]), "text/calendar")],
    )


def series(series: BookingSeries) -> None:
    bookings = list(series.bookings.select_related("instrument__platform").order_by("start"))
    if not bookings:
        return
    tz = series.instrument.platform.tz

    def text():
        lines = [timeutils.when(b.start, b.end, tz) for b in bookings]
        skipped = [item["reason"] for item in series.skipped]
        body = _("Your repeated booking of %(instrument)s:") % {"instrument": series.instrument}
        body += "\n\n" + "\n".join(lines)
        if skipped:
            body += "\n\n" + _("Dates skipped:") + "\n" + "\n".join(skipped)
        return (
            _("Repeated booking: %(instrument)s, %(count)s dates")
            % {"instrument": series.instrument, "count": len(bookings)},
            body,
        )

    from .ics import booking_calendar

    send(series.user, text, attachments=[("bookings.ics", booking_calendar(bookings), "text/calendar")])


def decided(booking: Booking) -> None:
    def text():
        if booking.status == "confirmed":
            subject = _("Booking approved: %(instrument)s, %(when)s")
        else:
            subject = _("Booking declined: %(instrument)s, %(when)s")
        body = _booking_lines(booking)
        if booking.cancel_reason:
            body += "\n" + _("Reason: %(reason)s") % {"reason": booking.cancel_reason}
        return subject % {"instrument": booking.instrument, "when": _when(booking)}, body

    send(booking.user, text)


def cancelled(booking: Booking) -> None:
    def text():
        body = _("Your booking was cancelled by %(who)s.") % {
            "who": booking.cancelled_by or _("the platform")
        }
        if booking.cancel_reason:
            body += "\n" + _("Reason: %(reason)s") % {"reason": booking.cancel_reason}
        return (
            _("Booking cancelled: %(instrument)s, %(when)s")
            % {"instrument": booking.instrument, "when": _when(booking)},
            body + "\n\n" + _booking_lines(booking),
        )

    send(booking.user, text)


def released(booking: Booking) -> None:
    send(
        booking.user,
        lambda: (
            _("Booking released: %(instrument)s, %(when)s")
            % {"instrument": booking.instrument, "when": _when(booking)},
            _(
                "You did not check in in time: the slot was released for others and is charged as the platform's policy says."
            )
            + "\n\n"
            + _booking_lines(booking),
        ),
    )


def reminder(booking: Booking) -> None:
    send(
        booking.user,
        lambda: (
            _("Reminder: %(instrument)s, %(when)s")
            % {"instrument": booking.instrument, "when": _when(booking)},
            _("Remember to check in at the instrument's kiosk when you start.")
            + "\n\n"
            + _booking_lines(booking),
        ),
    )


def outage(outage: Outage, booking_ids: list[int]) -> None:
    instrument = outage.instrument
    tz = instrument.platform.tz

    def for_managers():
        return (
            _("%(kind)s reported: %(instrument)s")
            % {"kind": outage.get_kind_display().capitalize(), "instrument": instrument},
            _("Reported by %(who)s on %(when)s:")
            % {"who": outage.reported_by, "when": timeutils.moment_text(outage.start, tz)}
            + "\n\n"
            + outage.description
            + "\n\n"
            + _link("platforms:instrument_detail", instrument.pk),
        )

    for manager in managers_of(instrument.platform):
        send(manager, for_managers)
    for booking in Booking.objects.filter(pk__in=booking_ids).select_related("user", "instrument__platform"):

        def for_user(booking=booking):
            return (
                _("%(instrument)s is out of order") % {"instrument": instrument},
                _(
                    "A breakdown was reported; your booking may not be possible. The platform will tell you more."
                )
                + "\n\n"
                + _booking_lines(booking),
            )

        send(booking.user, for_user)


def waitlist(entry, start, end) -> None:
    tz = entry.instrument.platform.tz
    send(
        entry.user,
        lambda: (
            _("A slot freed on %(instrument)s") % {"instrument": entry.instrument},
            _("%(when)s is free again on %(instrument)s: book it before someone else does.")
            % {"when": timeutils.when(start, end, tz), "instrument": entry.instrument}
            + "\n\n"
            + _link("platforms:instrument_calendar", entry.instrument_id)
            + f"?date={start.astimezone(tz).date().isoformat()}",
        ),
    )
