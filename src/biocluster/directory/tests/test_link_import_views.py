"""The staff page to import links between organisations: the organisations import's steps (upload,
mapping, dry run, apply in the background), its rule (directory.import_links), all or nothing."""

import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from biocluster.audit.models import AuditEvent
from biocluster.directory.models import OrganisationLink
from biocluster.directory.models_import import ImportJob, ImportStatus
from biocluster.directory.tests.factories import LinkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "Source,Source country,Target,Kind,Project,Year\n"
    "Genopole,,Généthon,partner of,,2019\n"  # 2: new
    "Généthon,,Genopole,partner_of,,\n"  # 3: row 2 the other way round: already
    "Genopole,,Abolis,client of,,\n"  # 4: already in the directory
    "Abolis,,Généthon,collaborates with,GEN.ERA,2021\n"  # 5: new
)
WITH_ERROR = GOOD + "Nowhere Bio,,Genopole,partner_of,,\n" + "Genopole,,Abolis,befriends,,\n"  # rows 6, 7


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def organisations():
    found = {
        "genopole": OrganisationFactory(name="Genopole", country="FR"),
        "genethon": OrganisationFactory(name="Généthon", country="FR"),
        "abolis": OrganisationFactory(name="Abolis", country="FR"),
    }
    LinkFactory(subject=found["genopole"], object=found["abolis"], kind="client_of", project="")
    return found


def csv_file(content: str, name="links.csv"):
    file = io.BytesIO(content.encode("utf-8"))
    file.name = name
    return file


def upload(client, content: str) -> ImportJob:
    response = client.post(reverse("directory:link_import_upload"), {"file": csv_file(content)})
    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("directory:import_detail", args=[job.pk])
    return job


def check(client, job: ImportJob, capture):
    data = {f"column_{i}": code for i, code in enumerate(job.mapping)}
    with capture(execute=True):
        client.post(reverse("directory:import_check", args=[job.pk]), data)
    job.refresh_from_db()
    return client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()


