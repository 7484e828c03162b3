"""The calendar grid's rows, written in Python: a week is 7 x 24 cells, and including a
template per cell cost more than everything else on the page (issue 11)."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _cell(cell, can_book: bool, words: dict) -> str:
    if cell.kind == "free":
        link = ""
        if can_book:
            label = escape(_("Book %(day)s at %(time)s") % {"day": cell.day, "time": cell.clock})
            link = (
                f'<a href="{escape(cell.book_url)}?date={escape(cell.day)}&amp;start={escape(cell.clock)}" '
                f'aria-label="{label}" tabindex="-1">+</a>'
            )
        return (
            f'<td class="free" data-day="{escape(cell.day)}" data-start="{escape(cell.clock)}" '
            f'data-end="{escape(cell.end_clock)}">{link}</td>'
        )
    if cell.kind == "booking":
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
        inner = f'<span class="time">{escape(cell.span)}</span> {text}'
        if cell.label or cell.mine:
            url = reverse("platforms:booking_detail", args=[booking.pk])
            inner = f'<a href="{escape(url)}">{inner}</a>'
        return f'<td rowspan="{cell.rowspan}" class="{classes}">{inner}</td>'
    if cell.kind == "buffer":
        return f'<td rowspan="{cell.rowspan}" class="buffer"><small>{words["turnover"]}</small></td>'
    return f'<td class="{escape(cell.kind)}"></td>'


@register.simple_tag
def calendar_rows(grid, can_book) -> str:
    """Every <tr> of the grid: the time, then each shown cell (as platforms/_cell.html did)."""
    words = {
        "maintenance": escape(_("Maintenance")),
        "booked": escape(_("Booked")),
        "awaiting": escape(_("awaiting approval")),
        "turnover": escape(_("turnover")),
    }
    rows = []
    for label, cells in grid.rows:
        shown = "".join(_cell(cell, bool(can_book), words) for cell in cells if cell.is_shown)
        rows.append(f'<tr><th scope="row">{escape(label)}</th>{shown}</tr>')
    return mark_safe("\n".join(rows))
