"""Tags given by name through the API are made by the directory's service, audited, in the
organisation's transaction."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.directory.models import Tag

pytestmark = pytest.mark.django_db


def test_a_new_tag_from_the_api_is_made_by_the_service(client, staff_user):
    Tag.objects.create(name="biofoundry")
    response = client.post(
        "/api/organisations",
        {"name": "Abolis", "kind": "startup", "tags": ["biofoundry", " enzymes "]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {ApiToken.issue(staff_user)[1]}"},
    )
    assert response.status_code == 201
    assert sorted(response.json()["tags"]) == ["biofoundry", "enzymes"]
    created = AuditEvent.objects.get(action="directory.tag.created")
    assert (created.object_repr, created.actor) == ("enzymes", staff_user)
    assert Tag.objects.count() == 2
