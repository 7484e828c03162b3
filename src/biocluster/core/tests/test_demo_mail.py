"""In the demo, the e-mails sent (by pages or the background worker) are read by staff in the browser."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mailbox(settings, tmp_path):
    settings.DEMO = True
    settings.DEMO_MAIL_DIR = tmp_path
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    return tmp_path


def test_staff_read_what_the_demo_sent_latest_first(client, staff_user, demo_mailbox):
    mail.send_mail("Your booking is confirmed", "Tuesday 10:00-12:00, Confocal.", None, ["chloe@example.org"])
    mail.send_mail("Réservation annulée", "Le créneau s'est libéré.", None, ["nadia@example.org"])
    assert list(demo_mailbox.glob("*.log"))
    client.force_login(staff_user)
    page = client.get(reverse("demo_mail")).content.decode()
    assert (
        "Your booking is confirmed" in page and "chloe@example.org" in page and "Tuesday 10:00-12:00" in page
    )
    assert "Réservation annulée" in page and "Le créneau s&#x27;est libéré." in page
    assert 'href="/demo/mail/"' in client.get(reverse("home")).content.decode()


def test_members_may_not_read_the_demo_s_mail(client, member, demo_mailbox):
    client.force_login(member)
    assert client.get(reverse("demo_mail")).status_code == 403
    assert 'href="/demo/mail/"' not in client.get(reverse("home")).content.decode()


def test_outside_the_demo_there_is_no_such_page(client, staff_user, settings):
    settings.DEMO = False
    client.force_login(staff_user)
    assert client.get(reverse("demo_mail")).status_code == 404
