"""The staff's relations in the demo: a handful of synthetic interactions and follow-up tasks.

They belong to the Entreprises department's demo login (staff-entreprises), so that its
home page lists follow-ups (one overdue) and the start-ups' pages show a history. Every
row is synthetic; dates are set from the day of the first load, and a row already there
(same organisation and notes, or title) is left alone: loading twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC, Affiliation, Organisation

from . import services
from .models import Interaction, Segment, Task

STAFF_LOGIN = "staff-entreprises"
# (kind, days ago, notes): one per organisation, in order.
INTERACTIONS = [
    ("meeting", 20, "Presented the Booster programme; interested in the next intake."),
    ("call", 12, "Looking for 120 m² of mixed office and lab space from next spring."),
    ("visit", 6, "Visited the incubator's BSL2 labs with the founders."),
    ("email", 2, "Sent the accreditation file; answer expected after their board meeting."),
]
# (organisation index, title, due in days from the first load: negative is overdue)
TASKS = [
    (0, "Send the Booster application link", -3),
    (1, "Draft the lease offer for the mixed unit", 2),
    (2, "Introduce them to the sequencing platform", 9),
    (3, "Follow up on the accreditation file", 21),
]
SEGMENT = ("Start-ups in gene and cell therapy", "kind=startup&field=gene-cell-therapy")


def _organisations() -> list[Organisation]:
    """Start-ups with people, in a fixed order."""
    with_people = Affiliation.objects.current().values("organisation_id")
    startups = Organisation.objects.filter(kind="startup", pk__in=with_people).order_by("name", "id")
    return list(startups[: len(INTERACTIONS)])


def flush(context: DemoContext) -> None:
    Task.objects.all().delete()
    Interaction.objects.all().delete()
    Segment.objects.all().delete()


@register("relations", order=60, flush=flush)
def load(context: DemoContext) -> None:
    staff = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    if staff is None:
        return
    today = timezone.localdate()
    organisations = _organisations()
    interactions = []
    created = 0
    for organisation, (kind, days_ago, notes) in zip(organisations, INTERACTIONS, strict=False):
        interaction = Interaction.objects.filter(organisation=organisation, notes=notes).first()
        if interaction is None:
            people = [a.person for a in Affiliation.objects.current().filter(organisation=organisation)[:2]]
            interaction = services.log_interaction(
                actor=staff,
                organisation=organisation,
                kind=kind,
                happened_on=today - datetime.timedelta(days=days_ago),
                people=people,
                notes=notes,
                source=SYNTHETIC,
            )
            created += 1
        interactions.append(interaction)
    context.count("interactions", created)
    created = 0
    for index, title, due_in in TASKS:
        if index >= len(interactions):
            continue
        interaction = interactions[index]
        if not Task.objects.filter(organisation=interaction.organisation, title=title).exists():
            services.add_task(
                actor=staff,
                organisation=interaction.organisation,
                title=title,
                due_on=today + datetime.timedelta(days=due_in),
                owner=staff,
                interaction=interaction,
                source=SYNTHETIC,
            )
            created += 1
    context.count("follow-up tasks", created)
    name, query = SEGMENT
    if not Segment.objects.filter(owner=staff, name=name).exists():
        services.save_segment(actor=staff, name=name, query=query, is_shared=True)
        context.count("segments", 1)
