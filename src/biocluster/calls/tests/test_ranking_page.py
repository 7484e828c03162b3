"""The ranking page: fifty rows a page, each row kept rendered until what it shows changes (issue 11)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from biocluster.calls import services
from biocluster.calls.committee import ranking_table
from biocluster.calls.models import Decision
from biocluster.calls.tests.factories import closed_call, scored, submitted
from biocluster.calls.views import committee as views

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def rendered_rows(monkeypatch):
    """The proposals whose row the page rendered (rather than took from the cache)."""
    rendered: list[int] = []
    render = views.render_to_string

    def counting(template, context=None, *args, **kwargs):
        if template == "calls/ranking.html#row":
            rendered.append(context["row"].proposal_id)
        return render(template, context, *args, **kwargs)

    monkeypatch.setattr(views, "render_to_string", counting)
    return rendered


def _marks(page: str) -> list[str]:
    return re.findall(r'<tr id="row-(\d+)"', page)


def test_the_ranking_shows_fifty_rows_a_page_best_first(staff, staff_user):
    call = closed_call(managers=[staff_user])
    proposals = [submitted(call=call) for _ in range(55)]
    for index, proposal in enumerate(proposals):
        scored(proposal, index % 6)  # six marks: many equal, ordered then by spread, reviews, id
    order = [str(row.proposal_id) for row in ranking_table(call).rows]
    url = reverse("calls:call_ranking", args=[call.pk])
    first = staff.get(url).content.decode()
    second = staff.get(url, {"page": 2}).content.decode()
    assert _marks(first) == order[:50] and _marks(second) == order[50:]
    assert "Rows 1\u201350 of 55" in first and "Rows 51\u201355 of 55" in second


def test_only_the_rows_a_change_touched_are_rendered_again(staff, staff_user, rendered_rows):
    call = closed_call(managers=[staff_user])
    proposals = [submitted(call=call) for _ in range(5)]
    reviews = [scored(proposal, score) for proposal, score in zip(proposals, (5, 4, 3, 2, 1), strict=True)]
    url = reverse("calls:call_ranking", args=[call.pk])
    staff.get(url)
    assert sorted(rendered_rows) == sorted(p.pk for p in proposals)
    rendered_rows.clear()
    staff.get(url)
    assert rendered_rows == []  # nothing changed: every row from the cache
    services.decide(actor=staff_user, proposal=proposals[4], outcome="rejected")
    page = staff.get(url).content.decode()
    assert rendered_rows == [proposals[4].pk]
    assert '<option value="rejected" selected>' in page.split(f'id="row-{proposals[4].pk}"')[1]
    rendered_rows.clear()
    # The third proposal's only review goes from 3 to 4.5: it moves up past the second, whose
    # rank changes too; the others' rows stay as they were.
    review = reviews[2]
    services.save_review(
        actor=review.reviewer,
        review=review,
        scores={"excellence": 5, "impact": 4},
        comment_to_applicant="Better than I first thought.",
        submit=True,
    )
    page = staff.get(url).content.decode()
    assert sorted(rendered_rows) == sorted([proposals[2].pk, proposals[1].pk])
    assert _marks(page) == [str(p.pk) for p in (proposals[0], proposals[2], proposals[1], *proposals[3:])]
    assert "4.667" in page.split(f'id="row-{proposals[2].pk}"')[1].split("</tr>")[0]


def test_the_decision_forms_of_kept_rows_carry_the_readers_own_token(staff_user, rendered_rows):
    """A kept row is shared by the call's managers: the CSRF token in its form is each reader's."""
    from biocluster.accounts.models import Role, RoleGrant
    from biocluster.accounts.tests.factories import UserFactory

    other = UserFactory()
    RoleGrant.objects.create(user=other, role=Role.STAFF, department="research")
    call = closed_call(managers=[staff_user, other])
    proposal = submitted(call=call)
    scored(proposal, 4)
    url = reverse("calls:call_ranking", args=[call.pk])
    readers = []
    for user in (staff_user, other):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        page = browser.get(url).content.decode()
        row = page.split(f'id="row-{proposal.pk}"')[1].split("</tr>")[0]
        readers.append((browser, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', row).group(1)))
    assert rendered_rows == [proposal.pk]  # the second manager's row came from the cache
    for browser, token in readers:
        response = browser.post(
            reverse("calls:proposal_decide", args=[proposal.pk]),
            {"csrfmiddlewaretoken": token, "outcome": "waiting_list", "amount": ""},
        )
        assert response.status_code == 302 and response.url == url
        assert "Decision recorded." in browser.get(url).content.decode()
    assert Decision.objects.get(proposal=proposal).outcome == "waiting_list"


def test_a_row_carries_its_decisions_label(staff_user):
    call = closed_call(managers=[staff_user])
    funded, undecided = submitted(call=call, requested_amount=40000), submitted(call=call)
    services.decide(actor=staff_user, proposal=funded, outcome="funded", amount=35000)
    labels = {row.proposal_id: row.extra["outcome_label"] for row in ranking_table(call).rows}
    assert labels == {funded.pk: "Funded", undecided.pk: ""}
