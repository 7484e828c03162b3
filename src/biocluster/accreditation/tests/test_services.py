import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from biocluster.accreditation import services
from biocluster.accreditation.models import Accreditation, AccreditationStatus
from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import OrganisationFactory

from .factories import AccreditationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
DECIDED_ON = D(2010, 3, 4)


def _decide(organisation, *, actor=None, decided_on=DECIDED_ON, decision="accepted", **extra):
    return services.decide(
        actor=actor, organisation=organisation, decided_on=decided_on, decision=decision, **extra
    )


def _field_of(error: ValidationError) -> set[str]:
    return set(error.value.message_dict)


def test_an_accepted_decision_starts_active_and_is_audited(entreprises_staff):
    organisation = OrganisationFactory()
    accreditation = _decide(organisation, actor=entreprises_staff, committee_notes="Strong team")
    assert accreditation.recorded_by == entreprises_staff
    assert accreditation.current_status == "active"
    assert accreditation.statuses.get().since == D(2010, 3, 4)
    actions = set(AuditEvent.objects.filter(actor=entreprises_staff).values_list("action", flat=True))
    assert actions == {"accreditation.accreditation.accepted", "accreditation.status.changed"}


def test_a_refused_decision_has_no_status():
    accreditation = _decide(OrganisationFactory(), decision="refused")
    assert accreditation.current_status == ""
    assert not accreditation.statuses.exists()


def test_one_accreditation_per_organisation():
    organisation = OrganisationFactory()
    _decide(organisation)
    with pytest.raises(ValidationError) as error:
        _decide(organisation, decided_on=D(2012, 1, 1))
    assert _field_of(error) == {"organisation"}
    assert Accreditation.objects.count() == 1


def test_a_refused_company_may_be_accredited_later_but_not_earlier():
    organisation = OrganisationFactory()
    _decide(organisation, decision="refused", decided_on=D(2010, 1, 1))
    with pytest.raises(ValidationError) as error:
        _decide(organisation, decided_on=D(2009, 1, 1))
    assert _field_of(error) == {"decided_on"}
    _decide(organisation, decided_on=D(2011, 1, 1))
    assert services.accredited_on([organisation.pk]) == {organisation.pk: D(2011, 1, 1)}


@pytest.mark.parametrize(
    "decided_on",
    [D(1998, 10, 22), timezone.localdate() + datetime.timedelta(days=1)],
    ids=["before-the-cluster", "in-the-future"],
)
def test_decision_date_bounds(decided_on):
    with pytest.raises(ValidationError) as error:
        _decide(OrganisationFactory(), decided_on=decided_on)
    assert _field_of(error) == {"decided_on"}
    assert not Accreditation.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="accreditation.").exists()


def test_the_founding_day_itself_is_allowed():
    assert _decide(OrganisationFactory(), decided_on=D(1998, 10, 23)).pk


def test_unknown_decision_and_non_company_are_refused():
    with pytest.raises(ValidationError) as error:
        _decide(OrganisationFactory(), decision="maybe")
    assert _field_of(error) == {"decision"}
    with pytest.raises(ValidationError) as error:
        _decide(OrganisationFactory(kind="research_lab"))
    assert _field_of(error) == {"organisation"}


def test_too_long_notes_save_nothing():
    with pytest.raises(ValidationError) as error:
        _decide(OrganisationFactory(), committee_notes="x" * 5001)
    assert _field_of(error) == {"committee_notes"}
    assert not Accreditation.objects.exists()
    assert not AccreditationStatus.objects.exists()


def test_status_changes_in_order(entreprises_staff):
    accreditation = _decide(OrganisationFactory())
    services.change_status(
        actor=entreprises_staff,
        accreditation=accreditation,
        status="moved_away",
        since=D(2015, 1, 1),
        note="Lyon",
    )
    services.change_status(
        actor=entreprises_staff, accreditation=accreditation, status="acquired", since=D(2018, 5, 1)
    )
    assert Accreditation.objects.with_current_status().get().current_status == "acquired"
    assert list(accreditation.statuses.values_list("status", flat=True)) == [
        "active",
        "moved_away",
        "acquired",
    ]
    event = (
        AuditEvent.objects.filter(action="accreditation.status.changed", actor=entreprises_staff)
        .order_by("pk")
        .last()
    )
    assert event.data == {"from": "moved_away", "to": "acquired"}


@pytest.mark.parametrize(
    ("status", "since", "field"),
    [
        ("closed", D(2014, 12, 31), "since"),  # before the last change
        ("closed", D(2009, 1, 1), "since"),  # before the decision
        ("closed", timezone.localdate() + datetime.timedelta(days=1), "since"),
        ("moved_away", D(2016, 1, 1), "status"),  # already so
        ("bankrupt", D(2016, 1, 1), "status"),
    ],
)
def test_status_rules(status, since, field):
    accreditation = _decide(OrganisationFactory())
    services.change_status(actor=None, accreditation=accreditation, status="moved_away", since=D(2015, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=None, accreditation=accreditation, status=status, since=since)
    assert _field_of(error) == {field}
    assert accreditation.statuses.count() == 2


def test_a_refused_accreditation_has_no_status_to_change():
    accreditation = _decide(OrganisationFactory(), decision="refused")
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=None, accreditation=accreditation, status="closed", since=D(2015, 1, 1))
    assert _field_of(error) == {"status"}


def test_accredited_on_gives_accepted_ones_only():
    accepted = AccreditationFactory(decided_on=D(2001, 2, 3))
    refused = AccreditationFactory(decision="refused")
    closed = AccreditationFactory(decided_on=D(2005, 1, 1))
    AccreditationStatus.objects.create(accreditation=closed, status="closed", since=D(2010, 1, 1))
    stranger = OrganisationFactory()
    ids = [accepted.organisation_id, refused.organisation_id, closed.organisation_id, stranger.pk]
    assert services.accredited_on(ids) == {
        accepted.organisation_id: D(2001, 2, 3),
        closed.organisation_id: D(2005, 1, 1),
    }
    assert services.accredited_on([]) == {}
