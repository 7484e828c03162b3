"""The international dashboard's figures, read from the records (charts rendered by the template)."""

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from biocluster.core.charts import BarChart
from biocluster.core.formatting import country
from biocluster.events.models import Event, EventKind, EventStatus

from . import worldmap
from .models import (
    AgreementActivity,
    AgreementStatus,
    Direction,
    Mission,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
    Stage,
)


def in_force(today: datetime.date):
    return (
        PartnershipAgreement.objects.exclude(status=AgreementStatus.DRAFT)
        .filter(signed_on__lte=today)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=today))
    )


def countries(today: datetime.date) -> list[dict]:
    """Per country: partners with an agreement in force, activities (of any year), soft landings."""
    partners = Counter(
        dict(
            in_force(today)
            .values("partner__country")
            .annotate(n=Count("partner", distinct=True))
            .values_list("partner__country", "n")
        )
    )
    activities = Counter(
        dict(
            AgreementActivity.objects.values("agreement__partner__country")
            .annotate(n=Count("pk"))
            .values_list("agreement__partner__country", "n")
        )
    )
    landings = Counter(
        dict(SoftLanding.objects.values("country").annotate(n=Count("pk")).values_list("country", "n"))
    )
    codes = sorted(set(partners) | set(activities) | set(landings))
    drawn = worldmap.drawn_codes()
    rows = [
        {
            "code": code,
            "name": country(code),
            "partners": partners.get(code, 0),
            "activities": activities.get(code, 0),
            "soft_landings": landings.get(code, 0),
            "on_map": code in drawn,
        }
        for code in codes
    ]
    return sorted(rows, key=lambda row: (-row["partners"], -row["activities"], row["name"]))


def delegations_by_country_and_year() -> tuple[list[int], list[tuple[str, list[int], int]]]:
    """Published delegations received: (years, [(origin, count per year, total)])."""
    rows = (
        Event.objects.filter(kind=EventKind.DELEGATION, status=EventStatus.PUBLISHED)
        .annotate(year=ExtractYear("starts_at"))
        .values_list("delegation_origin", "year")
    )
    table: dict[str, Counter] = defaultdict(Counter)
    for origin, year in rows:
        table[origin or "—"][year] += 1
    years = sorted({year for counts in table.values() for year in counts})
    lines = [
        (origin, [counts.get(year, 0) for year in years], sum(counts.values()))
        for origin, counts in table.items()
    ]
    return years, sorted(lines, key=lambda line: (-line[2], line[0]))


def figures(today: datetime.date) -> dict:
    country_rows = countries(today)
    activity_years = (
        AgreementActivity.objects.annotate(year=ExtractYear("happened_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
        .values_list("year", "n")
    )
    stages = Counter(
        dict(SoftLanding.objects.values("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    )
    inbound = SoftLanding.objects.filter(direction=Direction.INBOUND)
    missions = (
        Mission.objects.select_related("event")
        .annotate(companies=Count("packs__subscriptions__organisation", distinct=True))
        .order_by("-event__starts_at")
    )
    meetings = meetings_per_event()
    mission_rows = [(mission, mission.companies, meetings.get(mission.event_id, 0)) for mission in missions]
    delegation_years, delegation_lines = delegations_by_country_and_year()
    delegations_per_year = [
        (str(year), sum(line[1][i] for line in delegation_lines)) for i, year in enumerate(delegation_years)
    ]
    # Drawn by the background worker when no process has drawn them yet (seconds under load):
    # the page says they are being drawn and fetches itself again until they are there.
    world_map = worldmap.svg_later(
        {row["code"]: row["partners"] + row["activities"] for row in country_rows},
        _("Partners and activities by country"),
        _("partners and activities"),
    )
    charts = {
        "activities_chart": BarChart(
            _("Activities under agreements per year"),
            [(str(year), n) for year, n in activity_years],
            columns=True,
            label_heading=_("Year"),
            later=True,
        ),
        "stages_chart": BarChart(
            _("Soft landings and prospects by stage"),
            [(str(stage.label), stages.get(stage.value, 0)) for stage in Stage],
            label_heading=_("Stage"),
            later=True,
        ),
        "delegations_chart": BarChart(
            _("Delegations received per year"),
            delegations_per_year,
            columns=True,
            label_heading=_("Year"),
            later=True,
        ),
    }
    drawing = world_map is None or any(chart.bars and not chart.svg() for chart in charts.values())
    return {
        "map": world_map,
        "drawing": drawing,
        **charts,
        "country_rows": country_rows,
        "agreements_in_force": in_force(today).count(),
        "partners_in_force": in_force(today).values("partner").distinct().count(),
        "installed": inbound.filter(stage=Stage.INSTALLED).count(),
        "lost": inbound.filter(stage=Stage.LOST).count(),
        "open": SoftLanding.objects.exclude(stage__in=[Stage.INSTALLED, Stage.LOST]).count(),
        "mission_rows": mission_rows,
        "companies_abroad": PackSubscription.objects.values("organisation").distinct().count(),
        "delegation_years": delegation_years,
        "delegation_lines": delegation_lines,
    }


def meetings_per_event() -> dict[int, int]:
    """Confirmed partnering meetings at the events of the missions, per event: one query."""
    from biocluster.partnering.models import Meeting, MeetingStatus

    rows = (
        Meeting.objects.filter(status=MeetingStatus.CONFIRMED, event__cooperation_mission__isnull=False)
        .values("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )
    return dict(rows)
