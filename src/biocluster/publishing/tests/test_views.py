"""The pages: the public key figures (published values only), a frozen figure's records
(public-safe fields for the public), freezing, restating and writing sections as staff
(bad input: a field error, nothing saved), the report's web version and its PDF."""

import pytest
from django.tasks import task_backends
from django.urls import reverse

from biocluster.audit.models import AuditEvent
from biocluster.core import indicators
from biocluster.directory.models import Organisation
from biocluster.publishing import services
from biocluster.publishing.models import FreezeJob, FreezeStatus, FrozenValue, Restatement, Section, Snapshot

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


def test_staff_freeze_a_year_from_the_page(
    client, staff_user, clock, headcount, django_capture_on_commit_callbacks
):
    """The page queues the freeze (the immediate backend of the tests runs it at once), follows
    its progress, and once done goes on to the snapshot's page."""
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing:snapshots"), {"year": 2025})
    job = FreezeJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("publishing:freeze", args=[job.pk])
    assert job.status == FreezeStatus.DONE and job.percent == 100 and job.requested_by == staff_user
    assert Snapshot.objects.filter(year=2025, frozen_by=staff_user).exists()
    progress = client.get(response.url)
    assert progress.status_code == 302 and progress.url == reverse("publishing:snapshot", args=[2025])
    htmx = client.get(response.url, headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and htmx["HX-Redirect"] == reverse("publishing:snapshot", args=[2025])
    page = client.get(progress.url).content.decode()
    assert "The figures of 2025 are frozen." in page
    assert AuditEvent.objects.filter(action="publishing.snapshot.frozen").count() == 1


def test_the_page_queues_exactly_one_freeze_and_refuses_a_second_while_it_runs(
    client, staff_user, clock, headcount, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing:snapshots"), {"year": 2025})
    job = FreezeJob.objects.get()
    queued = list(task_backends["default"].results)
    assert [(result.task.name, result.args) for result in queued] == [("run_freeze", [job.pk])]
    assert not Snapshot.objects.exists()  # nothing until the worker runs

    page = client.get(response.url).content.decode()  # the progress page, polling every second
    total = len(list(indicators.all_indicators()))
    assert job.total_rows == total
    assert "Freezing 2025" in page and f"0% done (0 of {total} indicators)" in page
    assert f'hx-get="{response.url}" hx-trigger="every 1s"' in page

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("publishing:snapshots"), {"year": 2025})
    assert again.status_code == 200 and "This year is being frozen already" in again.content.decode()
    assert FreezeJob.objects.count() == 1 and len(task_backends["default"].results) == 1

    queued[0].task.call(*queued[0].args, **queued[0].kwargs)  # the worker
    job.refresh_from_db()
    assert job.status == FreezeStatus.DONE and job.processed_rows == total
    assert Snapshot.objects.get(year=2025).values.count() == total
    assert queued[0].task.call(*queued[0].args, **queued[0].kwargs) == {"skipped": "done"}  # a repeat


def test_the_progress_fragment_shows_the_percentage(client, staff_user, clock):
    job = FreezeJob.objects.create(year=2025, status=FreezeStatus.RUNNING, total_rows=8, processed_rows=2)
    client.force_login(staff_user)
    html = client.get(reverse("publishing:freeze", args=[job.pk]), headers={"HX-Request": "true"})
    html = html.content.decode()
    assert html.startswith('<div id="freeze-progress"') and "<h1>" not in html
    assert "25% done (2 of 8 indicators)" in html and 'value="2" max="8"' in html
    assert 'hx-trigger="every 1s"' in html


def test_a_failing_freeze_saves_nothing_and_the_job_shows_why(
    client, staff_user, clock, headcount, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_store_records", broken)  # after the snapshot and its first value
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing:snapshots"), {"year": 2025})
    job = FreezeJob.objects.get()
    assert job.status == FreezeStatus.FAILED and "disk full" in job.failure and job.finished_at is not None
    assert not Snapshot.objects.exists() and not FrozenValue.objects.exists()
    assert not AuditEvent.objects.filter(action="publishing.snapshot.frozen").exists()
    page = client.get(response.url).content.decode()
    assert 'class="errors" role="alert"' in page and "nothing was saved: disk full" in page
    assert "hx-get" not in page  # no more polling


@pytest.mark.parametrize("role", ["member", "anonymous"])
def test_only_staff_follow_a_freeze(client, member, clock, role):
    job = FreezeJob.objects.create(year=2025, total_rows=1)
    url = reverse("publishing:freeze", args=[job.pk])
    if role == "member":
        client.force_login(member)
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 403
    else:
        response = client.get(url, headers={"HX-Request": "true"})
        assert response.status_code == 302 and "/login" in response.url


def test_an_unknown_freeze_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("publishing:freeze", args=[999])).status_code == 404


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
