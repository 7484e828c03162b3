"""The product's charts: one Vega-Lite specification, rendered to SVG for pages and PNG for PDFs."""

import io
import re

import pytest
import time_machine
import vl_convert
from django.core.cache import cache, caches
from django.tasks import task_backends
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation
from reportlab.platypus import SimpleDocTemplate

from biocluster.core.charts import QUEUED_SECONDS, BarChart, drawn_later, keep


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def revenue():
    return BarChart("Revenue by month", [("2024-01", 1234.5), ("2024-02", 3)], unit="€", months=True)


def test_the_svg_draws_the_labels_and_values_its_table_shows():
    chart = BarChart("Hours used by instrument", [("Confocal", 12), ("Cytometer", 2.26)], unit="h")
    html = render_to_string("core/_chart.html", {"chart": chart})
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert {"Confocal", "Cytometer", "12 h", "2.3 h"} <= set(_texts(svg))
    assert '<th scope="row">Confocal</th><td class="number">12 h</td>' in html
    assert '<th scope="row">Cytometer</th><td class="number">2.3 h</td>' in html
    assert 'role="img" aria-label="Hours used by instrument"' in svg
    assert "style=" not in html  # the content security policy forbids style attributes


def test_months_and_numbers_are_written_in_the_active_language():
    with translation.override("fr"):
        html = render_to_string("core/_chart.html", {"chart": revenue()})
    svg = html[html.index("<svg") : html.index("</svg>")]
    # Months as core.formatting.month writes them on every page, on the axis and in the table alike.
    assert {"janv. 2024", "févr. 2024", "1\u202f234,5 €"} <= set(_texts(svg))
    assert "Jan" not in html and "2024-01" not in html
    assert '<th scope="row">janv. 2024</th><td class="number">1\u202f234,5 €</td>' in html
    with translation.override("en"):
        html = render_to_string("core/_chart.html", {"chart": revenue()})
    assert {"Jan 2024", "Feb 2024", "1,234.5 €"} <= set(
        _texts(html[html.index("<svg") : html.index("</svg>")])
    )
    assert "2024-01" not in html and '<th scope="row">Jan 2024</th>' in html


def test_months_keep_the_order_of_the_rows():
    chart = BarChart("Revenue by month", [("2024-11", 1), ("2024-12", 2), ("2025-01", 3)], months=True)
    texts = _texts(chart.svg())
    assert [t for t in texts if t.endswith(("2024", "2025"))] == ["Nov 2024", "Dec 2024", "Jan 2025"]


def test_a_rate_reads_as_the_pages_percent_filter_writes_it_in_both_languages():
    rate = BarChart("No-show rate", [("Companies", 0.11), ("Labs", 0.0534)], percent=True)
    for language, shown in (("en", ["11.0%", "5.3%"]), ("fr", ["11,0\xa0%", "5,3\xa0%"])):
        with translation.override(language):
            html = render_to_string("core/_chart.html", {"chart": rate})
            assert [bar.shown for bar in rate.bars] == shown
            assert set(shown) <= set(_texts(html[html.index("<svg") : html.index("</svg>")]))
            assert f'<td class="number">{shown[0]}</td>' in html
            assert "0.11" not in html and "0,110" not in html


def test_a_chart_is_rendered_once_then_served_from_the_cache(monkeypatch):
    calls = []
    render = vl_convert.vegalite_to_svg
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", lambda *a, **k: calls.append(1) or render(*a, **k))
    first = revenue().svg()
    assert revenue().svg() == first and len(calls) == 1
    with translation.override("fr"):
        revenue().svg()
    assert len(calls) == 2  # another language is another drawing


def test_a_fresh_process_is_served_what_another_drew(monkeypatch):
    """A map or chart drawn by one worker is not drawn again by the next (seconds when loaded)."""
    first = revenue().svg()
    caches["local"].clear()  # as in a process started since
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", lambda *a, **k: pytest.fail("drawn again"))
    assert revenue().svg() == first


def test_the_title_is_escaped_in_the_image_name():
    svg = BarChart('<img src="/etc/passwd"> & co', [("a", 1)]).svg()
    assert "<img" not in svg and "&lt;img src=&quot;/etc/passwd&quot;&gt; &amp; co" in svg


def test_a_chart_without_bars_says_so_instead_of_drawing():
    html = render_to_string("core/_chart.html", {"chart": BarChart("Funnel", [], empty="Nothing yet.")})
    assert "<svg" not in html and "Nothing yet." in html


def test_the_same_chart_goes_into_a_pdf():
    chart = BarChart("Companies accredited per year", [("2019", 3), ("2020", 10)], columns=True)
    assert chart.png().startswith(b"\x89PNG")
    image = chart.flowable(max_width=400)
    assert 0 < image.drawWidth < 400 and 0 < image.drawHeight < 400  # its own size, not stretched
    wide = BarChart("Hours", [("Confocal", 12)]).flowable(max_width=200)
    assert wide.drawWidth == 200  # narrowed to the column
    pdf = io.BytesIO()
    SimpleDocTemplate(pdf).build([image])
    assert pdf.getvalue().startswith(b"%PDF") and b"/Subtype /Image" in pdf.getvalue()


