"""The badge of a registration: an A6 PDF with the name, the event and a QR code.

The QR code encodes the URL of the event's check-in page with this badge's token, so a
staff member's phone (or a scanner typing into the check-in form) checks it in.
"""

import io

import segno
from django.urls import reverse
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import display
from .models import Registration


def check_in_url(registration: Registration, base: str = "") -> str:
    path = reverse("events:check_in", args=[registration.event_id])
    return f"{base}{path}?badge={registration.badge_token}"


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as filled squares: sharp at any print size, readable by any scanner."""
    qr = segno.make(text, error="m")
    rows = list(qr.matrix_iter(border=2))
    cell = size / len(rows)
    canvas.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(rows):
        for col_index, dark in enumerate(row):
            if dark:
                canvas.rect(
                    x + col_index * cell, y + size - (row_index + 1) * cell, cell, cell, stroke=0, fill=1
                )


def badge_pdf(registration: Registration, base: str = "") -> bytes:
    event = registration.event
    buffer = io.BytesIO()
    # Uncompressed: a badge is small, and its QR code stays checkable in the file itself.
    canvas = Canvas(buffer, pagesize=A6, pageCompression=0, invariant=1)
    canvas.setTitle(f"{registration.name} — {event.title}")
    width, height = A6
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawCentredString(width / 2, height - 18 * mm, registration.name[:40])
    canvas.setFont("Helvetica", 10)
    if registration.organisation:
        canvas.drawCentredString(width / 2, height - 25 * mm, str(registration.organisation)[:50])
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawCentredString(width / 2, height - 34 * mm, event.title[:60])
    canvas.setFont("Helvetica", 8)
    canvas.drawCentredString(width / 2, height - 39 * mm, display.event_when(event)[:80])
    size = 50 * mm
    draw_qr(canvas, check_in_url(registration, base), (width - size) / 2, 22 * mm, size)
    canvas.setFont("Courier", 7)
    canvas.drawCentredString(width / 2, 16 * mm, registration.badge_token)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
