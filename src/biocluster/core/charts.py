"""The product's one kind of chart: labelled bars, declared as Vega-Lite with Altair.

The same specification is rendered to SVG for pages and to PNG for PDFs by vl-convert,
on the server, offline (its JavaScript engine and the system fonts, no browser). The chart's
value labels, its category labels (months by core.formatting.month) and its data table are
the same strings, formatted once in Python in the active language.
"""

import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import caches
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import formatting

# d3 locales (vl-convert ships them) for each language of the product.
VEGA_LOCALES = {"en": "en-GB", "fr": "fr-FR"}
COLOUR = "#2563eb"
CACHE_SECONDS = 24 * 3600
SVG_KEY = "chart:svg:"  # then the digest of what a drawing shows (`BarChart.digest`)
QUEUED_SECONDS = 300  # a drawing asked of the worker and not come by then is asked again
STEP = 22  # room given to each bar or column
SPEC_REVISION = 1  # raised when BarChart.spec draws differently: renderings are cached by their inputs


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the chart's label and the table both print it


@dataclass
class BarChart:
    """Bars of labelled values. `rows` are (label, value); with `months`, labels are "YYYY-MM"
    (shown as core.formatting.month writes them); with `percent`, values are ratios."""

    title: str
    rows: Iterable[tuple[str, float]]
    unit: str = ""
    months: bool = False
    columns: bool = False  # vertical columns (years), instead of horizontal bars
    decimals: int = 1  # at most, for values that are not whole
    percent: bool = False  # values are ratios (0.11), shown as the pages' percent filter shows them
    empty: str = field(default_factory=lambda: _("No data yet."))
    label_heading: str = field(default_factory=lambda: _("Item"))
    later: bool = False  # drawn by the background worker when no process has drawn it (`drawn_later`)

    def __post_init__(self):
        self.rows = [(str(label), float(value or 0)) for label, value in self.rows]

    @property
    def value_heading(self) -> str:
        return self.unit or ("%" if self.percent else _("Value"))

    @property
    def bars(self) -> list[Bar]:
        return [Bar(self._label(label), value, self._shown(value)) for label, value in self.rows]

    def _label(self, label: str) -> str:
        if not self.months:
            return label
        return formatting.month(date.fromisoformat(f"{label}-01"))

    def _shown(self, value: float) -> str:
        if self.percent:
            return formatting.percent(value, decimals=self.decimals)
        places = 0 if value == int(value) else self.decimals
        # The same function as the pages' `number` filter: the cards beside a chart read alike.
        return f"{formatting.number(round(value, places), decimals=places)} {self.unit}".strip()

    def spec(self) -> dict:
        data = [
            {"label": bar.label, "value": value, "shown": bar.shown}
            for bar, (_l, value) in zip(self.bars, self.rows, strict=True)
        ]
        import altair as alt  # imported on first use, as vl_convert: heavy, and few pages draw

        base = alt.Chart(alt.Data(values=data))
        if self.columns:
            base = base.encode(x=self._category(alt.X, labelAngle=0), y=self._value(alt.Y))
            text = base.mark_text(baseline="bottom", dy=-2, aria=False)
            size = {"width": alt.Step(STEP + 8), "height": 160}
        else:
            base = base.encode(y=self._category(alt.Y), x=self._value(alt.X))
            text = base.mark_text(align="left", dx=3, aria=False)
            size = {"width": 400, "height": alt.Step(STEP)}
        chart = base.mark_bar(color=COLOUR, aria=False) + text.encode(text="shown:N")
        return chart.properties(description=str(self.title), **size).configure_view(stroke=None).to_dict()

    def _inputs(self) -> list:
        """What the specification is made of, in the active language (the bars' labels and
        shown values): a rendering is cached under these, so that a page showing a chart
        already drawn does not build its specification again (Altair takes ~0.1 s a chart).
        Raise SPEC_REVISION when `spec` changes."""
        bars = [(bar.label, value, bar.shown) for bar, (_l, value) in zip(self.bars, self.rows, strict=True)]
        return [SPEC_REVISION, str(self.title), bars, self.unit, self.columns, self.percent]

    def fields(self) -> dict:
        """What makes the chart again elsewhere (the background worker), as JSON."""
        return {
            "title": str(self.title),
            "rows": [[label, value] for label, value in self.rows],
            "unit": str(self.unit),
            "months": self.months,
            "columns": self.columns,
            "decimals": self.decimals,
            "percent": self.percent,
        }

    def _category(self, channel, **axis):
        import altair as alt

        # Months too are labels written once in Python (core.formatting.month), in the rows' order:
        # the axis and the table read the same words.
        return channel("label:N", sort=None, title=None, axis=alt.Axis(**axis))

    def _value(self, channel):
        import altair as alt

        if self.percent:
            return channel("value:Q", title=None, axis=alt.Axis(grid=False, format="~%"))
        return channel("value:Q", title=str(self.unit) or None, axis=alt.Axis(grid=False))

    @property
    def digest(self) -> str:
        """What names the drawing in the active language (its cache key after `SVG_KEY`)."""
        return _digest(self._inputs(), _locale())

    def svg(self) -> SafeString:
        """The chart as an SVG element (cached: a render costs a tenth of a second or more):
        drawn now, unless `later` (then `on_page`)."""
        if self.later:
            return self.on_page()
        import vl_convert

        locale = _locale()
        key = SVG_KEY + self.digest

        def draw():
            svg = vl_convert.vegalite_to_svg(self.spec(), format_locale=locale, time_format_locale=locale)
            return _accessible(svg, str(self.title))

        return mark_safe(drawn(key, draw))

    def on_page(self) -> SafeString:
        """The drawing if a process has drawn it, else "" and the background worker asked to draw
        it: a page never waits for a drawing (core/_chart.html shows that it is being drawn and
        fetches it from `core.views.chart_drawing`). PDFs and files call `svg` and wait."""
        from .tasks import draw_chart

        language = get_language() or "en"
        fields = self.fields()
        return mark_safe(
            drawn_later(SVG_KEY + self.digest, lambda: draw_chart.enqueue(language, fields)) or ""
        )

    def png(self, scale: float = 2) -> bytes:
        """The same chart as a PNG, for reportlab (which does not read SVG)."""
        import vl_convert

        locale = _locale()
        key = f"chart:png:{scale}:" + _digest(self._inputs(), locale)
        return drawn(
            key,
            lambda: vl_convert.vegalite_to_png(
                self.spec(), scale=scale, format_locale=locale, time_format_locale=locale
            ),
        )

    def flowable(self, max_width: float, scale: float = 2):
        """A reportlab image of the chart at its own size (a pixel a point), narrowed to `max_width`."""
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image

        png = self.png(scale)
        pixels_wide, pixels_high = ImageReader(io.BytesIO(png)).getSize()
        width = min(pixels_wide / scale, max_width)
        return Image(io.BytesIO(png), width=width, height=width * pixels_high / pixels_wide)


