"""Tenant requests: a tenant's member reports a problem on its unit (photo checked by its first
bytes), staff assign and close it; another tenant sees nothing of it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from biocluster.accounts.models import ApiToken, Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory
from biocluster.audit.models import AuditEvent
from biocluster.estate import services, tenant_requests
from biocluster.estate.models import TenantRequest

from .conftest import day

pytestmark = pytest.mark.django_db
TODAY = day("2026-06-15")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _private_folder(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path


@pytest.fixture
def let(staff_user, member_organisation, unit):
    return services.create_agreement(
        actor=staff_user,
        organisation=member_organisation,
        units=[unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="licence",
        rent_per_m2=Decimal("200"),
    )


def _report(actor, unit, **extra):
    values = {"category": "heating", "description": "The radiator is cold."} | extra
    return tenant_requests.report_problem(actor=actor, unit=unit, on=TODAY, **values)


def test_a_member_reports_staff_assign_and_close(member, staff_user, unit, let, member_organisation):
    row = _report(member, unit, photo=SimpleUploadedFile("radiator.png", PNG))
    assert (row.organisation, row.status, row.photo_content_type) == (
        member_organisation,
        "open",
        "image/png",
    )
    assert row.photo.read() == PNG
    tenant_requests.assign(actor=staff_user, request=row, assignee=staff_user)
    closed = tenant_requests.close(
        actor=staff_user, request=row, note="Valve replaced.", on=day("2026-06-17")
    )
    assert (closed.status, closed.closed_on, closed.assigned_to) == ("closed", day("2026-06-17"), staff_user)
    actions = set(AuditEvent.objects.filter(object_id=str(row.pk)).values_list("action", flat=True))
    assert actions >= {
        "estate.tenant_request.reported",
        "estate.tenant_request.assigned",
        "estate.tenant_request.closed",
    }
    with pytest.raises(ValidationError):
        tenant_requests.close(actor=staff_user, request=row, note="again", on=TODAY)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"category": "volcano"}, "category"),
        ({"description": "  "}, "description"),
        ({"photo": SimpleUploadedFile("x.png", b"MZ\x90\x00 an executable")}, "photo"),
        ({"photo": SimpleUploadedFile("x.gif", b"GIF89a")}, "photo"),
        ({"photo": SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024))}, "photo"),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_saved(member, unit, let, extra, field):
    with pytest.raises(ValidationError) as error:
        _report(member, unit, **extra)
    assert field in error.value.message_dict
    assert not TenantRequest.objects.exists()


def test_only_on_a_unit_the_organisation_occupies(member, unit, other_unit, let):
    with pytest.raises(ValidationError) as error:
        _report(member, other_unit)
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError):
        tenant_requests.report_problem(
            actor=member, unit=unit, category="other", description="After the end", on=day("2027-01-05")
        )
    assert list(tenant_requests.units_of(member, TODAY)) == [unit]


def test_assigning_to_someone_not_staff_is_refused(member, staff_user, unit, let):
    row = _report(member, unit)
    with pytest.raises(ValidationError) as error:
        tenant_requests.assign(actor=staff_user, request=row, assignee=member)
    assert "assigned_to" in error.value.message_dict
    assert TenantRequest.objects.get().status == "open"


def test_the_photo_goes_to_staff_and_the_tenant_only(client, member, staff_user, unit, let):
    from biocluster.accounts.tests.factories import UserFactory

    row = _report(member, unit, photo=SimpleUploadedFile("leak.jpg", b"\xff\xd8\xff\xe0 jpeg"))
    url = reverse("estate:tenant_request_photo", args=[row.pk])
    for user, status in ((member, 200), (staff_user, 200), (UserFactory(), 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            assert response["Content-Type"] == "image/jpeg" and b"".join(
                response.streaming_content
            ).startswith(b"\xff\xd8")
    client.logout()
    assert client.get(url).status_code == 302


def test_a_member_reports_on_the_page_and_sees_its_state(client, member, unit, let, settings, time_machine):
    time_machine.move_to("2026-06-15 10:00 +0200", tick=False)
    client.force_login(member)
    response = client.post(
        reverse("estate:tenant_request_create"),
        {
            "unit": unit.pk,
            "category": "plumbing",
            "description": "A leak under the sink.",
            "photo": SimpleUploadedFile("a.png", PNG),
        },
    )
    row = TenantRequest.objects.get()
    assert response.status_code == 302 and row.photo
    listed = client.get(reverse("estate:tenant_request_list")).content.decode()
    assert row.reference in listed and "Open" in listed


def test_staff_filter_the_list_and_see_open_requests_on_the_building(
    client, member, staff_user, unit, let, building
):
    row = _report(member, unit)
    client.force_login(staff_user)
    assert (
        row.reference
        in client.get(reverse("estate:tenant_request_list"), {"category": "heating"}).content.decode()
    )
    assert (
        row.reference
        not in client.get(reverse("estate:tenant_request_list"), {"category": "access"}).content.decode()
    )
    assert row.reference in client.get(reverse("estate:building_detail", args=[building.pk])).content.decode()
    client.post(reverse("estate:tenant_request_close", args=[row.pk]), {"note": "Done"})
    link = f'href="{reverse("estate:tenant_request_detail", args=[row.pk])}"'
    assert TenantRequest.objects.get().status == "closed"
    assert link not in client.get(reverse("estate:building_detail", args=[building.pk])).content.decode()
    assert (
        row.reference
        in client.get(reverse("estate:tenant_request_list"), {"status": "closed"}).content.decode()
    )


def test_the_api_for_each_role(client, member, staff_user, unit, let, time_machine):
    from biocluster.accounts.tests.factories import UserFactory

    time_machine.move_to("2026-06-15 10:00 +0200", tick=False)

    def call(user, method, path, body=None):
        headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user else {}
        if method == "get":
            return client.get(path, headers=headers)
        return client.post(path, body, content_type="application/json", headers=headers)

    created = call(
        member,
        "post",
        "/api/tenant-requests",
        {"unit": unit.pk, "category": "access", "description": "Badge refused"},
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    stranger = UserFactory()
    assert call(stranger, "get", f"/api/tenant-requests/{pk}").status_code == 404
    assert call(None, "get", f"/api/tenant-requests/{pk}").status_code == 404
    assert call(member, "get", f"/api/tenant-requests/{pk}").json()["status"] == "open"
    assert call(member, "post", f"/api/tenant-requests/{pk}/close", {"note": "x"}).status_code == 403
    assert (
        call(staff_user, "post", f"/api/tenant-requests/{pk}/assign", {"assigned_to": member.pk}).status_code
        == 422
    )
    assert (
        call(staff_user, "post", f"/api/tenant-requests/{pk}/assign", {"assigned_to": staff_user.pk}).json()[
            "status"
        ]
        == "assigned"
    )
    assert call(staff_user, "post", f"/api/tenant-requests/{pk}/close", {"note": ""}).status_code == 422
    assert (
        call(staff_user, "post", f"/api/tenant-requests/{pk}/close", {"note": "New badge"}).json()["status"]
        == "closed"
    )
    assert (
        call(
            stranger,
            "post",
            "/api/tenant-requests",
            {"unit": unit.pk, "category": "access", "description": "x"},
        ).status_code
        == 403
    )
    assert call(member, "get", "/api/tenant-requests").json()["count"] == 1


def test_the_staff_member_assigned_is_sent_an_email(
    member, staff_user, unit, let, django_capture_on_commit_callbacks, mailoutbox
):
    caretaker = UserFactory(email="caretaker@example.org", preferred_language="en")
    grant_role(actor=None, user=caretaker, role=Role.STAFF, department=Department.COMMUNICATION)
    row = _report(member, unit)
    with django_capture_on_commit_callbacks(execute=True):
        tenant_requests.assign(actor=staff_user, request=row, assignee=caretaker)
    (message,) = mailoutbox
    assert message.to == ["caretaker@example.org"]
    assert message.subject == f"Tenant request {row.reference} assigned to you: L101, {row.organisation.name}"
    assert "The radiator is cold." in message.body
    assert f"/estate/tenant-requests/{row.pk}/" in message.body
    with django_capture_on_commit_callbacks(execute=True):  # the demo's made-up past sends nothing
        tenant_requests.assign(actor=staff_user, request=row, assignee=staff_user, notify=False)
    assert len(mailoutbox) == 1
