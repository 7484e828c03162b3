"""The platforms' demo: ~28 platforms with instruments, tariffs, hours, months of bookings and use.

Registered with `biocluster load_demo` after the directory (whose platform
organisations it equips; missing ones are created, marked synthetic). Every
demo login is trained on every instrument, so that anyone trying the demo can
book at once; a researcher of a lab of the cluster is added. About fifty
synthetic people of a dozen labs and companies get a login without password
to fill the calendars: three months of history (used, cancelled, no-shows, all
charged at their category's tariff; the months before last issued as
statements, last month left for the manager to issue) and a month ahead.

Idempotent: the catalogue is upserted; the history is made once.
"""

import random
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.audit import services as audit
from biocluster.core.demo import DEMO_EMAIL_DOMAIN, DemoContext, demo_user, register
from biocluster.directory.models import SYNTHETIC, Affiliation, Organisation, OrganisationKind, Person

from . import services, timeutils
from .categories import category_of
from .demo_catalogue import ALWAYS, CATALOGUE, CATEGORY_FACTORS, DAY, LONG
from .demo_rooms import load_rooms
from .models import (
    Badge,
    Booking,
    BookingSeries,
    BookingStatus,
    Closure,
    Instrument,
    OpeningHours,
    Outage,
    Platform,
    Qualification,
    Service,
    ServiceRequest,
    Statement,
    Tariff,
    UsageKind,
    UsageRecord,
    WaitlistEntry,
)

SEED = 2004  # any fixed value: the same demo on every run
SYNTHETIC_SUFFIX = " (synthetic)"
LAB_BIOTECH_SOURCE = (
    "seeds/001_0200059356227e4c.txt — shared lab, free for Shaker projects; instruments synthetic"
)
HISTORY_DAYS, AHEAD_DAYS = 92, 30
EXPIRING_TRAINING_DAYS = 21  # the demo logins' training on one instrument ends soon (their home says so)
PLATFORM_USERS = 48
USER_ORGANISATIONS = 14  # heavy users come from a few labs and companies
USER_ORGANISATIONS = 14  # heavy users come from a few labs and companies
TARIFFS_FROM = date(2025, 1, 1)
HOURS = {DAY: (time(8), time(19)), LONG: (time(7), time(22))}
CENT = Decimal("0.01")


# --------------------------------------------------------------------------- the catalogue


def _organisation(context: DemoContext, name: str) -> Organisation:
    for candidate in (name + SYNTHETIC_SUFFIX, name):
        organisation = Organisation.objects.filter(name=candidate, kind=OrganisationKind.PLATFORM).first()
        if organisation is not None:
            return organisation
    from biocluster.directory import services as directory

    context.count("platform organisations created", 1)
    return directory.create_organisation(
        actor=None, name=name + SYNTHETIC_SUFFIX, kind=OrganisationKind.PLATFORM, source=SYNTHETIC
    )


def _platforms(context: DemoContext) -> dict[str, Platform]:
    platforms = {}
    for index, (name, spec) in enumerate(CATALOGUE.items(), start=1):
        organisation = _organisation(context, name)
        platform = Platform.objects.filter(organisation=organisation).first()
        if platform is None:
            platform = services.create_platform(
                actor=None,
                organisation=organisation,
                summary_en=organisation.description_en[:300],
                summary_fr=organisation.description_fr[:300],
                location=spec["location"],
                contact_email=f"platform-{index}@{DEMO_EMAIL_DOMAIN}",
                source=LAB_BIOTECH_SOURCE if name == "Lab Biotech" else SYNTHETIC,
            )
            context.count("platforms created", 1)
        platforms[name] = platform
    return platforms


def _hours(kind: str) -> list[tuple[int, time, time]]:
    if kind == ALWAYS:
        return []
    opens, closes = HOURS[kind]
    return [(weekday, opens, closes) for weekday in range(5)]


def _price(base: int, category: str) -> Decimal:
    return (Decimal(base) * Decimal(str(CATEGORY_FACTORS[category]))).quantize(Decimal(1), ROUND_HALF_UP)


