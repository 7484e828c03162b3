"""The rules of registration, the waiting list, check-in and cancellation."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from biocluster.audit.models import AuditEvent
from biocluster.events import services
from biocluster.events.models import Event, Registration
from biocluster.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def reg(event, user, **kwargs):
    return services.register(event=event, user=user, actor=user, **kwargs)


def code(error: ValidationError, field: str) -> str:
    return error.error_dict[field][0].code


def test_capacity_then_waiting_list(event, people):
    first, second, third = (reg(event, p) for p in people[:3])
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    assert AuditEvent.objects.filter(action="events.registration.waiting").count() == 1


def test_capacity_is_per_mode(people):
    event = EventFactory(kind="hybrid", capacity=1, online_capacity=1)
    assert reg(event, people[0]).status == "confirmed"
    assert reg(event, people[1], mode="online").status == "confirmed"
    assert reg(event, people[2], mode="online").status == "waiting"
    assert reg(event, people[3]).status == "waiting"


def test_no_capacity_means_no_limit(people):
    event = EventFactory(capacity=None)
    assert {reg(event, p).status for p in people} == {"confirmed"}


def test_mode_must_fit_the_event(event, people):
    with pytest.raises(ValidationError) as caught:
        reg(event, people[0], mode="online")
    assert code(caught.value, "mode") == "mode"


def test_cancellation_promotes_the_first_waiting(event, people, django_capture_on_commit_callbacks):
    first, _second, third, fourth = (reg(event, p) for p in people)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=first, actor=people[0])
    assert promoted == third
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == ("confirmed", "waiting")
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Registration cancelled") for s in subjects)
    promoted_mail = next(m for m in mail.outbox if m.to == [third.email])
    assert "A place freed up" in promoted_mail.body


def test_cancelling_a_waiting_registration_promotes_nobody(event, people):
    regs = [reg(event, p) for p in people]
    assert services.cancel_registration(registration=regs[3], actor=people[3]) is None
    assert Registration.objects.get(pk=regs[2].pk).status == "waiting"


def test_cancel_twice_refused(event, people):
    registration = reg(event, people[0])
    services.cancel_registration(registration=registration, actor=people[0])
    with pytest.raises(ValidationError):
        services.cancel_registration(registration=registration, actor=people[0])


def test_another_person_may_not_cancel(event, people):
    registration = reg(event, people[0])
    with pytest.raises(PermissionDenied):
        services.cancel_registration(registration=registration, actor=people[1])


def test_staff_may_cancel(event, people, staff_user):
    registration = reg(event, people[0])
    services.cancel_registration(registration=registration, actor=staff_user)
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


def test_duplicate_registration_refused(event, people):
    reg(event, people[0])
    with pytest.raises(ValidationError) as caught:
        reg(event, people[0])
    assert code(caught.value, "event") == "duplicate"


def test_registering_again_after_cancelling(event, people):
    services.cancel_registration(registration=reg(event, people[0]), actor=people[0])
    assert reg(event, people[0]).status == "confirmed"


def test_duplicate_email_refused_for_a_guest(event, people, staff_user):
    reg(event, people[0])
    with pytest.raises(ValidationError):
        services.add_registration(event=event, actor=staff_user, name="Same", email=people[0].email.upper())


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "not_open"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1)}, "closed"),
        ({"status": "draft"}, "closed"),
        ({"status": "cancelled"}, "closed"),
        ({"kind": "delegation"}, "closed"),
    ],
)
def test_registration_window(people, changes, expected):
    event = EventFactory(**changes)
    with pytest.raises(ValidationError) as caught:
        reg(event, people[0])
    assert code(caught.value, "event") == expected


def test_registration_closes_when_the_event_ends(people):
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        reg(event, people[0])


def test_registration_inside_the_window(people):
    event = EventFactory(
        registration_opens_at=timezone.now() - timedelta(days=1),
        registration_closes_at=timezone.now() + timedelta(days=1),
    )
    assert reg(event, people[0]).status == "confirmed"


def test_only_staff_register_someone_else(event, people, staff_user):
    with pytest.raises(PermissionDenied):
        services.register(event=event, user=people[0], actor=people[1])
    assert services.register(event=event, user=people[0], actor=staff_user).user == people[0]


def test_check_in_is_idempotent(event, people, staff_user):
    registration = reg(event, people[0])
    checked, first = services.check_in(event=event, token=registration.badge_token, actor=staff_user)
    assert first and checked.checked_in_at
    again, first_again = services.check_in(event=event, token=registration.badge_token, actor=staff_user)
    assert not first_again
    assert again.checked_in_at == checked.checked_in_at
    assert AuditEvent.objects.filter(action="events.registration.checked_in").count() == 1


def test_check_in_reads_the_scanned_url(event, people, staff_user):
    registration = reg(event, people[0])
    url = f"https://bio.example/events/{event.pk}/check-in/?badge={registration.badge_token}"
    assert services.check_in(event=event, token=url, actor=staff_user)[1]


def test_check_in_wrong_event_refused(event, people, staff_user):
    other = EventFactory()
    registration = reg(other, people[0])
    with pytest.raises(ValidationError) as caught:
        services.check_in(event=event, token=registration.badge_token, actor=staff_user)
    assert code(caught.value, "token") == "wrong_event"
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


@pytest.mark.parametrize("status", ["waiting", "cancelled"])
def test_check_in_needs_a_confirmed_registration(event, staff_user, status):
    registration = RegistrationFactory(event=event, status=status)
    with pytest.raises(ValidationError) as caught:
        services.check_in(event=event, token=registration.badge_token, actor=staff_user)
    assert code(caught.value, "token") == "not_confirmed"


def test_check_in_unknown_badge(event, staff_user):
    with pytest.raises(ValidationError) as caught:
        services.check_in(event=event, token="nothing", actor=staff_user)
    assert code(caught.value, "token") == "unknown"


def test_check_in_is_for_event_staff(event, people, research_staff):
    registration = reg(event, people[0])
    for actor in (people[0], research_staff):
        with pytest.raises(PermissionDenied):
            services.check_in(event=event, token=registration.badge_token, actor=actor)


def test_confirmation_email_in_the_registrants_language(people, django_capture_on_commit_callbacks):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation
    from django.utils.translation import gettext

    event = EventFactory(
        title_en="Synthetic biology day",
        title_fr="Journée biologie de synthèse",
        starts_at=datetime(2030, 6, 13, 9, tzinfo=ZoneInfo("Europe/Paris")),
        ends_at=datetime(2030, 6, 13, 17, tzinfo=ZoneInfo("Europe/Paris")),
    )
    people[0].preferred_language = "fr"
    people[0].save()
    with django_capture_on_commit_callbacks(execute=True):
        reg(event, people[0])
        reg(event, people[1])
    by_address = {m.to[0]: m for m in mail.outbox}
    french, english = by_address[people[0].email], by_address[people[1].email]
    assert english.subject == "Registration confirmed: Synthetic biology day"
    assert "June 13, 2030, 09:00" in english.body
    with translation.override("fr"):
        expected = gettext("Registration confirmed: %(event)s") % {"event": "Journée biologie de synthèse"}
    assert french.subject == expected
    assert "13 juin 2030" in french.body  # Django's own French formats: the message is built in French


def test_no_email_when_the_registration_rolls_back(event, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reg(event, people[0])
        with pytest.raises(ValidationError):
            reg(event, people[0])
    assert len(mail.outbox) == 1


def test_waiting_list_email(event, people, django_capture_on_commit_callbacks):
    for p in people[:2]:
        reg(event, p)
    with django_capture_on_commit_callbacks(execute=True):
        reg(event, people[2])
    assert mail.outbox[0].subject.startswith("Waiting list")


def test_cancelling_the_event_tells_every_registrant(
    event, people, staff_user, django_capture_on_commit_callbacks
):
    regs = [reg(event, p) for p in people]  # 2 confirmed, 2 waiting
    services.cancel_registration(registration=regs[0], actor=people[0])  # promotes one
    with django_capture_on_commit_callbacks(execute=True):
        told = services.cancel_event(event=event, actor=staff_user, reason="Storm warning")
    assert told == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[1:])
    assert all("Storm warning" in m.body and m.subject.startswith("Event cancelled") for m in mail.outbox)
    with pytest.raises(ValidationError):
        reg(event, people[0])


def test_publish_and_cancel_need_event_staff(people, research_staff, international_staff):
    event = EventFactory(status="draft")
    for actor in (people[0], research_staff):
        with pytest.raises(PermissionDenied):
            services.publish_event(event=event, actor=actor)
    services.publish_event(event=event, actor=international_staff)
    assert event.status == "published"
    with pytest.raises(ValidationError):
        services.publish_event(event=event, actor=international_staff)


def test_create_event_checks_dates_and_zone(staff_user):
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        services.create_event(
            actor=staff_user,
            title_en="X",
            starts_at=now,
            ends_at=now - timedelta(hours=1),
            time_zone="Mars/Base",
        )
    assert {"ends_at", "time_zone"} <= set(caught.value.error_dict)
    event = services.create_event(
        actor=staff_user, title_en="X", starts_at=now, ends_at=now, time_zone="Asia/Tokyo"
    )
    assert event.status == "draft"
    assert AuditEvent.objects.filter(action="events.event.created", object_id=str(event.pk)).exists()


def test_delegation_visits(staff_user):
    from biocluster.directory.tests.factories import OrganisationFactory

    delegation = services.create_event(
        actor=staff_user,
        title_en="Delegation from Senegal",
        kind="delegation",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=5),
        delegation_origin="Senegal",
    )
    lab = OrganisationFactory(name="Genomics lab", kind="research_lab")
    visit = services.add_visit(event=delegation, actor=staff_user, organisation=lab)
    assert list(delegation.visits.all()) == [visit]
    with pytest.raises(ValidationError):
        services.add_visit(event=EventFactory(), actor=staff_user, organisation=lab)
    with pytest.raises(ValidationError):
        services.add_registration(event=delegation, actor=staff_user, name="A", email="a@example.org")


def test_raising_the_capacity_moves_the_waiting_list_up(event, people, staff_user):
    regs = [reg(event, p) for p in people]  # capacity 2: two waiting
    services.update_event(event=event, actor=staff_user, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waiting"]


def test_a_delegation_s_origin_and_an_event_s_country_read_in_the_reader_s_language(client, db):
    from django.urls import reverse
    from django.utils import translation

    from biocluster.events.tests.factories import EventFactory

    event = EventFactory(
        kind="delegation",
        status="published",
        city="Évry-Courcouronnes",
        country="US",
        delegation_origin="the United States",
        delegation_origin_fr="États-Unis",
    )
    with translation.override("fr"):
        assert event.origin_in_language == "États-Unis"
        page = client.get(
            reverse("events:event_detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="fr"
        ).content.decode()
    assert "États-Unis" in page and "the United States" not in page and "(US)" not in page
    with translation.override("en"):
        assert event.origin_in_language == "the United States"
        page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "United States" in page and "(US)" not in page


def test_an_event_is_over_from_the_moment_it_ends():
    event = Event(starts_at=datetime(2026, 5, 4, 9, tzinfo=UTC), ends_at=datetime(2026, 5, 4, 17, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 5, 4, 16, 59, tzinfo=UTC), tick=False):
        assert not event.is_over
    with time_machine.travel(datetime(2026, 5, 4, 17, 0, 1, tzinfo=UTC), tick=False):
        assert event.is_over
    assert not Event(starts_at=None, ends_at=None).is_over
