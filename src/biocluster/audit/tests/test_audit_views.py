"""Staff see an object's history on its page; nobody else does; admin edits are in it too."""

import pytest

from biocluster.directory import services
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_staff_see_who_changed_what_on_the_organisation_page(client, staff_user):
    organisation = OrganisationFactory(name="Before")
    services.update_organisation(actor=staff_user, organisation=organisation, name="After")
    client.force_login(staff_user)
    page = client.get(f"/directory/organisations/{organisation.pk}/").content.decode()
    assert "History" in page
    assert "changed the organisation “After”" in page  # a sentence, not the action code
    assert "directory.organisation.updated" not in page
    assert "Before" in page and "After" in page
    assert staff_user.email in page or str(staff_user) in page


def test_the_public_and_members_do_not_see_the_history(client, member, staff_user):
    organisation = OrganisationFactory(name="Quiet")
    services.update_organisation(actor=staff_user, organisation=organisation, name="Quieter")
    assert (
        "changed the organisation"
        not in client.get(f"/directory/organisations/{organisation.pk}/").content.decode()
    )
    client.force_login(member)
    assert (
        "changed the organisation"
        not in client.get(f"/directory/organisations/{organisation.pk}/").content.decode()
    )


def test_changes_made_in_the_django_admin_go_through_the_service_and_are_audited(client, administrator):
    from biocluster.audit.models import AuditEvent

    organisation = OrganisationFactory(name="Admin Edited", kind="startup")
    client.force_login(administrator)
    response = client.post(
        f"/admin/directory/organisation/{organisation.pk}/change/",
        {
            "name": "Admin Edited Twice",
            "kind": "startup",
            "country": "FR",
            "public_fields": "[]",
            "affiliations-TOTAL_FORMS": "0",
            "affiliations-INITIAL_FORMS": "0",
            "affiliations-MIN_NUM_FORMS": "0",
            "affiliations-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="directory.organisation.updated")
    assert event.actor == administrator
    assert event.changes["name"] == ["Admin Edited", "Admin Edited Twice"]
