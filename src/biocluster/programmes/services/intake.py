"""Intake: an accepted proposal of a programme-intake call becomes an enrolment, in one step.

Registered as the `on_award` hook of the "programme_intake" call kind, it runs inside
the transaction that creates the award: if the enrolment cannot be made (no cohort for
the call, an overlapping enrolment), the whole publication of decisions is rolled back.
"""

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biocluster.directory import services as directory_services
from biocluster.directory.models import COMPANY_KINDS, Affiliation, Organisation, OrganisationKind, Person
from biocluster.directory.querysets import organisation_ids_of

from ..dates import programme_end
from ..models import Cohort, Enrolment
from .enrolments import enrol, overlapping

FOUNDER_ROLE = "Founder"


def cohort_of_call(call) -> Cohort:
    cohort = (
        Cohort.objects.filter(intake_call=call)
        .select_related("programme")
        .order_by("start_date", "pk")
        .first()
    )
    if cohort is None:
        raise ValidationError(
            _("No cohort takes the accepted proposals of “%(call)s”: create the cohort first.")
            % {"call": call}
        )
    return cohort


def intake_period(cohort: Cohort):
    """The days an application to the cohort's intake call would be enrolled."""
    return cohort.start_date, programme_end(cohort.start_date, cohort.programme.duration_months)


def _already_enrolled(call, cohort: Cohort, organisation, enrolment: Enrolment) -> str:
    start, end = intake_period(cohort)
    return _(
        "%(organisation)s cannot apply to %(call)s: it is already enrolled in %(cohort)s from %(start)s "
        "to %(end)s, which overlaps this intake (%(intake_start)s to %(intake_end)s)."
    ) % {
        "organisation": organisation.name,
        "call": call,
        "cohort": enrolment.cohort,
        "start": date_format(enrolment.start_date),
        "end": date_format(enrolment.effective_end),
        "intake_start": date_format(start),
        "intake_end": date_format(end),
    }


def check_application(*, call, applicant, organisation=None) -> None:
    """The intake's refusal (the `check_application` hook of the "programme_intake" kind): a
    company enrolled in a programme over the intake's enrolment period cannot apply.

    With its organisation chosen, that one is checked; at the start, when none is chosen yet, an
    applicant whose companies are all enrolled over the period is refused (one free company, or
    none, a project without a company yet, may apply).
    """
    cohort = (
        Cohort.objects.filter(intake_call=call)
        .select_related("programme")
        .order_by("start_date", "pk")
        .first()
    )
    if cohort is None:
        return  # no cohort yet: the decisions will need one (`cohort_of_call`), applying does not
    start, end = intake_period(cohort)
    if organisation is not None:
        candidates = [organisation] if organisation.kind in COMPANY_KINDS else []
    else:
        candidates = list(
            Organisation.objects.filter(
                pk__in=organisation_ids_of(applicant), kind__in=COMPANY_KINDS
            ).order_by("name")
        )
    refusals = []
    for company in candidates:
        enrolment = overlapping(company, start, end)
        if enrolment is None:
            return
        refusals.append(_already_enrolled(call, cohort, company, enrolment))
    if refusals:
        raise ValidationError({"organisation": refusals})


def _organisation(actor, proposal) -> tuple[Organisation, bool]:
    """The applying company, or a new unlisted start-up entry for a project without one."""
    if proposal.organisation_id and proposal.organisation.kind in COMPANY_KINDS:
        return proposal.organisation, False
    name = str(proposal.answers.get("project_name") or proposal.title).strip()[:200]
    organisation = directory_services.create_organisation(
        actor=actor,
        action="directory.organisation.created_from_application",
        name=name,
        kind=OrganisationKind.STARTUP,
        description_en=proposal.summary,
        description_fr=proposal.summary,
        is_listed=False,
        source=_("Application %(reference)s") % {"reference": proposal.reference},
    )
    return organisation, True


def _founder(actor, user, organisation) -> Person:
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = directory_services.create_person(
            actor=actor,
            action="directory.person.created_from_application",
            user=user,
            first_name=user.first_name or user.email,
            last_name=user.last_name,
            email=user.email,
        )
    if not Affiliation.objects.current().filter(person=person, organisation=organisation).exists():
        directory_services.affiliate(
            actor=actor,
            action="directory.affiliation.created_from_application",
            person=person,
            organisation=organisation,
            role=FOUNDER_ROLE,
            is_administrator=True,
        )
    return person


def enrol_from_award(*, award, actor) -> Enrolment:
    proposal = award.proposal
    cohort = cohort_of_call(proposal.call)
    organisation, created = _organisation(actor, proposal)
    users = [proposal.applicant] + [member.user for member in proposal.members.select_related("user")]
    founders = [_founder(actor, user, organisation) for user in users]
    return enrol(
        actor=actor,
        cohort=cohort,
        organisation=organisation,
        founders=founders,
        start_date=max(cohort.start_date, award.start_date),
        proposal=proposal,
        organisation_created=created,
        check_actor=False,
    )
