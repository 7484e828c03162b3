"""The calendar grid written as HTML in Python: a week is 7 x 24 cells, and a template per cell
(or Django's escaping of every value) cost more than everything else on the page (issue 11).

Only text a person typed (names, closure reasons) and translations are escaped: the days,
clocks and URLs of a cell are made of digits and of the project's own paths.
"""

import functools
import html
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core.indicators import record_url

from . import calendar, timeutils


def escape(text) -> str:
    """`django.utils.html.escape` without its lazy-string wrapper (30 calls a page)."""
    return html.escape(str(text))


def _words(can_book: bool) -> dict:
    return _words_in(get_language(), can_book)


@functools.lru_cache(maxsize=64)
def _words_in(language: str | None, can_book: bool) -> dict:
    """The grid's words in `language`: five translations looked up once per process, not per page."""
    with translation.override(language):
        return {
            "maintenance": escape(_("Maintenance")),
            "booked": escape(_("Booked")),
            "awaiting": escape(_("awaiting approval")),
            "turnover": escape(_("turnover")),
            # Filled in with a day and a clock: nothing to escape in them.
            "book": escape(_("Book %(day)s at %(time)s")) if can_book else "",
        }


def _free(day: str, clock: str, end_clock: str, book: str, book_url: str) -> str:
    link = ""
    if book:
        label = book % {"day": day, "time": clock}
        link = f'<a href="{book_url}?date={day}&amp;start={clock}" aria-label="{label}" tabindex="-1">+</a>'
    return f'<td class="free" data-day="{day}" data-start="{clock}" data-end="{end_clock}">{link}</td>'


def _cell(cell, words: dict) -> str:
    kind = cell.kind
    if kind == "free":
        return _free(cell.day, cell.clock, cell.end_clock, words["book"], cell.book_url)
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


def _table(columns, rows: str, *, can_book: bool, book_url: str, slot: int) -> str:
    """The week (or day) table of one instrument: `columns` are (day, reason it is closed)."""
    heads, language = [], get_language()
    for day, closed_reason in columns:
        reason = f"<br><small>{escape(closed_reason)}</small>" if closed_reason else ""
        heads.append(
            f'<th scope="col">{escape(day_label(day, weekday=True, year=False, language=language))}{reason}</th>'
        )
    return mark_safe(
        '<div class="overflow-auto">\n'
        f'<table class="calendar" data-book-url="{book_url if can_book else ""}" data-slot="{slot}">\n'
        f'  <thead><tr><th scope="col"><span class="visually-hidden">{escape(_("Time"))}</span></th>'
        f"{''.join(heads)}</tr></thead>\n  <tbody>\n  {rows}\n  </tbody>\n</table>\n</div>"
    )


def instrument_table(grid, *, can_book: bool, book_url: str) -> str:
    """The table of a grid built cell by cell for one instrument (`calendar.build`): the reference
    that `week_table`, which the page uses, is tested against."""
    columns = [(column.day, column.closed_reason) for column in grid.columns]
    return _table(
        columns, rows_html(grid, can_book), can_book=can_book, book_url=book_url, slot=grid.slot_minutes
    )


# Where a free cell's booking address goes in a remembered week: escaped text never holds "<".
_BOOK_URL = "<\x00>"
# Instants before and after every week: the slots' kinds are then the same whatever the time.
_BEFORE, _AFTER = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Slots:
    """A week's (or day's) slots before its bookings: each day's kinds and cells, the rows' times."""

    times: tuple[str, ...]
    kinds: tuple[tuple[str, ...], ...]
    cells: tuple[tuple[str, ...], ...]


def _slots(shape: tuple, now: datetime) -> _Slots:
    zone, slot, minutes, days, hours, shut, down, down_until, can_book, language = shape
    tz = ZoneInfo(zone)
    hours = [calendar.Hours(*row) for row in hours]
    starts_of = calendar.slot_starts_of(list(days), minutes, tz)
    kinds = calendar.column_kinds(list(days), starts_of, slot, tz, now, hours, shut, down, down_until)
    free = _words_in(language, can_book)["book"]  # the key's language: what is kept is what it says
    clocks, end_clocks = calendar.slot_clocks(minutes)
    cells = []
    for day, column in zip(days, kinds, strict=True):
        iso = day.isoformat()
        cells.append(
            tuple(
                _free(iso, clock, end_clock, free, _BOOK_URL)
                if kind == "free"
                else f'<td class="{kind}"></td>'
                for kind, clock, end_clock in zip(column, clocks, end_clocks, strict=True)
            )
        )
    return _Slots(tuple(clocks), tuple(map(tuple, kinds)), tuple(cells))


# A week's slots depend on the instrument's hours, closures and breakdown, not on which
# instrument it is: the instruments of a platform usually share their hours, and a week wholly
# before or after now is the same at every request (issue 11: building them cost more than
# everything else on the page). About 50 kB each (measured), so at most 13 MB a process.
_remembered_slots = functools.lru_cache(maxsize=256)(_slots)


def week_table(week, days: list, *, user, sees_names, can_book: bool, book_url: str) -> str:
    """The table of `week` (`calendar.week_for_page`) on these days: what
    `instrument_table(calendar.build(...))` writes, from remembered slots when it can."""
    instrument = week.instrument
    pk, tz = instrument.pk, instrument.platform.tz
    slot, minutes = calendar.grid_minutes([instrument], days, week.bookings, {pk: week.hours})
    shape = (
        tz.key,
        slot,
        minutes,
        tuple(days),
        tuple((row.weekday, row.opens, row.closes) for row in week.hours),
        tuple((pk, day) in week.closed or not instrument.is_active for day in days),
        pk in week.down,
        week.down.get(pk),
        bool(can_book),
        get_language(),
    )
    now = timezone.now()
    if now < timeutils.at(days[0], timeutils.MIDNIGHT, tz):
        slots = _remembered_slots(shape, _BEFORE)
    elif now >= timeutils.at(days[-1] + timedelta(days=1), timeutils.MIDNIGHT, tz):
        slots = _remembered_slots(shape, _AFTER)
    else:
        slots = _slots(shape, now)
    kinds_of = {(pk, day): list(kinds) for day, kinds in zip(days, slots.kinds, strict=True)}
    heads_of = calendar.place(week.bookings, kinds_of, days, minutes, tz, user, sees_names)
    words = _words(bool(can_book))
    columns = []
    for day, cells in zip(days, slots.cells, strict=True):
        heads = heads_of.get((pk, day))
        if heads:
            cells = list(cells)
            for row, kind in enumerate(kinds_of[(pk, day)]):
                if kind == "covered":
                    cells[row] = ""
                elif row in heads:
                    cells[row] = _cell(heads[row], words)
        columns.append(cells)
    rows = "\n".join(
        f'<tr><th scope="row">{time}</th>{"".join(cells)}</tr>'
        for time, *cells in zip(slots.times, *columns, strict=True)
    )
    return _table(
        [(day, week.closed.get((pk, day), "")) for day in days],
        rows.replace(_BOOK_URL, book_url),
        can_book=can_book,
        book_url=book_url,
        slot=slot,
    )
