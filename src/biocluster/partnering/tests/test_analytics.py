"""The analytics figures: requested, accepted, scheduled, held, no-show rate, by participant kind."""

import re
from datetime import timedelta

import pytest
from django.db.models import F

from biocluster.partnering import analytics, services
from biocluster.partnering.models import Slot
from biocluster.partnering.tests.test_services import _meet

pytestmark = pytest.mark.django_db


def test_the_numbers(event, alice, bob, carol):
    held, no_show = _meet(alice, bob, priority=3), _meet(carol, alice, priority=1)
    declined = services.send_request(sender=bob, recipient=carol, actor=None)
    services.decline(request=declined, actor=None)
    services.schedule_now(event=event, actor=None)
    # The convention is over: its slots move three weeks back.
    past = timedelta(days=21)
    Slot.objects.filter(event=event).update(starts_at=F("starts_at") - past, ends_at=F("ends_at") - past)
    for meeting, attendance in ((held, "held"), (no_show, "no_show")):
        meeting.refresh_from_db()
        services.record_attendance(meeting=meeting, actor=None, attendance=attendance)

    report = analytics.report(event)
    t = report.totals
    assert (t.participants, t.requested, t.accepted, t.scheduled, t.held, t.no_show) == (3, 3, 2, 2, 1, 1)
    assert t.no_show_rate == 0.5
    kinds = {row.key: row for row in report.by_kind}
    company, corporation, investor = kinds["cluster_company"], kinds["corporation"], kinds["investor"]
    assert (company.requested, company.accepted, company.scheduled, company.held, company.no_show) == (
        1,
        1,
        2,
        1,
        1,
    )
    assert (corporation.requested, corporation.accepted, corporation.scheduled) == (1, 0, 1)
    assert corporation.no_show_rate == 0.0
    assert (investor.requested, investor.accepted, investor.scheduled, investor.no_show_rate) == (
        1,
        1,
        1,
        1.0,
    )
    assert report.priority_placed == report.priority_bound == 4


def test_the_page_draws_the_charts(client, event, alice, bob, staff_user):
    _meet(alice, bob)
    services.schedule_now(event=event, actor=None)
    client.force_login(staff_user)
    response = client.get(f"/partnering/events/{event.pk}/analytics/")
    content = response.content.decode()
    assert response.status_code == 200
    svgs = re.findall(r"<svg.*?</svg>", content, re.S)
    assert len(svgs) == 4  # no attendance recorded: no no-show chart
    assert ">Requested</text>" in svgs[0] and ">Scheduled</text>" in svgs[0]
    assert 'class="requested">1<' in content and 'class="scheduled">1<' in content


@pytest.mark.parametrize(("language", "rate"), [("en", "50.0%"), ("fr", "50,0\xa0%")])
def test_the_no_show_rate_reads_the_same_in_the_cards_the_chart_and_its_table(
    client, event, alice, bob, carol, staff_user, language, rate
):
    held, no_show = _meet(alice, bob, priority=3), _meet(carol, alice, priority=1)
    services.schedule_now(event=event, actor=None)
    past = timedelta(days=21)
    Slot.objects.filter(event=event).update(starts_at=F("starts_at") - past, ends_at=F("ends_at") - past)
    for meeting, attendance in ((held, "held"), (no_show, "no_show")):
        meeting.refresh_from_db()
        services.record_attendance(meeting=meeting, actor=None, attendance=attendance)
    client.force_login(staff_user)
    content = client.get(
        f"/partnering/events/{event.pk}/analytics/", headers={"accept-language": language}
    ).content.decode()
    assert f'class="no-show-rate">{rate}<' in content  # the card
    svgs = re.findall(r"<svg.*?</svg>", content, re.S)
    assert len(svgs) == 5
    assert f">{rate}</text>" in svgs[4]  # the company's bar: one held, one no-show
    figures = content[content.rindex('<details class="chart-data">') :]
    assert f'<td class="number">{rate}</td>' in figures  # the chart's table
