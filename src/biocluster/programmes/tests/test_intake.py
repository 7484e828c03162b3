"""Intake through the calls engine: an accepted proposal becomes an enrolment in one step."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.accounts.tests.factories import UserFactory
from biocluster.calls.models import Award, Call
from biocluster.calls.services.decisions import decide, publish_decisions
from biocluster.calls.tests.factories import closed_call, submitted
from biocluster.directory.models import Affiliation, Organisation
from biocluster.directory.querysets import organisation_ids_of
from biocluster.programmes.models import Enrolment
from biocluster.programmes.querysets import is_programmes_staff
from biocluster.programmes.tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def accept(staff, proposal):
    decide(actor=staff, proposal=proposal, outcome="funded", amount=Decimal(1000))
    publish_decisions(actor=staff, call=proposal.call)


@pytest.fixture
def intake_call(programmes_staff):
    return closed_call(kind="programme_intake", managers=[programmes_staff])


def test_an_accepted_project_becomes_an_enrolment_of_a_new_organisation(
    programmes_staff, shaker, intake_call
):
    cohort = CohortFactory(programme=shaker, intake_call=intake_call, name="Shaker 2026")
    founder = UserFactory(email="founder@example.org", first_name="Inès", last_name="Roux")
    co_founder = UserFactory(email="cofounder@example.org")
    proposal = submitted(call=intake_call, applicant=founder, title="PhageLab", requested_amount=None)
    proposal.members.create(user=co_founder)
    accept(programmes_staff, proposal)

    enrolment = Enrolment.objects.get()
    assert enrolment.cohort == cohort and enrolment.proposal == proposal
    assert enrolment.organisation_created
    organisation = enrolment.organisation
    assert (organisation.name, organisation.kind, organisation.is_listed) == ("PhageLab", "startup", False)
    assert {p.user for p in enrolment.founders.all()} == {founder, co_founder}
    assert Affiliation.objects.filter(
        organisation=organisation, person__user=founder, role="Founder"
    ).exists()
    assert organisation.pk in organisation_ids_of(founder)  # the founder is now a member
    assert enrolment.start_date == max(cohort.start_date, Award.objects.get().start_date)
    assert not is_programmes_staff(founder)


def test_an_existing_company_is_linked_not_created(
    programmes_staff, booster_programme, intake_call, member, member_organisation
):
    CohortFactory(programme=booster_programme, intake_call=intake_call)
    proposal = submitted(
        call=intake_call, applicant=member, organisation=member_organisation, requested_amount=None
    )
    before = Organisation.objects.count()
    accept(programmes_staff, proposal)
    enrolment = Enrolment.objects.get()
    assert enrolment.organisation == member_organisation and not enrolment.organisation_created
    assert Organisation.objects.count() == before
    assert enrolment.founders.get().user == member


def test_without_a_cohort_nothing_is_published(programmes_staff, intake_call, member):
    proposal = submitted(call=intake_call, applicant=member, requested_amount=None)
    decide(actor=programmes_staff, proposal=proposal, outcome="funded", amount=Decimal(1000))
    with pytest.raises(ValidationError) as error:
        publish_decisions(actor=programmes_staff, call=intake_call)
    assert "create the cohort first" in str(error.value)
    assert not Award.objects.exists() and not Enrolment.objects.exists()
    assert Call.objects.get().status == "published"


def test_an_overlapping_enrolment_stops_the_publication(
    programmes_staff, shaker, intake_call, enrolment, member
):
    CohortFactory(programme=shaker, intake_call=intake_call, start_date=enrolment.start_date)
    proposal = submitted(
        call=intake_call, applicant=member, organisation=enrolment.organisation, requested_amount=None
    )
    decide(actor=programmes_staff, proposal=proposal, outcome="funded", amount=Decimal(1000))
    with pytest.raises(ValidationError) as error:
        publish_decisions(actor=programmes_staff, call=intake_call)
    assert "cannot overlap" in str(error.value)
    assert Enrolment.objects.count() == 1 and not Award.objects.exists()


def test_intake_writes_the_directory_through_its_services(programmes_staff, shaker, intake_call, monkeypatch):
    """The directory's rules and audit apply to what intake creates (it wrote the rows itself)."""
    from biocluster.directory import services as directory_services

    called = []
    for name in ("create_organisation", "create_person", "affiliate"):
        original = getattr(directory_services, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            called.append((_name, kwargs["actor"], kwargs["action"]))
            return _original(*args, **kwargs)

        monkeypatch.setattr(directory_services, name, spy)
    CohortFactory(programme=shaker, intake_call=intake_call, name="Shaker 2026")
    founder = UserFactory(email="founder@example.org")
    accept(
        programmes_staff,
        submitted(call=intake_call, applicant=founder, title="PhageLab", requested_amount=None),
    )
    assert called == [
        ("create_organisation", programmes_staff, "directory.organisation.created_from_application"),
        ("create_person", programmes_staff, "directory.person.created_from_application"),
        ("affiliate", programmes_staff, "directory.affiliation.created_from_application"),
    ]
