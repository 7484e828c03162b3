"""The rent roll: notices issued once per period, payments, arrears by age, the accounting export."""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.estate import accounting, arrears, notices, rent_roll, services
from biocluster.estate.models import Notice, Payment

from .conftest import day

ISSUED = day("2026-12-06")


# -- arrears arithmetic (no database)


def test_payments_settle_the_oldest_notices_first_and_the_rest_is_aged():
    owed = [
        (day("2026-01-01"), Decimal("100")),
        (day("2026-04-01"), Decimal("100")),
        (day("2026-07-01"), Decimal("100")),
    ]
    result = arrears.balance(owed, [(day("2026-02-01"), Decimal("150"))], day("2026-07-20"))
    assert (result.due, result.paid, result.balance) == (
        Decimal("300.00"),
        Decimal("150.00"),
        Decimal("150.00"),
    )
    # January's paid; April's half left, 110 days old; July's 19 days old.
    assert result.buckets == {"0-30": Decimal("100.00"), "31-60": 0, "61-90": 0, "90+": Decimal("50.00")}
    assert result.oldest_unpaid == day("2026-04-01")


def test_the_age_buckets_limits():
    assert [arrears.bucket_of(days) for days in (0, 30, 31, 60, 61, 90, 91)] == [
        "0-30",
        "0-30",
        "31-60",
        "31-60",
        "61-90",
        "61-90",
        "90+",
    ]


def test_what_comes_after_the_date_does_not_count_and_a_credit_owes_nothing():
    owed = [(day("2026-01-01"), Decimal("100")), (day("2026-04-01"), Decimal("100"))]
    early = arrears.balance(owed, [(day("2026-05-01"), Decimal("500"))], day("2026-03-01"))
    assert (early.due, early.paid, early.overdue) == (Decimal("100.00"), 0, Decimal("100.00"))
    late = arrears.balance(owed, [(day("2026-05-01"), Decimal("500"))], day("2026-06-01"))
    assert late.balance == Decimal("-300.00") and late.overdue == 0 and sum(late.buckets.values()) == 0


def test_a_credit_note_settles_the_notice_it_credits_and_payments_the_oldest_left():
    owed = [
        (day("2026-01-01"), Decimal("100"), "january"),
        (day("2026-04-01"), Decimal("100"), "april"),
    ]
    # April's notice is credited 60 (an early end); a payment of 100 settles January.
    result = arrears.balance(
        owed,
        [(day("2026-04-10"), Decimal("100"))],
        day("2026-07-20"),
        [(day("2026-04-15"), Decimal("60"), "april")],
    )
    assert (result.due, result.paid, result.credited, result.balance) == (
        Decimal("200.00"),
        Decimal("100.00"),
        Decimal("60.00"),
        Decimal("40.00"),
    )
    # What is left is April's 40, 110 days old: not January's, 200 days old.
    assert result.buckets == {"0-30": 0, "31-60": 0, "61-90": 0, "90+": Decimal("40.00")}
    assert result.oldest_unpaid == day("2026-04-01")


def test_a_credit_above_its_notice_and_one_without_a_notice_settle_the_oldest():
    owed = [(day("2026-01-01"), Decimal("100"), "january"), (day("2026-04-01"), Decimal("50"), "april")]
    result = arrears.balance(
        owed,
        [],
        day("2026-07-20"),
        [(day("2026-04-15"), Decimal("80"), "april"), (day("2026-05-01"), Decimal("10"))],
    )
    # April takes 50 of its 80; the 30 left and the 10 go to January: 60 of it is left.
    assert result.balance == Decimal("60.00")
    assert result.buckets["90+"] == Decimal("60.00") and result.oldest_unpaid == day("2026-01-01")


# -- services


@pytest.fixture
def agreement(db, staff_user, tenant, unit):
    return services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],  # 40 m²
        start=day("2026-01-15"),
        end=day("2027-01-14"),
        kind="lease",
        rent_per_m2=Decimal("301.33"),
        charges_per_m2=Decimal("31.17"),
        payment_frequency="quarterly",
    )


