"""Two consents, each given by the person and dated: to appear in the public directory, to be e-mailed."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent
from biocluster.directory import services
from biocluster.directory.models import Person
from biocluster.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

GIVEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def test_a_consent_is_dated_when_given_kept_while_it_holds_and_cleared_when_withdrawn():
    person = PersonFactory(public_consent=False, contact_consent=False)
    with time_machine.travel(GIVEN, tick=False):
        services.update_person(actor=None, person=person, contact_consent=True)
    person.refresh_from_db()
    assert (person.contact_consent, person.contact_consent_at) == (True, GIVEN)
    assert (person.public_consent, person.public_consent_at) == (False, None)
    with time_machine.travel(LATER, tick=False):
        services.update_person(actor=None, person=person, phone="+33 1 60 87 83 00")
    person.refresh_from_db()
    assert person.contact_consent_at == GIVEN
    services.update_person(actor=None, person=person, contact_consent=False)
    person.refresh_from_db()
    assert (person.contact_consent, person.contact_consent_at) == (False, None)


def test_a_person_gives_and_withdraws_their_consents_themselves(client):
    user = UserFactory()
    person = PersonFactory(user=user, first_name="Hélène", public_consent=True, contact_consent=False)
    client.force_login(user)
    url = reverse("directory:my_consents")
    assert "Hélène" in client.get(url).content.decode()
    with time_machine.travel(GIVEN, tick=False):
        response = client.post(url, {"contact_consent": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.public_consent, person.contact_consent, person.contact_consent_at) == (False, True, GIVEN)
    assert AuditEvent.objects.filter(action="directory.person.updated", actor=user).exists()


def test_a_login_without_a_directory_entry_is_told_so_and_changes_nobody(client):
    other = PersonFactory(contact_consent=False)
    client.force_login(UserFactory())
    page = client.get(reverse("directory:my_consents")).content.decode()
    assert "No entry of the directory is linked to your login" in page
    client.post(reverse("directory:my_consents"), {"contact_consent": "on"})
    assert not Person.objects.get(pk=other.pk).contact_consent
