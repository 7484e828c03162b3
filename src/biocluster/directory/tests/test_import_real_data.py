"""The import on real data: identifiers, names in several countries, long short names, CORDIS country codes.

`data/cordis_sample.csv` is 9 rows of the CORDIS Horizon 2020 organisations (mid-2017), source:
CORDIS open data (European Union, reuse with attribution), as extracted in the repository
`spaghetti-open-data/ODFest2017-horizon2020-network` (file `H2020_Data_2017/stacked_dump.csv`,
commit b5c2ebaf, MIT licence), one row per `pic`, text kept as published.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from biocluster.accounts.models import ApiToken
from biocluster.directory import exporting
from biocluster.directory import services as directory_services
from biocluster.directory.importing import services
from biocluster.directory.importing.validation import message
from biocluster.directory.models import Organisation
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.directory.tests.importing import checked

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "cordis_sample.csv"
# CORDIS activity types as directory kinds (a private company is taken for an SME here).
KINDS = {
    "PRC": "sme",
    "REC": "research_organisation",
    "HES": "university",
    "PUB": "public_body",
    "OTH": "other",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def cordis_csv() -> str:
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["pic", "name", "short_name", "kind", "country", "city"])
    for row in rows:
        writer.writerow(
            [
                row["pic"],
                row["name"],
                row["short_name"],
                KINDS[row["activity_type"]],
                row["country"],
                row["city"],
            ]
        )
    return out.getvalue()


def test_the_cordis_sample_imports_with_its_identifiers_long_short_names_and_iso_countries():
    job = checked(cordis_csv())
    assert job.mapping[:3] == ["eu_pic", "name", "acronym"]
    assert job.report["counts"]["errors"] == 0, job.report["errors"]
    services.apply(job=job, actor=None)
    assert job.created_count == 9
    inra = Organisation.objects.filter(acronym="INRA")
    assert sorted(inra.values_list("country", "eu_pic")) == [("FR", "999993274"), ("MA", "997320148")]
    long_name = Organisation.objects.get(eu_pic="927018816")
    assert long_name.acronym == "CENTRE FOR REGIONAL DEVELOPMENT OF THE CZECH REPUBLIC"  # 53 characters
    assert Organisation.objects.get(eu_pic="916828287").country == "GB"
    assert Organisation.objects.get(eu_pic="918080557").country == "GR"


def test_same_name_in_another_country_is_not_a_duplicate_but_in_the_same_country_it_is():
    OrganisationFactory(name="Institut National de la Recherche Agronomique", country="MA")
    job = checked(
        "name,kind,country\n"
        "INSTITUT NATIONAL DE LA RECHERCHE AGRONOMIQUE,research_organisation,FR\n"  # 2: France's INRA is new
        "Institut national de la recherche agronomique,research_organisation,MA\n"  # 3: Morocco's: known
        "Ontos AG,sme,CH\n"  # 4
        "ONTOS,sme,DE\n"  # 5: another country
        "ontos,sme,CH\n"  # 6: same as row 4
    )
    duplicates = {d["row"]: d for d in job.report["duplicates"]}
    assert sorted(duplicates) == [3, 6]
    assert duplicates[3]["reason"] == "name" and duplicates[3]["existing_id"]
    assert (duplicates[6]["reason"], duplicates[6]["same_as_row"]) == ("name", 4)


def test_identifiers_find_duplicates_under_another_name_and_tell_namesakes_apart():
    known = OrganisationFactory(name="Généthon", country="FR", eu_pic="999990000", vat_number="FR12345678901")
    job = checked(
        "name,kind,country,pic,vat\n"
        "Association Genethon,research_lab,FR,999 990 000,\n"  # 2: same PIC, another name
        "AFM Genethon,research_lab,FR,,FR 12 345 678 901\n"  # 3: same VAT number
        "Généthon,research_lab,FR,999990001,\n"  # 4: same name, another PIC: a namesake
        "Thyssenkrupp Industrial Solutions AG,sme,DE,937401405,\n"  # 5
        "THYSSENKRUPP INDUSTRIAL SOLUTIONS AG,sme,DE,951722291,\n"  # 6: two PICs, two entities
        "Thyssenkrupp Industrial Solutions,sme,DE,,\n"  # 7: no PIC: like row 5 by name
    )
    assert job.report["counts"]["errors"] == 0, job.report["errors"]
    duplicates = {
        d["row"]: (d["reason"], d["existing_id"], d["same_as_row"]) for d in job.report["duplicates"]
    }
    assert duplicates == {
        2: ("eu_pic", known.pk, None),
        3: ("vat_number", known.pk, None),
        7: ("name", None, 5),
    }


@pytest.mark.parametrize(
    ("header", "value", "code"),
    [
        ("pic", "12345", "invalid_pic"),
        ("vat", "12345678", "invalid_vat"),
        ("siren", "123456789", "invalid_siren"),  # France (the default country): a bad check digit
        ("siren", "SIREN?!", "invalid_national_id"),
    ],
)
def test_invalid_identifiers_are_row_errors(header, value, code):
    job = checked(f"name,kind,{header}\nAlpha,startup,{value}\n")
    errors = job.report["errors"]
    assert [(e["row"], e["code"]) for e in errors] == [(2, code)]
    assert value in message(errors[0])


def test_a_valid_siren_and_a_foreign_national_number_pass():
    job = checked("name,kind,country,siren\nAlpha,startup,FR,732 829 320\nBeta,startup,DE,HRB 12345\n")
    assert job.report["counts"]["errors"] == 0, job.report["errors"]
    services.apply(job=job, actor=None)
    assert sorted(Organisation.objects.values_list("national_id", flat=True)) == ["732829320", "HRB12345"]


def test_cordis_country_aliases_are_read_as_iso_with_a_warning_and_unknown_codes_are_errors():
    job = checked("name,kind,country\nA,sme,UK\nB,sme,EL\nC,sme,uk\nD,sme,FR\n")
    assert job.report["counts"]["errors"] == 0
    warnings = {
        w["params"]["value"]: (w["params"]["code"], w["count"], w["rows"]) for w in job.report["warnings"]
    }
    assert warnings == {"UK": ("GB", 2, [2, 4]), "EL": ("GR", 1, [3])}
    assert "read as GB" in message(job.report["warnings"][0])
    job = checked("name,kind,country\nA,sme,XX\nB,sme,GB\n")
    assert [(e["row"], e["code"], e["value"]) for e in job.report["errors"]] == [(2, "invalid_country", "XX")]


def test_a_short_name_longer_than_40_characters_is_accepted():
    long = "National Association of Municipalities in the Republic of Bulgaria (NAMRB)"  # 75, from CORDIS
    job = checked(f"name,kind,short name\nNAMRB,other,{long}\n")
    assert job.report["counts"]["errors"] == 0, job.report["errors"]


def test_the_command_prints_which_rows_are_duplicates_and_the_country_warnings(tmp_path, capsys):
    OrganisationFactory(name="Ontos AG", country="CH")
    path = tmp_path / "cordis.csv"
    path.write_text(cordis_csv(), encoding="utf-8")
    call_command("import_organisations", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "row 4 “ONTOS AG”: same name and country as organisation #" in out
    assert "row 8 “ONTOS AG”: same EU PIC as" not in out  # two PICs: row 8 is another entity
    assert "Warning, column “country”: “UK” is not an ISO 3166 country code: read as GB. (1 rows: 2)" in out


def test_the_api_and_the_services_validate_and_normalise_identifiers(client, staff_user):
    headers = {"Authorization": f"Bearer {ApiToken.issue(staff_user)[1]}"}
    response = client.post(
        "/api/organisations",
        {"name": "Alpha", "kind": "startup", "eu_pic": "999 990 000", "vat_number": "fr 40 303265045"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    assert (response.json()["eu_pic"], response.json()["vat_number"]) == ("999990000", "FR40303265045")
    for payload in ({"eu_pic": "12"}, {"national_id": "123456789"}, {"country": "UK"}):
        response = client.post(
            "/api/organisations",
            {"name": "Beta", "kind": "startup", **payload},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 422, (payload, response.content)
    with pytest.raises(ValidationError) as raised:
        directory_services.create_organisation(actor=staff_user, name="Gamma", kind="sme", country="EL")
    assert "GR" in str(raised.value)


def test_identifiers_round_trip_through_the_export():
    OrganisationFactory(
        name="Alpha", country="FR", eu_pic="999990000", vat_number="FR40303265045", national_id="732829320"
    )
    text = "".join(exporting.csv_lines(Organisation.objects.all()))
    Organisation.objects.all().delete()
    job = checked(text.lstrip("\ufeff"))
    assert job.report["counts"]["errors"] == 0, job.report["errors"]
    services.apply(job=job, actor=None)
    assert Organisation.objects.values_list("eu_pic", "vat_number", "national_id").get() == (
        "999990000",
        "FR40303265045",
        "732829320",
    )


def test_the_command_refuses_a_file_with_an_unknown_country(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,kind,country\nA,sme,ZZ\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), "--mapping", json.dumps({"country": "country"}))
    assert not Organisation.objects.exists()
