"""The estate in the demo: the seeds' campuses and offer, and synthetic agreements.

Real facts carry their seed file: the four campuses and the planned fifth, the ISO 9001
incubator with BSL1/2 labs of 9 to 100 m², modular mixed units of 10 to 150 m², furnished
space of 150 to 2,500 m², unfurnished floors of 400 to 2,700 m², land, the 700-seat
conference centre, the residence, the CiTHERA laboratory (1,200 m², 350 m² of them clean
rooms) and ART-TG (650 m²). The sizes in between, the building names, the floors and every
agreement are synthetic filler (`source="synthetic"`): the programmes' enrolments occupy
incubator labs (free for Shaker projects, a licence for Booster start-ups) for their
enrolment, and the companies on campus lease modular or furnished units for a few years,
so that occupancy over the last years looks like a real estate's.

Upserts by natural key (a campus's, a building's name, a unit's code); the synthetic
agreements are made by the first load only: loading twice changes nothing.
"""

import contextlib
import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC, Campus, Organisation
from biocluster.programmes.models import Enrolment

from . import demo_flow, rent, services
from .models import (
    Agreement,
    AgreementUnit,
    Building,
    CampusEstate,
    IndexValue,
    OccupancyMonth,
    Unit,
    UnitOccupancy,
    UnitStatus,
)

SEED_001 = "seeds/001_0200059356227e4c.txt (ECCP cluster profile, real estate services)"
SEED_002 = "seeds/002_5a2f69cf708c9cf5.txt (press release on the Region's objectives contract)"
STAFF_LOGIN = "staff-entreprises"

CAMPUSES = [  # (name, city, opens on, source)
    ("Campus 1", "Évry-Courcouronnes", None, SEED_001 + ": four campuses covering 111,000 m²"),
    ("Campus 2", "Évry-Courcouronnes", None, SEED_001 + ": four campuses covering 111,000 m²"),
    ("Campus 3", "Évry-Courcouronnes", None, SEED_001 + ": four campuses covering 111,000 m²"),
    ("Campus 4", "Corbeil-Essonnes", None, SEED_001 + ": four campuses covering 111,000 m²"),
    (
        "Campus 5",
        "Évry-Courcouronnes",
        datetime.date(2019, 9, 1),
        SEED_001 + ": a fifth campus planned for 2019",
    ),
]