def _instruments(context: DemoContext, platforms: dict[str, Platform]) -> list[Instrument]:
    instruments, wanted = [], []
    for name, spec in CATALOGUE.items():
        platform = platforms[name]
        for label, model, base, rule in spec["instruments"]:
            instrument = Instrument.objects.filter(platform=platform, name=label).first()
            if instrument is None:
                instrument = services.create_instrument(
                    actor=None,
                    platform=platform,
                    name=label,
                    make_and_model=model,
                    description_en=f"{model}, open to trained users of the cluster.",
                    description_fr=f"{model}, ouvert aux utilisateurs formés du cluster.",
                    training_en="A two-hour session with the platform's engineer, then one supervised booking.",
                    training_fr="Une séance de deux heures avec l'ingénieur de la plateforme, puis une réservation accompagnée.",
                    slot_minutes=rule["slot_minutes"],
                    min_minutes=rule["min_minutes"],
                    max_minutes=rule["max_minutes"],
                    buffer_minutes=rule["buffer_minutes"],
                    requires_approval=rule["requires_approval"],
                    requires_qualification=rule["requires_qualification"],
                    weekly_cap_hours=rule["weekly_cap_hours"],
                    max_days_ahead=90,
                    opening_hours=_hours(rule["hours"]),
                    source=platform.source,
                )
                context.count("instruments created", 1)
            elif instrument.buffer_minutes % instrument.slot_minutes and (
                instrument.buffer_minutes % rule["slot_minutes"] == 0
            ):
                # Loaded before turnovers had to be whole steps: take the catalogue's steps.
                services.update_instrument(
                    actor=None, instrument=instrument, slot_minutes=rule["slot_minutes"]
                )
                context.count("instruments given steps that fit their turnover", 1)
            instrument.demo_rule = rule
            instrument.demo_base = base
            instruments.append(instrument)
            wanted += [
                Tariff(
                    platform=platform,
                    instrument=instrument,
                    category=category,
                    price=_price(base, category),
                    unit=rule["unit"],
                    valid_from=TARIFFS_FROM,
                )
                for category in CATEGORY_FACTORS
            ]
        for label_en, label_fr, base in spec["services"]:
            service, created = Service.objects.get_or_create(
                platform=platform, name_en=label_en, defaults={"name_fr": label_fr}
            )
            if created:
                audit.record_create(actor=None, obj=service, action="platforms.service.created")
            wanted += [
                Tariff(
                    platform=platform,
                    service=service,
                    category=category,
                    price=_price(base, category),
                    unit="unit",
                    valid_from=TARIFFS_FROM,
                )
                for category in CATEGORY_FACTORS
            ]
    _tariffs_in_bulk(context, wanted)
    return instruments


def _tariffs_in_bulk(context: DemoContext, wanted: list[Tariff]) -> None:
    """Create the demo's tariffs not there yet (a manager's later changes are kept)."""
    have = set(Tariff.objects.values_list("instrument_id", "service_id", "category", "valid_from"))
    new = [t for t in wanted if (t.instrument_id, t.service_id, t.category, t.valid_from) not in have]
    Tariff.objects.bulk_create(new, batch_size=2000)
    audit.record_many_created(
        actor=None, objects=new, action="platforms.tariff.loaded", data={"by": "load_demo"}
    )
    context.count("tariffs created", len(new))


# --------------------------------------------------------------------------- people


def _researcher(context: DemoContext):
    """A demo login in a research lab of the cluster: the academic tariff."""
    user = demo_user(
        context, "researcher", "Camille", "Roux", "Researcher — a lab of the cluster (books instruments)"
    )
    lab = (
        Organisation.objects.filter(kind=OrganisationKind.RESEARCH_LAB, campus__isnull=False)
        .order_by("name")
        .first()
    )
    if lab is not None:
        person, _created = Person.objects.get_or_create(
            user=user,
            defaults={"first_name": "Camille", "last_name": "Roux", "email": user.email, "source": SYNTHETIC},
        )
        Affiliation.objects.get_or_create(
            person=person,
            organisation=lab,
            role="Research engineer",
            defaults={"start_date": date(2023, 1, 9)},
        )
    return user


def _demo_logins(context: DemoContext) -> list:
    """The logins made so far in this run (the directory's and ours): not those later areas
    add, so that a second load_demo trains the same people as the first."""
    _researcher(context)
    logins = get_user_model().objects.filter(
        email__in=[login.email for login in context.logins], is_active=True
    )
    return [u for u in logins.order_by("pk") if u.has_usable_password()]


