"""The demo's rooms platform: the 700-seat conference centre (seed 001) and meeting rooms.

The cluster runs its rooms as a platform of the booking engine: each room is an instrument
with no training, no check-in and no tariff (free for the cluster's members), bookable a year
ahead from 07:00 to 22:00 on weekdays. The events' demo holds them for its sessions
(`events/demo.py`). Idempotent: found by name, created once.
"""

from datetime import time

from biocluster.core.demo import DEMO_EMAIL_DOMAIN, DemoContext
from biocluster.directory.models import SYNTHETIC, Organisation, OrganisationKind

from . import services
from .models import Instrument, Platform

ROOMS_PLATFORM = "Genopole conference centre and meeting rooms"
SEED_001 = "001_0200059356227e4c.txt (700-seat conference facility)"
# name, seats, source; the events' demo names its rooms the same.
ROOMS = [
    ("Auditorium", 700, SEED_001),
    ("Room A", 80, SYNTHETIC),
    ("Room B", 40, SYNTHETIC),
    ("Meeting room 1", 12, SYNTHETIC),
    ("Meeting room 2", 8, SYNTHETIC),
]
WEEKDAYS = [(day, time(7), time(22)) for day in range(5)]


def _platform(context: DemoContext) -> Platform:
    organisation = Organisation.objects.filter(name=ROOMS_PLATFORM, kind=OrganisationKind.PLATFORM).first()
    if organisation is None:
        from biocluster.directory import services as directory

        organisation = directory.create_organisation(
            actor=None, name=ROOMS_PLATFORM, kind=OrganisationKind.PLATFORM, source=SEED_001
        )
    platform = Platform.objects.filter(organisation=organisation).first()
    if platform is None:
        platform = services.create_platform(
            actor=None,
            organisation=organisation,
            summary_en="The conference centre's auditorium and rooms, and meeting rooms, booked by the hour.",
            summary_fr="L'auditorium et les salles du centre de conférences, et des salles de réunion, à l'heure.",
            location="Campus 1, conference centre",
            contact_email=f"rooms@{DEMO_EMAIL_DOMAIN}",
            late_cancellation_charge=0,
            no_show_charge=0,
            source=SEED_001,
        )
        context.count("platforms created", 1)
    return platform


def load_rooms(context: DemoContext) -> list[Instrument]:
    platform = _platform(context)
    rooms = []
    for name, seats, source in ROOMS:
        room = Instrument.objects.filter(platform=platform, name=name).first()
        if room is None:
            room = services.create_instrument(
                actor=None,
                platform=platform,
                name=name,
                description_en=f"{seats} seats.",
                description_fr=f"{seats} places.",
                location="Conference centre" if seats >= 40 else "Incubator, ground floor",
                requires_qualification=False,
                requires_check_in=False,
                slot_minutes=30,
                min_minutes=30,
                max_minutes=12 * 60,
                max_days_ahead=365,
                opening_hours=WEEKDAYS,
                source=source,
            )
            context.count("rooms created", 1)
        rooms.append(room)
    return rooms


def room_named(name: str) -> Instrument | None:
    """The demo's room of that name on the rooms platform (for the events' and the estate's demos)."""
    return Instrument.objects.filter(platform__organisation__name=ROOMS_PLATFORM, name=name).first()
