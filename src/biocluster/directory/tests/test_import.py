"""Import and export of organisations: reading, mapping, checks, duplicates, apply, round trip, command."""

import codecs
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from biocluster.audit.models import AuditEvent
from biocluster.directory import exporting
from biocluster.directory.importing import services
from biocluster.directory.importing.columns import codes
from biocluster.directory.importing.mapping import auto_map, from_names, mapping_errors
from biocluster.directory.importing.reading import UnreadableFile
from biocluster.directory.importing.validation import message
from biocluster.directory.models import Campus, Organisation, Tag, TechnologyField, ValueChainStage
from biocluster.directory.models_import import ImportStatus
from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
from biocluster.directory.tests.importing import checked, upload

pytestmark = pytest.mark.django_db

HEADER = "name,kind,website,founded_year,technology_fields,tags"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def csv_of(*lines, header=HEADER):
    return "\n".join([header, *lines]) + "\n"


def only_error(job):
    assert job.report["counts"]["errors"] == 1, job.report["errors"]
    return job.report["errors"][0]


# --------------------------------------------------------------------------- mapping


def test_headers_in_english_are_mapped_to_fields():
    headers = ["Name", "Acronym", "Kind", "Website", "Founding year", "Technology fields", "Listed", "Notes"]
    assert auto_map(headers) == [
        "name",
        "acronym",
        "kind",
        "website",
        "founded_year",
        "technology_fields",
        "is_listed",
        "",
    ]


def test_headers_in_french_are_mapped_without_case_or_accents():
    headers = [
        "Nom",
        "Sigle",
        "TYPE",
        "Site web",
        "Année de création",
        "Effectif",
        "Ville",
        "Pays",
        "Domaines technologiques",
        "Étapes de la chaîne de valeur",
        "Mots-clés",
        "Publié",
        "Description (français)",
    ]
    assert auto_map(headers) == [
        "name",
        "acronym",
        "kind",
        "website",
        "founded_year",
        "headcount",
        "city",
        "country",
        "technology_fields",
        "value_chain_stages",
        "tags",
        "is_listed",
        "description_fr",
    ]


def test_the_export_headers_map_to_themselves():
    assert auto_map(list(codes())) == list(codes())


def test_the_first_of_two_similar_columns_wins_and_a_given_mapping_overrides():
    assert auto_map(["Nom", "Name", "Type"]) == ["name", "", "kind"]
    assert from_names(["Nom", "Name", "Type"], {"Name": "name", "Nom": ""}) == ["", "name", "kind"]
    with pytest.raises(ValueError):
        from_names(["Nom"], {"Missing": "name"})
    with pytest.raises(ValueError):
        from_names(["Nom"], {"Nom": "not_a_field"})


def test_a_mapping_needs_name_and_kind_once_each():
    assert mapping_errors(["A", "B"], ["name", "kind"]) == []
    two = mapping_errors(["A", "B", "C"], ["name", "name", "kind"])
    assert len(two) == 1 and "“A”, “B”" in two[0]
    missing = mapping_errors(["A"], ["acronym"])
    assert len(missing) == 2 and "Name" in missing[0] and "Kind" in missing[1]


# --------------------------------------------------------------------------- reading


def test_csv_with_semicolons_and_a_bom_is_read():
    content = codecs.BOM_UTF8 + "Nom;Type;Site web\nGénéthon;research_lab;genethon.fr\n".encode()
    job = checked(content)
    assert job.format == "csv"
    assert job.headers == ["Nom", "Type", "Site web"]
    assert job.mapping == ["name", "kind", "website"]
    assert job.report["counts"] == {**job.report["counts"], "rows": 1, "new": 1, "errors": 0}


def test_csv_in_windows_1252_with_tabs_is_read():
    content = "Nom\tType\nÉcole Généthon\tuniversité\n".encode("cp1252")
    job = checked(content)
    services.apply(job=job, actor=None)
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.kind) == ("École Généthon", "university")


def test_quoted_cells_with_delimiters_and_line_breaks_keep_spreadsheet_row_numbers():
    content = csv_of('"Alpha, Inc",startup,,,,', '"Beta\nLabs",startup,,,,', "Gamma,nope,,,,")
    job = checked(content)
    assert only_error(job)["row"] == 4


