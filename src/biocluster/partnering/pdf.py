"""A participant's agenda as a PDF (reportlab), in the active language and the event's time zone."""

from io import BytesIO

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from biocluster.core.pdf import paragraph

from . import agenda
from .models import Profile


def agenda_pdf(profile: Profile) -> bytes:
    styles = getSampleStyleSheet()
    title, body = styles["Title"], styles["BodyText"]
    event = profile.event
    story = [
        paragraph(_("Partnering agenda — %(event)s") % {"event": event}, title),
        paragraph(profile.display_name, styles["Heading2"]),
        paragraph(_("Times are in the event's time zone (%(zone)s).") % {"zone": event.time_zone}, body),
        Spacer(1, 4 * mm),
    ]
    rows = [[_("Day"), _("Time"), _("With"), _("Where")]]
    waiting = 0
    for entry in agenda.entries(profile):
        if entry.starts is None:
            waiting += 1
            continue
        rows.append(
            [
                formats.date_format(entry.starts.event, "D j M"),
                f"{entry.starts.event:%H:%M}\N{EN DASH}{entry.ends.event:%H:%M}",
                paragraph("\n".join(o.display_name for o in entry.others), body),
                paragraph(str(entry.meeting.location or ""), body),
            ]
        )
    if len(rows) > 1:
        table = Table(rows, colWidths=[28 * mm, 26 * mm, 80 * mm, 36 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    else:
        story.append(paragraph(_("No meeting is placed yet."), body))
    if waiting:
        story.append(Spacer(1, 4 * mm))
        story.append(
            paragraph(_("%(count)d accepted meetings are waiting for a time.") % {"count": waiting}, body)
        )
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=str(_("Partnering agenda")),
        author="Biocluster",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    document.build(story)
    return buffer.getvalue()
