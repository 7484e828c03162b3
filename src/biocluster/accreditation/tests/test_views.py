"""Pages: the public list (filters, chart), one accreditation, the staff register, its forms and export."""

import datetime

import pytest
from django.urls import reverse

from biocluster.accreditation.models import Accreditation
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("accreditation:register_list")


def test_the_public_list_hides_refused_and_unlisted_companies(client, register):
    page = client.get(LIST).content.decode()
    assert "Listed Genomics" in page and "Closed Bio" in page
    assert "Refused Pharma" not in page
    assert "Hidden Cells" not in page
    assert "Secret plan" not in page


def test_the_public_list_stays_public_for_staff(client, register, staff_user):
    client.force_login(staff_user)
    page = client.get(LIST).content.decode()
    assert "Refused Pharma" not in page
    assert reverse("accreditation:register_manage") in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"status": "closed"}, "Closed Bio", "Listed Genomics"),
        ({"year": "2004"}, "Listed Genomics", "Closed Bio"),
        ({"year": "nonsense", "status": "active"}, "Listed Genomics", "Closed Bio"),
    ],
)
def test_filters(client, register, query, shown, hidden):
    page = client.get(LIST, query).content.decode()
    assert shown in page
    assert hidden not in page


def test_the_chart_counts_companies_per_year(client, register):
    response = client.get(LIST)
    counts = {row.year: row.count for row in response.context["counts"]}
    assert counts[2004] == 1
    assert counts[2010] == 1  # the refusal and the unlisted company are not counted
    assert counts[1998] == 0
    chart = response.context["chart"]
    assert "2 companies" in chart.title
    assert {bar.label: bar.value for bar in chart.bars}["2010"] == 1
    page = response.content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert ">2004</text>" in svg and ">1998</text>" in svg
    assert '<th scope="row">2004</th><td class="number">1</td>' in page  # the chart's figures, as a table
    assert "style=" not in page  # the content security policy forbids inline styles


def test_detail_shows_notes_and_history_to_staff_only(client, register, entreprises_staff):
    url = reverse("accreditation:detail", args=[register["closed"].pk])
    page = client.get(url).content.decode()
    assert "Private reason" not in page and "History" not in page
    client.force_login(entreprises_staff)
    page = client.get(url).content.decode()
    assert "Private reason" in page
    assert "History" in page
    assert reverse("accreditation:change_status", args=[register["closed"].pk]) in page


def test_the_staff_register_lists_refusals(client, register, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("accreditation:register_manage")).content.decode()
    assert "Refused Pharma" in page and "Hidden Cells" in page
    assert reverse("accreditation:decide") not in page  # communication staff read, they do not decide


def test_deciding_through_the_form(client, entreprises_staff):
    organisation = OrganisationFactory(name="Form Bio")
    client.force_login(entreprises_staff)
    url = reverse("accreditation:decide")
    page = client.get(url).content.decode()
    # The company is searched, not listed: the picker asks the directory for companies only.
    assert "Form Bio" not in page
    assert 'data-autocomplete-url="/directory/organisations/choices.json?kind=' in page
    found = client.get("/directory/organisations/choices.json?kind=startup&kind=sme&q=form").json()
    assert found["results"] == [{"value": str(organisation.pk), "text": "Form Bio"}]
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "decided_on": "2019-02-03",
            "decision": "accepted",
            "decided_by": "C",
        },
    )
    accreditation = Accreditation.objects.get(organisation=organisation)
    assert response.status_code == 302
    assert response.url == reverse("accreditation:detail", args=[accreditation.pk])
    assert accreditation.recorded_by == entreprises_staff
    assert accreditation.decided_on == datetime.date(2019, 2, 3)


def test_a_refused_rule_shows_on_the_form_field(client, entreprises_staff):
    organisation = OrganisationFactory()
    client.force_login(entreprises_staff)
    response = client.post(
        reverse("accreditation:decide"),
        {"organisation": organisation.pk, "decided_on": "1998-01-01", "decision": "accepted"},
    )
    assert response.status_code == 200
    assert "23 October 1998" in str(response.context["form"].errors["decided_on"])
    assert not Accreditation.objects.exists()


def test_changing_status_through_the_form(client, register, entreprises_staff):
    client.force_login(entreprises_staff)
    url = reverse("accreditation:change_status", args=[register["listed"].pk])
    response = client.post(url, {"status": "acquired", "since": "2012-01-01", "note": "Bought"})
    assert response.status_code == 302
    assert (
        Accreditation.objects.with_current_status().get(pk=register["listed"].pk).current_status == "acquired"
    )
    response = client.post(url, {"status": "closed", "since": "2011-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["since"]


def test_csv_export_follows_the_filters_and_defuses_formulas(client, register, staff_user):
    register["listed"].committee_notes = "=HYPERLINK(1)"
    register["listed"].save()
    client.force_login(staff_user)
    response = client.get(reverse("accreditation:export_csv"), {"year": "2010"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Refused Pharma" in text and "Closed Bio" in text and "Hidden Cells" in text
    assert "Listed Genomics" not in text
    everything = client.get(reverse("accreditation:export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in everything
    assert len(everything.strip().splitlines()) == 5
