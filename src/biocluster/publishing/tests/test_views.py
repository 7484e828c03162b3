"""The pages: the public key figures (published values only), a frozen figure's records
(public-safe fields for the public), freezing, restating and writing sections as staff
(bad input: a field error, nothing saved), the report's web version and its PDF."""

import pytest
from django.urls import reverse

from biocluster.directory.models import Organisation
from biocluster.publishing import services
from biocluster.publishing.models import Restatement, Section, Snapshot

from .factories import HEADCOUNT, on_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(frozen_2024, staff_user):
    """2024 published (headcount 15); 2025 frozen but not published (headcount 22)."""
    services.publish(actor=staff_user, snapshot=frozen_2024)
    draft = services.freeze(actor=staff_user, year=2025)
    return frozen_2024, draft


def test_the_public_page_shows_only_published_values(client, years):
    page = client.get(reverse("publishing:key_figures")).content.decode()
    assert "At the end of December 2024:" in page
    assert "Headcount on site" in page and "<strong>15</strong>" in page
    assert "2025" not in page and "<strong>22</strong>" not in page  # the draft year is nowhere
    assert "Published on" in page


def test_the_public_page_before_anything_is_published(client, frozen_2024):
    page = client.get(reverse("publishing:key_figures")).content.decode()
    assert "No figures are published yet." in page and "Headcount on site" not in page


def test_a_visitor_opens_a_published_figure_and_reads_only_public_fields(
    client, clock, headcount, staff_user
):
    on_site("Listed Bio", year=2023, headcount=4)
    on_site("Hidden Cells", year=2023, headcount=6, is_listed=False)
    snapshot = services.freeze(actor=staff_user, year=2023)
    value = snapshot.values.get(code=HEADCOUNT)
    assert client.get(reverse("publishing:figure", args=[value.pk])).status_code == 404  # not published yet
    services.publish(actor=staff_user, snapshot=snapshot)
    Organisation.objects.filter(name="Hidden Cells").update(is_listed=True)  # later: the frozen record stays
    page = client.get(reverse("publishing:figure", args=[value.pk])).content.decode()
    assert "Published on" in page and "<strong>10</strong>" in page
    assert "Listed Bio" in page  # a listed organisation's name
    assert "Hidden Cells" not in page and "not listed" in page
    for record in value.records.all():
        assert f'href="{record.url}"' not in page  # no link to the records' staff pages


def test_staff_read_the_records_with_their_links(client, staff_user, years):
    published, _ = years
    client.force_login(staff_user)
    value = published.values.get(code=HEADCOUNT)
    page = client.get(reverse("publishing:figure", args=[value.pk])).content.decode()
    record = value.records.get(label="Alpha Bio")
    assert f'href="{record.url}"' in page and "Compare with the records now" in page


def test_staff_freeze_a_year_from_the_page(client, staff_user, clock, headcount):
    client.force_login(staff_user)
    response = client.post(reverse("publishing:snapshots"), {"year": 2025})
    assert response.status_code == 302 and Snapshot.objects.filter(year=2025).exists()


@pytest.mark.parametrize("year", ["2026", "1990", "soon", ""])
def test_freezing_a_wrong_year_is_a_field_error_and_saves_nothing(client, staff_user, clock, year):
    client.force_login(staff_user)
    response = client.post(reverse("publishing:snapshots"), {"year": year})
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
    assert not Snapshot.objects.exists()


def test_staff_see_what_would_be_restated_then_restate_with_a_reason(client, staff_user, frozen_2024):
    on_site("Gamma New", headcount=3)
    value = frozen_2024.values.get(code=HEADCOUNT)
    client.force_login(staff_user)
    url = reverse("publishing:restate", args=[value.pk])
    page = client.get(url).content.decode()
    assert "1 added, 0 removed, 0 changed" in page and "Gamma New" in page

    missing = client.post(url, {"reason": ""})
    assert missing.status_code == 200 and 'class="errors"' in missing.content.decode()
    assert not Restatement.objects.exists()

    response = client.post(url, {"reason": "Gamma moved in in June."})
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 18
    page = client.get(reverse("publishing:figure", args=[value.pk])).content.decode()
    assert "Gamma moved in in June." in page and "from 15 to 18" in page


