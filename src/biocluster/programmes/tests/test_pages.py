"""Pages: the start-up's own page, the staff's pipeline with its charts and alerts, forms that
show the services' refusals on their field and save nothing."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from biocluster.programmes.models import Milestone, Session
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_start_up_page_shows_plan_sessions_quota_and_milestones(client, member, booster_enrolment):
    objective = booster_enrolment.objectives.create(title="Close the seed round")
    objective.actions.create(title="Meet ten investors", owner="CEO", due_date=TODAY())
    client.force_login(member)
    page = client.get(reverse("programmes:enrolment_detail", args=[booster_enrolment.pk])).content.decode()
    assert "Close the seed round" in page and "Meet ten investors" in page
    assert "Quota left: 20.00 days (140.00 hours) of 20.00" in page
    assert "Declare a milestone" in page and "Graduation or exit" not in page


def test_a_session_over_the_quota_shows_the_error_and_saves_nothing(client, member, booster_enrolment):
    client.force_login(member)
    url = reverse("programmes:session_add", args=[booster_enrolment.pk])
    response = client.post(
        url, {"date": TODAY().isoformat(), "kind": "coaching", "topic": "Finance", "days": "10"}
    )
    assert response.status_code == 302
    client.post(url, {"date": TODAY().isoformat(), "kind": "coaching", "topic": "Finance", "days": "10"})
    response = client.post(
        url, {"date": TODAY().isoformat(), "kind": "coaching", "topic": "Finance", "hours": "1"}
    )
    assert response.status_code == 200
    assert "Only 0.00 hours (0.00 days) of the quota are left" in response.content.decode()
    assert Session.objects.count() == 2


def test_future_milestone_form_error(client, member, enrolment):
    client.force_login(member)
    url = reverse("programmes:milestone_add", args=[enrolment.pk])
    future = (TODAY() + timedelta(days=5)).isoformat()
    response = client.post(
        url, {"kind": "first_sale", "date": future, "title": "First order", "evidence": "Invoice 1"}
    )
    assert response.status_code == 200 and "in the future" in response.content.decode()
    assert not Milestone.objects.exists()


def test_pipeline_counts_funnel_charts_and_alerts(
    client, programmes_staff, shaker, booster_programme, member_organisation
):
    ended = EnrolmentFactory(
        cohort=CohortFactory(programme=shaker, start_date=TODAY() - timedelta(days=400)),
        status="graduated",
        ended_on=TODAY() - timedelta(days=400 - 182),
    )
    soon = EnrolmentFactory(
        cohort=CohortFactory(programme=booster_programme, start_date=TODAY() - timedelta(days=330)),
        organisation=member_organisation,
    )
    MilestoneFactory(enrolment=soon, amount=Decimal("2500000"), status="validated")
    MilestoneFactory(
        enrolment=soon, amount=Decimal("9000000"), status="declared"
    )  # not counted until checked
    client.force_login(programmes_staff)
    page = client.get(reverse("programmes:pipeline")).content.decode()
    svgs = "".join(re.findall(r"<svg.*?</svg>", page, re.S))
    assert "Funds raised by cohort" in page and ">2.5 M€</text>" in svgs and ">Applied</text>" in svgs
    assert "€2,500,000" in page and "11,500,000" not in page
    assert 'id="median">6.0<' in page
    alerts = page[page.index('id="alerts"') :]
    assert member_organisation.name in alerts[: alerts.index("</section>")]
    assert ended.organisation.name not in alerts[: alerts.index("</section>")]
    listed = client.get(reverse("programmes:alerts")).content.decode()
    assert member_organisation.name in listed


def test_other_staff_get_403_on_the_pipeline(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("programmes:pipeline")).status_code == 403


def test_staff_graduate_into_booster_from_the_page(client, programmes_staff, enrolment, booster_programme):
    booster_cohort = CohortFactory(programme=booster_programme, start_date=enrolment.start_date)
    client.force_login(programmes_staff)
    url = reverse("programmes:enrolment_close", args=[enrolment.pk])
    response = client.post(
        url, {"outcome": "graduate", "on": TODAY().isoformat(), "into_cohort": booster_cohort.pk}
    )
    following = enrolment.organisation.enrolments.get(cohort=booster_cohort)
    assert response.url == reverse("programmes:enrolment_detail", args=[following.pk])
    assert following.start_date == TODAY() + timedelta(days=1)


def test_staff_configure_a_programme_and_a_cohort(client, programmes_staff):
    from biocluster.programmes.models import Cohort, Programme

    client.force_login(programmes_staff)
    values = {
        "code": "booster",
        "name_en": "Booster",
        "name_fr": "Booster",
        "target": "young_companies",
        "duration_months": "12",
        "renewal_months": "12",
        "days_quota": "20",
        "position": "1",
        "is_active": "on",
        "fund_raising_support": "on",
    }
    response = client.post(reverse("programmes:programme_create"), values)
    programme = Programme.objects.get(code="booster")
    assert response.url == reverse("programmes:programme_detail", args=[programme.pk])
    assert programme.quota_hours == Decimal(140)
    response = client.post(
        reverse("programmes:programme_edit", args=[programme.pk]), {**values, "duration_months": "0"}
    )
    assert response.status_code == 200 and Programme.objects.get().duration_months == 12
    client.post(
        reverse("programmes:cohort_create", args=[programme.pk]),
        {"name": "Booster 2027", "start_date": "2027-09-01"},
    )
    assert Cohort.objects.get().name == "Booster 2027"
    page = client.get(reverse("programmes:programme_detail", args=[programme.pk])).content.decode()
    assert "20 days of training, coaching and mentoring" in page and "renewable once for 12 months" in page


def test_staff_keep_the_plan_and_decide_from_the_page(client, programmes_staff, member, enrolment):
    from biocluster.programmes import services

    client.force_login(programmes_staff)
    detail = reverse("programmes:enrolment_detail", args=[enrolment.pk])
    client.post(
        reverse("programmes:plan_edit", args=[enrolment.pk]),
        {"diagnosis": "Needs a CEO", "review_date": TODAY().isoformat()},
    )
    client.post(reverse("programmes:objective_add", args=[enrolment.pk]), {"title": "Recruit a CEO"})
    objective = enrolment.objectives.get()
    late = (enrolment.end_date + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("programmes:action_add", args=[enrolment.pk]),
        {
            "objective": objective.pk,
            "title": "Post the job",
            "owner": "Founder",
            "due_date": late,
            "status": "planned",
        },
    )
    assert "Choose a day within the enrolment" in response.content.decode() and not objective.actions.exists()
    milestone = MilestoneFactory(enrolment=enrolment)
    client.post(reverse("programmes:milestone_review", args=[milestone.pk]), {"validate": "yes"})
    milestone.refresh_from_db()
    assert milestone.status == "validated"
    renewal = services.request_renewal(
        actor=member, enrolment=enrolment, requested_end_date=services.max_end(enrolment), reason="r"
    )
    client.post(reverse("programmes:renewal_decide", args=[renewal.pk]), {"grant": "yes"})
    enrolment.refresh_from_db()
    assert enrolment.end_date == services.max_end(enrolment)
    page = client.get(detail).content.decode()
    assert "Needs a CEO" in page and "Recruit a CEO" in page and "(renewed)" in page


def test_a_founder_cannot_reach_another_enrolment_nor_staff_forms(client, member, enrolment):
    other = EnrolmentFactory(cohort=enrolment.cohort)
    client.force_login(member)
    assert client.get(reverse("programmes:enrolment_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("programmes:session_add", args=[other.pk])).status_code == 404
    assert client.get(reverse("programmes:plan_edit", args=[enrolment.pk])).status_code == 403
    listed = client.get(reverse("programmes:enrolment_list")).content.decode()
    assert enrolment.organisation.name in listed and other.organisation.name not in listed