def test_notices_are_issued_once_per_period_with_the_schedules_amounts(staff_user, agreement):
    first = rent_roll.issue_notices(actor=staff_user, up_to=day("2026-06-30"), issued_on=ISSUED)
    assert [notice.number for notice in first] == ["N2026-00001", "N2026-00002"]
    schedule = notices.schedule(agreement)
    assert [(n.first, n.last, n.rent, n.charges) for n in first] == [
        (due.first, due.last, due.rent, due.charges) for due in schedule[:2]
    ]
    assert first[0].first == day("2026-01-15") and first[0].due_on == first[0].first
    again = rent_roll.issue_notices(actor=staff_user, up_to=day("2026-12-31"), issued_on=ISSUED)
    assert [notice.first for notice in again] == [day("2026-07-01"), day("2026-10-01")]
    assert Notice.objects.count() == 4
    assert AuditEvent.objects.filter(action="estate.notice.issued").count() == 4


def test_a_payment_is_recorded_numbered_and_audited(staff_user, agreement):
    payment = rent_roll.record_payment(
        actor=staff_user,
        agreement=agreement,
        amount="1200.50",
        received_on=day("2026-02-03"),
        reference=" VIR 1 ",
    )
    assert (payment.number, payment.amount, payment.reference) == ("P2026-00001", Decimal("1200.50"), "VIR 1")
    assert AuditEvent.objects.filter(action="estate.payment.recorded", object_id=str(payment.pk)).exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": "10.005"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"received_on": "2026-01-01"}, "received_on"),
        ({"reference": "x" * 121}, "reference"),
    ],
)
def test_a_bad_payment_is_a_field_error_and_nothing_is_saved(staff_user, agreement, values, field):
    arguments = {"amount": "10", "received_on": day("2026-02-01"), "reference": ""} | values
    with pytest.raises(ValidationError) as error:
        rent_roll.record_payment(actor=staff_user, agreement=agreement, **arguments)
    assert field in error.value.message_dict
    assert not Payment.objects.exists()


def test_the_arrears_list_at_a_date(staff_user, agreement, tenant):
    rent_roll.issue_notices(actor=staff_user, up_to=day("2026-12-31"), issued_on=ISSUED)
    first = Notice.objects.order_by("due_on").first()
    rent_roll.record_payment(
        actor=staff_user, agreement=agreement, amount=first.total, received_on=day("2026-01-20")
    )
    rows = rent_roll.arrears_at(day("2026-08-15"))
    assert len(rows) == 1 and rows[0].agreement == agreement
    april, july = Notice.objects.order_by("due_on")[1:3]
    assert rows[0].balance.overdue == april.total + july.total
    assert rows[0].balance.buckets["90+"] == april.total and rows[0].balance.buckets["31-60"] == july.total
    totals = rent_roll.totals(rows)
    assert totals["overdue"] == sum(totals["buckets"].values())
    assert rent_roll.arrears_at(day("2026-01-10")) == []  # nothing due yet


# -- the accounting export recounts


def _recount(rows):
    debit = sum((row[6] or Decimal(0) for row in rows), Decimal(0))
    credit = sum((row[7] or Decimal(0) for row in rows), Decimal(0))
    return debit, credit


