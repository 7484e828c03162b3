"""Arrivals on and departures from the cluster's site: the services, the form, the API, the counts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.core import indicators as ind
from biocluster.directory import services
from biocluster.directory.models import Organisation
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _post(client, url, data, user):
    headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}
    return client.post(url, data, content_type="application/json", headers=headers)


def _stay(organisation):
    organisation.refresh_from_db()
    return organisation.on_site_since, organisation.left_site_on, organisation.left_site_reason


def test_an_arrival_then_a_departure_are_recorded_and_audited(staff_user):
    organisation = OrganisationFactory(kind="startup")
    services.record_site_arrival(organisation, date(2019, 3, 1), by=staff_user)
    services.record_site_departure(organisation, date(2023, 7, 1), "Moved to Lyon", by=staff_user)

    assert _stay(organisation) == (date(2019, 3, 1), date(2023, 7, 1), "Moved to Lyon")
    arrival = AuditEvent.objects.get(action="directory.organisation.arrived_on_site")
    assert arrival.actor == staff_user and arrival.changes["on_site_since"] == [None, "2019-03-01"]
    departure = AuditEvent.objects.get(action="directory.organisation.left_site")
    assert departure.changes["left_site_reason"] == ["", "Moved to Lyon"]


def test_a_second_move_in_while_on_site_changes_nothing(staff_user):
    organisation = OrganisationFactory(on_site_since=date(2019, 3, 1))
    services.record_site_arrival(organisation, date(2021, 1, 4), by=staff_user)
    assert _stay(organisation)[0] == date(2019, 3, 1)
    assert not AuditEvent.objects.filter(action="directory.organisation.arrived_on_site").exists()


def test_an_earlier_arrival_moves_the_stay_back(staff_user):
    organisation = OrganisationFactory(on_site_since=date(2019, 3, 1))
    services.record_site_arrival(organisation, date(2018, 11, 5), by=staff_user)
    assert _stay(organisation)[0] == date(2018, 11, 5)


def test_coming_back_starts_a_new_stay(staff_user):
    organisation = OrganisationFactory(on_site_since=date(2015, 1, 1), left_site_on=date(2018, 1, 1))
    services.record_site_arrival(organisation, date(2022, 5, 2), by=staff_user)
    assert _stay(organisation) == (date(2022, 5, 2), None, "")


def test_an_arrival_before_the_departure_of_a_gone_organisation_is_refused(staff_user):
    organisation = OrganisationFactory(on_site_since=date(2015, 1, 1), left_site_on=date(2018, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.record_site_arrival(organisation, date(2017, 1, 1), by=staff_user)
    assert "on_site_since" in refused.value.message_dict


@pytest.mark.parametrize(
    ("since", "left", "day"),
    [(None, None, date(2020, 1, 1)), (date(2015, 1, 1), date(2018, 1, 1), date(2019, 1, 1))],
)
def test_leaving_needs_to_be_on_site(staff_user, since, left, day):
    organisation = OrganisationFactory(on_site_since=since, left_site_on=left)
    with pytest.raises(ValidationError):
        services.record_site_departure(organisation, day, "", by=staff_user)
    assert _stay(organisation)[:2] == (since, left)


def test_leaving_before_arriving_is_refused_and_nothing_saved(staff_user):
    organisation = OrganisationFactory(on_site_since=date(2020, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.record_site_departure(organisation, date(2019, 1, 1), "", by=staff_user)
    assert "left_site_on" in refused.value.message_dict
    assert _stay(organisation)[1] is None


def test_the_counts_follow_the_stays_not_the_directory(staff_user):
    code = "directory.companies_on_site"
    OrganisationFactory(kind="sme", on_site_since=date(2010, 1, 1))
    OrganisationFactory(kind="startup", on_site_since=date(2024, 12, 31))  # counts on its first day
    OrganisationFactory(kind="sme", on_site_since=date(2012, 1, 1), left_site_on=date(2024, 12, 31))
    OrganisationFactory(kind="sme", on_site_since=date(2012, 1, 1), left_site_on=date(2025, 1, 1))
    OrganisationFactory(kind="sme", on_site_since=date(2025, 1, 1))  # not yet
    OrganisationFactory(kind="sme")  # arrival unknown
    OrganisationFactory(kind="research_lab", on_site_since=date(2010, 1, 1))  # not a company
    indicator = ind.get(code)

    result = indicator.evaluate(indicator.period(year=2024))
    assert result.value == 3 == len(list(result.records))
    # The day before: the start-up not there yet, the company leaving on the 31st still there.
    assert indicator.evaluate(indicator.period(at=date(2024, 12, 30))).value == 3
    assert indicator.evaluate(indicator.period(at=date(2025, 1, 1))).value == 3
    assert indicator.evaluate(indicator.period(at=date(2009, 12, 31))).value == 0
    assert ind.get("directory.labs_on_site").evaluate(indicator.period(year=2024)).value == 1


def test_staff_set_the_dates_on_the_organisation_form(client, staff_user):
    organisation = OrganisationFactory(name="Abolis", kind="startup")
    client.force_login(staff_user)
    data = {
        "name": "Abolis",
        "kind": "startup",
        "country": "FR",
        "site-on_site_since": "2016-09-01",
        "site-left_site_on": "",
        "site-left_site_reason": "",
    }
    response = client.post(f"/directory/organisations/{organisation.pk}/edit/", data)
    assert response.status_code == 302
    assert _stay(organisation) == (date(2016, 9, 1), None, "")
    assert AuditEvent.objects.filter(action="directory.organisation.site_corrected").count() == 1

    data |= {"site-left_site_on": "2015-01-01"}
    response = client.post(f"/directory/organisations/{organisation.pk}/edit/", data)
    assert response.status_code == 200
    assert "cannot leave the site before it arrived" in response.content.decode()
    assert _stay(organisation)[1] is None


def test_an_organisation_administrator_gets_no_site_dates_on_the_form(
    client, organisation_administrator, member_organisation
):
    client.force_login(organisation_administrator)
    url = f"/directory/organisations/{member_organisation.pk}/edit/"
    assert "site-on_site_since" not in client.get(url).content.decode()
    data = {"name": "Member Bio", "kind": "sme", "country": "FR", "site-on_site_since": "2016-09-01"}
    assert client.post(url, data).status_code == 302
    assert _stay(member_organisation)[0] is None


def test_staff_record_arrival_and_departure_through_the_api(client, staff_user):
    base = f"/api/organisations/{OrganisationFactory(kind='platform').pk}"
    body = _post(client, f"{base}/site-arrival", {"on_site_since": "2012-04-01"}, staff_user).json()
    assert body["on_site_since"] == "2012-04-01" and body["left_site_on"] is None
    early = {"left_site_on": "2011-01-01", "left_site_reason": "Closed"}
    assert _post(client, f"{base}/site-departure", early, staff_user).status_code == 422
    departure = {"left_site_on": "2020-01-01", "left_site_reason": "Closed"}
    body = _post(client, f"{base}/site-departure", departure, staff_user).json()
    assert (body["left_site_on"], body["left_site_reason"]) == ("2020-01-01", "Closed")


def test_members_may_not_record_stays_and_only_administrators_read_them(
    client, organisation_administrator, member, member_organisation
):
    base = f"/api/organisations/{member_organisation.pk}"
    Organisation.objects.filter(pk=member_organisation.pk).update(on_site_since=date(2012, 4, 1))
    refused = _post(
        client, f"{base}/site-arrival", {"on_site_since": "2010-01-01"}, organisation_administrator
    )
    assert refused.status_code == 403
    assert _stay(member_organisation)[0] == date(2012, 4, 1)
    client.force_login(organisation_administrator)
    assert client.get(base).json()["on_site_since"] == "2012-04-01"
    client.force_login(member)
    assert client.get(base).json()["on_site_since"] is None


def test_people_on_site_are_the_headcounts_of_who_was_there_estimated():
    OrganisationFactory(kind="sme", headcount=12, on_site_since=date(2010, 1, 1))
    OrganisationFactory(kind="university", headcount=300, on_site_since=date(2015, 1, 1))
    OrganisationFactory(
        kind="sme", headcount=7, on_site_since=date(2012, 1, 1), left_site_on=date(2020, 1, 1)
    )
    OrganisationFactory(kind="startup", on_site_since=date(2012, 1, 1))  # headcount unknown
    OrganisationFactory(kind="sme", headcount=50)  # arrival unknown
    indicator = ind.get("directory.people_on_site")

    result = indicator.evaluate(indicator.period(year=2024))
    assert (result.value, result.provenance) == (312, ind.ESTIMATED)
    assert sorted(record.value for record in result.records) == [12, 300]
    assert indicator.evaluate(indicator.period(year=2014)).value == 19