def test_a_value_reads_as_the_pages_number_filter_writes_it():
    chart = BarChart("Hours used", [("Confocal", 1234.5), ("Cytometer", 12)], unit="h")
    for language in ("en", "fr"):
        with translation.override(language):
            cards = Template("{% load formatting %}{{ a|number:1 }} h|{{ b|number:0 }} h").render(
                Context({"a": 1234.5, "b": 12})
            )
            assert [bar.shown for bar in chart.bars] == cards.split("|")


def test_a_chart_already_drawn_is_served_without_building_its_specification(monkeypatch):
    """Altair takes about a tenth of a second a specification: a dashboard of rows with a
    trend each paid it on every row, drawn or not. The cache is keyed by what the chart shows."""
    chart = BarChart("Companies", [("2024", 3), ("2025", 4)], columns=True)
    first = chart.svg()
    with translation.override("fr"):
        french = chart.svg()

    def built_again(self):
        raise AssertionError("the specification was built again")

    monkeypatch.setattr(BarChart, "spec", built_again)
    assert BarChart("Companies", [("2024", 3), ("2025", 4)], columns=True).svg() == first
    with translation.override("fr"):
        assert chart.svg() == french
    with pytest.raises(AssertionError):
        BarChart("Companies", [("2024", 3), ("2025", 5)], columns=True).svg()  # other figures: drawn


def test_a_drawing_asked_of_the_worker_is_asked_once_and_again_if_it_never_came():
    asked = []

    def enqueue():
        asked.append(1)

    with time_machine.travel("2026-01-05 10:00 +00:00", tick=False) as clock:
        assert drawn_later("chart:test", enqueue) is None
        assert drawn_later("chart:test", enqueue) is None  # another page meanwhile
        assert asked == [1]
        clock.shift(QUEUED_SECONDS + 1)  # the worker was stopped: asked again
        assert drawn_later("chart:test", enqueue) is None and asked == [1, 1]
        keep("chart:test", "<svg>drawn</svg>")
        assert drawn_later("chart:test", enqueue) == "<svg>drawn</svg>" and asked == [1, 1]


def test_a_chart_drawn_later_is_drawn_by_the_task_in_the_page_s_language(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    chart = BarChart(
        "Revenue by month", [("2024-01", 1234.5), ("2024-02", 3)], unit="€", months=True, later=True
    )
    with translation.override("fr"):
        html = render_to_string("core/_chart.html", {"chart": chart})
        assert "<svg" not in html and 'class="drawing"' in html and "janv. 2024" in html  # its table
    (queued,) = task_backends["default"].results
    assert queued.args[0] == "fr"
    queued.task.call(*queued.args, **queued.kwargs)
    caches["local"].clear()  # the page's process reads what the worker drew
    with translation.override("fr"):
        assert chart.svg() == BarChart(**chart.fields()).svg() and "janv." in chart.svg()


@pytest.mark.django_db
def test_a_page_never_draws_a_chart_it_asks_the_worker_and_fetches_the_drawing(client, settings):
    """Drawing took 0.15 to 1 s in the request whenever a page showed a chart not drawn yet (and
    a public page's filters make new ones at will): a page now shows that it is being drawn, asks
    again every two seconds, and gets the drawing once the worker has made it."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    chart = revenue()  # not `later`: every chart on a page is
    html = render_to_string("core/_chart.html", {"chart": chart})
    fetch = f'hx-get="/charts/{chart.digest}/?try=1"'
    assert "<svg" not in html and fetch in html and 'hx-trigger="load delay:2s"' in html
    waiting = client.get(f"/charts/{chart.digest}/", {"try": 1}).content.decode()
    assert "<svg" not in waiting and f'hx-get="/charts/{chart.digest}/?try=2"' in waiting
    (queued,) = task_backends["default"].results  # once, however many times the page asked
    queued.task.call(*queued.args, **queued.kwargs)
    caches["local"].clear()
    drawing = client.get(f"/charts/{chart.digest}/", {"try": 2}).content.decode()
    assert drawing.startswith("<svg") and drawing == chart.svg()
    assert "<svg" in render_to_string("core/_chart.html", {"chart": chart})


@pytest.mark.django_db
def test_the_drawing_is_asked_for_a_minute_then_the_page_says_to_reload(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    digest = revenue().digest
    last = client.get(f"/charts/{digest}/", {"try": 30}).content.decode()
    assert "hx-get" not in last and "Reload the page" in last
    assert 'hx-get="/charts/' in client.get(f"/charts/{digest}/", {"try": "x"}).content.decode()
    assert client.get("/charts/not-a-digest/").status_code == 404