# (campus, building, delivered, source, units): unit = (code, level, kind, area, extras, source)
INCUBATOR_SOURCE = SEED_001 + ": ISO 9001 incubator, BSL1/2 labs of 9 to 100 m²"
MODULAR_SOURCE = SEED_001 + ": modular mixed office/lab units of 10 to 150 m²"
FURNISHED_SOURCE = SEED_001 + ": furnished mixed or office space of 150 to 2,500 m²"
UNFURNISHED_SOURCE = SEED_001 + ": unfurnished floors of 400 to 2,700 m²"
LAB = {"fume_hoods": True, "gases": True, "waste_removal": True}
BUILDINGS = [
    (
        "Campus 1",
        "Incubator",
        datetime.date(2004, 1, 1),
        INCUBATOR_SOURCE,
        [
            ("INC-001", 0, "bsl1_lab", "9", LAB | {"furnished": True}, INCUBATOR_SOURCE),
            ("INC-002", 0, "bsl1_lab", "15", LAB | {"furnished": True}, SYNTHETIC),
            ("INC-003", 0, "bsl1_lab", "20", LAB | {"furnished": True}, SYNTHETIC),
            ("INC-004", 0, "bsl2_lab", "30", LAB | {"furnished": True}, SYNTHETIC),
            ("INC-101", 1, "bsl2_lab", "45", LAB | {"furnished": True}, SYNTHETIC),
            ("INC-102", 1, "bsl2_lab", "60", LAB | {"furnished": True}, SYNTHETIC),
            ("INC-103", 1, "bsl1_lab", "80", LAB | {"furnished": True}, SYNTHETIC),
            ("INC-104", 1, "bsl2_lab", "100", LAB | {"furnished": True}, INCUBATOR_SOURCE),
            ("INC-201", 2, "office", "12", {"furnished": True}, SYNTHETIC),
            ("INC-202", 2, "office", "12", {"furnished": True}, SYNTHETIC),
            ("INC-203", 2, "office", "18", {"furnished": True}, SYNTHETIC),
            ("INC-204", 2, "office", "24", {"furnished": True}, SYNTHETIC),
            ("INC-205", 2, "office", "24", {"furnished": True}, SYNTHETIC),
        ],
    ),
    (
        "Campus 1",
        "Conference centre",
        datetime.date(2008, 1, 1),
        SEED_001 + ": a 700-seat conference facility",
        [("AUD-1", 0, "auditorium", "900", {"capacity": 700}, SEED_001 + ": a 700-seat conference facility")],
    ),
    (
        "Campus 2",
        "Modular building",
        datetime.date(2010, 1, 1),
        MODULAR_SOURCE,
        [
            ("MOD-001", 0, "mixed", "10", LAB, MODULAR_SOURCE),
            ("MOD-002", 0, "mixed", "25", LAB, SYNTHETIC),
            ("MOD-003", 0, "mixed", "40", LAB, SYNTHETIC),
            ("MOD-004", 0, "mixed", "60", LAB, SYNTHETIC),
            ("MOD-101", 1, "mixed", "80", LAB, SYNTHETIC),
            ("MOD-102", 1, "mixed", "100", LAB, SYNTHETIC),
            ("MOD-103", 1, "office", "120", {}, SYNTHETIC),
            ("MOD-104", 1, "mixed", "150", LAB, MODULAR_SOURCE),
        ],
    ),
    (
        "Campus 2",
        "Residence",
        datetime.date(2019, 1, 15),
        SEED_001 + ": a residential tower for visitors opened in early 2019",
        [
            (f"RES-{n:02d}", 1 + n // 10, "residence_studio", "22", {"furnished": True}, SYNTHETIC)
            for n in range(1, 13)
        ],
    ),
    (
        "Campus 3",
        "Furnished building",
        datetime.date(2012, 1, 1),
        FURNISHED_SOURCE,
        [
            ("FUR-0", 0, "mixed", "150", LAB | {"furnished": True}, FURNISHED_SOURCE),
            ("FUR-1", 1, "office", "400", {"furnished": True}, SYNTHETIC),
            ("FUR-2", 2, "mixed", "900", LAB | {"furnished": True}, SYNTHETIC),
            ("FUR-3", 3, "mixed", "2500", LAB | {"furnished": True}, FURNISHED_SOURCE),
        ],
    ),
    (
        "Campus 4",
        "Unfurnished building",
        datetime.date(2006, 1, 1),
        UNFURNISHED_SOURCE,
        [
            ("UNF-0", 0, "production", "400", {}, UNFURNISHED_SOURCE),
            ("UNF-1", 1, "office", "1200", {}, SYNTHETIC),
            ("UNF-2", 2, "mixed", "2700", {}, UNFURNISHED_SOURCE),
        ],
    ),
    (
        "Campus 4",
        "CiTHERA",
        datetime.date(2020, 6, 1),
        SEED_002 + ": CiTHERA opened a 1,200 m² laboratory in 2020, 350 m² of it clean rooms",
        [
            (
                "CIT-LAB",
                0,
                "bsl2_lab",
                "850",
                LAB,
                SEED_002 + ": the 1,200 m² laboratory less its clean rooms",
            ),
            (
                "CIT-CR",
                0,
                "clean_room",
                "350",
                LAB,
                SEED_002 + ": 350 m² of clean rooms, three production lines",
            ),
        ],
    ),
    (
        "Campus 4",
        "ART-TG",
        datetime.date(2021, 1, 1),
        SEED_002 + ": the Region supported fitting out ART-TG's 650 m²",
        [("ARTTG-1", 0, "bsl2_lab", "650", LAB, SEED_002 + ": ART-TG's 650 m²")],
    ),
    (
        "Campus 5",
        "Land",
        None,
        SEED_001 + ": land for companies and R&D centres",
        [
            ("PLOT-A", None, "land", "12000", {}, SEED_001 + ": land for companies and R&D centres"),
            ("PLOT-B", None, "land", "8000", {}, SYNTHETIC),
        ],
    ),
]
# The 37,000 m² planned before 2021 (seed 001), as a building of Campus 5 delivered in 2021.
PLANNED = (
    "Campus 5",
    "New building",
    SEED_001 + ": 37,000 m² under construction or planned to open before 2021",
    datetime.date(2018, 1, 1),
    datetime.date(2021, 1, 1),
    [("NB-1", 1, "mixed", "12000"), ("NB-2", 2, "office", "12000"), ("NB-3", 3, "mixed", "13000")],
)
# ILAT values (synthetic, for the demo's indexation).
INDEX_VALUES = {
    2019: "114.85",
    2020: "115.70",
    2021: "118.59",
    2022: "126.05",
    2023: "133.69",
    2024: "135.30",
    2025: "136.20",
}


def flush(context: DemoContext) -> None:
    demo_flow.flush()
    OccupancyMonth.objects.all().delete()
    UnitOccupancy.objects.all().delete()
    AgreementUnit.objects.all().delete()
    Agreement.objects.all().delete()
    UnitStatus.objects.all().delete()
    Unit.objects.all().delete()
    Building.objects.all().delete()
    CampusEstate.objects.all().delete()
    IndexValue.objects.all().delete()
    Campus.objects.filter(name="Campus 5").delete()


def _campuses(actor, context) -> dict[str, Campus]:
    campuses = {}
    for name, city, opens_on, source in CAMPUSES:
        campus, created = Campus.objects.get_or_create(name=name, defaults={"city": city, "source": source})
        context.count("campuses created", int(created))
        if not CampusEstate.objects.filter(campus=campus).exists():
            services.describe_campus(actor=actor, campus=campus, opens_on=opens_on, source=source)
        campuses[name] = campus
    return campuses


def _building(actor, campus, name, delivered_on, source) -> tuple[Building, bool]:
    building = Building.objects.filter(campus=campus, name=name).first()
    if building is not None:
        return building, False
    return services.create_building(
        actor=actor, campus=campus, name=name, delivered_on=delivered_on, source=source
    ), True


def _estate(actor, context, campuses) -> None:
    created = 0
    for campus_name, name, delivered_on, source, units in BUILDINGS:
        building, _new = _building(actor, campuses[campus_name], name, delivered_on, source)
        since = delivered_on or datetime.date(2019, 9, 1)
        for code, level, kind, area, extras, unit_source in units:
            if Unit.objects.filter(building=building, code=code).exists():
                continue
            services.create_unit(
                actor=actor,
                building=building,
                code=code,
                kind=kind,
                area=Decimal(area),
                level=level,
                source=unit_source,
                since=since,
                **extras,
            )
            created += 1
    campus_name, name, source, planned_since, delivery, units = PLANNED
    building, _new = _building(actor, campuses[campus_name], name, delivery, source)
    for code, level, kind, area in units:
        if not Unit.objects.filter(building=building, code=code).exists():
            services.create_unit(
                actor=actor,
                building=building,
                code=code,
                kind=kind,
                area=Decimal(area),
                level=level,
                source=source,
                status="planned",
                since=planned_since,
                delivery_on=delivery,
            )
            created += 1
    context.count("units", created)


def _index_values(actor) -> None:
    for year, value in INDEX_VALUES.items():
        day = datetime.date(year, 10, 1)
        if not IndexValue.objects.filter(index="ILAT", published_on=day).exists():
            services.record_index_value(
                actor=actor, index="ILAT", published_on=day, value=Decimal(value), source=SYNTHETIC
            )


def _let(actor, organisation, kinds, min_area, max_area, start, end, kind, rng, **extra):
    """Let a free unit of one of `kinds` within the sizes to `organisation`, if one is free."""
    candidates = list(
        services.units_free(first=start, last=end, min_area=min_area, max_area=max_area).filter(
            kind__in=kinds
        )
    )
    if not candidates:
        return None
    unit = rng.choice(candidates)
    values = {
        "rent_per_m2": Decimal(rng.randrange(140, 240)),
        "charges_per_m2": Decimal(rng.randrange(25, 45)),
    }
    if kind == "free":
        values = {"charges_per_m2": Decimal("0")}
    if kind == "lease":
        values |= {"index": "ILAT", "base_index": Decimal(INDEX_VALUES.get(start.year - 1, "114.85"))}
        values["deposit"] = (values["rent_per_m2"] * unit.area / 4).quantize(Decimal("0.01"))
        values["deposit_state"] = "received"
    return services.create_agreement(
        actor=actor,
        organisation=organisation,
        units=[unit],
        start=start,
        end=end,
        kind=kind,
        source=SYNTHETIC,
        **values,
        **extra,
    )


def _agreements(actor, context) -> None:
    if Agreement.objects.filter(source=SYNTHETIC).exists():
        return  # made by an earlier load: a second one would find other units free and let them
    rng = random.Random(14)
    today = timezone.localdate()
    created = 0
    has_synthetic = set(Agreement.objects.filter(source=SYNTHETIC).values_list("organisation_id", flat=True))
    enrolments = (
        Enrolment.objects.select_related("cohort__programme", "organisation")
        .filter(cohort__programme__code__in=("shaker", "booster"))
        .order_by("start_date", "pk")
    )
    for enrolment in enrolments:
        if enrolment.organisation_id in has_synthetic:
            continue
        last = enrolment.ended_on or enrolment.end_date
        if last < enrolment.start_date:
            continue
        if enrolment.cohort.programme.code == "shaker":
            agreement = _let(
                actor,
                enrolment.organisation,
                ("office",),
                9,
                30,
                enrolment.start_date,
                last,
                "free",
                rng,
                enrolment=enrolment,
            )
        else:
            agreement = _let(
                actor,
                enrolment.organisation,
                ("bsl1_lab", "bsl2_lab"),
                9,
                100,
                enrolment.start_date,
                last,
                "licence",
                rng,
                enrolment=enrolment,
                payment_frequency="monthly",
            )
        if agreement is not None:
            has_synthetic.add(enrolment.organisation_id)
            created += 1
    companies = (
        Organisation.objects.filter(kind__in=("startup", "sme", "large_company"), campus__isnull=False)
        .exclude(pk__in=has_synthetic)
        .order_by("name", "pk")[:40]
    )
    for organisation in companies:
        start = datetime.date(rng.randrange(2014, today.year), rng.choice((1, 4, 7, 10)), 1)
        years = rng.choice((3, 6, 9))
        end = rent.add_months(start, 12 * years) - datetime.timedelta(days=1)
        small = organisation.kind == "startup"
        agreement = _let(
            actor,
            organisation,
            ("mixed", "office", "production", "bsl2_lab"),
            10 if small else 100,
            150 if small else 2700,
            start,
            end,
            "lease",
            rng,
        )
        if agreement is not None:
            created += 1
            if end < today and rng.random() < 0.5:
                with contextlib.suppress(ValidationError):  # a unit let since: no renewal
                    services.renew_agreement(actor=actor, agreement=agreement, end=rent.add_months(end, 36))
    context.count("agreements", created)


@register("estate", order=55, flush=flush)
def _bookable_rooms(context: DemoContext) -> None:
    """The 700-seat centre is booked through the rooms platform's auditorium (platforms' demo)."""
    from biocluster.platforms.demo_rooms import room_named

    auditorium = room_named("Auditorium")
    if auditorium is not None and not Unit.objects.filter(bookable_as=auditorium).exists():
        linked = Unit.objects.filter(code="AUD-1", bookable_as__isnull=True).update(bookable_as=auditorium)
        context.count("rooms bookable through the booking engine", linked)


def load(context: DemoContext) -> None:
    actor = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    campuses = _campuses(actor, context)
    _estate(actor, context, campuses)
    _bookable_rooms(context)
    _index_values(actor)
    _agreements(actor, context)
    demo_flow.load(actor, context)


from . import demo_rent_roll, demo_soft_landing, demo_tenant_requests  # noqa: E402, F401  (their loaders come after)