def _platform_users(context: DemoContext) -> list:
    """Synthetic people of companies and labs on a campus, given a login (no password) to book with."""
    User = get_user_model()
    existing = list(
        User.objects.filter(email__startswith="platform-user-", email__endswith="@" + DEMO_EMAIL_DOMAIN)
    )
    if existing:
        return existing
    affiliations = (
        Affiliation.objects.current()
        .filter(
            person__user__isnull=True,
            person__source=SYNTHETIC,
            organisation__campus__isnull=False,
            organisation__kind__in=[
                "startup",
                "sme",
                "large_company",
                "research_lab",
                "university",
                "hospital",
            ],
        )
        .select_related("person")
        .order_by("person_id")
    )
    rng = random.Random(SEED)
    by_organisation: dict[int, list] = {}
    for affiliation in affiliations:
        by_organisation.setdefault(affiliation.organisation_id, []).append(affiliation.person)
    organisations = rng.sample(sorted(by_organisation), min(USER_ORGANISATIONS, len(by_organisation)))
    candidates = list({p.pk: p for pk in organisations for p in by_organisation[pk]}.values())
    chosen = rng.sample(candidates, min(PLATFORM_USERS, len(candidates)))
    users = []
    for person in chosen:
        user = User(
            email=f"platform-user-{person.pk}@{DEMO_EMAIL_DOMAIN}",
            first_name=person.first_name,
            last_name=person.last_name,
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users)
    users = list(User.objects.filter(email__in=[u.email for u in users]))
    by_email = {u.email: u for u in users}
    for person in chosen:
        person.user = by_email[f"platform-user-{person.pk}@{DEMO_EMAIL_DOMAIN}"]
    Person.objects.bulk_update(chosen, ["user"])
    context.count("platform users created", len(users))
    return users


def _qualify(context: DemoContext, instruments: list[Instrument], users: list, logins: list) -> None:
    """Everyone who books in the demo is trained on everything (the history's people as well).

    The demo logins' training on one instrument ends within `EXPIRING_TRAINING_DAYS` days of the
    first load, so that their home page shows a training to renew.
    """
    today = timezone.localdate()
    have = set(Qualification.objects.values_list("instrument_id", "user_id"))
    trained = [i for i in instruments if i.requires_qualification]
    expiring = {(trained[-1].pk, u.pk) for u in logins} if trained else set()
    ends = today + timedelta(days=EXPIRING_TRAINING_DAYS)
    new = [
        Qualification(
            instrument=i,
            user=u,
            qualified_on=today - timedelta(days=200),
            expires_on=ends if (i.pk, u.pk) in expiring else None,
            notes="demo",
        )
        for i in trained
        for u in users
        if (i.pk, u.pk) not in have
    ]
    Qualification.objects.bulk_create(new, batch_size=2000)
    context.count("training records", len(new))
    badges = set(Badge.objects.values_list("user_id", flat=True))
    numbers = set(Badge.objects.values_list("number", flat=True))
    for user in users:
        number = f"{1000 + user.pk}"
        if user.pk not in badges and number not in numbers:
            Badge.objects.create(user=user, number=number)


# --------------------------------------------------------------------------- history


def _billing(users: list) -> dict:
    """user id -> their organisation (the first current affiliation)."""
    organisations = {}
    for affiliation in (
        Affiliation.objects.current()
        .filter(person__user__in=users)
        .select_related("organisation", "person")
        .order_by("start_date", "pk")
    ):
        organisations.setdefault(affiliation.person.user_id, affiliation.organisation)
    return organisations


