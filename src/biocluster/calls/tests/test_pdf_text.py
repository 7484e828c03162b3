"""The proposal PDF and the decision letter show what applicants typed, markup included, as text."""

from biocluster.calls.pdf import decision_letter_pdf, proposal_pdf
from biocluster.calls.tests.factories import DecisionFactory, submitted
from biocluster.directory.tests.factories import OrganisationFactory

MARKUP = "Evil <b>Bio & <img src='/etc/hostname' width='40' height='40'/>"


def test_proposal_and_letter_pdfs_escape_what_applicants_typed(db):
    proposal = submitted(title=MARKUP, summary=MARKUP, organisation=OrganisationFactory(name=MARKUP))
    proposal.applicant.first_name = MARKUP
    proposal.applicant.save()
    for pdf in (
        proposal_pdf(proposal),
        decision_letter_pdf(DecisionFactory(proposal=proposal, note_to_applicant=MARKUP)),
    ):
        assert pdf[:4] == b"%PDF" and b"/Subtype /Image" not in pdf
