"""The annual activity report of a year, read from its snapshot only (never live values).

`report_data` gathers, in one language, the sections (staff-written text) and the figures
each inserts (value, the year before, the change, a chart over the frozen years); the web
version renders it, `report_pdf` typesets it with Typst (`report.typ`, data as JSON, charts
as SVG files from core.charts).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core import indicators as ind
from biocluster.core.charts import BarChart
from biocluster.core.typesetting import render_pdf
from biocluster.indicators.templatetags.indicators import in_unit

from .models import FrozenValue, Section, Snapshot

TEMPLATE = Path(__file__).with_name("report.typ")
LANGUAGES = ("en", "fr")
TREND_YEARS = 5


def plain(value):
    """A frozen value as people read it: 15, not 15.000000."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value.normalize()


def shown(value, unit: str) -> str:
    return in_unit(plain(value), unit)


def note(value: FrozenValue) -> str:
    """What a figure not computed from the records is (declared, validated...), with the survey's
    response rate: "" for a computed one."""
    parts = []
    if value.provenance != ind.COMPUTED:
        parts.append(str(ind.PROVENANCES.get(value.provenance, value.provenance)))
    if value.response_rate is not None:
        parts.append(_("response rate %(rate)s") % {"rate": formatting.percent(value.response_rate)})
    if value.estimated:
        parts.append(
            _("of which estimated for the rest: %(part)s") % {"part": shown(value.estimated, value.unit)}
        )
    return "; ".join(parts)


def change(after, before, unit: str) -> str:
    """After minus before, signed, in the unit (points for a percentage)."""
    if after is None or before is None:
        return "—"
    delta = Decimal(after) - Decimal(before)
    sign = "+" if delta > 0 else "-" if delta < 0 else ""
    if unit == ind.PERCENT:
        points = formatting.number(round(abs(delta) * 100, 1))
        return sign + _("%(number)s points") % {"number": points}
    return sign + in_unit(plain(abs(delta)), unit)


@dataclass
class ReportFigure:
    value: FrozenValue
    previous: FrozenValue | None
    url: str
    trend: list[FrozenValue] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.value.name

    @property
    def shown(self) -> str:
        return shown(self.value.value, self.value.unit)

    @property
    def note(self) -> str:
        return note(self.value)

    @property
    def previous_shown(self) -> str:
        return shown(self.previous.value, self.previous.unit) if self.previous else "—"

    @property
    def change(self) -> str:
        return change(self.value.value, self.previous.value if self.previous else None, self.value.unit)

    def chart(self) -> BarChart:
        percent = self.value.unit == ind.PERCENT
        unit = {ind.EUR: "€", ind.HOURS: "h", ind.M2: "m²"}.get(self.value.unit, "")
        return BarChart(
            self.name,
            [(str(row.snapshot.year), plain(row.value) or 0) for row in self.trend],
            unit=unit,
            percent=percent,
            columns=True,
            label_heading=_("Year"),
        )


@dataclass
class ReportSection:
    section: Section
    figures: list[ReportFigure]

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.section.body.split("\n\n") if part.strip()]

    @property
    def display(self) -> str:
        return self.section.display


def sections(snapshot: Snapshot) -> list[ReportSection]:
    """The report's sections in order, each with its figures from the snapshot."""
    values = {row.code: row for row in snapshot.values.all()}
    previous = {
        row.code: row
        for row in FrozenValue.objects.filter(snapshot__year=snapshot.year - 1).select_related("snapshot")
    }
    charted = {
        code
        for section in snapshot.sections.all()
        if section.display == Section.CHART
        for code in section.codes
    }
    trends: dict[str, list[FrozenValue]] = {code: [] for code in charted}
    rows = FrozenValue.objects.filter(
        code__in=charted, snapshot__year__lte=snapshot.year, snapshot__year__gt=snapshot.year - TREND_YEARS
    ).select_related("snapshot")
    for row in sorted(rows, key=lambda row: row.snapshot.year):
        trends[row.code].append(row)
    result = []
    for section in snapshot.sections.all():
        figures = [
            ReportFigure(
                values[code],
                previous.get(code),
                reverse("publishing:figure", args=[values[code].pk]),
                trends.get(code, []),
            )
            for code in section.codes
            if code in values
        ]
        result.append(ReportSection(section, figures))
    return result


def _labels() -> dict[str, str]:
    return {
        "indicator": _("Indicator"),
        "value": _("Value"),
        "previous": _("Year before"),
        "change": _("Change"),
        "page": _("Page"),
    }


def report_data(snapshot: Snapshot, *, base_url: str = "") -> tuple[dict, dict[str, str]]:
    """The report's data for Typst in the active language, and its chart files (SVG by name)."""
    files: dict[str, str] = {}
    data_sections = []
    for number, section in enumerate(sections(snapshot)):
        figures = []
        for index, figure in enumerate(section.figures):
            chart = None
            if section.display == Section.CHART:
                chart = f"chart-{number}-{index}.svg"
                files[chart] = str(figure.chart().svg())
            figures.append(
                {
                    "code": figure.value.code,
                    "name": figure.name,
                    "shown": figure.shown,
                    "note": figure.note,
                    "previous": figure.previous_shown,
                    "change": figure.change,
                    "records": figure.value.records_count,
                    "url": base_url + figure.url,
                    "chart": chart,
                }
            )
        data_sections.append(
            {
                "title": section.title,
                "paragraphs": section.paragraphs,
                "display": section.display,
                "figures": figures,
            }
        )
    published = (
        _("Figures published on %(day)s.") % {"day": formatting.day(snapshot.published_at)}
        if snapshot.is_published
        else _("Draft: the figures of this snapshot are not published.")
    )
    data = {
        "lang": translation.get_language()[:2],
        "title": _("Annual activity report %(year)s") % {"year": snapshot.year},
        "subtitle": _("At the end of December %(year)s") % {"year": snapshot.year},
        "note": _(
            "Every figure is computed from the cluster's records and frozen on %(day)s; "
            "each links to the records behind it."
        )
        % {"day": formatting.day(snapshot.frozen_at)},
        "published": published,
        "sections": data_sections,
        "labels": _labels(),
    }
    return data, files


def report_pdf(snapshot: Snapshot, language: str, *, base_url: str = "") -> bytes:
    """The print-quality PDF of the report in `language` ("fr" or "en")."""
    if language not in LANGUAGES:
        raise ValueError(language)
    with translation.override(language):
        data, files = report_data(snapshot, base_url=base_url)
    return render_pdf(TEMPLATE.read_text(encoding="utf-8"), data, files=files)