def _slots(instrument: Instrument, first: date, last: date, rng: random.Random):
    """Non-overlapping (start, end) periods over [first, last], buffer kept, within opening hours."""
    rule, tz = instrument.demo_rule, instrument.platform.tz
    slot = rule["slot_minutes"]
    longest = min(
        rule["max_minutes"], max(rule["min_minutes"], 4 * 60 if rule["min_minutes"] < 240 else 3 * 1440)
    )

    def duration():
        steps = (longest - rule["min_minutes"]) // slot
        return timedelta(minutes=rule["min_minutes"] + slot * rng.randint(0, max(0, steps)))

    def gap(scale):
        return timedelta(minutes=slot * rng.randint(0, scale))

    buffer = timedelta(minutes=rule["buffer_minutes"])
    if rule["hours"] == ALWAYS:
        cursor = timeutils.at(first, time(8), tz)
        until = timeutils.at(last + timedelta(days=1), time(0), tz)
        while True:
            cursor += gap(max(2, 600 // slot))
            end = cursor + duration()
            if end > until:
                return
            yield cursor, end
            cursor = end + buffer
        return
    opens, closes = HOURS[rule["hours"]]
    day = first
    while day <= last:
        if day.weekday() < 5 and rng.random() < 0.85:
            cursor = timeutils.at(day, opens, tz)
            close = timeutils.at(day, closes, tz)
            while True:
                cursor += gap(4)
                end = cursor + duration()
                if end > close:
                    break
                yield cursor, end
                cursor = end + buffer
                if rng.random() < 0.3:
                    break
        day += timedelta(days=1)


def _tariffs() -> dict:
    tariffs = Tariff.objects.filter(instrument__isnull=False).select_related(
        "instrument", "platform__organisation"
    )
    return {(t.instrument_id, t.category): t for t in tariffs}


def _history(context: DemoContext, instruments: list[Instrument], users: list) -> None:
    rng = random.Random(SEED + 1)
    today = timezone.localdate()
    now = timezone.now()
    organisations = _billing(users)
    bookers = [u for u in users if u.pk in organisations]
    if not bookers:
        context.log("Platforms: nobody in the directory to book with; no history made.")
        return
    tariffs = _tariffs()
    bookings, charges = [], []
    for instrument in instruments:
        platform = instrument.platform
        for start, end in _slots(
            instrument, today - timedelta(days=HISTORY_DAYS), today + timedelta(days=AHEAD_DAYS), rng
        ):
            user = rng.choice(bookers)
            organisation = organisations[user.pk]
            category = category_of(platform, organisation)
            booking = Booking(
                instrument=instrument,
                user=user,
                created_by=user,
                start=start,
                end=end,
                blocked_until=end + timedelta(minutes=instrument.buffer_minutes),
                organisation=organisation,
                category=category,
                purpose=rng.choice(["", "", "Pilot experiment", "Routine run", "Project follow-up"]),
            )
            roll = rng.random()
            if end <= now:
                if roll < 0.05:
                    booking.status = BookingStatus.CANCELLED
                    booking.cancelled_at = start - timedelta(hours=rng.choice([2, 48, 120]))
                    booking.cancelled_by = user
                elif roll < 0.09:
                    booking.status = BookingStatus.RELEASED
                elif end > now - timedelta(days=2):
                    booking.status = BookingStatus.CONFIRMED  # use still to record: the manager's to-do
                else:
                    booking.status = BookingStatus.COMPLETED
                    booking.checked_in_at = start + timedelta(minutes=rng.choice([0, 0, 5, 10]))
                    booking.checked_out_at = end - timedelta(minutes=rng.choice([0, 0, 0, 15, 30]))
            else:
                booking.status = (
                    BookingStatus.REQUESTED
                    if instrument.requires_approval and start > now and roll < 0.25
                    else BookingStatus.CONFIRMED
                )
            bookings.append(booking)
    Booking.objects.bulk_create(bookings, batch_size=2000)
    audit.record_many_created(
        actor=None, objects=bookings, action="platforms.booking.loaded", data={"by": "load_demo"}
    )
    context.count("bookings created", len(bookings))
    for booking in bookings:
        charge = _charge(booking, tariffs, now)
        if charge is not None:
            charges.append(charge)
    UsageRecord.objects.bulk_create(charges, batch_size=2000)
    audit.record_many_created(
        actor=None, objects=charges, action="platforms.usage.loaded", data={"by": "load_demo"}
    )
    context.count("charges created", len(charges))


def _charge(booking: Booking, tariffs: dict, now) -> UsageRecord | None:
    platform = booking.instrument.platform
    if booking.status == BookingStatus.COMPLETED:
        kind, rate, start, end = UsageKind.USE, 100, booking.checked_in_at, booking.checked_out_at
    elif booking.status == BookingStatus.RELEASED:
        kind, rate, start, end = UsageKind.NO_SHOW, platform.no_show_charge, booking.start, booking.end
    elif booking.status == BookingStatus.CANCELLED and booking.start - booking.cancelled_at < timedelta(
        hours=24
    ):
        kind, rate, start, end = (
            UsageKind.LATE_CANCELLATION,
            platform.late_cancellation_charge,
            booking.start,
            booking.end,
        )
    else:
        return None
    tariff = tariffs.get((booking.instrument_id, booking.category))
    slot = booking.instrument.slot_minutes
    minutes = -(-int((end - start).total_seconds() // 60) // slot) * slot
    hours = (Decimal(minutes) / 60).quantize(CENT)
    unit = tariff.unit if tariff else "hour"
    quantity = hours if unit == "hour" else Decimal(1)
    price = tariff.price if tariff else Decimal(0)
    return UsageRecord(
        platform=platform,
        kind=kind,
        instrument=booking.instrument,
        booking=booking,
        user=booking.user,
        organisation=booking.organisation,
        category=booking.category,
        day=start.astimezone(platform.tz).date(),
        start=start,
        end=end,
        quantity=quantity,
        unit=unit,
        tariff=tariff,
        unit_price=price,
        rate=rate,
        amount=(quantity * price * rate / 100).quantize(CENT, ROUND_HALF_UP),
    )


def _statements(context: DemoContext, platforms: dict[str, Platform]) -> None:
    """Issue the statements of the month before last (with the older charges); last month is the
    manager's to issue in the demo."""
    month_before_last = (timezone.localdate().replace(day=1) - timedelta(days=32)).replace(day=1)
    issued = 0
    for platform in platforms.values():
        try:
            issued += len(services.issue_month(actor=None, platform=platform, month=month_before_last))
        except ValidationError:
            continue  # nothing to bill
    context.count("statements issued", issued)


def _extras(context: DemoContext, instruments: list[Instrument], users: list) -> None:
    """A breakdown being dealt with, a safety issue, a winter closure, a few service requests."""
    if Outage.objects.exists() or not users:
        return
    rng = random.Random(SEED + 2)
    down = next((i for i in instruments if i.name == "Scanning electron microscope"), instruments[0])
    services.report_outage(
        actor=users[0],
        instrument=down,
        kind="breakdown",
        description="The electron gun does not reach its vacuum; the supplier's engineer is coming.",
        expected_end=timezone.now() + timedelta(days=3),
    )
    services.report_outage(
        actor=users[0],
        instrument=instruments[0],
        kind="safety",
        description="A spill of running buffer near the power supply, cleaned at once.",
    )
    christmas = date(timezone.localdate().year, 12, 24)
    for platform in {i.platform for i in instruments}:
        Closure.objects.get_or_create(
            platform=platform,
            start_date=christmas,
            end_date=christmas + timedelta(days=8),
            defaults={"reason_en": "Winter closure", "reason_fr": "Fermeture d'hiver"},
        )
    for service in Service.objects.select_related("platform")[:12]:
        requester = rng.choice(users)
        organisation = (
            Affiliation.objects.current()
            .filter(person__user=requester)
            .select_related("organisation")
            .first()
        )
        if organisation is None:
            continue
        ServiceRequest.objects.create(
            platform=service.platform,
            service=service,
            requester=requester,
            organisation=organisation.organisation,
            category=category_of(service.platform, organisation.organisation),
            description="Samples ready to ship; details in the attached sheet.",
            quantity=rng.choice([4, 8, 12, 24]),
            status=rng.choice(["requested", "quoted", "accepted", "running"]),
            quote_amount=Decimal(rng.choice([400, 900, 1800])),
        )


# --------------------------------------------------------------------------- the loader


def load(context: DemoContext) -> None:
    platforms = _platforms(context)
    instruments = _instruments(context, platforms)
    logins = _demo_logins(context)
    people = _platform_users(context)
    _qualify(context, instruments, logins + people, logins)
    manager_platform = platforms["Plateforme de séquençage haut débit"]
    context.log(
        f"Platforms: {len(platforms)} platforms, {len(instruments)} instruments; the demo platform manager "
        f"manages {manager_platform.name}."
    )
    rooms = load_rooms(context)
    context.log(f"Platforms: {len(rooms)} rooms of the conference centre bookable, as instruments.")
    if not Booking.objects.filter(instrument__in=instruments).exists():
        _history(context, instruments, logins + people)
        _statements(context, platforms)
        _extras(context, instruments, logins + people)


def flush(context: DemoContext) -> None:
    """Empty the platforms: history, catalogue and all."""
    UsageRecord.objects.all().delete()
    Statement.objects.all().delete()
    ServiceRequest.objects.all().delete()
    WaitlistEntry.objects.all().delete()
    Outage.objects.all().delete()
    Booking.objects.all().delete()
    BookingSeries.objects.all().delete()
    Qualification.objects.all().delete()
    Badge.objects.all().delete()
    Tariff.objects.all().delete()
    Closure.objects.all().delete()
    OpeningHours.objects.all().delete()
    Service.objects.all().delete()
    Instrument.objects.all().delete()
    Platform.objects.all().delete()


register("platforms", order=30, flush=flush)(load)
