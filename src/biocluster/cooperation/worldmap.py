"""A world map of counts per country, in Vega-Lite (Altair), rendered to SVG on the server.

The shapes are world-atlas's 110m countries (TopoJSON, vendored in core's static files, read
from disk: no network), whose ids are ISO 3166 numeric codes; the directory keeps alpha-2
codes, mapped through Babel's CLDR territory aliases (numeric to alpha-2). Countries too
small for the 110m shapes (Singapore, Hong Kong) are not drawn: the table beside the map
lists every country with its figures, as core's charts do.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from biocluster.core.charts import drawn, drawn_later

SHAPES = Path(__file__).resolve().parent.parent / "core" / "static" / "vendor" / "countries-110m.json"
COLOURS = ["#bfdbfe", "#1e3a8a"]
LAND = "#e5e7eb"


@cache
def shapes() -> dict:
    return json.loads(SHAPES.read_text())


@cache
def numeric_codes() -> dict[str, str]:
    """ISO 3166 alpha-2 to the numeric code of world-atlas's ids ("FR" → "250")."""
    from babel.core import get_global

    drawn = {g.get("id") for g in shapes()["objects"]["countries"]["geometries"]}
    codes: dict[str, str] = {}
    for alias, targets in sorted(get_global("territory_aliases").items()):
        if not (alias.isdigit() and len(alias) == 3 and len(targets) == 1):
            continue
        # Old codes alias current ones too (280, West Germany, is DE): the map's own id wins.
        if targets[0] not in codes or (alias in drawn and codes[targets[0]] not in drawn):
            codes[targets[0]] = alias
    return codes


def drawn_codes() -> set[str]:
    """The alpha-2 codes of the countries the map draws."""
    ids = {g.get("id") for g in shapes()["objects"]["countries"]["geometries"]}
    return {alpha for alpha, numeric in numeric_codes().items() if numeric in ids}


def spec(counts: dict[str, int], title: str, legend: str) -> dict:
    """The map's Vega-Lite specification: `counts` per alpha-2 country code."""
    import altair as alt

    numeric = numeric_codes()
    rows = [
        {"id": numeric[code], "count": value} for code, value in counts.items() if code in numeric and value
    ]
    topo = alt.Data(values=shapes(), format=alt.DataFormat(type="topojson", feature="countries"))
    projection = {"type": "equalEarth"}
    land = (
        alt.Chart(topo)
        .mark_geoshape(fill=LAND, stroke="white", strokeWidth=0.5, aria=False)
        .project(**projection)
    )
    filled = (
        alt.Chart(topo)
        .mark_geoshape(stroke="white", strokeWidth=0.5, aria=False)
        .transform_lookup(lookup="id", from_=alt.LookupData(alt.Data(values=rows), "id", ["count"]))
        .transform_filter("isValid(datum.count)")
        .encode(color=alt.Color("count:Q", title=legend, scale=alt.Scale(range=COLOURS)))
        .project(**projection)
    )
    chart = alt.layer(land, filled).properties(width=640, height=330, description=title)
    return chart.configure_view(stroke=None).to_dict()


def _shown(counts) -> list[list]:
    """The counts a map shows, in order, as JSON (what the worker is given)."""
    return [[code, value] for code, value in sorted(dict(counts).items()) if value]


def key(shown: list, title: str, legend: str) -> str:
    """The map's cache key: a digest of all it shows (the counts, title and legend)."""
    import vl_convert

    payload = json.dumps([[list(row) for row in shown], str(title), str(legend), vl_convert.__version__])
    return "cooperation:map:" + hashlib.sha256(payload.encode()).hexdigest()


def draw(shown: list, title: str, legend: str) -> str:
    """The map rendered to an SVG element (seconds: the renderer, then the shapes)."""
    import vl_convert

    rendered = vl_convert.vegalite_to_svg(spec(dict(map(tuple, shown)), title, legend))
    return rendered.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)


def svg(counts: dict[str, int], title: str, legend: str) -> SafeString:
    """The map as an SVG element, drawn here if no process has drawn it yet (cached under
    what it shows: a map already drawn is served without building its specification again)."""
    shown = _shown(counts)
    return mark_safe(drawn(key(shown, title, legend), lambda: draw(shown, title, legend)))


def svg_later(counts: dict[str, int], title: str, legend: str) -> SafeString | None:
    """The map if a process has drawn it; else None, and the background worker asked to draw
    it (`cooperation.tasks.draw_map`): the page shows that it is being drawn."""
    from .tasks import draw_map

    shown, title, legend = _shown(counts), str(title), str(legend)
    rendered = drawn_later(key(shown, title, legend), lambda: draw_map.enqueue(shown, title, legend))
    return None if rendered is None else mark_safe(rendered)
