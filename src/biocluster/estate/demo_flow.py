"""The demo's space requests (open, offered, signed, lost; a prospect arriving through soft
landing), their visits, and the move-in and move-out checklists of the demo's agreements.
All synthetic (`source="synthetic"`), made by the first load only."""

import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.core.demo import DemoContext
from biocluster.directory.models import SYNTHETIC, Organisation

from . import moves, services, space_requests
from .models import Agreement, AgreementStatus, Move, MoveOutReason, SpaceRequest

PROSPECT = "Maple Genomics (Canada, soft landing)"
LOST_REASON = "Took larger premises closer to its investors"
INVENTORY = "Benches and shelving as listed in the unit's file; walls and floor in good order"


def _ask(actor, organisation=None, enrolment=None, prospect="", **wanted) -> SpaceRequest:
    return services.request_space(
        actor=actor,
        organisation=organisation,
        enrolment=enrolment,
        prospect=prospect,
        source=SYNTHETIC,
        **wanted,
    )


def _visit(actor, space_request, on, units) -> None:
    if units:
        space_requests.record_visit(
            actor=actor,
            space_request=space_request,
            on=on,
            visitors="The founders and the real estate team",
            units=units[:2],
            notes="Asked about the fume hoods and the delivery area",
            source=SYNTHETIC,
        )


def _requests(actor, context: DemoContext, today: datetime.date) -> None:
    Enrolment = apps.get_model("programmes", "Enrolment")  # the programmes import calls: no import here
    booster = (
        Enrolment.objects.filter(cohort__programme__code="booster", status="active")
        .select_related("organisation")
        .order_by("start_date", "pk")
        .first()
    )
    companies = list(
        Organisation.objects.filter(kind__in=("startup", "sme"), campus__isnull=False).order_by("name", "pk")[
            :3
        ]
    )
    made = []
    soon = today + datetime.timedelta(days=30)
    if booster is not None:
        lab = _ask(
            actor,
            organisation=booster.organisation,
            enrolment=booster,
            kind="bsl2_lab",
            area=Decimal("30"),
            wanted_from=soon,
            months=12,
            needs="A BSL2 laboratory for the enrolment's year, near the sequencing platform",
        )
        _visit(actor, lab, today - datetime.timedelta(days=3), list(services.candidates(lab)[:2]))
        made.append(lab)
    made.append(
        _ask(
            actor,
            prospect=PROSPECT,
            kind="office",
            area=Decimal("40"),
            wanted_from=soon + datetime.timedelta(days=30),
            months=24,
            needs="Offices for a team of four while it sets up its European subsidiary",
        )
    )
    if companies:
        offered = _ask(
            actor,
            organisation=companies[0],
            kind="mixed",
            area=Decimal("100"),
            wanted_from=soon,
            months=36,
        )
        units = list(services.candidates(offered)[:2])
        _visit(actor, offered, today - datetime.timedelta(days=10), units)
        if units:
            services.offer_units(actor=actor, space_request=offered, units=units[:1])
        made.append(offered)
    if len(companies) > 1:
        lost = _ask(
            actor,
            organisation=companies[1],
            kind="office",
            area=Decimal("800"),
            wanted_from=soon,
            months=72,
        )
        services.lose_request(actor=actor, space_request=lost, reason=LOST_REASON)
        made.append(lost)
    last = services.add_months(soon, 36) - datetime.timedelta(days=1)
    free = services.units_free(first=soon, last=last, kind="mixed").order_by("area", "pk").first()
    if len(companies) > 2 and free is not None:
        signed = _ask(
            actor, organisation=companies[2], kind="mixed", area=free.area, wanted_from=soon, months=36
        )
        services.offer_units(actor=actor, space_request=signed, units=[free])
        services.sign_request(
            actor=actor,
            space_request=signed,
            kind="lease",
            rent_per_m2=Decimal("190"),
            charges_per_m2=Decimal("35"),
            source=SYNTHETIC,
        )
        made.append(signed)
    context.count("space requests", len(made))


def _moves(actor, context: DemoContext, today: datetime.date) -> None:
    """Move-ins for the agreements begun, move-outs for some of those ended, with a reason."""
    rng = random.Random(1414)
    agreements = (
        Agreement.objects.filter(source=SYNTHETIC, start__lte=today)
        .exclude(status=AgreementStatus.CANCELLED)
        .select_related("organisation")
        .order_by("start", "pk")
    )
    count = 0
    for agreement in agreements[:60]:
        units = list(agreement.lines.select_related("unit"))
        readings = [(line.unit, "electricity", Decimal(rng.randrange(100, 90000))) for line in units]
        try:
            moves.record_move_in(
                actor=actor,
                agreement=agreement,
                on=agreement.start,
                keys=rng.randrange(1, 5),
                badges=rng.randrange(1, 8),
                inventory=INVENTORY,
                readings=readings,
                source=SYNTHETIC,
                site_dates=False,  # the stays on site are the directory's demo's, from the seeds' figures
            )
            count += 1
            if agreement.last_day < today and rng.random() < 0.6:
                moves.record_move_out(
                    actor=actor,
                    agreement=agreement,
                    on=agreement.last_day,
                    reason=rng.choice(MoveOutReason.values[:-1]),
                    keys=rng.randrange(1, 5),
                    badges=rng.randrange(1, 8),
                    inventory=INVENTORY,
                    readings=[
                        (unit, meter, value + rng.randrange(500, 9000)) for unit, meter, value in readings
                    ],
                    source=SYNTHETIC,
                    site_dates=False,
                )
                count += 1
        except ValidationError:  # e.g. a renewal's checklist kept on the first agreement
            continue
    context.count("moves", count)


def load(actor, context: DemoContext) -> None:
    today = timezone.localdate()
    if not SpaceRequest.objects.filter(source=SYNTHETIC).exists():
        _requests(actor, context, today)
    if not Move.objects.filter(source=SYNTHETIC).exists():
        _moves(actor, context, today)


def flush() -> None:
    Move.objects.all().delete()
    SpaceRequest.objects.all().delete()
