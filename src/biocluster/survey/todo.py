"""What the survey gives a person to do, for their home page (`core.registry.add_todo`).

A company's administrators: "Survey answers to give" while their company's response to an open
campaign is a draft or returned (due on the deadline, overdue after it). Staff: "Survey answers
to validate", the submitted responses, leading to the campaign's page. One query each.
"""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core.formatting import number
from biocluster.core.registry import ToDo
from biocluster.directory.querysets import administered_organisation_ids_of

from .models import EDITABLE, CampaignState, Response, ResponseState
from .querysets import is_survey_staff


def _area() -> str:
    return _("Survey")


def answers_to_give(user) -> list[ToDo]:
    mine = administered_organisation_ids_of(user)
    if not mine:
        return []
    rows = (
        Response.objects.filter(
            organisation_id__in=mine, campaign__state=CampaignState.OPEN, state__in=EDITABLE
        )
        .select_related("campaign", "organisation")
        .order_by("campaign__deadline", "pk")
    )
    today = timezone.localdate()
    return [
        ToDo(
            _area(),
            _("Survey answers to give: %(organisation)s, %(year)s")
            % {"organisation": row.organisation.name, "year": row.campaign.year},
            reverse("survey:response_detail", args=[row.pk]),
            due=row.campaign.deadline,
            overdue=row.campaign.deadline < today,
        )
        for row in rows
    ]


def answers_to_validate(user) -> list[ToDo]:
    if not is_survey_staff(user):
        return []
    rows = (
        Response.objects.filter(state=ResponseState.SUBMITTED)
        .values("campaign_id")
        .annotate(count=Count("pk"), deadline=Min("campaign__deadline"))
        .order_by("campaign_id")
    )
    return [
        ToDo(
            _area(),
            ngettext(
                "Survey answers to validate: %(count)s response",
                "Survey answers to validate: %(count)s responses",
                row["count"],
            )
            % {"count": number(row["count"])},
            reverse("survey:campaign_detail", args=[row["campaign_id"]]) + "?state=submitted",
            count=row["count"],
        )
        for row in rows
    ]
