"""The pages: listing, times in two zones, registering, badges, check-in, export, attendance chart."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from biocluster.events.models import Registration
from biocluster.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_event_in_another_zone_shows_both_times(client):
    la = ZoneInfo("America/Los_Angeles")
    event = EventFactory(
        title_en="BIO International Convention 2030",
        starts_at=datetime(2030, 6, 13, 9, tzinfo=la),
        ends_at=datetime(2030, 6, 16, 17, tzinfo=la),
        time_zone="America/Los_Angeles",
    )
    SessionFactory(event=event, title_en="Opening keynote")
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "June 13, 2030, 09:00" in page and "America/Los_Angeles" in page
    assert "June 13, 2030, 18:00" in page and "Europe/Paris" in page  # the viewer's (the site's) zone
    assert "Opening keynote" in page


def test_same_zone_shows_one_time(client, event):
    page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert "Your time" not in page


def test_register_page_registers_and_redirects(client, member, event):
    client.force_login(member)
    url = reverse("events:register", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"mode": "on_site", "language": "fr"})
    assert response.status_code == 302 and response.url == reverse("events:event_detail", args=[event.pk])
    registration = Registration.objects.get(user=member)
    assert registration.language == "fr" and registration.organisation.name == "Member Bio"
    again = client.post(url, {"mode": "on_site", "language": "en"})
    assert again.status_code == 200 and "already registered" in again.content.decode()


def qr_in(pdf: bytes) -> list[list[bool]]:
    """Rebuild the QR code's matrix from the squares drawn in the (uncompressed) PDF."""
    import re

    squares = [
        tuple(float(v) for v in match.groups())
        for match in re.finditer(rb"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re f", pdf)
    ]
    cell = min(s[2] for s in squares)
    xs = sorted({round(s[0] / cell) for s in squares})
    ys = sorted({round(s[1] / cell) for s in squares})
    dark = {
        (round(s[0] / cell) - xs[0], ys[-1] - round(s[1] / cell)) for s in squares if abs(s[2] - cell) < 1e-3
    }
    size = max(max(c for c, _r in dark), max(r for _c, r in dark)) + 1
    return [[(col, row) in dark for col in range(size)] for row in range(size)]


def test_badge_pdf_opens_and_holds_the_qr(client, member, event):
    import segno

    registration = RegistrationFactory(event=event, user=member, name="Ada Lovelace")
    client.force_login(member)
    response = client.get(reverse("events:badge", args=[registration.pk]))
    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and b"/Count 1" in pdf
    assert b"(Ada Lovelace) Tj" in pdf and registration.badge_token.encode() in pdf
    url = f"http://testserver/events/{event.pk}/check-in/?badge={registration.badge_token}"
    expected = [[bool(v) for v in row] for row in segno.make(url, error="m").matrix]
    assert qr_in(pdf) == expected


def test_no_badge_while_waiting(client, member, event):
    registration = RegistrationFactory(event=event, user=member, status="waiting")
    client.force_login(member)
    assert client.get(reverse("events:badge", args=[registration.pk])).status_code == 302


def test_scanned_badge_opens_the_check_in_page(client, staff_user, event):
    registration = RegistrationFactory(event=event, name="Grace Hopper")
    client.force_login(staff_user)
    url = reverse("events:check_in", args=[event.pk]) + f"?badge={registration.badge_token}"
    assert "Grace Hopper" in client.get(url).content.decode()
    other = RegistrationFactory(event=EventFactory(title_en="Another day"))
    page = client.get(reverse("events:check_in", args=[event.pk]) + f"?badge={other.badge_token}")
    assert "This badge is for another event" in page.content.decode()
    response = client.post(reverse("events:check_in", args=[event.pk]), {"token": other.badge_token})
    assert response.status_code == 200 and "another event" in response.content.decode()
    client.post(reverse("events:check_in", args=[event.pk]), {"token": registration.badge_token})
    assert Registration.objects.get(pk=registration.pk).checked_in_at is not None


def test_csv_export_and_attendance_chart(client, staff_user, event):
    from biocluster.directory.tests.factories import OrganisationFactory

    RegistrationFactory(event=event, name="=cmd()", organisation=OrganisationFactory(kind="startup"))
    RegistrationFactory(event=event, status="waiting")
    client.force_login(staff_user)
    csv_text = client.get(reverse("events:registrations_csv", args=[event.pk])).content.decode()
    lines = csv_text.strip().splitlines()
    assert len(lines) == 3 and lines[1].startswith("'=cmd()")
    page = client.get(reverse("events:attendance", args=[event.pk])).content.decode()
    svgs = "".join(re.findall(r"<svg.*?</svg>", page, re.S))
    assert ">Start-up</text>" in svgs and ">On the waiting list</text>" in svgs


def test_staff_create_publish_cancel_through_the_pages(
    client, staff_user, member, event, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(staff_user)
    response = client.post(
        reverse("events:event_create"),
        {
            "title_en": "Tokyo mission",
            "kind": "abroad",
            "starts_at": "2030-04-02T09:00",
            "ends_at": "2030-04-04T18:00",
            "time_zone": "Asia/Tokyo",
            "country": "JP",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    from biocluster.events.models import Event

    created = Event.objects.get(title_en="Tokyo mission")
    assert created.starts_at.isoformat() == "2030-04-02T00:00:00+00:00" and created.status == "draft"
    client.post(reverse("events:event_publish", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == "published"
    RegistrationFactory(event=event, user=member, email=member.email)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:event_cancel", args=[event.pk]), {"reason": "Strike"})
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_the_list_pages_through_every_event_instead_of_cutting_it(client, db, monkeypatch):
    from biocluster.events.views import public

    monkeypatch.setattr(public, "PAGE_SIZE", 2)
    soon = timezone.now() + timedelta(days=30)
    titles = [
        EventFactory(title_en=f"Forum {n}", starts_at=soon + timedelta(days=n)).title_en for n in range(3)
    ]
    first = client.get(reverse("events:event_list")).content.decode()
    assert titles[0] in first and titles[2] not in first and "?upcoming=2" in first
    second = client.get(reverse("events:event_list"), {"upcoming": 2}).content.decode()
    assert titles[2] in second and titles[0] not in second


def test_the_page_and_the_api_filter_with_the_same_filter_set(client, db):
    EventFactory(title_en="Delegation from Quebec", kind="delegation")
    EventFactory(title_en="Gene therapy forum", kind="on_site")
    page = client.get(reverse("events:event_list"), {"kind": "delegation"}).content.decode()
    assert "Delegation from Quebec" in page and "Gene therapy forum" not in page
    listed = client.get("/api/events", {"kind": "delegation"}).json()
    assert [item["title_en"] for item in listed["items"]] == ["Delegation from Quebec"]
    assert client.get("/api/events", {"q": "gene"}).json()["count"] == 1
