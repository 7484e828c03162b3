"""Browser journey (issue #14): a Booster start-up requests a lab, staff find a unit, offer it,
sign a licence and record the move-in; the tenant downloads its payment notice in French."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from biocluster.estate import rent_roll
from biocluster.estate.models import Agreement, Move
from biocluster.programmes.tests.factories import CohortFactory, EnrolmentFactory, ProgrammeFactory

from .factories import UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_booster_start_up_gets_a_lab_and_its_notice_in_french(
    browser_as, staff_user, organisation_administrator, member_organisation, building
):
    today = timezone.localdate()  # the server's date: the request is for the weeks ahead
    wanted_from = today + datetime.timedelta(days=20)
    UnitFactory(building=building, code="L101", kind="bsl2_lab", area=Decimal("40.0"))
    booster = ProgrammeFactory(code="booster", name_en="Booster", name_fr="Booster", duration_months=12)
    enrolment = EnrolmentFactory(
        cohort=CohortFactory(programme=booster, name="Booster 2026", start_date=today),
        organisation=member_organisation,
        start_date=today,
    )

    founder = browser_as(organisation_administrator)
    founder.goto(f"/estate/requests/new/?enrolment={enrolment.pk}")
    founder.get_by_label("Kind").select_option("bsl2_lab")
    founder.get_by_label("Area (m²)").fill("40")
    founder.get_by_label("From", exact=True).fill(wanted_from.isoformat())
    founder.get_by_label("For (months)").fill("12")
    founder.get_by_label("Needs").fill("A BSL2 lab with a fume hood for our cell lines")
    founder.get_by_role("button", name="Send the request").click()
    expect(founder.locator("#request-status")).to_have_text("Open")
    request_page = founder.url

    staff = browser_as(staff_user)
    staff.goto("/estate/requests/")
    staff.get_by_role("link", name="Member Bio").click()
    expect(staff.locator(".estate-candidates")).to_contain_text("Incubator L101")
    staff.locator("form.estate-offer-form").get_by_label("Incubator L101").check()
    staff.get_by_role("button", name="Offer these units").click()
    expect(staff.locator("#request-status")).to_have_text("Offer made")
    sign = staff.locator("form.estate-sign-form")
    sign.get_by_label("Kind").select_option("licence")
    sign.get_by_label("Rent per m² per year (EUR)").fill("240")
    sign.get_by_role("button", name="Sign the agreement").click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text("Licence A")
    staff.get_by_role("button", name="Record the move-in").click()
    staff.get_by_label("Keys handed over").fill("2")
    staff.get_by_label("Badges handed over").fill("3")
    staff.get_by_label("Inventory of fixtures").fill("Two benches, one fume hood, one fridge")
    staff.get_by_label("L101: Electricity (kWh)").fill("10423.5")
    staff.get_by_role("button", name="Record", exact=True).click()
    expect(staff.locator(".estate-moves")).to_contain_text("Two benches, one fume hood")
    agreement = Agreement.objects.get()
    assert agreement.enrolment == enrolment and Move.objects.get().readings.get().value == Decimal("10423.50")

    # The month's notices run (the rent roll's), then the founder downloads the first one.
    issued = rent_roll.issue_notices(
        actor=staff_user, up_to=wanted_from, issued_on=today, agreements=[agreement]
    )
    founder.goto(request_page)
    expect(founder.locator("#request-status")).to_have_text("Signed")
    founder.get_by_role("link", name=agreement.reference).click()
    with founder.expect_download() as download:
        founder.get_by_role("link", name=f"Notice {issued[0].number} (PDF)").click()
    notice = download.value
    assert notice.suggested_filename == f"notice-{issued[0].number}.pdf"
    body = notice.path().read_bytes()
    assert body.startswith(b"%PDF")
    assert b"/Lang(fr)" in body
    assert "Avis d\u2019échéance".encode() in body  # the title, in the PDF's metadata
