"""A browser journey through a whole call: staff build and publish it, an applicant submits,
two reviewers score, the committee decides, the applicant reads the decision."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from biocluster.calls.models import Call, Proposal
from biocluster.calls.tests.factories import reviewer_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M:%S")


def test_a_whole_call(browser_as, staff_user, member, reviewer):
    second_reviewer = reviewer_user(email="second@example.org")
    now = timezone.now()

    # Staff create the call, build its form and rubric, and publish it.
    staff = browser_as(staff_user)
    staff.goto("/calls/new/")
    staff.locator("#id_kind").select_option("equipment")
    staff.locator("#id_title_en").fill("Shared equipment 2027")
    staff.locator("#id_title_fr").fill("Équipements partagés 2027")
    staff.locator("#id_opens_at").fill(local(now - timedelta(days=1)))
    staff.locator("#id_closes_at").fill(local(now + timedelta(days=10)))
    staff.locator("#id_budget_envelope").fill("100000")
    staff.locator("#id_reference_prefix").fill("EQ27")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Application form")

    staff.locator("#id_section-key").fill("project")
    staff.locator("#id_section-title_en").fill("The project")
    staff.locator("#id_section-title_fr").fill("Le projet")
    staff.get_by_role("button", name="Add the section").click()
    staff.locator("#id_field-key").fill("abstract")
    staff.locator("#id_field-type").select_option("text")
    staff.locator("#id_field-label_en").fill("Abstract")
    staff.locator("#id_field-label_fr").fill("Résumé")
    staff.locator("#id_field-required").check()
    staff.locator("#id_field-max_length").fill("800")
    staff.get_by_role("button", name="Add the field").click()
    expect(staff.locator(".builder-section")).to_contain_text("Abstract / Résumé")

    call = Call.objects.get()
    staff.goto(f"/calls/{call.pk}/rubric/")
    staff.locator("#id_criteria").fill(
        "excellence | 2 | Excellence | Excellence\nimpact | 1 | Impact | Impact"
    )
    staff.get_by_role("button", name="Save").click()
    staff.get_by_role("button", name="Publish the call").click()
    expect(staff.locator(".messages")).to_contain_text("The call is published.")

    # The applicant writes (saved as they type) and submits.
    applicant = browser_as(member)
    applicant.goto(f"/calls/{call.pk}/")
    applicant.get_by_role("button", name="Start a proposal").click()
    applicant.locator("#id_title").fill("A spectral cytometer")
    applicant.locator("#id_summary").fill("A shared cytometer for the campus.")
    applicant.locator("#id_requested_amount").fill("120000")
    applicant.locator("#id_a_abstract").fill("We will buy and share a spectral cytometer.")
    applicant.locator("#id_a_abstract").blur()
    expect(applicant.locator("#save-status")).to_contain_text("Saved at", timeout=15_000)
    # The test database (SQLite in memory) takes one writer at a time: let the autosave finish.
    applicant.wait_for_load_state("networkidle")
    applicant.get_by_role("button", name="Submit the proposal").click()
    expect(applicant.locator(".messages")).to_contain_text("Your proposal is submitted")
    proposal = Proposal.objects.get()
    assert proposal.status == "submitted" and proposal.answers["abstract"].startswith("We will buy")

    # Staff assign two reviewers from the suggestions.
    staff.goto(f"/calls/proposals/{proposal.pk}/assign/")
    for _ in range(2):
        staff.locator("table").first.get_by_role("button", name="Assign").first.click()
        expect(staff.locator(".messages")).to_contain_text("is assigned")

    # Each reviewer declares no conflict, then scores.
    for user, score in ((reviewer, "4"), (second_reviewer, "5")):
        page = browser_as(user)
        page.goto("/calls/reviews/")
        page.get_by_role("link", name="A spectral cytometer").click()
        expect(page.locator("main")).not_to_contain_text("We will buy")  # only title and summary so far
        page.get_by_label("No, I have no conflict of interest").check()
        page.get_by_role("button", name="Declare").click()
        expect(page.locator("main")).to_contain_text("We will buy and share a spectral cytometer.")
        page.locator("#id_score_excellence").select_option(score)
        page.locator("#id_score_impact").select_option(score)
        page.locator("#id_comment_to_applicant").fill(f"Convincing plan ({score}).")
        page.get_by_role("button", name="Submit the review").click()
        expect(page.locator(".messages")).to_contain_text("Review submitted.")

    # The deadline passes; the committee ranks and decides within the envelope.
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    staff.goto(f"/calls/{call.pk}/ranking/")
    row = staff.locator(f"#row-{proposal.pk}")
    expect(row).to_contain_text("4.5")  # the mean of 4 and 5
    row.locator("select[name=outcome]").select_option("funded")
    row.locator("input[name=amount]").fill("120000")
    row.get_by_role("button", name="Decide").click()
    expect(staff.locator(f"#row-{proposal.pk}")).to_contain_text("exceeds the envelope")
    staff.locator(f"#row-{proposal.pk} input[name=amount]").fill("60000")
    staff.locator(f"#row-{proposal.pk}").get_by_role("button", name="Decide").click()
    expect(staff.locator("#envelope")).to_contain_text("committed €60,000")
    staff.get_by_role("button", name="Publish the decisions and send the letters").click()
    expect(staff.locator(".messages")).to_contain_text("1 decisions published")

    # The applicant reads the decision, and the comments without any reviewer's name.
    applicant.goto("/calls/proposals/")
    applicant.get_by_role("link", name="A spectral cytometer").click()
    decision = applicant.locator(".decision")
    expect(decision).to_contain_text("Funded")
    expect(decision).to_contain_text("€60,000")
    expect(decision).to_contain_text("Convincing plan (5).")
    expect(decision).to_contain_text("Reviewer 2")
    for user in (reviewer, second_reviewer):
        expect(applicant.locator("main")).not_to_contain_text(user.email)
        expect(applicant.locator("main")).not_to_contain_text(user.last_name)
    expect(decision.get_by_role("link", name="Decision letter (PDF)")).to_be_visible()
