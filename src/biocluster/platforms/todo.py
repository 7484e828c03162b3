"""What the platforms give a person to do, for their home page (`core.registry.add_todo`).

A platform manager: the bookings awaiting approval and the uses to record, one line per
platform they manage (one query for both). Anyone trained on an instrument: the trainings
that expire within `TRAINING_NOTICE_DAYS` days and have no renewal recorded yet.
Each provider lists only what the person may open, and counts rather than loads.
"""

from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core.formatting import number
from biocluster.core.registry import ToDo

from .models import Booking, Instrument, Qualification
from .querysets import awaiting_approval, managed_platform_ids, use_to_record

TRAINING_NOTICE_DAYS = 30
MAX_TRAININGS = 5  # lines of expiring trainings at most; a person has rarely more


def _area() -> str:
    return _("Platforms")


def manager_todos(user) -> list[ToDo]:
    """Per managed platform: the bookings awaiting approval, the past bookings with no use recorded."""
    platforms = managed_platform_ids(user)
    if not platforms:
        return []
    now = timezone.now()
    to_approve, to_record = awaiting_approval(now), use_to_record(now)
    rows = (
        Booking.objects.filter(to_approve | to_record, instrument__platform_id__in=platforms)
        .values("instrument__platform_id", "instrument__platform__organisation__name")
        .annotate(
            approve=Count("pk", filter=to_approve),
            first_start=Min("start", filter=to_approve),
            record=Count("pk", filter=to_record),
        )
        .order_by("instrument__platform__organisation__name", "instrument__platform_id")
    )
    todos = []
    for row in rows:
        name = row["instrument__platform__organisation__name"]
        url = reverse("platforms:platform_manage", args=[row["instrument__platform_id"]])
        first = row["first_start"]
        for count, title, anchor, due in (
            (row["approve"], _to_approve, "#to-approve", first),
            (row["record"], _to_record, "#to-record", None),
        ):
            if count:
                text = title(count) % {"count": number(count), "platform": name}
                overdue = due is not None and due <= now
                todos.append(ToDo(_area(), text, url + anchor, count=count, due=due, overdue=overdue))
    return todos


def _to_approve(count: int) -> str:
    return ngettext(
        "%(count)s booking awaiting approval at %(platform)s",
        "%(count)s bookings awaiting approval at %(platform)s",
        count,
    )


def _to_record(count: int) -> str:
    return ngettext(
        "%(count)s use to record at %(platform)s", "%(count)s uses to record at %(platform)s", count
    )


def expiring_trainings(user) -> list[ToDo]:
    """The user's trainings ending within `TRAINING_NOTICE_DAYS` days, on instruments they may see,
    unless a later training of the same instrument already runs beyond."""
    today = timezone.localdate()
    renewed = Qualification.objects.filter(
        instrument=OuterRef("instrument"), user=OuterRef("user"), qualified_on__gt=OuterRef("qualified_on")
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gt=OuterRef("expires_on")))
    trainings = (
        Qualification.objects.filter(
            user=user,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=TRAINING_NOTICE_DAYS),
            instrument__in=Instrument.objects.visible_to(user).values("pk"),
        )
        .exclude(Exists(renewed))
        .select_related("instrument")
        .order_by("expires_on", "pk")[:MAX_TRAININGS]
    )
    return [
        ToDo(
            _area(),
            _("Your training on %(instrument)s expires: ask the platform to renew it")
            % {"instrument": training.instrument.name},
            reverse("platforms:instrument_detail", args=[training.instrument_id]),
            due=training.expires_on,
        )
        for training in trainings
    ]
