"""The home page's to-dos: the deliverables due within 60 days, for their owner.

A deliverable's owner is a partner organisation: its members see it on their home page; when
the owner is the cluster itself, the staff assigned to the project see it. Counted in a fixed
number of queries, whatever the rows.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.registry import ToDo
from biocluster.directory.querysets import organisation_ids_of

from .models import Participant, Project
from .services import due_deliverables


def deliverables_due(user, *, today: datetime.date | None = None) -> list[ToDo]:
    if not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    due = due_deliverables(user, today=today)
    if not due:
        return []
    ours = organisation_ids_of(user)
    assigned = set(Project.objects.filter(staff=user).values_list("pk", flat=True))
    cluster = set(
        Participant.objects.filter(project_id__in=assigned, is_cluster=True).values_list(
            "project_id", "organisation_id"
        )
    )
    return [
        ToDo(
            area=str(_("EU projects")),
            title=f"{deliverable.project.acronym} {deliverable.number} — {deliverable.title}",
            url=reverse("euprojects:project_detail", args=[deliverable.project_id])
            + f"#deliverable-{deliverable.pk}",
            due=day,
            overdue=day < today,
        )
        for deliverable, day in due
        if deliverable.owner_id in ours or (deliverable.project_id, deliverable.owner_id) in cluster
    ]
