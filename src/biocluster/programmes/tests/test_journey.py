"""A browser journey: a founder applies to the Shaker through its intake call, is accepted,
gets a plan, logs sessions, declares a fund raise, renews once, and graduates into the Booster.

The founder's steps go through the pages; the staff's decisions that are not the point
here (closing the call, the committee's decision, the plan) go through the services."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from biocluster.accounts.tests.factories import UserFactory
from biocluster.calls.models import Call, Proposal
from biocluster.calls.services.decisions import decide, publish_decisions
from biocluster.calls.tests.factories import CallFactory
from biocluster.programmes import services
from biocluster.programmes.models import Enrolment
from biocluster.programmes.tests.factories import CohortFactory, ProgrammeFactory, booster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_shaker_application_to_booster(browser_as, programmes_staff):
    today = timezone.localdate()
    shaker = ProgrammeFactory()
    call = CallFactory(kind="programme_intake", title_en="Shaker intake", managers=[programmes_staff])
    CohortFactory(programme=shaker, name="Shaker now", start_date=today - timedelta(days=5), intake_call=call)
    booster_cohort = CohortFactory(programme=booster(), name="Booster next", start_date=today)
    founder = UserFactory(email="ines@example.org", first_name="Inès", last_name="Roux")

    # The founder applies to the Shaker's intake call.
    page = browser_as(founder)
    page.goto(f"/calls/{call.pk}/")
    page.get_by_role("button", name="Start a proposal").click()
    page.locator("#id_title").fill("Lumiphage")
    page.locator("#id_summary").fill("Phages that light up resistant bacteria.")
    page.locator("#id_a_abstract").fill("A phage-based test for resistant infections.")
    page.locator("#id_a_abstract").blur()
    expect(page.locator("#save-status")).to_contain_text("Saved at", timeout=15_000)
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.locator(".messages")).to_contain_text("Your proposal is submitted")

    # The committee accepts: publishing the decision enrols the project, in one step.
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    decide(actor=programmes_staff, proposal=Proposal.objects.get(), outcome="funded", amount=Decimal(1000))
    publish_decisions(actor=programmes_staff, call=Call.objects.get(pk=call.pk))
    enrolment = Enrolment.objects.get()
    assert enrolment.organisation.name == "Lumiphage" and enrolment.organisation_created

    # Staff write the plan after the diagnosis.
    services.save_plan(
        actor=programmes_staff, enrolment=enrolment, diagnosis="Strong science; no business plan yet."
    )
    objective = services.add_objective(
        actor=programmes_staff, enrolment=enrolment, title="Validate the proof of concept"
    )
    services.add_action(
        actor=programmes_staff,
        objective=objective,
        title="Run the key experiment",
        owner="Inès",
        due_date=enrolment.end_date,
    )

    # The founder finds the enrolment and its plan.
    page.goto("/programmes/enrolments/")
    page.get_by_role("link", name="Lumiphage").click()
    expect(page.locator("#plan")).to_contain_text("Validate the proof of concept")
    expect(page.locator("#plan")).to_contain_text("Run the key experiment")

    # Logs two sessions; one dated in the future is refused on its field.
    for topic, hours in (("Financing a biotech company", "3.5"), ("Pitch coaching", "2")):
        page.get_by_role("button", name="Log a session").click()
        page.locator("#id_date").fill(today.isoformat())
        page.locator("#id_kind").select_option("training")
        page.locator("#id_topic").fill(topic)
        page.locator("#id_hours").fill(hours)
        page.get_by_role("button", name="Log", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("The session is logged.")
    expect(page.locator("#quota")).to_contain_text("5.50 hours")
    page.get_by_role("button", name="Log a session").click()
    page.locator("#id_date").fill((today + timedelta(days=3)).isoformat())
    page.locator("#id_topic").fill("Tomorrow's session")
    page.locator("#id_hours").fill("1")
    page.get_by_role("button", name="Log", exact=True).click()
    expect(page.locator(".field .errors")).to_contain_text("once it has taken place")
    page.get_by_role("link", name="Lumiphage").click()

    # Declares a fund raise: waiting for the staff's check.
    page.get_by_role("button", name="Declare a milestone").click()
    page.locator("#id_kind").select_option("fund_raise")
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_title").fill("Pre-seed round")
    page.locator("#id_evidence").fill("https://example.org/lumiphage-pre-seed")
    page.locator("#id_amount").fill("150000")
    page.locator("#id_round").select_option("pre_seed")
    page.locator("#id_investors").fill("Business angels")
    page.get_by_role("button", name="Declare", exact=True).click()
    expect(page.locator("#milestones")).to_contain_text("Pre-seed round")
    expect(page.locator("#milestones")).to_contain_text("Declared, to be checked")

    # Asks for the renewal (the form proposes the latest end the rule allows); staff grant it.
    page.get_by_role("link", name="Ask for the renewal").click()
    page.locator("#id_reason").fill("The proof of concept needs six more months.")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator("#renewal")).to_contain_text("Requested")
    services.decide_renewal(actor=programmes_staff, renewal=enrolment.renewals.get(), grant=True)
    page.reload()
    expect(page.locator("#end-date")).to_contain_text("renewed")
    # A second renewal is refused, and says why.
    page.get_by_role("link", name="Ask for the renewal").click()
    page.locator("#id_requested_end_date").fill(
        (services.max_end(enrolment) + timedelta(days=30)).isoformat()
    )
    page.locator("#id_reason").fill("Again")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator(".field .errors")).to_contain_text("already been renewed once")

    # Staff graduate the project into the Booster; the founder finds the new enrolment and its quota.
    services.graduate(actor=programmes_staff, enrolment=enrolment, on=today, into_cohort=booster_cohort)
    page.goto("/programmes/enrolments/")
    expect(page.locator("main table")).to_contain_text("Graduated")
    page.get_by_role("row", name="Booster").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Lumiphage")
    expect(page.locator("#quota")).to_contain_text("Quota left: 20.00 days (140.00 hours) of 20.00")
