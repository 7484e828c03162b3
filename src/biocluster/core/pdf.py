"""Text for reportlab PDFs.

reportlab's `Paragraph` reads its text as markup: a user's text with a tag makes the
build fail, and `<img src=...>` would embed a file of the server. Every text a person
entered reaches a PDF through `pdf_text` or `paragraph`.
"""

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from reportlab.platypus import Paragraph


def pdf_text(value) -> str:
    """The value as reportlab markup that shows it literally; line breaks are kept."""
    return escape(str(value if value is not None else "")).replace("\n", "<br/>")


def paragraph(value, style) -> "Paragraph":
    from reportlab.platypus import (
        Paragraph,
    )  # heavy: imported on first use

    return Paragraph(pdf_text(value), style)