def apply(client, job: ImportJob, capture):
    with capture(execute=True):
        response = client.post(
            reverse("directory:import_apply", args=[job.pk]), {"default_decision": "merge"}
        )
    job.refresh_from_db()
    return response


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 403),
        ("organisation_administrator", 403),
        ("platform_manager", 403),
        ("reviewer", 403),
        ("staff_user", 200),
        ("administrator", 200),
    ],
)
def test_only_cluster_staff_and_administrators_may_import_links(client, request, role, expected, staff_user):
    job = ImportJob.objects.create(
        kind="links", created_by=staff_user, original_name="links.csv", format="csv", file="imports/x.csv"
    )
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("directory:link_import_upload")).status_code == expected
    assert client.get(reverse("directory:import_detail", args=[job.pk])).status_code == expected
    posted = client.post(reverse("directory:link_import_upload"), {"file": csv_file(GOOD)})
    assert posted.status_code == (403 if expected == 403 else 302)
    assert ImportJob.objects.count() == (1 if expected == 403 else 2)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("directory:link_import_upload"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_the_rule_is_asked_not_the_organisations_rule(client, staff_user, rule_denied):
    client.force_login(staff_user)
    rule_denied("directory.import_links")
    assert client.get(reverse("directory:link_import_upload")).status_code == 403
    assert client.get(reverse("directory:import_upload")).status_code == 200


def test_the_network_and_the_organisations_import_link_to_the_page(client, staff_user, member):
    url = reverse("directory:link_import_upload")
    client.force_login(staff_user)
    assert url in client.get(reverse("directory:network")).content.decode()
    assert url in client.get(reverse("directory:import_upload")).content.decode()
    client.force_login(member)
    assert url not in client.get(reverse("directory:network")).content.decode()


def test_dry_run_shows_what_would_be_created_then_apply_writes_it(
    client, staff_user, organisations, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    job = upload(client, GOOD)
    assert job.kind == "links" and job.total_rows == 4
    assert job.mapping == ["source_name", "source_country", "target_name", "kind", "project", "year"]
    page = check(client, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.CHECKED and job.can_apply
    assert (job.report["counts"]["new"], job.report["counts"]["already"], job.report["counts"]["errors"]) == (
        2,
        2,
        0,
    )
    assert "links to create" in page and "Rows already recorded (left alone): 3, 4" in page
    assert 'id="import-no-errors"' in page and OrganisationLink.objects.count() == 1  # nothing written yet

    response = apply(client, job, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert (job.status, job.created_count, job.skipped_count, job.applied_by) == ("applied", 2, 2, staff_user)
    o = organisations
    assert set(OrganisationLink.objects.values_list("subject", "object", "kind", "project")) == {
        (o["genopole"].pk, o["abolis"].pk, "client_of", ""),
        (o["genopole"].pk, o["genethon"].pk, "partner_of", ""),
        (o["abolis"].pk, o["genethon"].pk, "collaborates_with", "GEN.ERA"),
    }
    events = AuditEvent.objects.filter(action="directory.link.imported", actor=staff_user)
    assert events.count() == 2 and all(event.data["import"] == job.pk for event in events)
    page = client.get(reverse("directory:import_detail", args=[job.pk])).content.decode()
    assert "2 links created" in page and "2 rows already recorded, left alone" in page


def test_a_file_with_an_error_lists_its_rows_and_applies_nothing(
    client, staff_user, organisations, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    job = upload(client, WITH_ERROR)
    page = check(client, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.CHECKED and not job.can_apply
    assert [(error["row"], error["code"]) for error in job.report["errors"]] == [
        (6, "unknown_organisation"),
        (7, "unknown_kind"),
    ]
    assert "No organisation matches the source “Nowhere Bio”." in page
    assert "Unknown kind of link “befriends”" in page and "disabled" in page

    apply(client, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.CHECKED
    assert OrganisationLink.objects.count() == 1  # the good rows were not written either
    assert not AuditEvent.objects.filter(action="directory.link.imported").exists()

    errors = client.get(reverse("directory:import_errors", args=[job.pk]))
    lines = b"".join(errors.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1].startswith("6,Source,Nowhere Bio,") and lines[2].startswith("7,Kind,befriends,")


def test_a_row_that_went_bad_since_the_dry_run_applies_nothing(
    client, staff_user, organisations, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    job = upload(client, GOOD)
    check(client, job, django_capture_on_commit_callbacks)
    assert job.can_apply
    organisations["abolis"].delete()  # rows 4 and 5 now name an organisation that is gone
    apply(client, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.CHECKED and job.report["counts"]["errors"] == 2
    assert not OrganisationLink.objects.exists()


def test_a_mapping_without_the_kind_is_refused(client, staff_user, organisations):
    client.force_login(staff_user)
    job = upload(client, GOOD)
    data = {f"column_{i}": code for i, code in enumerate(job.mapping)} | {"column_3": ""}
    response = client.post(reverse("directory:import_check", args=[job.pk]), data)
    assert response.status_code == 400
    assert "No column is mapped to the kind of link" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


# --------------------------------------------------------------------------- in a browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_import_links_fix_an_error_row_and_apply_them(browser_as, staff_user, organisations, tmp_path):
    with_error, corrected = tmp_path / "links.csv", tmp_path / "links-fixed.csv"
    with_error.write_text(WITH_ERROR, encoding="utf-8")
    corrected.write_text(GOOD, encoding="utf-8")
    page = browser_as(staff_user)
    page.goto(reverse("directory:network"))
    page.get_by_role("link", name="Import links from a file").click()
    page.get_by_label("File (CSV or XLSX)").set_input_files(str(with_error))
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("heading", name="Column mapping")).to_be_visible()
    expect(page.get_by_label("Kind", exact=True)).to_have_value("kind")
    page.get_by_role("button", name="Check (dry run)").click()

    expect(page.locator("#import-errors")).to_contain_text("Nowhere Bio")
    expect(page.locator("#import-errors")).to_contain_text("befriends")
    expect(page.get_by_role("button", name="Apply import")).to_be_disabled()
    page.get_by_label("Corrected file").set_input_files(str(corrected))
    page.get_by_role("button", name="Upload", exact=True).click()

    expect(page.locator("#import-no-errors")).to_be_visible()
    expect(page.locator("#import-new")).to_contain_text("2")
    expect(page.locator("#import-already")).to_contain_text("2")
    page.get_by_role("button", name="Apply import").click()
    expect(page.locator("#import-result")).to_contain_text("2 links created")
    assert OrganisationLink.objects.count() == 3
