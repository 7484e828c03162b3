"""The platforms' to-dos on the home page: a manager's bookings awaiting approval and uses to record,
per platform they manage; a person's trainings about to expire."""

from datetime import timedelta

import pytest

from biocluster.accounts.tests.factories import UserFactory
from biocluster.core import registry
from biocluster.core.tests.clock import NOW, TODAY, frozen  # noqa: F401 - the fixture
from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory
from biocluster.platforms import todo
from biocluster.platforms.tests.factories import (
    BookingFactory,
    InstrumentFactory,
    PlatformFactory,
    QualificationFactory,
    UsageRecordFactory,
    manager_of,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _requested(instrument, start, hours=2):
    return BookingFactory(
        instrument=instrument, status="requested", start=start, end=start + timedelta(hours=hours)
    )


def _past(instrument, days_ago, **kwargs):
    start = NOW - timedelta(days=days_ago)
    return BookingFactory(instrument=instrument, start=start, end=start + timedelta(hours=1), **kwargs)


def test_a_manager_sees_per_platform_what_awaits_approval_and_what_use_to_record(
    django_assert_num_queries,
):
    imaging = PlatformFactory(organisation__name="Imaging")
    sequencing = PlatformFactory(organisation__name="Sequencing")
    other = PlatformFactory(organisation__name="Someone else's")
    manager = manager_of(imaging)
    AffiliationFactory(person=manager.person, organisation=sequencing.organisation, is_administrator=True)
    microscope, sequencer = InstrumentFactory(platform=imaging), InstrumentFactory(platform=sequencing)
    _requested(microscope, NOW + timedelta(days=3))
    _requested(microscope, NOW + timedelta(days=1))
    _requested(microscope, NOW - timedelta(hours=1))  # started, not over: still to decide, late
    _requested(microscope, NOW - timedelta(days=2))  # over: nothing to decide any more
    _requested(InstrumentFactory(platform=other), NOW + timedelta(days=1))
    # Uses to record: ended, within two months, none recorded yet.
    for days in (1, 10):
        _past(sequencer, days)
    UsageRecordFactory(platform=sequencing, booking=_past(sequencer, 3), instrument=sequencer)
    _past(sequencer, 4, status="cancelled")
    _past(sequencer, 90)  # too old
    _past(sequencer, 5, kind="maintenance")

    with django_assert_num_queries(3):  # the organisations administered, their platforms, one count
        todos = todo.manager_todos(manager)

    assert [(t.title, t.url, t.count, t.due, t.overdue) for t in todos] == [
        (
            "3 bookings awaiting approval at Imaging",
            f"/platforms/{imaging.pk}/manage/#to-approve",
            3,
            NOW - timedelta(hours=1),
            True,
        ),
        ("2 uses to record at Sequencing", f"/platforms/{sequencing.pk}/manage/#to-record", 2, None, False),
    ]
    assert todo.manager_todos(UserFactory()) == []


def test_a_member_of_the_platform_who_is_not_its_administrator_has_nothing_to_approve():
    platform = PlatformFactory()
    _requested(InstrumentFactory(platform=platform), NOW + timedelta(days=1))
    user = UserFactory()
    AffiliationFactory(person=PersonFactory(user=user), organisation=platform.organisation)
    assert todo.manager_todos(user) == []


def test_trainings_expiring_within_30_days_and_not_renewed(django_assert_num_queries):
    user = UserFactory()
    soon, later, renewed, hidden = (
        InstrumentFactory(name=name) for name in ("Soon", "Later", "Renewed", "Hidden")
    )
    hidden.platform.is_published = False
    hidden.platform.save()
    QualificationFactory(user=user, instrument=later, expires_on=TODAY + timedelta(days=30))
    QualificationFactory(user=user, instrument=soon, expires_on=TODAY + timedelta(days=2))
    QualificationFactory(user=user, instrument=renewed, expires_on=TODAY + timedelta(days=5))
    QualificationFactory(
        user=user,
        instrument=renewed,
        qualified_on=TODAY - timedelta(days=1),
        expires_on=TODAY + timedelta(days=365),
    )
    QualificationFactory(user=user, instrument=hidden, expires_on=TODAY + timedelta(days=5))
    # Not to do: expired already, beyond 30 days, never expiring, someone else's.
    QualificationFactory(user=user, expires_on=TODAY - timedelta(days=1))
    QualificationFactory(user=user, expires_on=TODAY + timedelta(days=31))
    QualificationFactory(user=user, expires_on=None)
    QualificationFactory(instrument=soon, expires_on=TODAY + timedelta(days=2))

    with django_assert_num_queries(3):  # the roles, the organisations administered, the trainings
        todos = todo.expiring_trainings(user)

    assert [(t.title, t.url, t.due) for t in todos] == [
        (
            "Your training on Soon expires: ask the platform to renew it",
            f"/platforms/instruments/{soon.pk}/",
            TODAY + timedelta(days=2),
        ),
        (
            "Your training on Later expires: ask the platform to renew it",
            f"/platforms/instruments/{later.pk}/",
            TODAY + timedelta(days=30),
        ),
    ]


def test_the_platforms_register_their_providers():
    platform = PlatformFactory()
    manager = manager_of(platform)
    _requested(InstrumentFactory(platform=platform), NOW + timedelta(days=1))
    assert [t.title for t in registry.todos_for(manager)] == [
        f"1 booking awaiting approval at {platform.organisation.name}"
    ]