def test_a_section_without_its_french_title_is_refused(client, staff_user, frozen_2024):
    client.force_login(staff_user)
    response = client.post(
        reverse("publishing:section_create", args=[2024]),
        {"order": 1, "title_en": "Companies", "title_fr": "", "codes": [HEADCOUNT], "display": "figures"},
    )
    assert response.status_code == 200 and 'class="errors"' in response.content.decode()
    assert not Section.objects.exists()


@pytest.fixture
def report(years, staff_user):
    published, _ = years
    services.create_section(
        actor=staff_user,
        snapshot=published,
        order=1,
        title_en="People on site",
        title_fr="Les effectifs sur le site",
        body_en="The companies grew.\n\nSecond paragraph.",
        body_fr="Les entreprises ont grandi.",
        codes=[HEADCOUNT],
    )
    services.create_section(
        actor=staff_user,
        snapshot=published,
        order=2,
        title_en="Trends",
        title_fr="Tendances",
        codes=[HEADCOUNT, "directory.companies_on_site"],
        display="chart",
    )
    services.create_section(
        actor=staff_user,
        snapshot=published,
        order=3,
        title_en="Table",
        title_fr="Tableau",
        codes=[HEADCOUNT],
        display="table",
    )
    return published


def test_the_report_web_version_links_every_figure_to_its_records(client, report):
    page = client.get(reverse("publishing:report", args=[2024])).content.decode()
    value = report.values.get(code=HEADCOUNT)
    assert page.index("People on site") < page.index("Trends") < page.index("Table")
    assert "Second paragraph." in page
    assert page.count(f'href="{reverse("publishing:figure", args=[value.pk])}"') == 3
    assert "<svg" in page  # the chart


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_report_pdf_in_each_language(client, report, language):
    response = client.get(reverse("publishing:report_pdf", args=[2024]), {"lang": language})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and f"/Lang({language})".encode() in pdf
    assert f"-2024-{language}.pdf" in response["Content-Disposition"]


def test_the_report_data_reads_the_staff_text_in_the_language_asked(report):
    from django.utils import translation

    from biocluster.publishing.report import report_data

    with translation.override("fr"):
        data, files = report_data(report)
    assert [section["title"] for section in data["sections"]] == [
        "Les effectifs sur le site",
        "Tendances",
        "Tableau",
    ]
    assert data["sections"][0]["paragraphs"] == ["Les entreprises ont grandi."]
    assert data["sections"][0]["figures"][0]["shown"] == "15"
    assert len(files) == 2 and all(svg.startswith("<svg") for svg in files.values())


def test_a_pdf_in_another_language_is_not_found(client, report):
    assert client.get(reverse("publishing:report_pdf", args=[2024]), {"lang": "de"}).status_code == 404


def test_a_declared_figure_is_published_with_its_provenance_and_response_rate(client, clock, staff_user):
    from biocluster.core import indicators as ind

    from .factories import DECLARED, register_declared

    register_declared()
    try:
        on_site("Seller Bio", year=2024, headcount=1000)
        snapshot = services.freeze(actor=staff_user, year=2024)
    finally:
        ind._registry.pop(DECLARED)
    services.publish(actor=staff_user, snapshot=snapshot)
    value = snapshot.values.get(code=DECLARED)
    assert value.provenance == ind.VALIDATED and float(value.response_rate) == 0.64
    page = client.get(reverse("publishing:key_figures")).content.decode()
    assert "Declared sales</a> <small>(validated by staff; response rate 64%)</small>" in page
    assert client.get("/api/snapshots/2024").json()["values"][0]["response_rate"] == 0.64


def test_an_unpublished_report_is_not_found_by_the_public(client, member, staff_user, years):
    for url in (reverse("publishing:report", args=[2025]), reverse("publishing:report_pdf", args=[2025])):
        assert client.get(url).status_code == 404
        client.force_login(member)
        assert client.get(url).status_code == 404
        client.force_login(staff_user)
        assert client.get(url).status_code == 200
        client.logout()
