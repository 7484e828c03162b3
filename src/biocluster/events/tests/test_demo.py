"""The events' demo loads (with or without the directory's) and a second load changes nothing."""

import pytest

from biocluster.core.demo import DemoContext
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.events import demo
from biocluster.events.models import Event, Registration
from biocluster.events.stats import attendance

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_the_real_facts():
    OrganisationFactory(name="Genopole", kind="cluster")
    OrganisationFactory(name="Génome Québec", kind="cluster")
    OrganisationFactory(name="Illumina", kind="large_company")
    OrganisationFactory(name="Lab Biotech", kind="platform")
    demo.load(DemoContext(verbosity=0))
    events, registrations = Event.objects.count(), Registration.objects.count()
    demo.load(DemoContext(verbosity=0))
    assert (Event.objects.count(), Registration.objects.count()) == (events, registrations)

    bio = Event.objects.get(title_en="BIO International Convention 2022")
    assert bio.has_partnering and bio.kind == "abroad" and bio.country == "US"
    assert bio.starts_at.astimezone(bio.tz).strftime("%Y-%m-%d %H:%M") == "2022-06-13 09:00"
    assert "004_d8d48f5feeb4f35b.txt" in bio.source
    assert Event.objects.get(title_en="BIO-Europe 2022").city == "Leipzig"
    ehds = Event.objects.get(title_en="Towards a European Health Data Space")
    figures = attendance(ehds)
    assert (figures.on_site, figures.online, figures.checked_in) == (40, 290, 40)
    delegations = Event.objects.filter(kind="delegation")
    assert set(delegations.values_list("delegation_origin", flat=True)) >= {"South Korea", "Senegal", "Japan"}
    assert delegations.filter(visiting_organisations__name="Illumina").exists()
    assert delegations.filter(visiting_organisations__name="Génome Québec").count() == 2
    assert all(e.source for e in Event.objects.all())
    open_events = [e for e in Event.objects.filter(status="published") if demo.Event and _open(e)]
    assert open_events, "the demo needs an event to register to"


def _open(event) -> bool:
    from biocluster.events.services import registration_problem

    return registration_problem(event, event.modes()[0] if event.modes() else "on_site") is None


def test_demo_sessions_hold_the_conference_centre_rooms_once():
    from biocluster.accounts.models import Department, Role
    from biocluster.accounts.services import grant_role
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.core.demo import demo_email
    from biocluster.events.models import Room, Session
    from biocluster.platforms.demo_rooms import load_rooms
    from biocluster.platforms.models import Booking, BookingKind

    OrganisationFactory(name="Genopole", kind="cluster")
    staff = UserFactory(email=demo_email("staff-communication"))
    grant_role(actor=None, user=staff, role=Role.STAFF, department=Department.COMMUNICATION)
    demo.load(DemoContext(verbosity=0))  # before the rooms are bookable: the sessions hold nothing
    assert not Booking.objects.exists()
    load_rooms(DemoContext(verbosity=0))
    demo.load(DemoContext(verbosity=0))  # a later load: every session in a bookable room holds it
    auditorium = Room.objects.get(name="Auditorium")
    assert auditorium.seats == 700 and auditorium.resource.name == "Auditorium"
    held = Session.objects.filter(room__resource__isnull=False)
    assert held.exists()
    assert all(s.booking.kind == BookingKind.EVENT and s.booking.is_active for s in held)
    assert all((s.booking.start, s.booking.end) == (s.starts_at, s.ends_at) for s in held)
    bookings = Booking.objects.count()
    load_rooms(DemoContext(verbosity=0))
    demo.load(DemoContext(verbosity=0))
    assert Booking.objects.count() == bookings == held.count()
