"""The survey's indicators (core/indicators.py), version 2 of the placeholders `survey.sales` and
`survey.export_sales` that the indicators app registers until the survey collects the answers.

Each is additive over its records: the validated answers of the year's campaign (organisation,
the year's 31 December, the amount or count, a link to the response). Its provenance is
"validated by staff", and it carries the campaign's response rate (validated responses over the
companies asked), so that every figure derived from the survey says how many companies it
stands on.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.directory.indicators import ON_SITE, ORGANISATION_BREAKDOWNS, on_site, organisation_groups

from .models import Answer, ResponseState

VERSION = 2
BREAKDOWNS = (ind.BY_YEAR, *ORGANISATION_BREAKDOWNS)


def _answers(code: str, period):
    rows = Answer.objects.filter(
        question__code=code, response__state=ResponseState.VALIDATED, number__isnull=False
    )
    return ind.within(rows, "response__campaign__reference_date", period)


def _source(rows, *, counted: bool = False) -> ind.Source:
    return ind.Source(
        "survey.answer",
        rows,
        label="response__organisation__name",
        date="response__campaign__reference_date",
        url=("survey:response_detail", "response_id"),
        value=None if counted else "number",
        organisation="response__organisation",
        groups=organisation_groups("response__organisation"),
    )


def _rate(period) -> float | None:
    from .services import response_rate_of_year

    # The year's figures stand on the campaign of that year; a date within it has no answers yet.
    return response_rate_of_year(period.year) if period.end == date(period.year, 12, 31) else None


def _declared(code: str):
    def compute(period, by=None) -> ind.Result:
        result = ind.measure(_source(_answers(code, period)), by)
        result.provenance, result.response_rate = ind.VALIDATED, _rate(period)
        return result

    return compute


def companies_with_sales(period, by=None) -> ind.Result:
    result = ind.measure(_source(_answers("sales", period).filter(number__gt=0), counted=True), by)
    result.provenance, result.response_rate = ind.VALIDATED, _rate(period)
    return result


DEFINITIONS = (
    (
        "survey.sales",
        ind.EUR,
        _("Sales declared by the companies"),
        _(
            "Sales of the year declared by the companies in the annual survey and validated by staff; "
            "shown with the survey's response rate."
        ),
        _declared("sales"),
        80,
    ),
    (
        "survey.export_sales",
        ind.EUR,
        _("Export sales declared by the companies"),
        _(
            "Sales outside France of the year declared by the companies in the annual survey and "
            "validated by staff; shown with the survey's response rate."
        ),
        _declared("export_sales"),
        81,
    ),
    (
        "survey.companies_with_sales",
        ind.COUNT,
        _("Companies with sales"),
        _("Companies whose validated survey answer declares sales above zero for the year."),
        companies_with_sales,
        82,
    ),
    (
        "survey.headcount",
        ind.COUNT,
        _("People employed by the companies"),
        _(
            "Headcount at 31 December declared by the companies in the annual survey and validated by "
            "staff (employment on site)."
        ),
        _declared("headcount"),
        83,
    ),
    (
        "survey.rd_staff",
        ind.COUNT,
        _("R&D staff of the companies"),
        _("People working in research and development at 31 December, declared in the annual survey."),
        _declared("rd_staff"),
        84,
    ),
    (
        "survey.funds_raised",
        ind.EUR,
        _("Funds raised declared by the companies"),
        _(
            "Equity raised during the year as declared by the companies in the annual survey (the "
            "programmes' milestones count only the companies they follow)."
        ),
        _declared("funds_raised"),
        85,
    ),
    (
        "survey.patents",
        ind.COUNT,
        _("Patents filed by the companies"),
        _("Priority patent filings of the year declared by the companies in the annual survey."),
        _declared("patents"),
        86,
    ),
)


def people_on_site(period, by=None) -> ind.Result:
    """The people on site on a date: on a 31 December whose survey campaign has validated
    headcounts, the organisations on site that answered count their declared headcount
    (validated, with the response rate); the other organisations on site, and every one on
    another date, count the headcount the directory holds today (estimated)."""
    day = period.end
    present = on_site(day)
    answers = Answer.objects.none()
    if day == date(day.year, 12, 31):
        answers = Answer.objects.filter(
            question__code="headcount",
            response__state=ResponseState.VALIDATED,
            response__campaign__year=day.year,
            number__isnull=False,
            response__organisation__in=present,
        )
    rest = present.filter(headcount__isnull=False).exclude(pk__in=answers.values("response__organisation"))
    estimated = ind.Source(
        "directory.organisation",
        rest,
        label="name",
        date="on_site_since",
        url=("directory:organisation_detail", "pk"),
        value="headcount",
        organisation=ind.SELF,
        groups=organisation_groups(ind.SELF),
    )
    result, (_declared, guessed) = ind.measure_all(_source(answers), estimated, by=by)
    if not result.records.counts()[0]:  # no answer: wholly estimated
        result.provenance = ind.ESTIMATED
        return result
    result.provenance, result.response_rate = ind.VALIDATED, _rate(period)
    result.estimated = guessed if guessed else None
    return result


PEOPLE_ON_SITE = (
    _(
        "On a 31 December whose annual survey has validated answers, the headcount at 31 December "
        "each organisation on site declared (validated by staff; shown with the survey's response "
        "rate). For the organisations on site without such an answer, and on any other date, "
        "estimated: the headcount the directory holds today for the organisation (the directory "
        "keeps no history), shown as the estimated part."
    ),
    ON_SITE,
)


def register() -> None:
    from django.utils.text import format_lazy

    ind.register(
        ind.Indicator(
            code="directory.people_on_site",  # the directory's figure, its declared part added here
            name=_("People on site"),
            definition=format_lazy("{} {}", *PEOPLE_ON_SITE),
            compute=people_on_site,
            unit=ind.COUNT,
            period_kind=ind.AT,
            breakdowns=(ind.BY_YEAR, *ORGANISATION_BREAKDOWNS),
            version=2,  # was: every organisation estimated at today's headcount
            order=13,
        )
    )
    for code, unit, name, definition, compute, order in DEFINITIONS:
        ind.register(
            ind.Indicator(
                code=code,
                name=name,
                definition=definition,
                unit=unit,
                period_kind=ind.YEAR,
                breakdowns=BREAKDOWNS,
                compute=compute,
                version=VERSION,
                order=order,
            )
        )
