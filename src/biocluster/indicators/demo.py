"""The indicators' demo: the figures Genopole published before the system existed, each with
the document it was published in (the seeds). Loading twice changes nothing."""

from decimal import Decimal

from biocluster.core import indicators as ind
from biocluster.core.demo import DemoContext, register

from . import services
from .models import HistoricalValue

ECCP = "European Cluster Collaboration Platform, Genopole's cluster profile (2019)"
REPORT_2020 = "Genopole, activity report 2020: the president's message"
PRESS_2026 = "Genopole, press release of 24 February 2026 (figures at the end of December 2024)"

# (code, year, value, provenance, source, note)
FIGURES = [
    (
        "programmes.funds_raised_since_founding",
        2016,
        579_000_000,
        ind.HISTORICAL,
        ECCP,
        "Financing raised by Genopole-accredited companies since 1998.",
    ),
    (
        "programmes.funds_raised_since_founding",
        2017,
        623_000_000,
        ind.HISTORICAL,
        ECCP,
        "Financing raised by Genopole-accredited companies since 1998.",
    ),
    (
        "programmes.funds_raised",
        2020,
        300_000_000,
        ind.HISTORICAL,
        REPORT_2020,
        "“300 millions d'euros ont été levés au cours de cette dernière année.”",
    ),
    (
        "survey.sales",
        2016,
        208_000_000,
        ind.ESTIMATED,
        ECCP,
        "Estimated sales reported by Genopole companies.",
    ),
    (
        "survey.sales",
        2017,
        214_000_000,
        ind.ESTIMATED,
        ECCP,
        "Estimated sales reported by Genopole companies.",
    ),
    (
        "survey.export_sales",
        2017,
        115_000_000,
        ind.ESTIMATED,
        ECCP,
        "Export sales of accredited companies, 2017 estimate.",
    ),
    ("events.delegations", 2017, 14, ind.HISTORICAL, ECCP, "Key 2017 facts: 14 foreign delegation visits."),
    (
        "accreditation.new_companies",
        2020,
        13,
        ind.HISTORICAL,
        REPORT_2020,
        "“13 nouvelles entreprises ont été accueillies”: companies newly hosted, which the register counts "
        "as accreditations.",
    ),
    (
        "programmes.listed_companies",
        2018,
        7,
        ind.HISTORICAL,
        ECCP,
        "Undated in the profile, which cites the 2018 annual report: filed under 2018.",
    ),
    (
        "directory.companies_on_site",
        2024,
        78,
        ind.HISTORICAL,
        PRESS_2026,
        "“78 entreprises de biotechnologies”.",
    ),
    ("directory.labs_on_site", 2024, 16, ind.HISTORICAL, PRESS_2026, "“16 laboratoires de recherche”."),
    ("directory.platforms_on_site", 2024, 23, ind.HISTORICAL, PRESS_2026, "“23 plateformes technologiques”."),
]


def flush(context: DemoContext) -> None:
    HistoricalValue.objects.all().delete()


@register("indicators", order=200, flush=flush)
def load(context: DemoContext) -> None:
    known = set(HistoricalValue.objects.values_list("code", "year"))
    for code, year, value, provenance, source, note in FIGURES:
        if (code, year) in known:
            continue
        services.enter_historical_value(
            actor=None,
            code=code,
            year=year,
            value=Decimal(value),
            source=source,
            note=note,
            provenance=provenance,
        )
        context.count("historical figures with their source", 1)
    services.record_definitions()