def test_the_accounting_export_balances_and_recounts_the_notices_and_payments(staff_user, agreement):
    rent_roll.issue_notices(actor=staff_user, up_to=day("2026-12-31"), issued_on=ISSUED)
    rent_roll.record_payment(
        actor=staff_user, agreement=agreement, amount="999.99", received_on=day("2026-03-01")
    )
    rows = accounting.entries(day("2026-01-01"), day("2026-12-31"))
    notices_total = sum((n.total for n in Notice.objects.all()), Decimal(0))
    assert _recount(rows) == (notices_total + Decimal("999.99"), notices_total + Decimal("999.99"))
    by_account = {}
    for row in rows:
        by_account[row[3]] = by_account.get(row[3], Decimal(0)) + (row[6] or 0) - (row[7] or 0)
    assert by_account["706000"] == -sum((n.rent for n in Notice.objects.all()), Decimal(0))
    assert by_account["708000"] == -sum((n.charges for n in Notice.objects.all()), Decimal(0))
    assert by_account["445710"] == -sum((n.vat for n in Notice.objects.all()), Decimal(0))
    assert by_account["411000"] == notices_total - Decimal("999.99")  # including VAT
    for notice in Notice.objects.all():  # 20 % of the amount excluding VAT, to the cent
        assert notice.vat == (notice.net / 5).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) > 0
        assert notice.total == notice.net + notice.vat
    assert by_account["512000"] == Decimal("999.99")
    assert {row[2] for row in rows if row[0] == "VT"} == set(Notice.objects.values_list("number", flat=True))
    # The CSV says the same, to the cent.
    text = accounting.as_csv(rows).decode().lstrip("\ufeff")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:3] == ["Journal", "Date", "Piece number"]
    assert sum(Decimal(line[6] or 0) for line in lines[1:]) == notices_total + Decimal("999.99")
    sheet = load_workbook(io.BytesIO(accounting.as_xlsx(rows))).active
    assert sheet.max_row == len(rows) + 1
    assert round(
        sum(cell.value or 0 for (cell,) in sheet.iter_rows(min_row=2, min_col=8, max_col=8)), 2
    ) == float(notices_total + Decimal("999.99"))


def test_an_exempt_agreement_has_no_vat_line_and_a_free_occupation_bears_none(
    staff_user, agreement, tenant, other_unit
):
    exempt = services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[other_unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="licence",
        rent_per_m2=Decimal("100"),
        vat_rate=Decimal("0"),
    )
    rent_roll.issue_notices(actor=staff_user, up_to=day("2026-03-31"), issued_on=ISSUED, agreements=[exempt])
    notice = Notice.objects.get(agreement=exempt)
    assert (notice.vat, notice.total) == (Decimal("0"), notice.net)
    rows = accounting.entries(day("2026-01-01"), day("2026-03-31"))
    assert [row[3] for row in rows] == ["411000", "706000"]
    assert _recount(rows) == (notice.total, notice.total)
    with pytest.raises(ValidationError) as refused:
        services.create_agreement(
            actor=staff_user,
            organisation=tenant,
            units=[other_unit],
            start=day("2027-01-01"),
            end=day("2027-12-31"),
            kind="free",
            vat_rate=Decimal("20"),
        )
    assert "vat_rate" in refused.value.message_dict
    free = services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[other_unit],
        start=day("2027-01-01"),
        end=day("2027-12-31"),
        kind="free",
    )
    assert free.vat_rate == 0 and agreement.vat_rate == 20


def test_the_export_keeps_to_the_period(staff_user, agreement):
    rent_roll.issue_notices(actor=staff_user, up_to=day("2026-12-31"), issued_on=ISSUED)
    rows = accounting.entries(day("2026-04-01"), day("2026-06-30"))
    assert {row[2] for row in rows} == {Notice.objects.get(first=day("2026-04-01")).number}


# -- pages and API


@pytest.fixture
def api(client, staff_user):
    token = ApiToken.issue(staff_user)[1]

    def call(method, path, body=None, **params):
        headers = {"Authorization": f"Bearer {token}"}
        if method == "get":
            return client.get(path, params, headers=headers)
        return client.post(path, body, content_type="application/json", headers=headers)

    return call


def test_the_api_issues_records_and_lists_the_arrears(api, agreement):
    issued = api("post", "/api/notices/issue", {"up_to": "2026-04-30"})
    assert issued.status_code == 201 and issued.json()["issued"] == 2
    paid = api(
        "post", "/api/payments", {"agreement": agreement.pk, "amount": "100.10", "received_on": "2026-02-01"}
    )
    assert paid.status_code == 201 and paid.json()["amount"] == "100.10"
    listed = api("get", "/api/arrears", at="2026-05-20").json()
    total = sum(n.total for n in Notice.objects.all())
    assert listed[0]["agreement"] == agreement.pk and Decimal(listed[0]["balance"]) == total - Decimal(
        "100.10"
    )
    listed_notices = api("get", "/api/notices", agreement=agreement.pk).json()
    assert listed_notices["count"] == 2
    first = Notice.objects.order_by("first").first()
    assert (Decimal(listed_notices["items"][0]["vat"]), Decimal(listed_notices["items"][0]["total"])) == (
        first.vat,
        first.net + first.vat,
    )
    assert listed_notices["items"][0]["pdf"] == reverse("estate:notice_pdf", args=[first.pk])
    export = api("get", "/api/accounting-export", since="2026-01-01", until="2026-12-31", format="xlsx")
    assert export.status_code == 200 and export.content.startswith(b"PK")


