"""The agenda PDF shows names as people typed them: markup neither breaks it nor embeds a file."""

from biocluster.partnering.pdf import agenda_pdf
from biocluster.partnering.tests.factories import participant

MARKUP = "Evil <b>Bio & <img src='/etc/hostname' width='40' height='40'/>"


def test_the_agenda_pdf_escapes_names(event):
    profile = participant(event, name=MARKUP, organisation__name=MARKUP)
    pdf = agenda_pdf(profile)
    assert pdf[:4] == b"%PDF" and b"/Subtype /Image" not in pdf
