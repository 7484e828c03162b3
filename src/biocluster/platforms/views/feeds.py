"""ICS feeds: a person's bookings (by a secret link calendar applications can fetch) and an instrument's."""

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpResponse

from .. import ics
from ..models import Booking
from .bookings import FEED_SALT
from .common import instrument_or_404


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def person_feed(request):
    """`?token=…` (from “My bookings”) identifies the person without a session, for calendar apps."""
    token = request.GET.get("token")
    if token:
        try:
            user_id = signing.loads(token, salt=FEED_SALT)
        except signing.BadSignature as error:
            raise Http404 from error
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise Http404
    elif request.user.is_authenticated:
        user = request.user
    else:
        return redirect_to_login(request.get_full_path())
    bookings = ics.feed_bookings(Booking.objects.filter(user=user))
    return _ics(ics.booking_calendar(bookings, name=str(user)), "bookings.ics")


def instrument_feed(request, pk: int):
    """Busy times of an instrument; who booked where `platforms.see_booker` allows."""
    instrument = instrument_or_404(request, pk)
    user = request.user

    def names(booking) -> bool:
        return user.has_perm("platforms.see_booker", booking)

    bookings = ics.feed_bookings(Booking.objects.filter(instrument=instrument))
    return _ics(
        ics.booking_calendar(
            bookings, name=instrument.name, with_names=names, zone=instrument.platform.tz.key
        ),
        f"instrument-{pk}.ics",
    )
