"""The estate's pages: the offer, the search, the stacking plan, signing from a page."""

import pytest
import time_machine
from django.urls import reverse

from biocluster.estate import services
from biocluster.estate.models import Agreement

from .conftest import day
from .factories import UnitFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-06-15 10:00 +02:00", tick=False)
def test_the_offer_lists_units_free_today_by_kind(client, staff_user, tenant, unit, other_unit):
    services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="lease",
    )
    page = client.get(reverse("estate:offer")).content.decode()
    assert "L102" in page and "L101" not in page
    filtered = client.get(reverse("estate:offer"), {"kind": "office"}).content.decode()
    assert "L102" not in filtered


def test_the_search_offers_units_free_for_the_period_with_a_link_to_let_them(
    client, staff_user, tenant, unit, other_unit
):
    services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=day("2030-03-01"),
        end=day("2030-04-30"),
        kind="lease",
    )
    client.force_login(staff_user)
    page = client.get(reverse("estate:search"), {"free_from": "2030-01-01", "months": "12"}).content.decode()
    assert "L102" in page and ">L101<" not in page
    assert f"units={other_unit.pk}&amp;start=2030-01-01&amp;end=2030-12-31" in page


def test_the_stacking_plan_draws_each_unit_as_a_link_coloured_by_status(
    client, staff_user, tenant, building, unit
):
    UnitFactory(building=building, code="L201", area="80")
    services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit],
        start=day("2026-01-01"),
        end=day("2026-12-31"),
        kind="lease",
    )
    client.force_login(staff_user)
    page = client.get(
        reverse("estate:building_detail", args=[building.pk]), {"at": "2026-06-01"}
    ).content.decode()
    assert page.count('class="plan-block"') == 2
    assert 'class="status-let"' in page and 'class="status-available"' in page
    assert reverse("estate:unit_detail", args=[unit.pk]) in page
    expiry = client.get(
        reverse("estate:building_detail", args=[building.pk]), {"at": "2026-10-01", "colour": "expiry"}
    )
    assert 'class="expiry-6"' in expiry.content.decode()
    assert "plan-block" not in client_anonymous_page(building)


def client_anonymous_page(building):
    from django.test import Client

    return Client().get(reverse("estate:building_detail", args=[building.pk])).content.decode()


def test_signing_from_the_page_with_bad_input_shows_the_error_and_saves_nothing(
    client, staff_user, tenant, unit
):
    client.force_login(staff_user)
    body = {
        "organisation": tenant.pk,
        "units": [unit.pk],
        "kind": "licence",
        "start": "2026-05-01",
        "end": "2026-04-01",
        "rent_per_m2": "150",
        "charges_per_m2": "30",
        "free_months": "0",
        "notice_months": "3",
        "payment_frequency": "monthly",
        "deposit": "0",
        "language": "fr",
    }
    refused = client.post(reverse("estate:agreement_create"), body)
    assert refused.status_code == 200
    assert "The end comes on or after the start." in refused.content.decode()
    assert not Agreement.objects.exists()
    signed = client.post(reverse("estate:agreement_create"), body | {"end": "2027-04-30"})
    agreement = Agreement.objects.get()
    assert signed.status_code == 302 and signed["Location"] == reverse(
        "estate:agreement_detail", args=[agreement.pk]
    )
    assert agreement.kind == "licence" and list(agreement.lines.values_list("unit", flat=True)) == [unit.pk]
