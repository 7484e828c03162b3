"""The attacks of issue 10 through /admin/, replayed: the admin is no side door around the rules.

A real-estate staff member (who may see none of these objects on the pages or the API) tried
to change a statement's total, delete a registration and a booking, edit a meeting request,
read any enrolment's milestones and sessions, and read the whole audit log.
"""

import importlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory

from .admin_forms import form_data


def world_of(app: str, request) -> dict:
    return importlib.import_module(f"biocluster.{app}.tests.matrix").world(request)


def admin_url(obj, view: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


@pytest.fixture
def real_estate_staff(db):
    user = UserFactory(email="real-estate@example.org", is_staff=True)
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.REAL_ESTATE)
    return user


@pytest.fixture
def attacker(real_estate_staff):
    client = Client()
    client.force_login(real_estate_staff)
    return client


@pytest.fixture
def administrator_client(administrator):
    client = Client()
    client.force_login(administrator)
    return client


def the_form_of(administrator_client, obj) -> dict:
    response = administrator_client.get(admin_url(obj, "change"))
    assert response.status_code == 200
    return form_data(response.content.decode())


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_staff_cannot_change_a_statement_total(request, attacker, administrator_client, real_estate_staff):
    statement = world_of("platforms", request)["statement"]
    data = the_form_of(administrator_client, statement) | {"total": "1.00", "issued_by": real_estate_staff.pk}
    response = attacker.post(admin_url(statement, "change"), data)
    statement.refresh_from_db()
    assert statement.total == Decimal("200.00")
    assert sent_to_login(response)


def test_staff_cannot_delete_a_registration_or_a_booking(request, attacker):
    registration = world_of("events", request)["events_registration"]
    booking = world_of("platforms", request)["booking"]
    for obj in (registration, booking):
        response = attacker.post(admin_url(obj, "delete"), {"post": "yes"})
        assert sent_to_login(response)
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_staff_cannot_edit_a_meeting_request(request, attacker, administrator_client):
    meeting_request = world_of("partnering", request)["partnering_request"]
    data = the_form_of(administrator_client, meeting_request) | {"message": "Edited by someone else"}
    response = attacker.post(admin_url(meeting_request, "change"), data)
    meeting_request.refresh_from_db()
    assert meeting_request.message == "Hello"
    assert sent_to_login(response)


def test_staff_cannot_read_milestones_or_sessions_of_any_enrolment(request, attacker):
    from biocluster.programmes.models import Session

    targets = world_of("programmes", request)
    session = Session.objects.create(
        enrolment=targets["enrolment"],
        date=timezone.localdate() - timedelta(days=1),
        kind="coaching",
        topic="Pricing of the first product",
        hours=2,
    )
    for url in (
        admin_url(targets["milestone"], "change"),
        reverse("admin:programmes_milestone_changelist"),
        admin_url(session, "change"),
        reverse("admin:programmes_session_changelist"),
    ):
        response = attacker.get(url)
        assert sent_to_login(response), url
        assert b"Pricing of the first product" not in response.content


def test_only_administrators_read_the_audit_log(request, attacker, administrator_client):
    world_of("calls", request)
    url = reverse("admin:audit_auditevent_changelist")
    assert sent_to_login(attacker.get(url))
    assert administrator_client.get(url).status_code == 200


def test_no_staff_department_gets_into_the_admin(db):
    client = Client()
    for department in Department.values:
        user = UserFactory(email=f"{department}@example.org", is_staff=True)
        grant_role(actor=None, user=user, role=Role.STAFF, department=department)
        client.force_login(user)
        assert sent_to_login(client.get(reverse("admin:index"))), department


def test_the_admin_offers_no_write_that_has_no_service(request, administrator_client, administrator):
    """Statements are issued by `issue_statement` and never edited: not even an administrator
    changes a total by hand."""
    statement = world_of("platforms", request)["statement"]
    data = the_form_of(administrator_client, statement) | {"total": "1.00", "issued_by": administrator.pk}
    response = administrator_client.post(admin_url(statement, "change"), data)
    statement.refresh_from_db()
    assert statement.total == Decimal("200.00")
    assert response.status_code == 403


def test_tariffs_are_not_edited_through_the_instrument_inline(request, administrator_client):
    targets = world_of("platforms", request)
    instrument = targets["instrument"]
    tariff = instrument.tariffs.get()
    data = the_form_of(administrator_client, instrument)
    prefix = next(key for key in data if "tariff" in key and key.endswith("TOTAL_FORMS")).removesuffix(
        "TOTAL_FORMS"
    )
    data |= {f"{prefix}0-id": tariff.pk, f"{prefix}0-instrument": instrument.pk, f"{prefix}0-price": "1.00"}
    administrator_client.post(admin_url(instrument, "change"), data)
    tariff.refresh_from_db()
    assert tariff.price == Decimal("150.00")


def test_an_administrators_edit_goes_through_the_service_rules(request, administrator_client):
    """The model accepts any text as a time zone; `update_event` does not."""
    event = world_of("events", request)["events_event"]
    data = the_form_of(administrator_client, event) | {"time_zone": "Mars/Olympus_Mons"}
    response = administrator_client.post(admin_url(event, "change"), data, follow=True)
    assert "Unknown time zone." in response.content.decode()
    event.refresh_from_db()
    assert event.time_zone == "Europe/Paris"


def test_an_administrators_edit_is_audited_by_the_service(request, administrator_client, administrator):
    from biocluster.audit.models import AuditEvent

    event = world_of("events", request)["events_event"]
    data = the_form_of(administrator_client, event) | {"title_en": "Matrix day, renamed"}
    response = administrator_client.post(admin_url(event, "change"), data)
    assert response.status_code == 302
    audit = AuditEvent.objects.get(action="events.event.updated")
    assert audit.actor == administrator
    assert audit.changes["title_en"] == ["Matrix day", "Matrix day, renamed"]


def test_an_administrators_tariff_correction_is_audited_by_the_service(request, administrator_client):
    from biocluster.audit.models import AuditEvent

    tariff = world_of("platforms", request)["instrument"].tariffs.get()
    data = the_form_of(administrator_client, tariff) | {"price": "160.00"}
    response = administrator_client.post(admin_url(tariff, "change"), data)
    assert response.status_code == 302
    tariff.refresh_from_db()
    assert tariff.price == Decimal("160.00")
    audit = AuditEvent.objects.get(action="platforms.tariff.updated")
    assert audit.changes["price"] == ["150.00", "160.00"]
