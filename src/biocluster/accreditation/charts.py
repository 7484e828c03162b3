"""A column chart of accreditations per year, drawn as SVG on the server (no script, no inline style)."""

from .register import YearCount

COLUMN = 22  # width given to each year, in SVG units
PLOT_HEIGHT = 160
TOP = 16  # room for the value above the tallest column
LEFT = 8


def year_chart(title: str, counts: list[YearCount]) -> dict:
    top = max((row.count for row in counts), default=0) or 1
    columns = []
    for index, row in enumerate(counts):
        height = round(row.count / top * PLOT_HEIGHT, 1)
        x = LEFT + index * COLUMN
        columns.append(
            {
                "label": row.label,
                "short_label": row.label[-2:],
                "value": row.count,
                "x": x,
                "centre": x + (COLUMN - 4) / 2,
                "y": round(TOP + PLOT_HEIGHT - height, 1),
                "height": height,
                "value_y": round(TOP + PLOT_HEIGHT - height - 3, 1),
            }
        )
    return {
        "title": title,
        "columns": columns,
        "total": sum(row.count for row in counts),
        "width": LEFT * 2 + len(counts) * COLUMN,
        "height": TOP + PLOT_HEIGHT + 20,
        "baseline": TOP + PLOT_HEIGHT,
        "label_y": TOP + PLOT_HEIGHT + 14,
        "bar_width": COLUMN - 4,
    }
