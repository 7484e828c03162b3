"""A project's timeline: its work packages as bars and its deliverables and milestones as marks,
over the project's months (a Gantt chart in Vega-Lite, declared with Altair and rendered to SVG on
the server by vl-convert, as `core.charts` does; cached by its specification)."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from biocluster.core.charts import COLOUR, VEGA_LOCALES, _accessible, _digest, drawn

DELIVERABLE_COLOUR = "#b45309"
MILESTONE_COLOUR = "#047857"
ROW = 26
SPEC_VERSION = 1  # raised when spec() draws differently


@dataclass
class Timeline:
    title: str
    months: int
    work_packages: list[tuple[str, str, int, int]]  # (WP1, title, start month, end month)
    deliverables: list[tuple[str, str, int, int]] = field(
        default_factory=list
    )  # (D1.1, title, WP number, due month)
    milestones: list[tuple[str, str, int]] = field(default_factory=list)  # (MS1, title, month)

    @property
    def is_empty(self) -> bool:
        return not (self.work_packages or self.milestones)

    def rows(self) -> list[dict]:
        """What the chart draws, also given as a table beside it."""
        rows = [
            {
                "row": label,
                "what": title,
                "kind": _("Work package"),
                "start": start,
                "end": end + 1,
                "shown": f"M{start}-M{end}",
            }
            for label, title, start, end in self.work_packages
        ]
        rows += [
            {
                "row": f"WP{wp}",
                "what": f"{number} {title}",
                "kind": _("Deliverable"),
                "start": month + 0.5,
                "end": month + 0.5,
                "shown": f"M{month}",
            }
            for number, title, wp, month in self.deliverables
        ]
        rows += [
            {
                "row": _("Milestones"),
                "what": f"{number} {title}",
                "kind": _("Milestone"),
                "start": month + 0.5,
                "end": month + 0.5,
                "shown": f"M{month}",
            }
            for number, title, month in self.milestones
        ]
        return rows

    def spec(self) -> dict:
        import altair as alt  # heavy: imported on first use

        rows = self.rows()
        order = [f"WP{label[2:]}" for label, *_rest in self.work_packages]
        if self.milestones:
            order.append(_("Milestones"))
        scale = alt.Scale(domain=[1, self.months + 1], nice=False)
        axis = alt.Axis(title=_("Month of the project"), tickMinStep=1, format="d", grid=True)
        base = alt.Chart(alt.Data(values=rows)).encode(y=alt.Y("row:N", sort=order, title=None))
        bars = (
            base.transform_filter(alt.datum.kind == str(_("Work package")))
            .mark_bar(color=COLOUR, opacity=0.8, aria=False)
            .encode(x=alt.X("start:Q", scale=scale, axis=axis), x2="end:Q")
        )
        marks = (
            base.transform_filter(alt.datum.kind != str(_("Work package")))
            .mark_point(filled=True, size=90, aria=False)
            .encode(
                x=alt.X("start:Q", scale=scale),
                shape=alt.Shape("kind:N", title=None),
                color=alt.Color(
                    "kind:N",
                    title=None,
                    scale=alt.Scale(
                        domain=[str(_("Deliverable")), str(_("Milestone"))],
                        range=[DELIVERABLE_COLOUR, MILESTONE_COLOUR],
                    ),
                ),
            )
        )
        height = ROW * max(len(order), 1)
        chart = (bars + marks).properties(description=str(self.title), width=560, height=height)
        return chart.configure_view(stroke=None).configure_legend(orient="bottom").to_dict()

    def svg(self) -> SafeString:
        import vl_convert

        locale = VEGA_LOCALES.get((get_language() or "en")[:2], "en-GB")
        # Keyed by what the chart shows (building the specification with Altair costs as much as a
        # cached read should not): its rows, months, title and language, and the library's version.
        key = "euprojects:timeline:" + _digest(
            [self.rows(), self.months, str(self.title), SPEC_VERSION], locale
        )

        def draw():
            svg = vl_convert.vegalite_to_svg(self.spec(), format_locale=locale, time_format_locale=locale)
            return _accessible(svg, str(self.title))

        return mark_safe(drawn(key, draw))
