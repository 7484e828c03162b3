"""Payment notices: the period's amounts with the indexation shown, in the tenant's language."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from biocluster.estate import notices, services

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
