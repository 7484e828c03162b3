"""The events' demo: conventions abroad, the hybrid Health Data Space conference, delegations received
in 2017, and two upcoming events on site with open registration (one nearly full, with a waiting list).

Real facts carry their seed in `source`; registrants and programmes are synthetic. Idempotent: events
are upserted by `title_en`; registrations, sessions and visits are made once per event.
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.audit import services as audit
from biocluster.core.demo import DEMO_EMAIL_DOMAIN, DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC, Organisation
from biocluster.platforms.demo_rooms import room_named
from biocluster.platforms.models import ACTIVE_STATUSES

from .demo_data import CONVENTIONS, DELEGATIONS, HEALTH_DATA_SPACE, ROOMS, VISITED
from .models import DelegationVisit, Event, Registration, Room, Session
from .services import rooms as room_holds

SEED = 2040
PARIS = ZoneInfo("Europe/Paris")


def flush(context: DemoContext) -> None:
    Event.objects.all().delete()
    Room.objects.all().delete()


def _at(day: str | date, clock: str, tz: ZoneInfo) -> datetime:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=tz)


def _upsert(context: DemoContext, title_en: str, **fields) -> Event:
    event, created = Event.objects.update_or_create(title_en=title_en, defaults=fields)
    if created:
        audit.record_create(actor=None, obj=event, action="events.event.created", data={"demo": True})
        context.count("events", 1)
    return event


def _organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).order_by("pk").first()


def _conventions(context: DemoContext, genopole) -> None:
    for fact in CONVENTIONS:
        tz = ZoneInfo(fact["time_zone"])
        first, last = fact["days"]
        _upsert(
            context,
            fact["title_en"],
            title_fr=fact["title_fr"],
            description_en=fact["description_en"],
            description_fr=fact["description_fr"],
            kind=fact["kind"],
            status="published",
            starts_at=_at(first, "09:00", tz),
            ends_at=_at(last, "18:00", tz),
            time_zone=fact["time_zone"],
            venue=fact["venue"],
            city=fact["city"],
            country=fact["country"],
            organiser=genopole,
            has_partnering=fact["has_partnering"],
            source=fact["source"],
        )


def _synthetic_registrations(context: DemoContext, event: Event, rows: list[dict]) -> None:
    """Registrants made once per event, in bulk, each with an audit record."""
    if event.registrations.exists():
        return
    made = Registration.objects.bulk_create(
        [Registration(event=event, source=SYNTHETIC, **row) for row in rows]
    )
    audit.record_many_created(
        actor=None, objects=made, action="events.registration.confirmed", data={"demo": True}
    )
    context.count("registrations", len(made))


def _people(rng: random.Random, prefix: str, count: int, organisations: list, **common) -> list[dict]:
    return [
        {
            "name": f"{prefix.title()} participant {i:03d}",
            "email": f"{prefix}-{i:03d}@{DEMO_EMAIL_DOMAIN}",
            "organisation": rng.choice(organisations) if organisations else None,
            "language": rng.choice(["en", "en", "fr"]),
            **common,
        }
        for i in range(1, count + 1)
    ]


def _health_data_space(context: DemoContext, genopole, rng: random.Random) -> None:
    fact = HEALTH_DATA_SPACE
    tz = ZoneInfo(fact["time_zone"])
    event = _upsert(
        context,
        fact["title_en"],
        title_fr=fact["title_fr"],
        description_en=fact["description_en"],
        description_fr=fact["description_fr"],
        kind=fact["kind"],
        status="published",
        starts_at=_at(fact["day"], fact["hours"][0], tz),
        ends_at=_at(fact["day"], fact["hours"][1], tz),
        time_zone=fact["time_zone"],
        venue=fact["venue"],
        city=fact["city"],
        country=fact["country"],
        organiser=genopole,
        source=fact["source"],
        visitors_note=f"Co-organised with {fact['co_organiser']}.",
    )
    organisations = list(Organisation.objects.order_by("pk")[:80])
    checked = event.starts_at + timedelta(minutes=20)
    rows = _people(rng, "ehds-onsite", fact["on_site"], organisations, mode="on_site", checked_in_at=checked)
    rows += _people(rng, "ehds-online", fact["online"], organisations, mode="online")
    _synthetic_registrations(context, event, rows)


def _delegations(context: DemoContext, rng: random.Random) -> None:
    visited = [o for o in (_organisation(name) for name in VISITED) if o is not None]
    for origin_en, origin_fr, day, visitors, note in DELEGATIONS:
        title = f"Delegation from {origin_en} ({day[:7]})"
        event = _upsert(
            context,
            title,
            title_fr=f"Délégation : {origin_fr} ({day[:7]})",
            kind="delegation",
            status="published",
            starts_at=_at(day, "09:30", PARIS),
            ends_at=_at(day, "16:30", PARIS),
            city="Évry-Courcouronnes",
            country="FR",
            delegation_origin=origin_en,
            delegation_origin_fr=origin_fr,
            visitors_note=note,
            source="001_0200059356227e4c.txt (2017 delegations; day and visits synthetic)",
        )
        organisations = [o for o in (_organisation(name) for name in visitors) if o is not None]
        event.visiting_organisations.set(organisations)
        if visited and not event.visits.exists():
            stops = rng.sample(visited, k=min(3, len(visited)))
            for index, organisation in enumerate(stops):
                begins = event.starts_at + timedelta(hours=2 * index)
                DelegationVisit.objects.create(
                    event=event,
                    organisation=organisation,
                    starts_at=begins,
                    ends_at=begins + timedelta(hours=1, minutes=30),
                    notes_en="Presentation and tour.",
                    notes_fr="Présentation et visite.",
                    source=SYNTHETIC,
                )
            context.count("delegation visits", len(stops))


def _rooms() -> dict[str, Room]:
    """The conference centre's rooms, each bookable as the rooms platform's room of that name."""
    rooms = {}
    for name, building, seats, source in ROOMS:
        rooms[name], _ = Room.objects.update_or_create(
            name=name,
            building=building,
            defaults={"seats": seats, "source": source, "resource": room_named(name)},
        )
    return rooms


def _hold_rooms(context: DemoContext) -> None:
    """Every session in a bookable room holds it (sessions loaded before rooms were bookable too)."""
    actor = get_user_model().objects.filter(email=demo_email("staff-communication")).first()
    if actor is None:
        context.log("events: no communication staff login, so the sessions hold no room")
        return
    waiting = Session.objects.filter(room__resource__isnull=False).select_related("event", "room__resource")
    waiting = waiting.exclude(booking__status__in=ACTIVE_STATUSES).order_by("starts_at", "pk")
    for session in waiting:
        try:
            room_holds.sync(actor=actor, session=session)
        except ValidationError as error:
            context.log(f"events: {session} holds no room: {' '.join(error.messages)}")
        else:
            context.count("sessions holding their room", 1)


def _sessions(event: Event, rooms: dict[str, Room], programme: list[tuple]) -> None:
    if event.sessions.exists():
        return
    for offset_minutes, minutes, room, title_en, title_fr in programme:
        begins = event.starts_at + timedelta(minutes=offset_minutes)
        Session.objects.create(
            event=event,
            title_en=title_en,
            title_fr=title_fr,
            starts_at=begins,
            ends_at=begins + timedelta(minutes=minutes),
            room=rooms[room],
        )


def _upcoming(context: DemoContext, genopole, rng: random.Random) -> None:
    """Two synthetic events ahead of today, so that the demo has something to register to."""
    rooms = _rooms()
    today = timezone.localdate()
    networking = _upsert(
        context,
        "Synthetic biology networking day",
        title_fr="Journée d'échanges en biologie de synthèse",
        description_en="Short talks by companies and labs of the cluster, then one-to-one networking.",
        description_fr="De courtes présentations des entreprises et laboratoires du cluster, puis des rencontres.",
        kind="on_site",
        status="published",
        starts_at=_at(today + timedelta(days=21), "09:00", PARIS),
        ends_at=_at(today + timedelta(days=21), "17:00", PARIS),
        venue="Genopole conference centre",
        city="Évry-Courcouronnes",
        country="FR",
        organiser=genopole,
        capacity=80,
        registration_closes_at=_at(today + timedelta(days=19), "18:00", PARIS),
        source=SYNTHETIC,
    )
    _sessions(
        networking,
        rooms,
        [
            (0, 30, "Auditorium", "Welcome and the cluster in figures", "Accueil et le cluster en chiffres"),
            (30, 120, "Auditorium", "Company pitches", "Présentations des entreprises"),
            (240, 180, "Room A", "One-to-one networking", "Rendez-vous individuels"),
        ],
    )
    organisations = list(
        Organisation.objects.filter(kind__in=["startup", "sme", "research_lab"]).order_by("pk")
    )
    _synthetic_registrations(
        context, networking, _people(rng, "synbio", 24, organisations, mode="on_site", status="confirmed")
    )
    workshop = _upsert(
        context,
        "Bioproduction scale-up workshop",
        title_fr="Atelier de montée en échelle en bioproduction",
        description_en="A hands-on workshop, on site (few places) or online.",
        description_fr="Un atelier pratique, sur place (peu de places) ou en ligne.",
        kind="hybrid",
        status="published",
        starts_at=_at(today + timedelta(days=35), "14:00", PARIS),
        ends_at=_at(today + timedelta(days=35), "17:30", PARIS),
        venue="Genopole conference centre",
        city="Évry-Courcouronnes",
        country="FR",
        online_url="https://meet.example.org/bioproduction-workshop",
        organiser=genopole,
        capacity=20,
        online_capacity=150,
        source=SYNTHETIC,
    )
    _sessions(workshop, rooms, [(0, 210, "Room B", "Scale-up workshop", "Atelier de montée en échelle")])
    rows = _people(rng, "scaleup", 19, organisations, mode="on_site", status="confirmed")
    rows += _people(rng, "scaleup-online", 42, organisations, mode="online", status="confirmed")
    _synthetic_registrations(context, workshop, rows)
    _upsert(
        context,
        "Start-up night (draft)",
        title_fr="Soirée des start-up (brouillon)",
        kind="on_site",
        status="draft",
        starts_at=_at(today + timedelta(days=60), "18:30", PARIS),
        ends_at=_at(today + timedelta(days=60), "21:30", PARIS),
        venue="Genopole conference centre",
        city="Évry-Courcouronnes",
        organiser=genopole,
        capacity=120,
        source=SYNTHETIC,
    )


@register("events", order=40, flush=flush)
def load(context: DemoContext) -> None:
    rng = random.Random(SEED)
    genopole = _organisation("Genopole")
    _conventions(context, genopole)
    _health_data_space(context, genopole, rng)
    _delegations(context, rng)
    _upcoming(context, genopole, rng)
    _hold_rooms(context)
    context.log("events: conventions, the Health Data Space conference, 2017 delegations, upcoming events")
