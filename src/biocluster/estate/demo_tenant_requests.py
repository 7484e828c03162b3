"""Demo tenant requests (synthetic, marked): a few problems reported on units let today, some
assigned, some closed. Loaded once: a second run adds nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC

from . import tenant_requests
from .models import AgreementUnit, TenantRequest

STAFF_LOGIN = "staff-entreprises"  # as the estate's demo
PROBLEMS = [
    ("heating", "The radiators of the office stay cold in the morning."),
    ("plumbing", "A slow leak under the lab sink."),
    ("lab_equipment", "The fume hood's airflow alarm rings every hour."),
    ("access", "Two new badges do not open the building's door."),
    ("electricity", "A socket of the bench no longer works."),
    ("cleaning", "The corridor has not been cleaned this week."),
]


def flush(context: DemoContext) -> None:
    TenantRequest.objects.all().delete()


@register("estate tenant requests", order=57, flush=flush)
def load(context: DemoContext) -> None:
    if TenantRequest.objects.filter(source=SYNTHETIC).exists():
        return
    actor = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    if actor is None:  # staff report on the tenants' behalf here
        return
    today = timezone.localdate()
    lines = (
        AgreementUnit.objects.filter(
            active=True, start__lte=today, end__gte=today, agreement__source=SYNTHETIC
        )
        .exclude(agreement__status="cancelled")
        .select_related("unit")
        .order_by("unit_id")[: len(PROBLEMS)]
    )
    created = 0
    for index, (line, (category, description)) in enumerate(zip(lines, PROBLEMS, strict=False)):
        row = tenant_requests.report_problem(
            actor=actor,
            unit=line.unit,
            category=category,
            description=description,
            on=today,
            source=SYNTHETIC,
        )
        created += 1
        if index % 3 != 0:
            tenant_requests.assign(actor=actor, request=row, assignee=actor, notify=False)
        if index % 3 == 2:
            tenant_requests.close(
                actor=actor,
                request=row,
                note="Fixed by the maintenance contractor.",
                on=today - datetime.timedelta(days=1),
            )
    context.count("tenant requests", created)