def test_xlsx_is_read_with_numbers_as_typed_and_blank_rows_skipped():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Type", "Année de création", "Effectif", "Publié"])
    sheet.append(["Abolis", "Start-up", 2014, 35.0, True])
    sheet.append([None, None, None, None, None])
    sheet.append(["Bad year", "startup", 3000, 1, False])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = checked(buffer.getvalue(), name="organisations.xlsx")
    assert job.format == "xlsx"
    assert job.columns[0]["samples"] == ["Abolis", "Bad year"]
    error = only_error(job)
    assert (error["row"], error["column"], error["code"]) == (4, "Année de création", "year_range")


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"%PDF-1.4 binary", "not a CSV or XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", ".xls"),
        (b"PK\x03\x04 not really a zip", "cannot be opened"),
        (b"name,kind\n", "no rows"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason_and_nothing_is_kept(content, text, settings):
    with pytest.raises(UnreadableFile, match=text):
        services.start_job(actor=None, upload=upload(content))
    assert not services.ImportJob.objects.exists()
    stored = settings.MEDIA_ROOT / "imports"
    assert not stored.exists() or not any(stored.iterdir())


def test_files_over_the_size_limit_are_refused(settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 20
    with pytest.raises(UnreadableFile, match="larger than"):
        services.start_job(actor=None, upload=upload(csv_of("Alpha,startup,,,,")))


# --------------------------------------------------------------------------- row checks


@pytest.mark.parametrize(
    ("line", "column", "code"),
    [
        (",startup,,,,", "name", "required"),
        ("Alpha,,,,,", "kind", "required"),
        ("Alpha,spaceship,,,,", "kind", "unknown_kind"),
        ("Alpha,startup,http://,,,", "website", "invalid_url"),
        ("Alpha,startup,not a url,,,", "website", "invalid_url"),
        ("Alpha,startup,,nineteen,,", "founded_year", "not_integer"),
        ("Alpha,startup,,999,,", "founded_year", "year_range"),
        ("Alpha,startup,,2999,,", "founded_year", "year_range"),
        ("Alpha,startup,,,teleportation,", "technology_fields", "unknown_fields"),
        ("Alpha,startup,,,,x" + "y" * 60, "tags", "tag_too_long"),
        ("A" * 201 + ",startup,,,,", "name", "too_long"),
    ],
)
def test_each_error_names_its_row_and_column(line, column, code):
    job = checked(csv_of("Fine,startup,,,,", line))
    error = only_error(job)
    assert (error["row"], error["column"], error["field"], error["code"]) == (3, column, column, code)
    assert message(error)  # a sentence for the person, whatever the code
    assert job.can_apply is False


@pytest.mark.parametrize(
    ("header", "value", "code"),
    [
        ("headcount", "-3", "not_integer"),
        ("headcount", "99999999999", "headcount_range"),
        ("campus", "Mars", "unknown_campus"),
        ("country", "France", "invalid_country"),
        ("value_chain_stages", "research; time-travel", "unknown_stages"),
        ("is_listed", "maybe", "invalid_boolean"),
        ("acronym", "X" * 201, "too_long"),
    ],
)
def test_other_columns_are_checked_too(header, value, code):
    job = checked(f"name,kind,{header}\nAlpha,startup,{value}\n")
    error = only_error(job)
    assert (error["row"], error["column"], error["code"]) == (2, header, code)


def test_all_errors_are_counted_though_only_the_first_are_kept(monkeypatch):
    monkeypatch.setattr(services, "ERRORS_KEPT", 3)
    job = checked(csv_of(*["Alpha,spaceship,,3000,,"] * 5))
    assert job.report["counts"]["errors"] == 10
    assert job.report["counts"]["error_rows"] == 5
    assert len(job.report["errors"]) == 3


def test_values_are_read_in_either_language_and_in_common_forms():
    campus = CampusFactory(name="Campus Génopole 1")
    content = (
        "name,kind,website,founded_year,headcount,campus,country,technology_fields,value_chain_stages,tags,is_listed\n"
        "Alpha,Laboratoire,alpha.example.org,2015.0,1 200,campus genopole 1,de,"
        "synthetic-biology|Génomique numérique;Gene and cell therapy,Production|training,Bio; bio; AI,non\n"
    )
    job = checked(content)
    assert job.report["counts"]["errors"] == 0, job.report["errors"]
    services.apply(job=job, actor=None)
    alpha = Organisation.objects.get(name="Alpha")
    assert alpha.kind == "research_lab"
    assert alpha.website == "https://alpha.example.org"
    assert (alpha.founded_year, alpha.headcount, alpha.campus, alpha.country) == (2015, 1200, campus, "DE")
    assert set(alpha.technology_fields.values_list("code", flat=True)) == {
        "synthetic-biology",
        "digital-genomics",
        "gene-cell-therapy",
    }
    assert set(alpha.value_chain_stages.values_list("code", flat=True)) == {"production", "training"}
    assert sorted(alpha.tags.values_list("name", flat=True)) == ["AI", "Bio"]
    assert alpha.is_listed is False
    assert alpha.website_domain == "alpha.example.org"


# --------------------------------------------------------------------------- all or nothing


def test_a_file_with_an_error_writes_nothing_and_its_corrected_version_writes_everything(staff_user):
    job = checked(csv_of("Alpha,startup,,,,", "Beta,spaceship,,,,", "Gamma,sme,,,,"), actor=staff_user)
    assert job.status == ImportStatus.CHECKED and job.error_count == 1
    with pytest.raises(services.ImportNotReady):
        services.apply(job=job, actor=staff_user)
    assert not Organisation.objects.exists()

    services.replace_file(
        actor=staff_user, job=job, upload=upload(csv_of("Alpha,startup,,,,", "Beta,sme,,,,", "Gamma,sme,,,,"))
    )
    services.dry_run(job=job)
    assert job.error_count == 0 and job.can_apply
    services.apply(job=job, actor=staff_user)
    assert job.status == ImportStatus.APPLIED
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Alpha", "Beta", "Gamma"]
    assert (job.created_count, job.merged_count, job.skipped_count) == (3, 0, 0)


def test_an_error_that_appears_after_the_dry_run_rolls_back_everything(monkeypatch):
    campus = CampusFactory(name="North")
    job = checked("name,kind,campus\n" + "".join(f"Org {i},startup,North\n" for i in range(5)))
    monkeypatch.setattr(services, "BATCH", 2)  # some batches are written before the failing row
    assert job.can_apply
    campus.delete()  # the campus goes between the dry run and the apply
    services.apply(job=job, actor=None)
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.filter(action=services.IMPORTED).exists()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert job.report["counts"]["errors"] == 5
    assert job.report["errors"][0]["code"] == "unknown_campus"


def test_an_unexpected_failure_writes_nothing_and_marks_the_job(monkeypatch):
    job = checked(csv_of("Alpha,startup,,,,", "Beta,startup,,,,"))

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.audit, "record_many_created", broken)
    with pytest.raises(RuntimeError):
        services.apply(job=job, actor=None)
    assert not Organisation.objects.exists()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "nothing was written" in job.failure


def test_rows_are_read_again_when_the_directory_changed_since_the_dry_run(settings):
    CampusFactory(name="North")
    job = checked("name,kind,campus\nAlpha,startup,North\n")
    Campus.objects.filter(name="North").update(name="South")  # the row now names an unknown campus
    services.apply(job=job, actor=None)
    assert not Organisation.objects.exists()
    assert job.report["errors"][0]["code"] == "unknown_campus"


def test_a_job_is_applied_once():
    job = checked(csv_of("Alpha,startup,,,,"))
    assert services.begin_apply(actor=None, job=job)
    assert not services.begin_apply(actor=None, job=job)
    services.apply(job=job, actor=None)
    with pytest.raises(services.ImportNotReady):
        services.apply(job=job, actor=None)
    assert Organisation.objects.count() == 1


def test_progress_is_reported_by_batches(monkeypatch):
    monkeypatch.setattr(services, "BATCH", 2)
    seen = []
    job = services.start_job(actor=None, upload=upload(csv_of(*[f"Org {i},startup,,,," for i in range(5)])))
    assert job.total_rows == 5
    services.dry_run(job=job, on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    seen.clear()
    services.apply(job=job, actor=None, on_progress=lambda done, total: seen.append(done))
    assert seen == [2, 4, 5]
    assert services.processed_rows(job) == 5


# --------------------------------------------------------------------------- duplicates


def test_likely_duplicates_are_found_in_the_directory_and_in_the_file():
    genethon = OrganisationFactory(name="Généthon", website="https://www.genethon.fr")
    abolis = OrganisationFactory(name="Abolis Biotechnologies", website="https://abolis.fr/")
    job = checked(
        csv_of(
            "GENETHON SAS,research_lab,,,,",  # 2: same name as an organisation, once normalised
            "Abolis,startup,http://abolis.fr/en,,,",  # 3: same website domain
            "New One,startup,https://new.example.org,,,",  # 4: new
            "New One,startup,,,,",  # 5: same name as row 4
            "Other,startup,new.example.org,,,",  # 6: same website as row 4
            "Shared A,startup,https://www.linkedin.com/company/a,,,",  # 7: shared hosts say nothing
            "Shared B,startup,https://www.linkedin.com/company/b,,,",  # 8
        )
    )
    duplicates = {d["row"]: d for d in job.report["duplicates"]}
    assert sorted(duplicates) == [2, 3, 5, 6]
    assert (duplicates[2]["existing_id"], duplicates[2]["reason"]) == (genethon.pk, "name")
    assert (duplicates[3]["existing_id"], duplicates[3]["reason"]) == (abolis.pk, "website")
    assert (duplicates[5]["same_as_row"], duplicates[5]["reason"]) == (4, "name")
    assert (duplicates[6]["same_as_row"], duplicates[6]["reason"]) == (4, "website")
    assert job.report["counts"]["new"] == 3


def _decide(job, default="skip", **rows):
    services.set_decisions(
        actor=None,
        job=job,
        decisions={row.removeprefix("row"): value for row, value in rows.items()},
        default=default,
    )


def test_create_anyway_skip_and_merge_into_an_existing_organisation(staff_user):
    campus = CampusFactory(name="North")
    existing = OrganisationFactory(
        name="Généthon", acronym="", website="", founded_year=1990, description_en="Kept as it is."
    )
    existing.tags.add(Tag.objects.create(name="AFM"))
    twin = OrganisationFactory(name="Cellectis")
    other = OrganisationFactory(name="Abolis")
    content = (
        "name,kind,acronym,website,founded_year,description_en,campus,technology_fields,tags\n"
        "Genethon,research_lab,GNT,genethon.fr,1991,Replaced?,North,gene-cell-therapy,afm; Gene therapy\n"
        "Cellectis,sme,,,,,,,\n"
        "Abolis,startup,,,,,,,\n"
    )
    job = checked(content, actor=staff_user)
    _decide(job, row2="merge", row3="create", row4="skip")
    services.apply(job=job, actor=staff_user)
    assert (job.created_count, job.merged_count, job.skipped_count) == (1, 1, 1)

    existing.refresh_from_db()
    assert existing.acronym == "GNT" and existing.website == "https://genethon.fr"  # empty fields filled
    assert (
        existing.founded_year == 1990 and existing.description_en == "Kept as it is."
    )  # nothing overwritten
    assert existing.campus == campus
    assert existing.website_domain == "genethon.fr"
    assert list(existing.technology_fields.values_list("code", flat=True)) == ["gene-cell-therapy"]
    assert sorted(existing.tags.values_list("name", flat=True)) == ["AFM", "Gene therapy"]  # "afm" is AFM
    assert Organisation.objects.filter(name="Cellectis").exclude(pk=twin.pk).count() == 1
    assert Organisation.objects.filter(name="Abolis").get() == other

    merged = AuditEvent.objects.get(action=services.UPDATED, object_id=str(existing.pk))
    assert merged.actor == staff_user
    assert merged.data["rows"] == [2] and merged.data["import"] == job.pk
    assert merged.changes["acronym"] == ["", "GNT"]
    assert merged.changes["tags"] == [["AFM"], ["AFM", "Gene therapy"]]
    assert "founded_year" not in merged.changes


def test_rows_merged_into_a_row_above_make_one_organisation(monkeypatch):
    content = csv_of(
        "Alpha,startup,https://alpha.example.org,,synthetic-biology,one",
        "ALPHA SAS,startup,,2020,bioinformatics,two",
        "Beta,sme,,,,",
        "Alpha Twin,startup,alpha.example.org,,proteomics,",
    )
    for batch in (1000, 1):  # the row above still to be written, or already written
        Organisation.objects.all().delete()
        monkeypatch.setattr(services, "BATCH", batch)
        job = checked(content)
        _decide(job, default="merge")
        services.apply(job=job, actor=None)
        assert (job.created_count, job.merged_count) == (2, 2)
        alpha = Organisation.objects.get(name="Alpha")
        assert alpha.founded_year == 2020
        assert set(alpha.technology_fields.values_list("code", flat=True)) == {
            "synthetic-biology",
            "bioinformatics",
            "proteomics",
        }
        assert set(alpha.tags.values_list("name", flat=True)) == {"one", "two"}


def test_a_skipped_row_cannot_be_merged_into_the_later_row_is_created():
    OrganisationFactory(name="Zeta", website="https://z.example.org")
    job = checked(csv_of("Alpha,startup,z.example.org,,,", "Alpha,startup,,2001,,"))
    assert [d["row"] for d in job.report["duplicates"]] == [2, 3]  # 2 like Zeta (website), 3 like row 2
    _decide(job, row2="skip", row3="merge")
    services.apply(job=job, actor=None)
    assert sorted(Organisation.objects.values_list("name", "founded_year")) == [
        ("Alpha", 2001),
        ("Zeta", None),
    ]
    assert (job.created_count, job.merged_count, job.skipped_count) == (1, 0, 1)


def test_duplicates_not_listed_follow_the_default_decision(monkeypatch):
    monkeypatch.setattr(services, "DUPLICATES_KEPT", 1)
    OrganisationFactory(name="Alpha")
    OrganisationFactory(name="Beta")
    job = checked(csv_of("Alpha,startup,,,,", "Beta,startup,,,,"))
    assert job.report["counts"]["duplicates"] == 2 and len(job.report["duplicates"]) == 1
    _decide(job, default="create", row2="skip", row3="skip")  # row 3 is not listed: its choice is ignored
    assert job.decisions == {"2": "skip"}
    services.apply(job=job, actor=None)
    assert Organisation.objects.filter(name="Beta").count() == 2
    assert Organisation.objects.filter(name="Alpha").count() == 1


def test_each_created_organisation_has_its_audit_event(staff_user):
    job = checked(csv_of("Alpha,startup,,,,", "Beta,sme,,,,"), actor=staff_user)
    services.apply(job=job, actor=staff_user)
    events = AuditEvent.objects.filter(action=services.IMPORTED)
    assert sorted(events.values_list("object_repr", flat=True)) == ["Alpha", "Beta"]
    assert {e.actor for e in events} == {staff_user}
    assert all(e.data == {"import": job.pk, "file": "organisations.csv"} for e in events)
    assert events.first().changes["kind"][1] in ("startup", "sme")


# --------------------------------------------------------------------------- export and round trip


@pytest.fixture
def exported_organisations():
    campus = CampusFactory(name="Campus 2")
    alpha = OrganisationFactory(
        name="Alpha, “the first”",
        acronym="ALP",
        kind="platform",
        description_en='=HYPERLINK("http://evil")\nSecond line',
        description_fr="- une liste\n- à puces",
        website="https://alpha.example.org",
        founded_year=2001,
        headcount=0,
        campus=campus,
        address="1 rue de l'Espoir",
        city="Évry",
        country="FR",
        is_listed=False,
        source="seeds/001",
    )
    alpha.technology_fields.set(TechnologyField.objects.filter(code__in=["genomics", "proteomics"]))
    alpha.value_chain_stages.set(ValueChainStage.objects.filter(code__in=["training", "production"]))
    alpha.tags.set([Tag.objects.create(name="sequencing"), Tag.objects.create(name="+plus")])
    OrganisationFactory(name="Beta", kind="sme", description_en="", description_fr="", source="")
    return Organisation.objects.all()


def _snapshot(queryset):
    return sorted(exporting.organisation_rows(queryset))


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_an_export_imports_back_unchanged(exported_organisations, format):
    before = _snapshot(Organisation.objects.all())
    if format == "csv":
        content = "".join(exporting.csv_lines(Organisation.objects.all())).encode("utf-8")
        assert "'=HYPERLINK" in content.decode()  # a spreadsheet will not run it
    else:
        content = exporting.write_xlsx(Organisation.objects.all()).read()
    Organisation.objects.all().delete()
    job = checked(content, name=f"export.{format}")
    assert job.mapping == list(codes())
    assert job.report["counts"]["errors"] == 0, job.report["errors"]
    services.apply(job=job, actor=None)
    assert _snapshot(Organisation.objects.all()) == before


def test_the_xlsx_export_keeps_formula_like_text_as_text(exported_organisations):
    sheet = openpyxl.load_workbook(exporting.write_xlsx(Organisation.objects.all())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(codes())
    cell = sheet.cell(row=2, column=codes().index("description_en") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# --------------------------------------------------------------------------- command


@pytest.fixture
def csv_file(tmp_path):
    def write(content, name="organisations.csv"):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return str(path)

    return write


def test_the_command_imports_a_clean_file(csv_file, staff_user, capsys):
    call_command(
        "import_organisations", csv_file(csv_of("Alpha,startup,,,,", "Beta,sme,,,,")), actor=staff_user.email
    )
    assert Organisation.objects.count() == 2
    assert "2 created" in capsys.readouterr().out
    assert set(AuditEvent.objects.filter(action=services.IMPORTED).values_list("actor", flat=True)) == {
        staff_user.pk
    }


def test_the_command_exits_non_zero_with_the_errors_and_writes_nothing(csv_file, capsys):
    with pytest.raises(CommandError) as raised:
        call_command("import_organisations", csv_file(csv_of("Alpha,startup,,,,", "Beta,spaceship,,,,")))
    assert raised.value.returncode == 1
    assert "row 3, column “kind”" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_the_command_dry_run_mapping_and_duplicate_options(csv_file, capsys):
    OrganisationFactory(name="Alpha", founded_year=None)
    path = csv_file("Org,Kind of thing,Year\nAlpha,startup,1999\nGamma,sme,2005\n")
    with pytest.raises(CommandError, match="Kind"):
        call_command("import_organisations", path)  # "Kind of thing" is not recognised
    mapping = json.dumps({"Org": "name", "Kind of thing": "kind", "Year": "founded_year"})
    call_command("import_organisations", path, "--dry-run", "--mapping", mapping)
    assert Organisation.objects.count() == 1
    call_command("import_organisations", path, "--mapping", mapping, "--on-duplicate", "merge")
    assert Organisation.objects.count() == 2
    assert Organisation.objects.get(name="Alpha").founded_year == 1999
    assert "1 created, 1 merged, 0 skipped" in capsys.readouterr().out


def test_the_command_refuses_unknown_actors_and_unreadable_files(csv_file):
    with pytest.raises(CommandError, match="No user"):
        call_command(
            "import_organisations", csv_file(csv_of("Alpha,startup,,,,")), actor="nobody@example.org"
        )
    with pytest.raises(CommandError, match="empty"):
        call_command("import_organisations", csv_file(""))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_organisations", "/nonexistent.csv")


def test_campus_lookup_is_loaded_once_per_run(django_assert_max_num_queries):
    CampusFactory(name="North")
    job = services.start_job(
        actor=None,
        upload=upload("name,kind,campus\n" + "".join(f"Org {i},startup,North\n" for i in range(50))),
    )
    with django_assert_max_num_queries(12):
        services.dry_run(job=job)
    assert Campus.objects.count() == 1


def test_apply_costs_a_few_queries_per_batch_not_per_row(django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(services, "BATCH", 50)
    OrganisationFactory(name="Org 0")  # one merge as well
    job = checked(csv_of(*[f"Org {i},startup,,,genomics; proteomics,tag {i % 3}" for i in range(100)]))
    # 100 rows in two batches: a per-row query would cost 100 more. PostgreSQL takes one
    # more than SQLite (the apply attempt is claimed with a row lock). A sign of life per
    # batch (`heartbeat_at`), written here inside the test's transaction.
    with django_assert_max_num_queries(36):
        services.apply(job=job, actor=None)
    assert (job.created_count, job.merged_count) == (99, 1)
    assert Organisation.technology_fields.through.objects.count() == 200