def test_the_lease_api_takes_and_answers_the_vat_rate(api, tenant, other_unit):
    body = {"organisation": tenant.pk, "units": [other_unit.pk], "start": "2027-01-01", "end": "2027-12-31"}
    refused = api("post", "/api/leases", body | {"kind": "free", "vat_rate": "20"})
    assert refused.status_code == 422 and "vat_rate" in str(refused.json())
    created = api("post", "/api/leases", body | {"kind": "licence", "vat_rate": "5.5"})
    assert created.status_code == 201, created.content
    assert (created.json()["vat_rate"], created.json()["notice_given_on"]) == (5.5, None)


@pytest.mark.parametrize(
    "body",
    [
        {"amount": "0", "received_on": "2026-02-01"},
        {"amount": "1.001", "received_on": "2026-02-01"},
        {"amount": "10", "received_on": "2026-02-31"},
        {"amount": "10", "received_on": "2026-02-01", "reference": "a\x00b"},
    ],
)
def test_a_bad_payment_through_the_api_is_a_422_and_nothing_saved(api, agreement, body):
    response = api("post", "/api/payments", {"agreement": agreement.pk, **body})
    assert response.status_code == 422
    assert not Payment.objects.exists()


def test_an_unknown_agreement_or_a_reversed_period_is_a_422(api, agreement):
    assert (
        api(
            "post", "/api/payments", {"agreement": 999999, "amount": "1", "received_on": "2026-02-01"}
        ).status_code
        == 422
    )
    assert api("get", "/api/accounting-export", since="2026-02-01", until="2026-01-01").status_code == 422


def test_staff_record_a_payment_on_the_account_page_and_export(client, staff_user, agreement):
    client.force_login(staff_user)
    rent_roll.issue_notices(actor=staff_user, up_to=day("2026-04-30"), issued_on=ISSUED)
    response = client.post(
        reverse("estate:agreement_payment", args=[agreement.pk]),
        {"amount": "250.00", "received_on": "2026-02-02", "reference": "CHQ 42"},
    )
    assert response.status_code == 302
    page = client.get(reverse("estate:agreement_account", args=[agreement.pk])).content.decode()
    assert "P2026-00001" in page and "N2026-00002" in page and "CHQ 42" in page
    roll = client.get(reverse("estate:rent_roll"), {"at": "2026-06-01"}).content.decode()
    assert agreement.reference in roll
    export = client.get(
        reverse("estate:accounting_export"), {"since": "2026-01-01", "until": "2026-12-31", "format": "csv"}
    )
    assert export["Content-Type"].startswith("text/csv") and b"P2026-00001" in export.content


def test_a_bad_payment_on_the_page_shows_the_error_and_saves_nothing(client, staff_user, agreement):
    client.force_login(staff_user)
    response = client.post(
        reverse("estate:agreement_payment", args=[agreement.pk]),
        {"amount": "-1", "received_on": "2026-02-02"},
    )
    assert response.status_code == 200 and not Payment.objects.exists()


def test_the_tenants_member_reads_its_account_but_records_nothing(
    client, member, member_organisation, staff_user, unit
):
    own = services.create_agreement(
        actor=staff_user,
        organisation=member_organisation,
        units=[unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="lease",
        rent_per_m2=Decimal("100"),
    )
    rent_roll.issue_notices(actor=staff_user, up_to=day("2026-03-31"), issued_on=ISSUED)
    client.force_login(member)
    page = client.get(reverse("estate:agreement_account", args=[own.pk]))
    assert (
        page.status_code == 200
        and "N2026-00001" in page.content.decode()
        and "Record a payment" not in page.content.decode()
    )
    refused = client.post(
        reverse("estate:agreement_payment", args=[own.pk]), {"amount": "1", "received_on": "2026-02-02"}
    )
    assert refused.status_code == 403 and not Payment.objects.exists()
