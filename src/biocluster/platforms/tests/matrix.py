"""The platforms' rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The member is trained on the
instrument and has a booking; the platform manager manages its platform; the
organisation administrator administers the member's organisation (billed).
The staff of the shared fixtures is in the communication department: cluster
staff who see statistics but do not manage platforms.
"""

import itertools
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from biocluster.core.tests.admin_matrix import admin_rows

PAGES = {
    ("platforms:platform_list", None, "get"): "200 200 200 200 200 200 200",
    ("platforms:platform_detail", "platform", "get"): "200 200 200 200 200 200 200",
    ("platforms:platform_edit", "platform", "get"): "302 403 403 403 200 403 200",
    ("platforms:instrument_detail", "instrument", "get"): "200 200 200 200 200 200 200",
    ("platforms:instrument_edit", "instrument", "get"): "302 403 403 403 200 403 200",
    ("platforms:qualifications", "instrument", "get"): "302 403 403 403 200 403 200",
    ("platforms:closures", "platform", "get"): "302 403 403 403 200 403 200",
    ("platforms:platform_calendar", "platform", "get"): "200 200 200 200 200 200 200",
    ("platforms:instrument_calendar", "instrument", "get"): "200 200 200 200 200 200 200",
    ("platforms:booking_create", "instrument", "get"): "302 200 200 200 200 200 200",
    ("platforms:booking_estimate", "instrument", "get"): "302 200 200 200 200 200 200",
    ("platforms:waitlist_join", "instrument", "post"): "302 302 302 302 302 302 302",
    ("platforms:my_bookings", None, "get"): "302 200 200 200 200 200 200",
    ("platforms:booking_detail", "booking", "get"): "302 200 404 404 200 404 200",
    ("platforms:booking_edit", "booking", "get"): "302 200 404 404 200 404 200",
    ("platforms:booking_cancel", "booking", "post"): "302 302 404 404 302 404 302",
    ("platforms:booking_decide", "booking", "post"): "302 403 404 404 302 404 302",
    ("platforms:booking_check_in", "booking", "post"): "302 302 404 404 302 404 302",
    ("platforms:booking_check_out", "booking", "post"): "302 302 404 404 302 404 302",
    ("platforms:outage_report", "instrument", "get"): "302 200 200 200 200 200 200",
    ("platforms:outage_resolve", "outage", "post"): "302 403 403 403 302 403 302",
    ("platforms:maintenance_create", "instrument", "get"): "302 403 403 403 200 403 200",
    ("platforms:kiosk", "instrument", "get"): "302 200 200 200 200 200 200",
    ("platforms:person_feed", None, "get"): "302 200 200 200 200 200 200",
    ("platforms:instrument_feed", "instrument", "get"): "200 200 200 200 200 200 200",
    ("platforms:platform_manage", "platform", "get"): "302 403 403 403 200 403 200",
    ("platforms:bookings_decide", "platform", "post"): "302 403 403 403 302 403 302",
    ("platforms:usage_record", "booking", "get"): "302 403 404 404 200 404 200",
    ("platforms:usage_list", "platform", "get"): "302 403 403 403 200 403 200",
    ("platforms:statement_list", "platform", "get"): "302 403 403 403 200 403 200",
    ("platforms:statement_detail", "statement", "get"): "302 404 200 404 200 404 200",
    ("platforms:statement_csv", "statement", "get"): "302 404 200 404 200 404 200",
    ("platforms:statement_xlsx", "statement", "get"): "302 404 200 404 200 404 200",
    ("platforms:statement_pdf", "statement", "get"): "302 404 200 404 200 404 200",
    ("platforms:accounting_export", "platform", "get"): "302 403 403 403 200 403 200",
    ("platforms:my_statements", None, "get"): "302 200 200 200 200 200 200",
    ("platforms:service_request_create", "service", "get"): "302 200 200 200 200 200 200",
    ("platforms:service_request_detail", "service_request", "get"): "302 200 200 404 200 404 200",
    ("platforms:platform_stats", "platform", "get"): "302 403 403 200 200 403 200",
    ("platforms:all_stats", None, "get"): "302 403 403 200 403 403 200",
}

API = {
    ("/api/platforms", None, "get"): "200 200 200 200 200 200 200",
    ("/api/platforms/{pk}", "platform", "get"): "200 200 200 200 200 200 200",
    ("/api/platforms/{pk}/stats", "platform", "get"): "401 403 403 200 200 403 200",
    ("/api/instruments", None, "get"): "200 200 200 200 200 200 200",
    ("/api/instruments/{pk}", "instrument", "get"): "200 200 200 200 200 200 200",
    ("/api/instruments/{pk}/availability", "instrument", "get"): "200 200 200 200 200 200 200",
    ("/api/bookings", None, "get"): "200 200 200 200 200 200 200",
    # Only the member is trained on the instrument: everyone else is refused for training (403).
    ("/api/bookings", None, "post"): "401 201 403 403 403 403 403",
    ("/api/bookings/{pk}", "booking", "get"): "404 200 404 404 200 404 200",
    ("/api/bookings/{pk}", "booking", "patch"): "401 200 404 404 200 404 200",
    ("/api/bookings/{pk}/cancel", "booking", "post"): "401 200 404 404 200 404 200",
    # The booking starts next Tuesday evening: too early to check in, not checked in to check out.
    ("/api/bookings/{pk}/check-in", "booking", "post"): "401 422 404 404 422 404 422",
    ("/api/bookings/{pk}/check-out", "booking", "post"): "401 422 404 404 422 404 422",
}


