"""Demo rent roll (synthetic, marked): the notices of the last year for the agreements
running today, most of them paid within three weeks, some late or unpaid, so that the
arrears list has something in each age bucket. Loaded once: a second run adds nothing."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC

from . import rent_roll
from .models import Agreement, CreditNote, Notice, Payment

STAFF_LOGIN = "staff-entreprises"  # as the estate's demo


def flush(context: DemoContext) -> None:
    Payment.objects.all().delete()
    CreditNote.objects.all().delete()  # before the notices they credit
    Notice.objects.all().delete()


@register("estate rent roll", order=56, flush=flush)
def load(context: DemoContext) -> None:
    if Notice.objects.filter(source=SYNTHETIC).exists():
        return
    actor = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    today = timezone.localdate()
    rng = random.Random(14)
    running = Agreement.objects.filter(source=SYNTHETIC).current_at(today).exclude(kind="free")
    notices = rent_roll.issue_notices(
        actor=actor,
        up_to=today,
        since=today - datetime.timedelta(days=365),
        issued_on=today,
        agreements=running,
        source=SYNTHETIC,
    )
    # One agreement in four pays late: unpaid for the last 200, 80 or 40 days, in turn, so that
    # each age bucket has some arrears.
    late = list(running.order_by("pk").values_list("pk", flat=True))[::4]
    unpaid_since = {pk: today - datetime.timedelta(days=(200, 80, 40)[i % 3]) for i, pk in enumerate(late)}
    payments = 0
    for notice in notices:
        if notice.agreement_id in unpaid_since and notice.due_on > unpaid_since[notice.agreement_id]:
            continue
        received = notice.due_on + datetime.timedelta(days=rng.randrange(0, 21))
        if received > today:
            continue
        amount = (
            notice.total if rng.random() > 0.1 else (notice.total * Decimal("0.5")).quantize(Decimal("0.01"))
        )
        rent_roll.record_payment(
            actor=actor,
            agreement=notice.agreement,
            amount=amount,
            received_on=received,
            reference=f"VIR {notice.number}",
            source=SYNTHETIC,
        )
        payments += 1
    context.count("payment notices", len(notices))
    context.count("payments", payments)
