"""A segment's consenting contacts as CSV: only those who consented, accents kept, formulas quoted."""

import csv
import io

import pytest
from django.urls import reverse

from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

from .factories import SegmentFactory

pytestmark = pytest.mark.django_db


def _rows(client, segment) -> list[list[str]]:
    response = client.get(reverse("relations:segment_export", args=[segment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_only_the_people_of_the_segment_s_organisations_who_consented(client, staff_user):
    chosen = OrganisationFactory(name="Thérapies Génétiques d'Évry", kind="startup")
    other = OrganisationFactory(name="Big Pharma", kind="large_company")
    consenting = PersonFactory(
        first_name="Hélène", last_name="Lefèvre", email="helene@example.org", contact_consent=True
    )
    AffiliationFactory(person=consenting, organisation=chosen, role="Directrice générale")
    AffiliationFactory(person=PersonFactory(last_name="Refuser", contact_consent=False), organisation=chosen)
    # Listed in the public directory, which is no consent to be e-mailed.
    listed_only = PersonFactory(last_name="Listed", public_consent=True, contact_consent=False)
    AffiliationFactory(person=listed_only, organisation=chosen)
    AffiliationFactory(
        person=PersonFactory(last_name="Noemail", email="", contact_consent=True), organisation=chosen
    )
    AffiliationFactory(
        person=PersonFactory(last_name="Former", contact_consent=True),
        organisation=chosen,
        end_date="2020-01-01",
    )
    AffiliationFactory(person=PersonFactory(last_name="Elsewhere", contact_consent=True), organisation=other)
    formula = PersonFactory(first_name="=HYPERLINK(1)", last_name="Zed", contact_consent=True)
    AffiliationFactory(person=formula, organisation=chosen, role="CTO")
    segment = SegmentFactory(owner=staff_user, query="kind=startup")
    client.force_login(staff_user)
    header, *rows = _rows(client, segment)
    assert header == ["First name", "Last name", "E-mail", "Organisations", "Roles", "Consent given"]
    assert [row[1] for row in rows] == ["Lefèvre", "Zed"]
    assert rows[0][:5] == [
        "Hélène",
        "Lefèvre",
        "helene@example.org",
        "Thérapies Génétiques d'Évry",
        "Directrice générale",
    ]
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_a_segment_exports_for_a_staff_member_what_the_directory_shows_them(client, staff_user, other_staff):
    """A shared segment exports for another staff member too; its filters run for whoever exports."""
    organisation = OrganisationFactory(kind="sme", is_listed=False)
    AffiliationFactory(
        organisation=organisation, person=PersonFactory(last_name="Unlisted", contact_consent=True)
    )
    segment = SegmentFactory(owner=other_staff, query="kind=sme", is_shared=True)
    client.force_login(staff_user)
    assert [row[1] for row in _rows(client, segment)[1:]] == ["Unlisted"]
