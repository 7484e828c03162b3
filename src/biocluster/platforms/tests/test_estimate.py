"""The price estimate of the booking form: the tariff of the organisation's category, for the time booked."""

from decimal import Decimal

import pytest
from django.urls import reverse

from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory
from biocluster.platforms import services
from biocluster.platforms.models import Tariff
from biocluster.platforms.tests.conftest import local

pytestmark = pytest.mark.django_db


def test_the_estimate_prices_the_time_at_the_categorys_tariff(instrument, lab, tuesday):
    estimate = services.estimate(
        instrument=instrument, organisation=lab, start=local(tuesday, 10), end=local(tuesday, 12, 30)
    )
    assert estimate.category == "cluster_academic" and estimate.category_label == "Academic of the cluster"
    assert (estimate.quantity, estimate.tariff.price, estimate.amount) == (Decimal("2.5"), 30, Decimal("75"))
    company = OrganisationFactory(kind="company", campus=None)
    external = services.estimate(
        instrument=instrument, organisation=company, start=local(tuesday, 10), end=local(tuesday, 12)
    )
    assert (external.category, external.amount) == ("external_company", Decimal("240"))


def test_a_unit_tariff_is_one_unit_and_a_missing_tariff_is_said(instrument, lab, tuesday):
    Tariff.objects.filter(instrument=instrument).update(unit="unit")
    estimate = services.estimate(
        instrument=instrument, organisation=lab, start=local(tuesday, 10), end=local(tuesday, 14)
    )
    assert (estimate.quantity, estimate.amount) == (1, 30)
    Tariff.objects.filter(instrument=instrument).delete()
    assert (
        services.estimate(
            instrument=instrument, organisation=lab, start=local(tuesday, 10), end=local(tuesday, 14)
        ).amount
        is None
    )


@pytest.mark.parametrize(("language", "amount"), [("en", "€75"), ("fr", "75\xa0€")])
def test_the_form_fragment_shows_the_estimate_with_the_money_filter(
    client, scientist, instrument, tuesday, language, amount
):
    client.force_login(scientist)
    response = client.get(
        reverse("platforms:booking_estimate", args=[instrument.pk]),
        {"day": tuesday.isoformat(), "start_time": "10:00", "end_time": "12:30"},
        headers={"accept-language": language, "HX-Request": "true"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert f"<strong>{amount}</strong>" in text and "<html" not in text


def test_no_times_no_estimate(client, scientist, instrument, tuesday):
    client.force_login(scientist)
    url = reverse("platforms:booking_estimate", args=[instrument.pk])
    assert client.get(url, {"day": tuesday.isoformat()}).content.decode().strip() == ""
    reversed_times = {"day": tuesday.isoformat(), "start_time": "12:00", "end_time": "10:00"}
    assert client.get(url, reversed_times).content.decode().strip() == ""


def test_the_estimate_is_for_the_organisation_chosen(client, scientist, instrument, tuesday):
    company = OrganisationFactory(kind="company", campus=None, name="Acme Bio")
    AffiliationFactory(person=scientist.person, organisation=company)
    client.force_login(scientist)
    url = reverse("platforms:booking_estimate", args=[instrument.pk])
    period = {"day": tuesday.isoformat(), "start_time": "10:00", "end_time": "11:00"}
    assert "<strong>€30</strong>" in client.get(url, period).content.decode()
    text = client.get(url, period | {"organisation": company.pk}).content.decode()
    assert "<strong>€120</strong>" in text and "External company" in text


def test_the_estimate_needs_a_login(client, instrument, tuesday):
    url = reverse("platforms:booking_estimate", args=[instrument.pk])
    response = client.get(url, {"day": tuesday.isoformat(), "start_time": "10:00", "end_time": "11:00"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    # Someone without an organisation to bill gets no estimate (and could not book).
    client.force_login(UserFactory(email="lone@example.org"))
    period = {"day": tuesday.isoformat(), "start_time": "10:00", "end_time": "11:00"}
    assert client.get(url, period).content.decode().strip() == ""
