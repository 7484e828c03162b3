"""Milestone evidence as a file: checked (type, bytes, size), kept outside MEDIA_ROOT, and sent
only to those who see the milestone."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory
from biocluster.programmes import services
from biocluster.programmes.models import Milestone

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def pdf(name="registry-extract.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def declare(actor, enrolment, **kwargs):
    values = {
        "actor": actor,
        "enrolment": enrolment,
        "kind": "incorporation",
        "date": TODAY() - timedelta(days=2),
        "title": "Company registered",
        "evidence": "",
    }
    return services.declare_milestone(**{**values, **kwargs})


def test_a_file_may_stand_for_the_evidence_and_is_kept_privately(member, enrolment):
    milestone = declare(member, enrolment, evidence_upload=pdf())
    assert milestone.evidence_file_name == "registry-extract.pdf"
    assert milestone.evidence_content_type == "application/pdf"
    stored = Path(milestone.evidence_file.path).resolve()
    assert stored.read_bytes() == PDF
    assert Path(settings.PRIVATE_ROOT).resolve() in stored.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents


def test_without_a_file_the_link_or_reference_is_required(member, enrolment):
    with pytest.raises(ValidationError) as error:
        declare(member, enrolment)
    assert set(error.value.message_dict) == {"evidence"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("setup.exe", b"MZ\x90\x00"), "is not an accepted type"),
        (pdf("renamed.pdf", b"MZ\x90\x00 not a pdf"), "does not contain what its extension says"),
        (pdf("huge.pdf", PDF + b"0" * (10 * 1024 * 1024)), "the limit is 10 MB"),
        (pdf("empty.pdf", b""), "The file is empty."),
    ],
)
def test_a_wrong_file_is_refused_on_its_field_and_nothing_is_saved(member, enrolment, upload, message):
    with pytest.raises(ValidationError) as error:
        declare(member, enrolment, evidence="Press release", evidence_upload=upload)
    assert set(error.value.message_dict) == {"evidence_file"}
    assert message in str(error.value)
    assert not Milestone.objects.exists()
    assert not any(Path(settings.PRIVATE_ROOT).rglob("*.*"))


def test_a_member_uploads_from_the_form_and_sees_the_error_of_a_wrong_file(client, member, enrolment):
    client.force_login(member)
    url = reverse("programmes:milestone_add", args=[enrolment.pk])
    data = {"kind": "incorporation", "date": (TODAY() - timedelta(days=1)).isoformat(), "title": "Registered"}
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="evidence_upload"' in page
    response = client.post(url, {**data, "evidence_upload": SimpleUploadedFile("virus.exe", b"MZ")})
    assert response.status_code == 200 and "is not an accepted type" in response.content.decode()
    assert client.post(url, {**data, "evidence_upload": pdf()}).status_code == 302
    milestone = Milestone.objects.get()
    page = client.get(reverse("programmes:enrolment_detail", args=[enrolment.pk])).content.decode()
    assert reverse("programmes:milestone_evidence", args=[milestone.pk]) in page
    assert milestone.evidence_file.name not in page  # the storage path never leaves the server


def test_the_file_goes_only_to_those_who_see_the_milestone(client, member, programmes_staff, enrolment):
    milestone = declare(member, enrolment, evidence_upload=pdf())
    url = reverse("programmes:milestone_evidence", args=[milestone.pk])
    for user in (member, programmes_staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_milestone_without_a_file_has_no_download(client, member, enrolment):
    milestone = declare(member, enrolment, evidence="https://example.org/press")
    client.force_login(member)
    assert client.get(reverse("programmes:milestone_evidence", args=[milestone.pk])).status_code == 404


def test_the_api_gives_the_protected_link_not_the_path(client, member, enrolment):
    with_file = declare(member, enrolment, evidence_upload=pdf())
    without = declare(member, enrolment, evidence="Invoice 12")
    headers = {"Authorization": f"Bearer {ApiToken.issue(member)[1]}"}
    items = {m["id"]: m for m in client.get("/api/milestones", headers=headers).json()["items"]}
    assert items[with_file.pk]["evidence_file"] == reverse(
        "programmes:milestone_evidence", args=[with_file.pk]
    )
    assert items[with_file.pk]["evidence_file_name"] == "registry-extract.pdf"
    assert items[without.pk]["evidence_file"] is None
