"""A badge shows the name as typed: markup in it is text, never a tag."""

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events.badge import badge_pdf
from biocluster.events.tests.factories import RegistrationFactory

MARKUP = "Evil <b>Bio & <img src='/etc/hostname'/>"


def test_the_badge_shows_markup_as_written(event):
    registration = RegistrationFactory(
        event=event, name=MARKUP, organisation=OrganisationFactory(name=MARKUP)
    )
    pdf = badge_pdf(registration)
    assert b"(Evil <b>Bio & <img src='/etc/hostname'/>) Tj" in pdf and b"/Subtype /Image" not in pdf