def stored(key: str) -> str | None:
    """A drawing kept under `key`: this process's cache, then the shared one (kept here once read)."""
    rendered = caches["local"].get(key)
    if rendered is None:
        rendered = caches["default"].get(key)
        if rendered is not None:
            caches["local"].set(key, rendered, CACHE_SECONDS)
    return rendered


def keep(key: str, rendered) -> None:
    """Keep a drawing where every process finds it (`stored`)."""
    caches["default"].set(key, rendered, CACHE_SECONDS)
    caches["local"].set(key, rendered, CACHE_SECONDS)


def drawn(key: str, draw):
    """What `draw()` renders, under `key`, a digest of all it shows: this process's cache, then
    the shared one (so that a fresh process, or another worker, need not draw it again: a map
    takes seconds on a loaded machine), and drawn only when neither has it."""
    rendered = stored(key)
    if rendered is None:
        rendered = draw()
        keep(key, rendered)
    return rendered


def drawn_later(key: str, enqueue: Callable[[], object]) -> str | None:
    """The drawing under `key` if a process has drawn it; else None, and the background worker
    asked to draw it (`enqueue()`, which enqueues a task that draws and `keep`s it): once, however
    many pages ask meanwhile, and again only if it has not come after QUEUED_SECONDS (a worker
    that failed or was stopped). A page shows that it is being drawn and asks again later.

    Starting the renderer and drawing a map take seconds on a loaded machine (the renderer holds
    the interpreter's lock while it starts): the worker pays for them, not a page's request. With
    the immediate backend (tests, development without a worker) the drawing is there at once.
    """
    rendered = stored(key)
    if rendered is None and caches["default"].add(f"{key}:queued", True, QUEUED_SECONDS):
        enqueue()
        rendered = stored(key)
    return rendered


def _locale() -> str:
    return VEGA_LOCALES.get((get_language() or "en")[:2], "en-GB")


def _digest(spec: dict, locale: str) -> str:
    import vl_convert

    payload = json.dumps([spec, locale, vl_convert.__version__], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _accessible(svg: str, title: str) -> str:
    """One image with a name for assistive technology; the table beside it carries the figures."""
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
