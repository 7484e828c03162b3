"""The calendar grid's rows for the templates (platforms/grid_html.py writes them)."""

from django import template
from django.utils.safestring import mark_safe

from ..grid_html import rows_html

register = template.Library()


@register.simple_tag
def calendar_rows(grid, can_book) -> str:
    """Every <tr> of the grid: the time, then each shown cell."""
    return mark_safe(rows_html(grid, can_book))
