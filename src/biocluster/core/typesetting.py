"""Documents typeset by Typst: reports and notices with real pagination, in print quality.

The `typst` wheel carries the compiler and its fonts: no system library, no browser,
nothing fetched. A document is a Typst template (the layout, written by us) and its data
(what people entered, figures): the data goes in as a JSON file that the template reads
with `json("data.json")`, so a person's text is always a string to Typst, never markup or
code (a name with `#` or `*` prints as typed). Charts go in as files (`core.charts`' SVG).

    pdf = render_pdf(TEMPLATE, {"title": report.title, "rows": rows}, files={"chart.svg": svg})

and in the template::

    #let data = json("data.json")
    = #data.title
    #image("chart.svg", width: 100%)
"""

import json
import tempfile
from pathlib import Path

DATA_FILE = "data.json"


def render_pdf(template: str, data: dict, files: dict[str, str | bytes] | None = None) -> bytes:
    """The PDF of `template` (Typst source) given `data` and extra `files` by name; raises
    `RuntimeError` (from typst) with the compiler's message when the template is wrong."""
    import typst  # heavy: imported on first use

    with tempfile.TemporaryDirectory(prefix="typeset-") as folder:
        root = Path(folder)
        (root / DATA_FILE).write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
        for name, content in (files or {}).items():
            path = root / Path(name).name  # no path of the server reaches a document
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        source = root / "main.typ"
        source.write_text(template, encoding="utf-8")
        return typst.compile(str(source), root=str(root), format="pdf")
