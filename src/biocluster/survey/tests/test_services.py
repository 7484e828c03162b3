"""The survey's rules, without HTTP: who is asked, prefill, answers checked, states, reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.accreditation.tests.factories import AccreditationFactory, AccreditationStatusFactory
from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, MilestoneFactory
from biocluster.survey import services
from biocluster.survey.models import Answer, Campaign, Reason, Reminder, ResponseState

from .factories import CampaignFactory, ResponseFactory, answer

pytestmark = pytest.mark.django_db


def _values(response) -> dict:
    return {a.question.code: a.value for a in services.answers_of(response)}


FULL = {
    "headcount": "12",
    "rd_staff": "5",
    "sales": "250000",
    "export_sales": "50000",
    "funds_raised": "0",
    "patents": "1",
    "new_products": "no",
}


# -- who is asked


def test_the_rule_asks_accredited_hosted_and_recent_graduates():
    accredited = AccreditationFactory(decided_on=datetime.date(2010, 5, 1)).organisation
    closed = AccreditationFactory(decided_on=datetime.date(2011, 5, 1))
    AccreditationStatusFactory(accreditation=closed, status="closed", since=datetime.date(2020, 1, 1))
    hosted = OrganisationFactory(kind="sme", campus=CampusFactory())
    lab_on_campus = OrganisationFactory(kind="research_lab", campus=CampusFactory())
    cohort = CohortFactory(start_date=datetime.date(2018, 9, 1))
    graduate = EnrolmentFactory(
        cohort=cohort, status="graduated", ended_on=datetime.date(2020, 6, 30)
    ).organisation
    too_old = EnrolmentFactory(
        cohort=cohort, status="graduated", ended_on=datetime.date(2019, 12, 31)
    ).organisation

    asked = services.companies_to_ask(2025)

    assert asked[accredited.pk] == Reason.ACCREDITED
    assert asked[hosted.pk] == Reason.HOSTED
    assert asked[graduate.pk] == Reason.GRADUATE  # left in 2020: asked until the 2025 survey
    assert closed.organisation_id not in asked
    assert lab_on_campus.pk not in asked
    assert too_old.pk not in asked
    assert graduate.pk not in services.companies_to_ask(2026)


def test_a_campaign_asks_the_rule_s_companies_and_staff_add_or_remove_one(staff_user):
    accredited = AccreditationFactory(decided_on=datetime.date(2010, 5, 1)).organisation
    campaign = services.create_campaign(actor=staff_user, year=2025, deadline=datetime.date(2026, 3, 31))
    assert list(campaign.responses.values_list("organisation", flat=True)) == [accredited.pk]
    assert campaign.questions.filter(code="sales").exists()

    extra = OrganisationFactory(name="Extra Bio")
    response = services.add_company(actor=staff_user, campaign=campaign, organisation=extra)
    assert response.reason == Reason.ADDED
    with pytest.raises(ValidationError) as error:
        services.add_company(actor=staff_user, campaign=campaign, organisation=extra)
    assert "organisation" in error.value.message_dict

    services.remove_company(actor=staff_user, response=response)
    assert not campaign.responses.filter(organisation=extra).exists()
    assert AuditEvent.objects.filter(action="survey.response.removed").count() == 1


def test_one_campaign_per_year_and_its_deadline_after_the_year(staff_user):
    with pytest.raises(ValidationError) as error:
        services.create_campaign(actor=staff_user, year=2025, deadline=datetime.date(2025, 12, 1))
    assert "deadline" in error.value.message_dict
    services.create_campaign(actor=staff_user, year=2025, deadline=datetime.date(2026, 3, 31))
    with pytest.raises(ValidationError) as error:
        services.create_campaign(actor=staff_user, year=2025, deadline=datetime.date(2026, 3, 31))
    assert "year" in error.value.message_dict


# -- prefill


def test_opening_prefills_from_last_year_and_the_milestones(staff_user):
    organisation = OrganisationFactory(name="Prefilled Bio", kind="startup")
    last = ResponseFactory(
        campaign=CampaignFactory(year=2024, state="closed", deadline="2025-03-31"),
        organisation=organisation,
        state=ResponseState.VALIDATED,
    )
    answer(last, "headcount", 14)
    answer(last, "sales", Decimal("120000"))
    not_validated = ResponseFactory(
        campaign=Campaign.objects.get(year=2024), organisation=OrganisationFactory()
    )
    answer(not_validated, "headcount", 99)
    enrolment = EnrolmentFactory(organisation=organisation)
    MilestoneFactory(
        enrolment=enrolment,
        kind="fund_raise",
        title="Seed",
        date="2025-02-03",
        amount=500000,
        status="validated",
    )
    MilestoneFactory(
        enrolment=enrolment,
        kind="fund_raise",
        title="Bridge",
        date="2025-09-03",
        amount=250000,
        status="validated",
    )
    MilestoneFactory(enrolment=enrolment, kind="fund_raise", date="2025-10-03", amount=9, status="declared")
    MilestoneFactory(enrolment=enrolment, kind="fund_raise", date="2024-10-03", amount=9, status="validated")
    MilestoneFactory(
        enrolment=enrolment, kind="patent", title="EP123", date="2025-04-01", count=2, status="validated"
    )

    campaign = CampaignFactory(year=2025, state="draft")
    response = ResponseFactory(campaign=campaign, organisation=organisation)
    services.open_campaign(actor=staff_user, campaign=campaign)

    answers = {a.question.code: a for a in response.answers.select_related("question")}
    assert answers["headcount"].value == 14
    assert (answers["headcount"].prefilled_from, answers["headcount"].prefill_detail) == ("last_year", "2024")
    assert answers["sales"].value == Decimal("120000")
    assert answers["funds_raised"].value == Decimal("750000")  # validated fund raises of 2025 only
    assert answers["funds_raised"].prefilled_from == "funds_raised"
    assert "Seed (2025-02-03, EUR 500000.00)" in answers["funds_raised"].prefill_detail
    assert answers["patents"].value == 2
    assert answers["rd_staff"].value is None and answers["rd_staff"].prefilled_from == ""
    assert response.state == ResponseState.DRAFT  # the company confirms: nothing is submitted for it


# -- answers


def test_a_negative_headcount_is_refused_on_its_field_and_nothing_is_saved(
    response, organisation_administrator
):
    with pytest.raises(ValidationError) as error:
        services.save_answers(
            actor=organisation_administrator, response=response, values={"sales": "1000", "headcount": "-3"}
        )
    assert error.value.message_dict == {"headcount": ["Cannot be negative."]}
    assert not Answer.objects.filter(response=response).exclude(number=None).exists()
    response.refresh_from_db()
    assert response.saved_at is None


def test_text_in_an_amount_is_refused_on_its_field(response, organisation_administrator):
    with pytest.raises(ValidationError) as error:
        services.save_answers(
            actor=organisation_administrator, response=response, values={"sales": "about a million"}
        )
    assert error.value.message_dict == {"sales": ["Enter an amount in euros, in digits."]}
    assert not Answer.objects.filter(response=response).exists()


@pytest.mark.parametrize(
    ("code", "typed", "expected"),
    [
        ("sales", "1 234 567,50", Decimal("1234567.50")),
        ("sales", 1200, Decimal("1200")),
        ("headcount", "12", 12),
        ("headcount", "12.0", 12),
        ("new_products", "yes", True),
        ("new_products", False, False),
        ("comments", "  Moving to a bigger lab.  ", "Moving to a bigger lab."),
        ("sales", "", None),
    ],
)
def test_what_is_typed_is_read_by_the_question_s_kind(campaign, code, typed, expected):
    assert services.parse(campaign.questions.get(code=code), typed) == expected


@pytest.mark.parametrize(
    ("code", "typed"),
    [("headcount", "12.5"), ("headcount", True), ("sales", "1e40"), ("sales", "NaN"), ("sales", "0.001")],
)
def test_what_a_question_cannot_hold_is_refused(campaign, code, typed):
    with pytest.raises(ValidationError) as error:
        services.parse(campaign.questions.get(code=code), typed)
    assert list(error.value.message_dict) == [code]


def test_a_draft_is_saved_and_audited(response, organisation_administrator):
    services.save_answers(actor=organisation_administrator, response=response, values={"headcount": "8"})
    response.refresh_from_db()
    assert response.state == ResponseState.DRAFT and response.saved_at is not None
    assert _values(response)["headcount"] == 8
    event = AuditEvent.objects.get(action="survey.response.saved")
    assert event.data == {"answers": {"headcount": [None, 8]}}


# -- states


def test_submit_needs_every_required_answer_then_staff_validate(
    response, organisation_administrator, staff_user
):
    with pytest.raises(ValidationError) as error:
        services.submit_response(
            actor=organisation_administrator, response=response, values={"headcount": "8"}
        )
    assert "sales" in error.value.message_dict and "comments" not in error.value.message_dict
    response.refresh_from_db()
    assert response.state == ResponseState.DRAFT and not response.answers.exists()  # nothing kept

    services.submit_response(actor=organisation_administrator, response=response, values=FULL)
    response.refresh_from_db()
    assert response.state == ResponseState.SUBMITTED and response.submitted_by == organisation_administrator
    with pytest.raises(ValidationError):
        services.save_answers(actor=organisation_administrator, response=response, values={"headcount": "9"})

    services.validate_response(actor=staff_user, response=response)
    response.refresh_from_db()
    assert response.state == ResponseState.VALIDATED and response.reviewed_by == staff_user
    with pytest.raises(ValidationError):
        services.validate_response(actor=staff_user, response=response)


def test_a_returned_response_is_corrected_and_submitted_again(
    response, organisation_administrator, staff_user
):
    services.submit_response(actor=organisation_administrator, response=response, values=FULL)
    with pytest.raises(ValidationError) as error:
        services.return_response(actor=staff_user, response=response, comment="  ")
    assert "comment" in error.value.message_dict
    services.return_response(actor=staff_user, response=response, comment="Export sales above sales?")
    response.refresh_from_db()
    assert response.state == ResponseState.RETURNED and response.staff_comment == "Export sales above sales?"

    services.submit_response(
        actor=organisation_administrator, response=response, values={"export_sales": "40000"}
    )
    response.refresh_from_db()
    assert response.state == ResponseState.SUBMITTED and _values(response)["export_sales"] == Decimal("40000")
    actions = list(AuditEvent.objects.filter(object_id=str(response.pk)).values_list("action", flat=True))
    assert actions.count("survey.response.submitted") == 2 and "survey.response.returned" in actions


def test_a_campaign_closes_once_nothing_awaits_validation(response, organisation_administrator, staff_user):
    campaign = response.campaign
    services.submit_response(actor=organisation_administrator, response=response, values=FULL)
    with pytest.raises(ValidationError):
        services.close_campaign(actor=staff_user, campaign=campaign)
    services.validate_response(actor=staff_user, response=response)
    ResponseFactory(campaign=campaign)  # never answered
    services.close_campaign(actor=staff_user, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.state == "closed"
    assert services.response_rate(campaign) == 0.5
    event = AuditEvent.objects.get(action="survey.campaign.closed")
    assert event.data == {"response_rate": 0.5}
    with pytest.raises(ValidationError):
        services.open_campaign(actor=staff_user, campaign=campaign)


def test_nothing_is_answered_in_a_closed_campaign(response, organisation_administrator):
    Campaign.objects.filter(pk=response.campaign_id).update(state="closed")
    response.refresh_from_db()
    with pytest.raises(ValidationError):
        services.save_answers(actor=organisation_administrator, response=response, values={"headcount": "1"})


def test_completion_counts_by_state(campaign):
    for state in ("draft", "draft", "submitted", "validated", "returned"):
        ResponseFactory(campaign=campaign, state=state)
    completion = services.completion(campaign)
    assert completion.asked == 5
    assert completion.by_state == {"draft": 2, "submitted": 1, "validated": 1, "returned": 1}
    assert completion.answered == 2 and completion.response_rate == 0.2


# -- reminders


@pytest.mark.parametrize(
    ("today", "key"),
    [
        ("2026-03-01", None),
        ("2026-03-23", None),
        ("2026-03-24", "before-7"),
        ("2026-03-29", "before-7"),
        ("2026-03-30", "before-1"),
        ("2026-03-31", "before-1"),
        ("2026-04-01", "after-0"),
        ("2026-04-07", "after-0"),
        ("2026-04-08", "after-1"),
    ],
)
def test_which_reminder_is_due(today, key):
    assert services.reminder_key(datetime.date(2026, 3, 31), datetime.date.fromisoformat(today)) == key


def test_reminders_are_sent_once_each_to_the_administrators(
    response, other_response, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = response.campaign
    ResponseFactory(campaign=campaign, state="submitted")  # answered: not reminded
    week_before = datetime.date(2026, 3, 24)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(today=week_before) == 2
    assert len(mailoutbox) == 2
    mails = {m.to[0]: m for m in mailoutbox}
    assert set(mails) == {"orgadmin@example.org", "other-admin@example.org"}
    assert mails["orgadmin@example.org"].subject == "Company survey 2025: your answers are awaited"
    assert f"/survey/responses/{response.pk}/" in mails["orgadmin@example.org"].body
    assert services.send_reminders(today=week_before) == 0  # run again the same day
    assert services.send_reminders(today=week_before + datetime.timedelta(days=2)) == 0  # same step
    assert len(mailoutbox) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(today=datetime.date(2026, 3, 30)) == 2  # the day before
        assert services.send_reminders(today=datetime.date(2026, 4, 1)) == 2  # the first week after
        assert services.send_reminders(today=datetime.date(2026, 4, 5)) == 0
        assert services.send_reminders(today=datetime.date(2026, 4, 8)) == 2  # the second week after
    assert len(mailoutbox) == 8
    assert Reminder.objects.filter(response=response).count() == 4


def test_the_reminder_command_is_safe_to_run_twice(response, mailoutbox, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("survey_remind", "--today", "2026-03-30")
        call_command("survey_remind", "--today", "2026-03-30")
    assert len(mailoutbox) == 1
