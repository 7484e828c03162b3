"""Payment notices: the period's amounts with the indexation shown, in the tenant's language; a
notice issued keeps, as a PDF of its own, the number, amounts and day it was issued with; a period
not issued yet is a draft."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from biocluster.core import formatting
from biocluster.estate import credit_notes, notices, rent_roll, services

from .conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(staff_user, tenant, unit):
    services.record_index_value(
        actor=staff_user, index="ILAT", published_on=day("2026-10-01"), value="130.00"
    )
    return services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],  # 40 m²
        start=day("2026-01-01"),
        end=day("2028-12-31"),
        kind="lease",
        rent_per_m2=Decimal("300"),
        charges_per_m2=Decimal("30"),
        index="ILAT",
        base_index=Decimal("125.00"),
        free_months=1,
        language="fr",
    )


def test_the_schedule_indexes_the_rent_from_the_first_anniversary(agreement):
    dues = notices.schedule(agreement)
    assert (dues[0].rent, dues[0].charges) == (
        Decimal("1966.67"),
        Decimal("300.00"),
    )  # January rent-free: 59 of 90 days
    assert dues[3].first == day("2026-10-01") and dues[3].rent == Decimal("3000.00")
    assert dues[4].first == day("2027-01-01") and dues[4].rent == Decimal("3120.00")  # 12,000 * 130 / 125 / 4


def test_the_notice_shows_the_indexation_and_is_in_the_tenants_language(agreement):
    due = notices.due_on(agreement, day("2027-02-10"))
    with translation.override(agreement.language):
        data = notices.document(agreement, due, issued=datetime.date(2027, 1, 2))
    assert data["lang"] == "fr"
    assert "12000.00 \u00d7 130.00 / 125.00 = 12480.00" in data["indexation"]
    assert data["reference"] == agreement.reference
    pdf = notices.pdf(agreement, due, issued=datetime.date(2027, 1, 2))
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("language", "net", "vat", "total"),
    [
        ("en", "€3,420.00", "€684.00", "€4,104.00"),
        ("fr", "3\u202f420,00\xa0€", "684,00\xa0€", "4\u202f104,00\xa0€"),
    ],
)
def test_the_notice_shows_the_amounts_excluding_vat_the_vat_and_including_it(
    agreement, language, net, vat, total
):
    due = notices.due_on(agreement, day("2027-02-10"))  # rent 3,120.00 + charges 300.00
    with translation.override(language):
        data = notices.document(agreement, due, issued=datetime.date(2027, 1, 2))
        assert (data["net"], data["vat"], data["total"]) == (net, vat, total)
        assert data["vat_label"] == translation.gettext("VAT at %(rate)s %%") % {"rate": "20"}
        assert data["labels"]["net"] == translation.gettext("Total excluding VAT")
    if language == "en":
        assert data["vat_label"] == "VAT at 20 %" and data["labels"]["total"] == "Total including VAT"
    agreement.language = language
    assert b"/Lang(" + language.encode() + b")" in notices.pdf(
        agreement, due, issued=datetime.date(2027, 1, 2)
    )


def test_the_tenants_member_downloads_its_notice(client, member, member_organisation, staff_user, other_unit):
    own = services.create_agreement(
        actor=staff_user,
        organisation=member_organisation,
        units=[other_unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="licence",
        rent_per_m2=Decimal("200"),
    )
    client.force_login(member)
    response = client.get(reverse("estate:agreement_notice", args=[own.pk]), {"on": "2026-05-05"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "2026-04-01" in response["Content-Disposition"]


# -- issued notices: as issued, whatever the schedule says later

ISSUED = day("2026-12-20")


def _issue(staff_user, agreement, up_to="2027-01-01"):
    """The notices up to the first quarter of 2027 (rent 3,120.00, charges 300.00), issued on 20 December."""
    rent_roll.issue_notices(actor=staff_user, up_to=day(up_to), issued_on=ISSUED, agreements=[agreement])
    return agreement.notices.get(first=day("2027-01-01"))


def test_an_issued_notice_keeps_its_number_amounts_and_day_after_the_rent_changes(staff_user, agreement):
    notice = _issue(staff_user, agreement)
    with translation.override("en"):
        before = notices.issued_document(notice)
    assert before["title"] == f"Payment notice {notice.number}" and before["draft"] == ""
    assert (before["net"], before["vat"], before["total"]) == ("€3,420.00", "€684.00", "€4,104.00")
    assert "12000.00 \u00d7 130.00 / 125.00" in before["indexation"]  # the schedule still gives it
    services.renew_agreement(actor=staff_user, agreement=agreement, end=day("2029-12-31"), rent_per_m2=400)
    agreement.refresh_from_db()
    assert notices.due_on(agreement, notice.first).rent != notice.rent  # the schedule moved on
    notice.refresh_from_db()
    with translation.override("en"):
        after = notices.issued_document(notice)
        assert after["issued"] == formatting.day(ISSUED) and after["due_on"] == formatting.day(notice.first)
    assert {key: after[key] for key in ("title", "period", "lines", "net", "vat", "total")} == {
        key: before[key] for key in ("title", "period", "lines", "net", "vat", "total")
    }
    assert "changed since" in after["indexation"] and after["free"] == ""
    pdf = notices.issued_pdf(notice)
    assert pdf.startswith(b"%PDF") and b"/Lang(fr)" in pdf
    assert notice.number.encode() in pdf  # its title, in the document's metadata


def test_an_issued_notice_and_its_credit_note_keep_the_vat_rate_they_were_issued_at(staff_user, agreement):
    notice = _issue(staff_user, agreement)
    assert notice.vat_rate == agreement.vat_rate == Decimal("20")
    type(agreement).objects.filter(pk=agreement.pk).update(vat_rate=Decimal("10"))  # the rate changes later
    agreement.refresh_from_db()
    notice.refresh_from_db()
    credit = credit_notes.credit_unused_days(actor=staff_user, agreement=agreement, last_day=notice.first)[0]
    with translation.override("en"):
        assert notices.issued_document(notice)["vat_label"] == "VAT at 20 %"
        assert credit_notes.document(credit)["vat_label"] == "VAT at 20 %"
        assert notices.document(agreement, notices.due_on(agreement, notice.first), issued=ISSUED)[
            "vat_label"
        ] == (
            "VAT at 10 %"  # a draft: today's rate
        )


def test_the_pdf_of_an_issued_notice_is_its_agreements_to_see(
    client, member, member_organisation, staff_user, agreement, other_unit
):
    others = _issue(staff_user, agreement)  # the tenant's (Booster Bio), not the member's
    own = _issue(
        staff_user,
        services.create_agreement(
            actor=staff_user,
            organisation=member_organisation,
            units=[other_unit],
            start=day("2027-01-01"),
            end=day("2027-12-31"),
            kind="licence",
            rent_per_m2=Decimal("200"),
        ),
    )
    url = reverse("estate:notice_pdf", args=[own.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert own.number in response["Content-Disposition"] and response.content.startswith(b"%PDF")
    assert client.get(reverse("estate:notice_pdf", args=[others.pk])).status_code == 404
    client.force_login(staff_user)
    assert client.get(reverse("estate:notice_pdf", args=[others.pk])).status_code == 200
    account = client.get(reverse("estate:agreement_account", args=[agreement.pk])).content.decode()
    assert reverse("estate:notice_pdf", args=[others.pk]) in account
    with time_machine.travel("2026-12-21 12:00 +0100", tick=False):  # the page lists the periods around today
        client.force_login(staff_user)
        detail = client.get(reverse("estate:agreement_detail", args=[agreement.pk])).content.decode()
    assert reverse("estate:notice_pdf", args=[others.pk]) in detail


def test_the_period_of_an_issued_notice_leads_to_it_even_after_an_early_end(client, staff_user, agreement):
    notice = _issue(staff_user, agreement)
    client.force_login(staff_user)
    url = reverse("estate:agreement_notice", args=[agreement.pk])
    response = client.get(url, {"on": "2027-02-10"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "estate:notice_pdf", args=[notice.pk]
    )
    services.terminate_agreement(
        actor=staff_user, agreement=agreement, on=day("2026-12-31"), reason="Left", early_release="Negotiated"
    )
    response = client.get(url, {"on": "2027-02-10"})  # off the schedule now, still issued
    assert response["Location"] == reverse("estate:notice_pdf", args=[notice.pk])


def test_a_period_not_issued_is_a_draft(client, staff_user, agreement):
    _issue(staff_user, agreement)
    due = notices.due_on(agreement, day("2027-04-01"))
    with translation.override("en"):
        data = notices.document(agreement, due, issued=day("2027-01-05"))
    assert (data["title"], data["draft"]) == ("Payment notice (draft, not issued)", "Not issued")
    agreement.language = "en"
    assert b"Payment notice (draft, not issued)" in notices.pdf(agreement, due, issued=day("2027-01-05"))
    client.force_login(staff_user)
    response = client.get(reverse("estate:agreement_notice", args=[agreement.pk]), {"on": "2027-04-01"})
    assert response.status_code == 200 and "draft" in response["Content-Disposition"]
    with time_machine.travel("2026-12-21 12:00 +0100", tick=False):  # the page lists the periods around today
        client.force_login(staff_user)
        detail = client.get(reverse("estate:agreement_detail", args=[agreement.pk])).content.decode()
    assert "Draft, not issued (PDF)" in detail
