"""Core's background work: drawing the charts a page asked for (`charts.drawn_later`).

Enqueued by the page with what makes the chart (JSON); the immediate backend draws at once
(tests, development), a `biocluster db_worker` process in the demo and production.
"""

from django.tasks import task
from django.utils import translation


@task
def draw_chart(language: str, fields: dict) -> int:
    """Draw a bar chart in the page's language and keep it in the shared cache: the size of its SVG."""
    from .charts import BarChart

    with translation.override(language):
        return len(BarChart(**fields).svg())
