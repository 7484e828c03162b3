"""The EU projects' line of an organisation's staff summary (`core.registry.add_organisation_summary`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from biocluster.core.registry import SummaryLine

from .models import Participant, Project


def organisation_summary(user, organisation) -> list[SummaryLine]:
    """The projects whose consortium it is in, with its role (one query)."""
    visible = Project.objects.visible_to(user).values("pk")
    rows = (
        Participant.objects.filter(organisation=organisation, project__in=visible)
        .select_related("project")
        .order_by("-project__starts_on", "project__acronym")
    )
    lines = [
        SummaryLine(
            _("EU projects"),
            _("%(project)s, %(role)s") % {"project": p.project.acronym, "role": p.get_role_display().lower()},
            reverse("euprojects:project_detail", args=[p.project_id]),
        )
        for p in rows
    ]
    return lines
