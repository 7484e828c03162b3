"""The survey in the demo: a closed campaign for 2025 with synthetic answers, mostly validated, and
an open campaign for 2026 whose deadline is in the future, prefilled from the 2025 answers and the
programmes' milestones.

Every answer is generated (marked synthetic: `source="synthetic"` on the campaigns and responses),
from a random generator seeded with each company's name, so that two loads give the same figures.
A campaign already there (same year) is left alone: loading twice changes nothing.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC

from . import services
from .models import Campaign

STAFF_LOGIN = "staff-entreprises"
CLOSED_YEAR, OPEN_YEAR = 2025, 2026
CLOSED_DEADLINE = datetime.date(2026, 3, 31)
VALIDATED_SHARE = 0.8  # of the companies asked in 2025, the share whose answers were validated
RETURNED_SHARE = 0.05  # returned, never corrected before the campaign closed


def _answers(rng: random.Random, response) -> dict:
    headcount = rng.choice([2, 3, 5, 8, 12, 18, 25, 40, 60, 95, 140])
    sales = Decimal(0) if rng.random() < 0.3 else Decimal(rng.randrange(50, 25_000)) * 1000
    proposed = {a.question.code: a.prefilled_value for a in response.answers.select_related("question")}
    return {
        "headcount": headcount,
        "rd_staff": max(1, round(headcount * rng.uniform(0.3, 0.8))),
        "sales": str(sales),
        "export_sales": str((sales * Decimal(rng.randrange(0, 70)) / 100).quantize(Decimal("1000"))),
        "funds_raised": proposed.get("funds_raised")
        or ("0" if rng.random() < 0.8 else str(rng.randrange(5, 120) * 100_000)),
        "patents": proposed.get("patents") or str(rng.choice([0, 0, 0, 1, 1, 2, 3])),
        "new_products": rng.random() < 0.4,
        "comments": "",
    }


def _closed_campaign(context: DemoContext, staff) -> None:
    if Campaign.objects.filter(year=CLOSED_YEAR).exists():
        return
    campaign = services.create_campaign(
        actor=staff, year=CLOSED_YEAR, deadline=CLOSED_DEADLINE, source=SYNTHETIC
    )
    services.open_campaign(actor=staff, campaign=campaign)
    validated = 0
    for response in campaign.responses.select_related("organisation", "campaign").order_by(
        "organisation__name"
    ):
        rng = random.Random(f"survey-{CLOSED_YEAR}-{response.organisation.name}")
        draw = rng.random()
        if draw >= VALIDATED_SHARE + RETURNED_SHARE:
            continue  # never answered
        services.submit_response(actor=staff, response=response, values=_answers(rng, response))
        if draw < VALIDATED_SHARE:
            services.validate_response(actor=staff, response=response)
            validated += 1
        else:
            services.return_response(
                actor=staff, response=response, comment="Export sales above sales: please check."
            )
    services.close_campaign(actor=staff, campaign=campaign)
    context.count("survey campaigns", 1)
    context.count("validated survey responses", validated)


def _open_campaign(context: DemoContext, staff) -> None:
    if Campaign.objects.filter(year=OPEN_YEAR).exists():
        return
    deadline = max(datetime.date(OPEN_YEAR + 1, 3, 31), timezone.localdate() + datetime.timedelta(days=30))
    campaign = services.create_campaign(actor=staff, year=OPEN_YEAR, deadline=deadline, source=SYNTHETIC)
    services.open_campaign(actor=staff, campaign=campaign)
    # A few companies already answered: one submitted (to validate), one saved a draft.
    responses = list(
        campaign.responses.select_related("organisation", "campaign").order_by("organisation__name")
    )
    for index, response in enumerate(responses[:2]):
        rng = random.Random(f"survey-{OPEN_YEAR}-{response.organisation.name}")
        values = _answers(rng, response)
        if index == 0:
            services.submit_response(actor=staff, response=response, values=values)
        else:
            services.save_answers(actor=staff, response=response, values={"headcount": values["headcount"]})
    context.count("survey campaigns", 1)


def flush(context: DemoContext) -> None:
    Campaign.objects.all().delete()


@register("survey", order=70, flush=flush)
def load(context: DemoContext) -> None:
    staff = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    if staff is None:
        return
    _closed_campaign(context, staff)
    _open_campaign(context, staff)
