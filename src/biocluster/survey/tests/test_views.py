"""The survey's pages: a company answers its own response only; bad input is refused on its field;
staff follow completion, validate or return."""

import datetime

import pytest
from django.urls import reverse

from biocluster.core.registry import todos_for
from biocluster.survey.models import Answer, ResponseState

from .factories import ResponseFactory, answer

pytestmark = pytest.mark.django_db

FULL = {
    "headcount": "12",
    "rd_staff": "5",
    "sales": "250000",
    "export_sales": "50000",
    "funds_raised": "0",
    "patents": "1",
    "new_products": "no",
}


def test_a_company_cannot_read_another_s_answers(
    client, organisation_administrator, response, other_response
):
    client.force_login(organisation_administrator)
    assert client.get(reverse("survey:response_detail", args=[response.pk])).status_code == 200
    assert client.get(reverse("survey:response_detail", args=[other_response.pk])).status_code == 404
    assert client.post(reverse("survey:response_detail", args=[other_response.pk]), FULL).status_code == 404
    assert not Answer.objects.filter(response=other_response).exists()


def test_a_member_who_does_not_administer_the_company_gets_404(client, member, response):
    client.force_login(member)
    assert client.get(reverse("survey:response_detail", args=[response.pk])).status_code == 404


def test_the_page_shows_the_prefilled_value_and_where_it_came_from(
    client, organisation_administrator, response
):
    answer(response, "headcount", 14, prefilled_value="14", prefilled_from="last_year", prefill_detail="2024")
    client.force_login(organisation_administrator)
    page = client.get(reverse("survey:response_detail", args=[response.pk])).content.decode()
    assert 'name="headcount" value="14"' in page
    assert "Prefilled: 14 (Last year&#x27;s validated answer: 2024)" in page


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [("headcount", "-3", "Cannot be negative."), ("sales", "a lot", "Enter an amount in euros, in digits.")],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_saved(
    client, organisation_administrator, response, field, typed, message
):
    client.force_login(organisation_administrator)
    page = client.post(
        reverse("survey:response_detail", args=[response.pk]), FULL | {field: typed, "submit": ""}
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {field: [message]}
    assert not Answer.objects.filter(response=response).exists()
    response.refresh_from_db()
    assert response.state == ResponseState.DRAFT


def test_save_a_draft_then_submit(client, organisation_administrator, response):
    client.force_login(organisation_administrator)
    url = reverse("survey:response_detail", args=[response.pk])
    assert client.post(url, {"headcount": "9", "save": ""}).status_code == 302
    response.refresh_from_db()
    assert response.state == ResponseState.DRAFT and response.saved_at is not None
    page = client.post(url, {"headcount": "9", "submit": ""})
    assert "sales" in page.context["form"].errors  # required to submit
    assert client.post(url, FULL | {"submit": ""}).status_code == 302
    response.refresh_from_db()
    assert response.state == ResponseState.SUBMITTED
    assert client.post(url, FULL | {"save": ""}).status_code == 403  # submitted: no more changes


def test_staff_validate_or_return_with_a_comment(client, staff_user, campaign):
    submitted = ResponseFactory(campaign=campaign, state="submitted")
    other = ResponseFactory(campaign=campaign, state="submitted")
    client.force_login(staff_user)
    client.post(reverse("survey:response_validate", args=[submitted.pk]))
    page = client.post(reverse("survey:response_return", args=[other.pk]), {"comment": ""})
    assert "comment" in page.context["form"].errors
    client.post(reverse("survey:response_return", args=[other.pk]), {"comment": "Check the export sales."})
    submitted.refresh_from_db()
    other.refresh_from_db()
    assert submitted.state == ResponseState.VALIDATED
    assert (other.state, other.staff_comment) == (ResponseState.RETURNED, "Check the export sales.")


def test_the_campaign_page_counts_by_state_and_refreshes_them(client, staff_user, campaign):
    for state in ("draft", "submitted", "validated", "validated"):
        ResponseFactory(campaign=campaign, state=state)
    client.force_login(staff_user)
    page = client.get(reverse("survey:campaign_detail", args=[campaign.pk])).content.decode()
    assert 'hx-trigger="every 10s"' in page
    assert "4 companies asked, 3 answered, 2 validated: response rate 50%." in page
    progress = client.get(
        reverse("survey:campaign_progress", args=[campaign.pk]), headers={"HX-Request": "true"}
    )
    assert progress.context["completion"].by_state["submitted"] == 1
    assert "<html" not in progress.content.decode()


def test_staff_create_a_campaign_and_open_it(client, staff_user):
    from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory

    OrganisationFactory(name="Hosted Bio", kind="startup", campus=CampusFactory())
    client.force_login(staff_user)
    created = client.post(reverse("survey:campaign_create"), {"year": 2025, "deadline": "2026-03-31"})
    assert created.status_code == 302
    detail = client.get(created.url)
    campaign = detail.context["campaign"]
    assert campaign.state == "draft" and detail.context["completion"].asked == 1
    client.post(reverse("survey:campaign_open", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.state == "open"
    assert campaign.responses.get().answers.count() == campaign.questions.count()


def test_the_home_page_to_dos(organisation_administrator, staff_user, response, campaign):
    give = todos_for(organisation_administrator)
    assert [t.title for t in give] == ["Survey answers to give: Member Bio, 2025"]
    assert give[0].due == campaign.deadline and give[0].url == reverse(
        "survey:response_detail", args=[response.pk]
    )
    assert todos_for(staff_user) == [] or all("validate" not in t.title for t in todos_for(staff_user))
    ResponseFactory(campaign=campaign, state="submitted")
    ResponseFactory(campaign=campaign, state="submitted")
    validate = [t for t in todos_for(staff_user) if t.area == "Survey"]
    assert [(t.title, t.count) for t in validate] == [("Survey answers to validate: 2 responses", 2)]
    response.state = "submitted"
    response.save()
    assert [t for t in todos_for(organisation_administrator) if t.area == "Survey"] == []


def test_the_deadline_passed_marks_the_to_do_overdue(organisation_administrator, response, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 2, 12, tzinfo=datetime.UTC))
    (todo,) = [t for t in todos_for(organisation_administrator) if t.area == "Survey"]
    assert todo.overdue


def test_the_organisation_s_page_tells_staff_its_latest_survey_response(client, staff_user, response):
    client.force_login(staff_user)
    page = client.get(
        reverse("directory:organisation_detail", args=[response.organisation_id])
    ).content.decode()
    assert "Company survey 2025: to answer" in page
    assert reverse("survey:response_detail", args=[response.pk]) in page


def test_a_figure_that_jumps_against_last_year_is_flagged_to_the_company_and_staff(
    client, organisation_administrator, staff_user, response
):
    """Sales doubled against last year's validated answer: a note beside the answer, on the
    company's page and on the staff's; a 10% rise, a first figure and a draft of last year: none."""
    from .factories import CampaignFactory

    last = ResponseFactory(
        campaign=CampaignFactory(year=2024, deadline="2025-03-31", state="closed"),
        organisation=response.organisation,
        state="validated",
    )
    answer(last, "sales", 400000)
    answer(last, "headcount", 10)
    answer(last, "export_sales", 0)
    answer(response, "sales", 1000000)  # 2.5 times
    answer(response, "headcount", 11)  # +10%
    answer(response, "export_sales", 50000)  # from zero: a first export, not a jump
    answer(response, "rd_staff", 4)  # nothing last year
    url = reverse("survey:response_detail", args=[response.pk])
    for user in (organisation_administrator, staff_user):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert page.count('class="jump"') == 1, user
        assert "Far from last year's validated answer (400,000 in 2024; this is 2.5 times that)" in page
    last.state = "returned"  # last year's answer not validated: nothing to compare with
    last.save()
    client.force_login(organisation_administrator)
    assert 'class="jump"' not in client.get(url).content.decode()


def test_the_jump_arithmetic():
    from decimal import Decimal

    from biocluster.survey.jumps import jump

    assert jump(200, 100) == 2 and jump(50, 100) == Decimal("0.5")
    assert jump(199, 100) is None and jump(51, 100) is None
    assert jump(5, 0) is None and jump(0, 5) is None and jump(None, 5) is None and jump(5, None) is None
