"""/api/platforms, /api/instruments and /api/bookings.

A booking is made for the token's user, under the same rules as on the pages.
Refusals say why: 409 when the slot is taken (naming the booking, maintenance or event
session in the way and its times, its id in `in_the_way`; code `own_booking` with its id and
page when it is the person's own), 403 when the person is not trained on the instrument (or may not
book for someone else), 422 naming the field for any other rule, as for malformed input.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped, filtered
from biocluster.core.api_types import MAX_ID, ObjectId, OptionalId, Text
from biocluster.directory.models import Organisation

from . import services, stats
from .filters import BookingFilter, InstrumentFilter, PlatformFilter
from .models import Booking, BookingStatus, Instrument, OpeningHours, Platform, Tariff
from .services import policy

router = Router(tags=["platforms"])


def _bounded(value: datetime) -> datetime:
    # Far years overflow once a buffer or a time zone is added: refuse them as input errors.
    if not 2000 <= value.year < 2100:
        raise ValueError("must be between 2000 and 2100")
    return value


Moment = Annotated[datetime, AfterValidator(_bounded)]


class RuleError(Schema):
    detail: str
    field: str
    code: str
    booking: int | None = Field(None, description="With code own_booking: your booking in the way.")
    url: str | None = Field(None, description="With code own_booking: that booking's page.")
    in_the_way: int | None = Field(
        None,
        description="With code conflict: the booking in the way (another person's, or an event session's).",
    )


# --------------------------------------------------------------------------- catalogue


class HoursOut(Schema):
    weekday: int
    opens: str
    closes: str


class TariffOut(Schema):
    category: str
    unit: str
    price: Decimal
    valid_from: date


class InstrumentOut(Schema):
    id: int
    platform: int
    platform_name: str
    name: str
    make_and_model: str
    description_en: str
    description_fr: str
    location: str
    is_active: bool
    is_down: bool
    requires_qualification: bool
    requires_approval: bool
    slot_minutes: int
    min_minutes: int
    max_minutes: int
    buffer_minutes: int
    max_days_ahead: int
    weekly_cap_hours: int | None
    time_zone: str
    opening_hours: list[HoursOut]
    tariffs: list[TariffOut]
    url: str


class PlatformOut(Schema):
    id: int
    organisation: int
    name: str
    acronym: str
    summary_en: str
    summary_fr: str
    location: str
    contact_email: str
    time_zone: str
    instruments: int
    url: str


def _current_tariffs(instrument: Instrument) -> list[dict]:
    today = timezone.localdate()
    latest: dict[str, Tariff] = {}
    for tariff in sorted(instrument.tariffs.all(), key=lambda t: t.valid_from):
        if tariff.valid_from <= today:
            latest[tariff.category] = tariff
    return [
        {"category": t.category, "unit": t.unit, "price": t.price, "valid_from": t.valid_from}
        for t in latest.values()
    ]


def instrument_out(instrument: Instrument) -> dict:
    return {
        "id": instrument.pk,
        "platform": instrument.platform_id,
        "platform_name": instrument.platform.name,
        "name": instrument.name,
        "make_and_model": instrument.make_and_model,
        "description_en": instrument.description_en,
        "description_fr": instrument.description_fr,
        "location": instrument.location,
        "is_active": instrument.is_active,
        "is_down": instrument.is_down,
        "requires_qualification": instrument.requires_qualification,
        "requires_approval": instrument.requires_approval,
        "slot_minutes": instrument.slot_minutes,
        "min_minutes": instrument.min_minutes,
        "max_minutes": instrument.max_minutes,
        "buffer_minutes": instrument.buffer_minutes,
        "max_days_ahead": instrument.max_days_ahead,
        "weekly_cap_hours": instrument.weekly_cap_hours,
        "time_zone": instrument.platform.time_zone,
        "opening_hours": [
            {"weekday": h.weekday, "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}"}
            for h in instrument.opening_hours.all()
        ],
        "tariffs": _current_tariffs(instrument),
        "url": reverse("platforms:instrument_detail", args=[instrument.pk]),
    }


def platform_out(platform: Platform) -> dict:
    return {
        "id": platform.pk,
        "organisation": platform.organisation_id,
        "name": platform.name,
        "acronym": platform.organisation.acronym,
        "summary_en": platform.summary_en,
        "summary_fr": platform.summary_fr,
        "location": platform.location,
        "contact_email": platform.contact_email,
        "time_zone": platform.time_zone,
        "instruments": getattr(platform, "instrument_count", 0),
        "url": reverse("platforms:platform_detail", args=[platform.pk]),
    }


def _platforms(request):
    return (
        Platform.objects.visible_to(request.user)
        .select_related("organisation")
        .annotate(instrument_count=Count("instruments"))
    )


def _instruments(request):
    return (
        Instrument.objects.visible_to(request.user)
        .select_related("platform__organisation")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")), "tariffs"
        )
    )


class PlatformQuery(Schema):
    q: Text(100) | None = None


@router.get("/platforms", response=list[PlatformOut], summary="List the technology platforms")
@paginate
def list_platforms(request, query: Query[PlatformQuery]):
    platforms = filtered(PlatformFilter, query, _platforms(request)).order_by("organisation__name", "pk")
    return Shaped(platforms, platform_out)


@router.get("/platforms/{pk}", response={200: PlatformOut, 404: Error})
def get_platform(request, pk: ObjectId):
    return platform_out(get_visible_or_404(_platforms(request), request.user, pk=pk))


class InstrumentQuery(Schema):
    platform: int | None = Field(None, ge=1, le=MAX_ID)
    q: Text(100) | None = None


@router.get("/instruments", response=list[InstrumentOut], summary="List the bookable instruments")
@paginate
def list_instruments(request, query: Query[InstrumentQuery]):
    instruments = filtered(InstrumentFilter, query, _instruments(request))
    return Shaped(instruments, instrument_out)


@router.get("/instruments/{pk}", response={200: InstrumentOut, 404: Error})
def get_instrument(request, pk: ObjectId):
    return instrument_out(get_visible_or_404(_instruments(request), request.user, pk=pk))


class Busy(Schema):
    start: datetime
    end: datetime
    blocked_until: datetime
    kind: str


class RangeQuery(Schema):
    start: Moment | None = None
    end: Moment | None = None


def _range(instrument_tz, query: RangeQuery, default_days: int = 7) -> tuple[datetime, datetime]:
    start = _aware(query.start, instrument_tz) if query.start else timezone.now()
    end = _aware(query.end, instrument_tz) if query.end else start + timedelta(days=default_days)
    if end <= start or end - start > timedelta(days=62):
        raise ValidationError({"end": ["Ask for a period of at most 62 days, ending after it starts."]})
    return start, end


@router.get(
    "/instruments/{pk}/availability",
    response={200: list[Busy], 404: Error},
    summary="When an instrument is taken (no names)",
)
def instrument_availability(request, pk: ObjectId, query: Query[RangeQuery]):
    instrument = get_visible_or_404(_instruments(request), request.user, pk=pk)
    start, end = _range(instrument.platform.tz, query)
    tz = instrument.platform.tz
    rows = Booking.objects.active().overlapping(instrument.pk, start, end).order_by("start")
    return [
        {
            "start": b.start.astimezone(tz),
            "end": b.end.astimezone(tz),
            "blocked_until": b.blocked_until.astimezone(tz),
            "kind": b.kind,
        }
        for b in rows
    ]


# --------------------------------------------------------------------------- bookings


class BookingPersonOut(Schema):
    id: int
    name: str
    email: str


class BookingOut(Schema):
    id: int
    instrument: int
    instrument_name: str
    user: BookingPersonOut
    start: datetime
    end: datetime
    blocked_until: datetime
    status: str
    kind: str
    series: int | None
    purpose: str
    organisation: int | None
    category: str
    url: str


class SkippedOut(Schema):
    start: datetime
    end: datetime
    reason: str


class SeriesOut(Schema):
    id: int
    bookings: list[BookingOut]
    skipped: list[SkippedOut]


class BookingCreated(BookingOut):
    recurrence: SeriesOut | None = None


def booking_out(booking: Booking) -> dict:
    tz = booking.instrument.platform.tz
    return {
        "id": booking.pk,
        "instrument": booking.instrument_id,
        "instrument_name": booking.instrument.name,
        "user": {"id": booking.user_id, "name": str(booking.user), "email": booking.user.email},
        "start": booking.start.astimezone(tz),
        "end": booking.end.astimezone(tz),
        "blocked_until": booking.blocked_until.astimezone(tz),
        "status": booking.status,
        "kind": booking.kind,
        "series": booking.series_id,
        "purpose": booking.purpose,
        "organisation": booking.organisation_id,
        "category": booking.category,
        "url": reverse("platforms:booking_detail", args=[booking.pk]),
    }


class RecurrenceIn(Schema):
    frequency: Literal["daily", "weekly"]
    interval: int = Field(1, ge=1, le=12)
    count: int | None = Field(None, ge=1, le=104)
    until: date | None = Field(None, ge=date(2000, 1, 1), le=date(2100, 1, 1))


class BookingIn(Schema):
    instrument: int = Field(..., ge=1, le=MAX_ID)
    start: Moment = Field(..., description="ISO 8601; without an offset, in the platform's time zone.")
    end: Moment
    purpose: Text(200) = ""
    organisation: OptionalId = Field(None, description="The organisation billed; by default your first.")
    user: OptionalId = Field(None, description="Managers only: book on behalf of this user.")
    recurrence: RecurrenceIn | None = None
    skip_conflicts: bool = Field(False, description="In a recurrence, skip the dates that are not free.")


def _aware(moment: datetime, tz) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def _refusal(error: ValidationError):
    """409 for a taken slot, 403 for a missing qualification, 422 naming the field for any other rule."""
    code = policy.error_code(error) or "invalid"
    field = next(iter(error.error_dict)) if hasattr(error, "error_dict") else "__all__"
    status = 409 if code in policy.TAKEN else 403 if code == policy.NOT_QUALIFIED else 422
    body = {"detail": " ".join(error.messages), "field": field, "code": code}
    own = policy.own_booking(error)
    if own is not None:
        body |= {"booking": own, "url": reverse("platforms:booking_detail", args=[own])}
    elif code == policy.CONFLICT:
        body["in_the_way"] = policy.in_the_way(error)
    return Status(status, body)


def _user(pk):
    from django.contrib.auth import get_user_model

    if pk is None:
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise ValidationError({"user": [f"No user with id {pk}."]})
    return user


def _organisation(pk):
    if pk is None:
        return None
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise ValidationError({"organisation": [f"No organisation with id {pk}."]})
    return organisation


BOOKING_ERRORS = {403: RuleError | Error, 404: Error, 409: RuleError, 422: RuleError | Error}


@router.post(
    "/bookings",
    response={201: BookingCreated, **BOOKING_ERRORS},
    summary="Book an instrument (once, or recurring)",
)
def create_booking(request, payload: BookingIn):
    instrument = (
        Instrument.objects.visible_to(request.user)
        .select_related("platform")
        .filter(pk=payload.instrument)
        .first()
    )
    if instrument is None:
        raise ValidationError({"instrument": [f"No instrument with id {payload.instrument}."]})
    require(request.user, "platforms.book_instrument", instrument)
    tz = instrument.platform.tz
    common = {
        "actor": request.user,
        "instrument": instrument,
        "start": _aware(payload.start, tz),
        "end": _aware(payload.end, tz),
        "purpose": payload.purpose,
        "organisation": _organisation(payload.organisation),
        "user": _user(payload.user),
    }
    try:
        if payload.recurrence is None:
            booking = services.create_booking(**common)
            return Status(201, {**booking_out(booking), "recurrence": None})
        recurrence = payload.recurrence
        result = services.create_series(
            **common,
            frequency=recurrence.frequency,
            interval=recurrence.interval,
            count=recurrence.count,
            until=recurrence.until,
            skip_conflicts=payload.skip_conflicts,
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and set(error.error_dict) & {
            "count",
            "frequency",
            "interval",
            "until",
        }:
            raise  # a malformed recurrence: 422 like any input error
        return _refusal(error)
    bookings = [booking_out(b) for b in result.bookings]
    return Status(
        201,
        {
            **bookings[0],
            "recurrence": {
                "id": result.series.pk,
                "bookings": bookings,
                "skipped": [{"start": s.start, "end": s.end, "reason": s.reason} for s in result.skipped],
            },
        },
    )


class BookingQuery(Schema):
    instrument: int | None = Field(None, ge=1, le=MAX_ID)
    status: BookingStatus | None = None
    start: Moment | None = None
    end: Moment | None = None
    mine: bool = Field(False, description="Only my own bookings, even as a manager.")


def _bookings(request):
    return Booking.objects.visible_to(request.user).select_related("instrument__platform", "user")


@router.get(
    "/bookings", response=list[BookingOut], summary="Bookings you may see: yours, and your platforms'"
)
@paginate
def list_bookings(request, query: Query[BookingQuery]):
    bookings = filtered(BookingFilter, query, _bookings(request), request).order_by("start", "pk")
    return Shaped(bookings, booking_out)


@router.get("/bookings/{pk}", response={200: BookingOut, 404: Error})
def get_booking(request, pk: ObjectId):
    return booking_out(get_visible_or_404(_bookings(request), request.user, pk=pk))


class BookingPatch(Schema):
    start: Moment
    end: Moment
    purpose: Text(200) | None = None
    following: bool = Field(False, description="Also move the rest of the booking's series.")


@router.patch("/bookings/{pk}", response={200: BookingOut, **BOOKING_ERRORS}, summary="Move a booking")
def update_booking(request, pk: ObjectId, payload: BookingPatch):
    booking = get_visible_or_404(_bookings(request), request.user, pk=pk)
    require(request.user, "platforms.change_booking", booking)
    tz = booking.instrument.platform.tz
    start, end = _aware(payload.start, tz), _aware(payload.end, tz)
    try:
        if payload.following:
            services.update_following(actor=request.user, booking=booking, start=start, end=end)
        else:
            services.update_booking(
                actor=request.user, booking=booking, start=start, end=end, purpose=payload.purpose
            )
    except ValidationError as error:
        return _refusal(error)
    return booking_out(_bookings(request).get(pk=pk))


class CancelIn(Schema):
    reason: Text(300) = ""
    following: bool = Field(False, description="Also cancel the rest of the booking's series.")


@router.post(
    "/bookings/{pk}/cancel", response={200: list[BookingOut], **BOOKING_ERRORS}, summary="Cancel a booking"
)
def cancel_booking(request, pk: ObjectId, payload: CancelIn):
    booking = get_visible_or_404(_bookings(request), request.user, pk=pk)
    require(request.user, "platforms.change_booking", booking)
    try:
        cancelled = services.cancel_booking(
            actor=request.user, booking=booking, reason=payload.reason, following=payload.following
        )
    except ValidationError as error:
        return _refusal(error)
    return [booking_out(b) for b in cancelled]


@router.post(
    "/bookings/{pk}/check-in", response={200: BookingOut, **BOOKING_ERRORS}, summary="Start using a booking"
)
def check_in(request, pk: ObjectId):
    booking = get_visible_or_404(_bookings(request), request.user, pk=pk)
    require(request.user, "platforms.change_booking", booking)
    try:
        booking = services.check_in(actor=request.user, booking=booking)
    except ValidationError as error:
        return _refusal(error)
    return booking_out(_bookings(request).get(pk=pk))


class UsageOut(Schema):
    id: int
    booking: int | None
    kind: str
    start: datetime | None
    end: datetime | None
    quantity: Decimal
    unit: str
    unit_price: Decimal
    rate: int
    amount: Decimal
    category: str


@router.post(
    "/bookings/{pk}/check-out", response={200: UsageOut, **BOOKING_ERRORS}, summary="End a use; it is charged"
)
def check_out(request, pk: ObjectId):
    booking = get_visible_or_404(_bookings(request), request.user, pk=pk)
    require(request.user, "platforms.change_booking", booking)
    try:
        record = services.check_out(actor=request.user, booking=booking)
    except ValidationError as error:
        return _refusal(error)
    return {
        "id": record.pk,
        "booking": record.booking_id,
        "kind": record.kind,
        "start": record.start,
        "end": record.end,
        "quantity": record.quantity,
        "unit": record.unit,
        "unit_price": record.unit_price,
        "rate": record.rate,
        "amount": record.amount,
        "category": record.category,
    }


# --------------------------------------------------------------------------- statistics


class StatsQuery(Schema):
    start: date | None = Field(None, ge=date(2000, 1, 1), le=date(2100, 1, 1))
    end: date | None = Field(None, ge=date(2000, 1, 1), le=date(2100, 1, 1))


class StatsRow(Schema):
    key: str
    label: str
    hours_booked: float
    hours_used: float
    hours_open: float | None
    utilisation: float | None
    revenue: Decimal


class StatsOut(Schema):
    start: date
    end: date
    months_counted: list[str] = Field(
        ..., description="The months (YYYY-MM) with recorded use: open hours and utilisation count these."
    )
    totals: StatsRow
    by_instrument: list[StatsRow]
    by_category: list[StatsRow]
    by_organisation: list[StatsRow]


@router.get(
    "/platforms/{pk}/stats", response={200: StatsOut, 403: Error, 404: Error}, summary="Usage statistics"
)
def platform_stats(request, pk: ObjectId, query: Query[StatsQuery]):
    platform = get_visible_or_404(_platforms(request), request.user, pk=pk)
    require(request.user, "platforms.view_platform_stats", platform)
    start, end = stats.period(query.start, query.end)
    return stats.platform_report(platform, start, end).as_dict()
