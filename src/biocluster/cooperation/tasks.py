"""Background work of the cooperation area: drawing the dashboard's world map.

The dashboard enqueues it with what the map shows (`worldmap.svg_later`); the immediate
backend draws at once (tests, development), a `biocluster db_worker` process in the demo and
production, so that no page's request waits seconds for the renderer.
"""

from django.tasks import task


@task
def draw_map(shown: list, title: str, legend: str) -> int:
    """Draw the map of `shown` ([code, count] pairs) and keep it in the shared cache: its size."""
    from biocluster.core.charts import keep

    from . import worldmap

    rendered = worldmap.draw(shown, title, legend)
    keep(worldmap.key(shown, title, legend), rendered)
    return len(rendered)
