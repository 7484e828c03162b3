"""An agreement ended early gives back, by credit notes, what its notices billed in advance for
the days after its new last day: once per notice, in the arrears and in the accounts."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.estate import accounting, credit_notes, notices, rent_roll, services
from biocluster.estate.models import CreditNote, Notice

from .conftest import day

pytestmark = pytest.mark.django_db
ISSUED = day("2026-01-01")


def _lease(staff_user, tenant, unit, **terms):
    """40 m² at 300 EUR a year each: 12,000 EUR a year, from 1 January 2026 for three years."""
    values = {
        "actor": staff_user,
        "organisation": tenant,
        "units": [unit],
        "start": day("2026-01-01"),
        "end": day("2028-12-31"),
        "kind": "lease",
        "rent_per_m2": Decimal("300"),
        "charges_per_m2": Decimal("30"),
        "payment_frequency": "quarterly",
    }
    return services.create_agreement(**(values | terms))


def _end(staff_user, agreement, on):
    return services.terminate_agreement(
        actor=staff_user, agreement=agreement, on=day(on), reason="Left", early_release="Negotiated"
    )


def _issue(staff_user, agreement, up_to):
    return rent_roll.issue_notices(
        actor=staff_user, up_to=day(up_to), issued_on=ISSUED, agreements=[agreement]
    )


def _share(amount, days, period_days):
    return (amount * days / period_days).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- the rule


def test_a_quarter_billed_in_advance_ended_mid_quarter_is_credited_for_its_unused_days(
    staff_user, tenant, unit
):
    agreement = _lease(staff_user, tenant, unit)
    _issue(staff_user, agreement, "2026-07-01")  # Q1, Q2 and Q3, in advance
    _end(staff_user, agreement, "2026-05-15")
    april, july = Notice.objects.get(first=day("2026-04-01")), Notice.objects.get(first=day("2026-07-01"))
    assert (april.rent, april.charges, april.vat) == (
        Decimal("3000.00"),
        Decimal("300.00"),
        Decimal("660.00"),
    )
    q2, q3 = CreditNote.objects.order_by("first")
    # 16 May to 30 June: 46 of the quarter's 91 days.
    assert (q2.credits, q2.first, q2.last) == (april, day("2026-05-16"), day("2026-06-30"))
    assert (q2.rent, q2.charges, q2.vat) == (Decimal("1516.48"), Decimal("151.65"), Decimal("333.63"))
    assert q2.total == Decimal("2001.76")
    # The third quarter was not occupied at all: all of it.
    assert (q3.credits, q3.first, q3.rent, q3.charges, q3.vat) == (
        july,
        july.first,
        july.rent,
        july.charges,
        july.vat,
    )
    year = timezone.localdate().year
    assert [q2.number, q3.number] == [f"AV{year}-00001", f"AV{year}-00002"]
    assert q2.issued_on == timezone.localdate() and q2.due_on == max(q2.issued_on, april.due_on)
    assert not CreditNote.objects.filter(credits__first=day("2026-01-01")).exists()
    events = AuditEvent.objects.filter(action="estate.credit_note.issued")
    assert sorted(event.object_repr for event in events) == [q2.number, q3.number]


def test_a_monthly_notice_keeps_what_the_new_schedule_bills(staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit, payment_frequency="monthly", charges_per_m2=Decimal("0"))
    _issue(staff_user, agreement, "2026-07-31")
    services.terminate_agreement(
        actor=staff_user, agreement=agreement, on=day("2026-06-14"), notice_given_on=day("2026-03-15")
    )
    june, july = CreditNote.objects.order_by("first")
    # 15 to 30 June: 16 of June's 30 days of 1,000 EUR and its 200 EUR VAT.
    assert (june.first, june.rent, june.charges, june.vat) == (
        day("2026-06-15"),
        Decimal("533.33"),
        Decimal("0.00"),
        Decimal("106.67"),
    )
    assert (july.rent, july.vat) == (Decimal("1000.00"), Decimal("200.00"))
    # What June's notice keeps is what the schedule now bills for June.
    agreement.refresh_from_db()
    kept = june.credits.rent - june.rent
    assert kept == notices.schedule(agreement)[-1].rent == Decimal("466.67")


@pytest.mark.parametrize("up_to", ["2026-05-31", "2026-04-30"])
def test_no_notice_past_the_last_day_no_credit(staff_user, tenant, unit, up_to):
    agreement = _lease(staff_user, tenant, unit, payment_frequency="monthly")
    _issue(staff_user, agreement, up_to)
    _end(staff_user, agreement, "2026-05-31")  # May's notice ends that very day
    assert not CreditNote.objects.exists()
    assert not AuditEvent.objects.filter(action="estate.credit_note.issued").exists()


def test_free_months_credit_the_charges_only(staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit, payment_frequency="monthly", free_months=3)
    _issue(staff_user, agreement, "2026-03-31")
    _end(staff_user, agreement, "2026-02-10")
    february, march = CreditNote.objects.order_by("first")
    # 11 to 28 February: 18 of 28 days of the 100 EUR of charges; no rent was billed.
    assert (february.rent, february.charges, february.vat) == (
        Decimal("0.00"),
        Decimal("64.29"),
        Decimal("12.86"),
    )
    assert (march.rent, march.charges, march.vat) == (Decimal("0.00"), Decimal("100.00"), Decimal("20.00"))


@pytest.mark.parametrize(
    ("rate", "vat"), [(Decimal("0"), Decimal("0.00")), (Decimal("20"), Decimal("333.63"))]
)
def test_the_vat_credited_follows_the_notice(staff_user, tenant, unit, rate, vat):
    agreement = _lease(staff_user, tenant, unit, kind="licence", vat_rate=rate)
    _issue(staff_user, agreement, "2026-04-01")
    _end(staff_user, agreement, "2026-05-15")
    credit = CreditNote.objects.get()
    assert credit.vat == vat and credit.vat <= credit.credits.vat
    assert credit.total == credit.rent + credit.charges + vat
    accounts = [
        row[3] for row in accounting.entries(day("2026-01-01"), day("2030-12-31")) if row[2] == credit.number
    ]
    assert ("445710" in accounts) == bool(vat)


def test_a_credit_is_never_issued_twice_for_a_notice(staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit)
    _issue(staff_user, agreement, "2026-07-01")
    _end(staff_user, agreement, "2026-05-15")
    assert CreditNote.objects.count() == 2
    with pytest.raises(ValidationError):
        _end(staff_user, agreement, "2026-05-01")
    again = credit_notes.credit_unused_days(actor=staff_user, agreement=agreement, last_day=day("2026-05-15"))
    earlier = credit_notes.credit_unused_days(
        actor=staff_user, agreement=agreement, last_day=day("2026-04-15")
    )
    assert again == earlier == [] and CreditNote.objects.count() == 2
    first = CreditNote.objects.order_by("number").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditNote.objects.create(
            agreement=agreement,
            credits=first.credits,
            number="AV1999-00001",
            first=first.first,
            last=first.last,
            due_on=first.due_on,
            rent=first.rent,
            charges=first.charges,
            vat=first.vat,
            heading=first.heading,
            issued_on=first.issued_on,
        )
    assert CreditNote.objects.count() == 2


def test_the_share_is_never_more_than_the_notice():
    notice = Notice(
        first=day("2026-04-01"),
        last=day("2026-06-30"),
        rent=Decimal("0.01"),
        charges=Decimal("0.03"),
        vat=Decimal("0.01"),
    )
    whole = credit_notes.credit_for(notice, day("2026-03-31"))
    assert (whole["rent"], whole["charges"], whole["vat"]) == (notice.rent, notice.charges, notice.vat)
    assert credit_notes.credit_for(notice, day("2026-06-30")) is None
    last_day = credit_notes.credit_for(notice, day("2026-06-29"))
    assert last_day["first"] == last_day["last"] == day("2026-06-30") and last_day["rent"] == 0


# -- arrears and accounts, recounted from the records


def test_the_arrears_count_the_credits_and_may_leave_the_tenant_in_credit(staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit)
    _issue(staff_user, agreement, "2026-07-01")
    _end(staff_user, agreement, "2026-05-15")
    at = max(credit.due_on for credit in CreditNote.objects.all())
    due = sum((notice.total for notice in Notice.objects.filter(due_on__lte=at)), Decimal(0))
    credited = sum((credit.total for credit in CreditNote.objects.filter(due_on__lte=at)), Decimal(0))
    (row,) = rent_roll.arrears_at(at)
    assert (row.balance.due, row.balance.credited, row.balance.paid) == (due, credited, 0)
    assert row.balance.balance == row.balance.overdue == due - credited
    assert sum(row.balance.buckets.values()) == due - credited
    assert rent_roll.totals([row])["credited"] == credited
    # Paid every notice in advance: what was billed after the last day is the tenant's.
    rent_roll.record_payment(actor=staff_user, agreement=agreement, amount=due, received_on=day("2026-03-01"))
    assert rent_roll.arrears_at(at) == []
    (row,) = rent_roll.arrears_at(at, owing_only=False)
    assert row.balance.balance == -credited and row.balance.overdue == 0


def test_the_export_reverses_the_notices_share_and_balances(staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit)
    _issue(staff_user, agreement, "2026-07-01")
    _end(staff_user, agreement, "2026-05-15")
    rent_roll.record_payment(
        actor=staff_user, agreement=agreement, amount="500.00", received_on=day("2026-02-01")
    )
    rows = accounting.entries(day("2026-01-01"), day("2030-12-31"))
    debit = sum((row[6] or Decimal(0) for row in rows), Decimal(0))
    credit = sum((row[7] or Decimal(0) for row in rows), Decimal(0))
    assert debit == credit
    by_account = {}
    for row in rows:
        by_account[row[3]] = by_account.get(row[3], Decimal(0)) + (row[6] or 0) - (row[7] or 0)
    issued, credits = Notice.objects.all(), CreditNote.objects.all()

    def net(field):
        return sum((getattr(n, field) for n in issued), Decimal(0)) - sum(
            (getattr(c, field) for c in credits), Decimal(0)
        )

    assert by_account["706000"] == -net("rent")
    assert by_account["708000"] == -net("charges")
    assert by_account["445710"] == -net("vat")
    assert by_account["411000"] == net("rent") + net("charges") + net("vat") - Decimal("500.00")
    for credit_note in credits:  # each credit note is a balanced entry of its own
        lines = [row for row in rows if row[2] == credit_note.number]
        assert {row[0] for row in lines} == {"VT"}
        assert sum(row[6] or 0 for row in lines) == sum(row[7] or 0 for row in lines) == credit_note.total
        (tenant_line,) = [row for row in lines if row[3] == "411000"]
        assert tenant_line[7] == credit_note.total and tenant_line[4] == accounting.auxiliary(tenant.pk)


# -- pages and API


def test_the_termination_page_credits_and_the_account_lists_it(client, staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit)
    _issue(staff_user, agreement, "2026-04-01")
    client.force_login(staff_user)
    response = client.post(
        reverse("estate:agreement_terminate", args=[agreement.pk]),
        {"on": "2026-05-15", "reason": "Left", "early_release": "Negotiated"},
    )
    assert response.status_code == 302
    credit = CreditNote.objects.get()
    page = client.get(reverse("estate:agreement_account", args=[agreement.pk])).content.decode()
    assert credit.number in page and reverse("estate:credit_note", args=[credit.pk]) in page
    pdf = client.get(reverse("estate:credit_note", args=[credit.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and credit.number in pdf["Content-Disposition"]


def test_the_api_lists_the_credit_notes_and_the_arrears_count_them(client, staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit)
    _issue(staff_user, agreement, "2026-07-01")
    _end(staff_user, agreement, "2026-05-15")
    headers = {"Authorization": f"Bearer {ApiToken.issue(staff_user)[1]}"}
    listed = client.get("/api/credit-notes", {"agreement": agreement.pk}, headers=headers).json()
    assert listed["count"] == 2
    first = CreditNote.objects.order_by("due_on", "number").first()
    assert listed["items"][0]["number"] == first.number
    assert listed["items"][0]["credits_number"] == first.credits.number
    assert Decimal(listed["items"][0]["total"]) == first.total
    assert listed["items"][0]["pdf"] == reverse("estate:credit_note", args=[first.pk])
    at = max(credit.due_on for credit in CreditNote.objects.all())
    (row,) = client.get("/api/arrears", {"at": at.isoformat()}, headers=headers).json()
    assert Decimal(row["credited"]) == sum((c.total for c in CreditNote.objects.all()), Decimal(0))


def test_the_pdf_speaks_the_tenants_language(staff_user, tenant, unit):
    agreement = _lease(staff_user, tenant, unit, language="en")
    _issue(staff_user, agreement, "2026-04-01")
    _end(staff_user, agreement, "2026-05-15")
    credit = CreditNote.objects.get()
    from django.utils import translation

    with translation.override("en"):
        data = credit_notes.document(credit)
    assert data["lang"] == "en" and data["title"] == f"Credit note {credit.number}"
    assert data["due_on"] == credit.credits.number and "46 days" in data["indexation"]
    assert credit_notes.pdf(credit).startswith(b"%PDF")
