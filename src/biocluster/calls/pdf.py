"""PDFs of the calls area, drawn with reportlab: the submitted proposal (attached to the
receipt) and the decision letter, in the active language."""

from io import BytesIO

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from biocluster.core.formatting import day, money
from biocluster.core.pdf import paragraph

from .display import anonymous_feedback, shown_answers


def _styles():
    styles = getSampleStyleSheet()
    return styles["Title"], styles["Heading2"], styles["BodyText"], styles["Italic"]


def _build(story, title: str) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author="Biocluster", leftMargin=20 * mm, rightMargin=20 * mm
    )
    document.build(story)
    return buffer.getvalue()


def _table(rows, widths):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def proposal_pdf(proposal) -> bytes:
    title, heading, body, small = _styles()
    call = proposal.call
    submitted = call.local(proposal.submitted_at)
    story = [
        paragraph(f"{proposal.reference} — {proposal.title}", title),
        paragraph(_("Call: %(call)s") % {"call": call.title}, body),
        paragraph(
            _("Applicant: %(name)s")
            % {"name": proposal.applicant.get_full_name() or proposal.applicant.email},
            body,
        ),
    ]
    if proposal.organisation_id:
        story.append(paragraph(_("Organisation: %(name)s") % {"name": proposal.organisation.name}, body))
    if proposal.requested_amount is not None:
        story.append(
            paragraph(_("Requested amount: %(amount)s") % {"amount": money(proposal.requested_amount)}, body)
        )
    if submitted:
        story.append(
            paragraph(
                _("Submitted on %(when)s (%(zone)s)")
                % {"when": formats.date_format(submitted, "DATETIME_FORMAT"), "zone": call.time_zone},
                body,
            )
        )
    story += [Spacer(1, 4 * mm), paragraph(_("Public summary"), heading), paragraph(proposal.summary, body)]
    for section in shown_answers(proposal):
        story.append(paragraph(section.title, heading))
        for item in section.items:
            story.append(paragraph(item.label, small))
            if item.type == "budget" and item.rows:
                rows = [[_("Category"), _("Description"), _("Amount (EUR)")]]
                rows += [[paragraph(c, body), paragraph(d, body), a] for c, d, a in item.rows]
                rows.append(["", _("Total"), item.total])
                story.append(_table(rows, [40 * mm, 90 * mm, 30 * mm]))
            else:
                story.append(paragraph(item.text or "—", body))
    return _build(story, proposal.reference or proposal.title)


def decision_letter_pdf(decision) -> bytes:
    title, heading, body, small = _styles()
    proposal = decision.proposal
    call = proposal.call
    today = day(timezone.localdate())
    name = proposal.applicant.get_full_name() or proposal.applicant.email
    outcome_text = {
        "funded": _("The committee has decided to fund your proposal, with an amount of %(amount)s."),
        "waiting_list": _(
            "The committee has placed your proposal on the waiting list. We will write again should funds become available."
        ),
        "rejected": _("We regret to tell you that the committee has not retained your proposal."),
    }[decision.outcome] % {"amount": money(decision.amount)}
    story = [
        paragraph(_("Decision on proposal %(reference)s") % {"reference": proposal.reference}, title),
        paragraph(today, body),
        paragraph(_("Dear %(name)s,") % {"name": name}, body),
        paragraph(
            _("Thank you for your proposal “%(title)s” to the call “%(call)s”.")
            % {"title": proposal.title, "call": call.title},
            body,
        ),
        paragraph(outcome_text, body),
    ]
    if decision.note_to_applicant:
        story += [
            paragraph(_("A word from the committee"), heading),
            paragraph(decision.note_to_applicant, body),
        ]
    feedback = anonymous_feedback(proposal)
    if feedback:
        story.append(paragraph(_("The reviewers' comments"), heading))
        for index, text in enumerate(feedback, start=1):
            story += [paragraph(_("Reviewer %(number)s") % {"number": index}, small), paragraph(text, body)]
    story += [Spacer(1, 8 * mm), paragraph(_("The selection committee"), body)]
    return _build(story, proposal.reference)