def _next_tuesday(hour: int) -> str:
    today = timezone.localdate()
    day = today + timedelta(days=(1 - today.weekday() - 1) % 7 + 1)
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo("Europe/Paris")).isoformat()


BODIES = {
    ("/api/bookings", "post"): {"instrument": 0, "start": _next_tuesday(10), "end": _next_tuesday(12)},
    ("/api/bookings/{pk}", "patch"): {"start": _next_tuesday(14), "end": _next_tuesday(16)},
    ("/api/bookings/{pk}/cancel", "post"): {"reason": "Samples not ready"},
}


def world(request) -> dict:
    from biocluster.directory.models import Organisation
    from biocluster.platforms.models import Statement
    from biocluster.platforms.tests.factories import (
        BookingFactory,
        InstrumentFactory,
        OutageFactory,
        PlatformFactory,
        QualificationFactory,
        ServiceFactory,
        TariffFactory,
        UsageRecordFactory,
    )

    request.getfixturevalue("platform_manager")
    member = request.getfixturevalue("member")
    member_organisation = request.getfixturevalue("member_organisation")
    platform = PlatformFactory(organisation=Organisation.objects.get(name="Sequencing platform"))
    instrument = InstrumentFactory(platform=platform, name="Sequencer")
    TariffFactory(instrument=instrument, category="external_company", price=150)
    QualificationFactory(instrument=instrument, user=member)
    BODIES[("/api/bookings", "post")]["instrument"] = instrument.pk
    # Next Tuesday evening, clear of the times the POST and the PATCH ask for: a booking "in two
    # days" met the POST's 10:00-12:00 on Sunday mornings (a 409 instead of a 201).
    start = datetime.fromisoformat(_next_tuesday(17))
    booking = BookingFactory(
        instrument=instrument,
        user=member,
        organisation=member_organisation,
        start=start,
        end=start + timedelta(hours=2),
    )
    service = ServiceFactory(platform=platform)
    from biocluster.platforms.models import ServiceRequest

    service_request = ServiceRequest.objects.create(
        platform=platform,
        service=service,
        requester=member,
        organisation=member_organisation,
        category="external_company",
        description="Twelve DNA samples.",
        quantity=12,
    )
    month = timezone.localdate().replace(day=1)
    statement = Statement.objects.create(
        platform=platform,
        organisation=member_organisation,
        month=month,
        number="P-TEST-1",
        issued_at=timezone.now(),
        total=200,
    )
    UsageRecordFactory(platform=platform, organisation=member_organisation, statement=statement, day=month)
    return {
        "platform": platform,
        "instrument": instrument,
        "booking": booking,
        "service": service,
        "service_request": service_request,
        "statement": statement,
        "outage": OutageFactory(instrument=instrument, kind="safety"),
    }


# The Django admin (see core/tests/admin_matrix.py): the catalogue through its services;
# bookings, usage, billing and outages are shown only.
def _closure(world):
    from biocluster.platforms.tests.factories import ClosureFactory

    return ClosureFactory(platform=world["platform"], start_date="2026-12-24", end_date="2026-12-26")


def _badge(world):
    from biocluster.platforms.models import Badge

    return Badge.objects.create(user=world["booking"].user, number="B-0001")


ADMIN = (
    admin_rows("platforms.platform", "platform", add=True, change=True)
    | admin_rows("platforms.instrument", "instrument", add=True, change=True)
    | admin_rows("platforms.service", "service")
    | admin_rows("platforms.tariff", add=True, change=True)
    | admin_rows("platforms.qualification", add=True, delete=True)
    | admin_rows("platforms.booking", "booking")
    | admin_rows("platforms.closure", add=True)
    | admin_rows("platforms.badge", add=True, change=True)
    | admin_rows("platforms.outage", "outage")
    | admin_rows("platforms.servicerequest", "service_request")
    | admin_rows("platforms.statement", "statement")
    | admin_rows("platforms.usagerecord")
)
ADMIN_OBJECTS = {"platforms.closure": _closure, "platforms.badge": _badge}


_more_statements = itertools.count(1)


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py): platforms with an
    instrument and its tariff, `user`'s bookings to come and past, charges and statements."""
    from biocluster.directory.tests.factories import OrganisationFactory
    from biocluster.platforms.models import Statement
    from biocluster.platforms.tests.factories import (
        BookingFactory,
        InstrumentFactory,
        PlatformFactory,
        TariffFactory,
        UsageRecordFactory,
    )

    now = timezone.now()
    for _ in range(3):
        platform = PlatformFactory(organisation=OrganisationFactory(kind="platform"))
        instrument = InstrumentFactory(platform=platform)
        TariffFactory(instrument=instrument)
        organisation = OrganisationFactory()
        BookingFactory(instrument=instrument, user=user, organisation=organisation)
        BookingFactory(
            instrument=instrument,
            user=user,
            organisation=organisation,
            start=now - timedelta(days=3),
            end=now - timedelta(days=3) + timedelta(hours=2),
        )
        statement = Statement.objects.create(
            platform=platform,
            organisation=organisation,
            month=timezone.localdate().replace(day=1),
            number=f"P-MORE-{next(_more_statements)}",
            issued_at=now,
            total=100,
        )
        UsageRecordFactory(
            platform=platform,
            instrument=instrument,
            organisation=organisation,
            user=user,
            statement=statement,
        )
