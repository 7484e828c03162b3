"""The calendar grid written as HTML in Python: a week is 7 x 24 cells, and a template per cell
(or Django's escaping of every value) cost more than everything else on the page (issue 11).

Only text a person typed (names, closure reasons) and translations are escaped: the days,
clocks and URLs of a cell are made of digits and of the project's own paths.
"""

import functools
import html

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.indicators import record_url


def escape(text) -> str:
    """`django.utils.html.escape` without its lazy-string wrapper (30 calls a page)."""
    return html.escape(str(text))


def _words(can_book: bool) -> dict:
    return {
        "maintenance": escape(_("Maintenance")),
        "booked": escape(_("Booked")),
        "awaiting": escape(_("awaiting approval")),
        "turnover": escape(_("turnover")),
        # Filled in with a day and a clock: nothing to escape in them.
        "book": escape(_("Book %(day)s at %(time)s")) if can_book else "",
    }


def _cell(cell, words: dict) -> str:
    kind = cell.kind
    if kind == "free":
        link = ""
        if words["book"]:
            label = words["book"] % {"day": cell.day, "time": cell.clock}
            link = (
                f'<a href="{cell.book_url}?date={cell.day}&amp;start={cell.clock}" '
                f'aria-label="{label}" tabindex="-1">+</a>'
            )
        return f'<td class="free" data-day="{cell.day}" data-start="{cell.clock}" data-end="{cell.end_clock}">{link}</td>'
    if kind == "booking":
        booking = cell.booking
        classes = f"booking {escape(booking.kind)} {escape(booking.status)}" + (" mine" if cell.mine else "")
        if booking.kind == "maintenance":
            text = words["maintenance"]
        elif cell.label:
            text = escape(cell.label)
        else:
            text = words["booked"]
        if booking.status == "requested":
            text += f" <small>({words['awaiting']})</small>"
        inner = f'<span class="time">{cell.span}</span> {text}'
        if cell.url:  # a session's room: its session's page
            inner = f'<a href="{escape(cell.url)}">{inner}</a>'
        elif cell.label or cell.mine:
            url = record_url("platforms:booking_detail", booking.pk)
            inner = f'<a href="{url}">{inner}</a>'
        return f'<td rowspan="{cell.rowspan}" class="{classes}">{inner}</td>'
    if kind == "buffer":
        return f'<td rowspan="{cell.rowspan}" class="buffer"><small>{words["turnover"]}</small></td>'
    return f'<td class="{kind}"></td>'


def rows_html(grid, can_book) -> str:
    words = _words(bool(can_book))
    rows = []
    for label, cells in grid.rows:
        shown = "".join(_cell(cell, words) for cell in cells if cell.kind != "covered")
        rows.append(f'<tr><th scope="row">{label}</th>{shown}</tr>')
    return "\n".join(rows)


@functools.lru_cache(maxsize=4096)
def day_label(day, *, weekday: bool, year: bool, language: str | None) -> str:
    """`formatting.day`, kept: a grid's seven headings cost more through Babel than its cells."""
    return formatting.day(day, weekday=weekday, year=year, language=language)


def instrument_table(grid, *, can_book: bool, book_url: str) -> str:
    """The week (or day) table of one instrument, as platforms/instrument_calendar.html showed it."""
    heads = []
    for column in grid.columns:
        reason = f"<br><small>{escape(column.closed_reason)}</small>" if column.closed_reason else ""
        heads.append(
            f'<th scope="col">{escape(day_label(column.day, weekday=True, year=False, language=get_language()))}{reason}</th>'
        )
    return mark_safe(
        '<div class="overflow-auto">\n'
        f'<table class="calendar" data-book-url="{book_url if can_book else ""}" data-slot="{grid.slot_minutes}">\n'
        f'  <thead><tr><th scope="col"><span class="visually-hidden">{escape(_("Time"))}</span></th>'
        f"{''.join(heads)}</tr></thead>\n  <tbody>\n  {rows_html(grid, can_book)}\n  </tbody>\n</table>\n</div>"
    )
