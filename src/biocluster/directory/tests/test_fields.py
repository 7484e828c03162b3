"""The organisation's fields are declared once (`directory/fields.py`); every consumer follows.

A field added to one consumer only (the form, the API, the import, the export,
the page, a merge) or to the model without a declaration fails here.
"""

import dataclasses
import io
from datetime import date

import openpyxl
import pytest
from django.utils.translation import gettext_lazy as _

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory import exporting, fields, services
from biocluster.directory.api import OrganisationIn, OrganisationOut, OrganisationPatch
from biocluster.directory.fields import Audience, Exposed, Merge, Type
from biocluster.directory.forms import OrganisationForm
from biocluster.directory.identifiers import readable_national_id, readable_pic, readable_vat_number
from biocluster.directory.importing import services as imports
from biocluster.directory.importing.columns import codes
from biocluster.directory.importing.forms import field_choices
from biocluster.directory.importing.mapping import auto_map, mapping_errors
from biocluster.directory.importing.validation import Lookups, RowChecker
from biocluster.directory.models import IDENTIFIER_FIELDS, Organisation, PublicField, Tag, ValueChainStage
from biocluster.directory.tests.factories import (
    AffiliationFactory,
    CampusFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

# The model's fields that are not the organisation's data: keys computed on save, timestamps.
NOT_EXPOSED = {"id", "created_at", "updated_at", "name_key", "website_domain"}


def names(declared) -> set[str]:
    return {f.name for f in declared}


def declared(**where) -> set[str]:
    return {f.name for f in fields.FIELDS if all(getattr(f, k) == v for k, v in where.items())}


def test_every_field_of_the_model_is_declared():
    model_fields = {f.name for f in Organisation._meta.get_fields() if f.concrete or f.many_to_many}
    model_fields -= {f.name for f in Organisation._meta.get_fields() if f.auto_created and not f.concrete}
    assert model_fields - NOT_EXPOSED == declared()
    assert len(fields.FIELDS) == len(declared()), "a field is declared twice"


def test_the_form_edits_the_declared_fields():
    assert list(OrganisationForm._meta.fields) == fields.form_fields()
    assert set(OrganisationForm.base_fields) == declared(form=True)


def test_the_api_schemas_have_the_declared_fields():
    assert list(OrganisationOut.model_fields) == ["id", *(f.name for f in fields.api_output()), "url"]
    assert names(fields.api_output()) == declared(api_out=True)
    # The API writes what the form writes, but files.
    assert set(OrganisationIn.model_fields) == declared(form=True) - declared(type=Type.FILE)
    assert set(OrganisationPatch.model_fields) == set(OrganisationIn.model_fields)
    required = {name for name, info in OrganisationIn.model_fields.items() if info.is_required()}
    assert required == declared(required=True)
    assert not any(info.is_required() for info in OrganisationPatch.model_fields.values())


def test_a_field_hidden_from_some_readers_may_be_null_in_the_api():
    for exposed in fields.api_output():
        nullable = "null" in str(OrganisationOut.model_json_schema()["properties"][exposed.name])
        assert nullable == (exposed.audience != Audience.PUBLIC or exposed.model_field.null), exposed.name


def test_import_and_export_have_the_declared_columns(staff_user, client):
    columns = [f.name for f in fields.FIELDS if f.columns]
    assert list(codes()) == columns
    assert auto_map(columns) == columns
    assert [code for code, _label in field_choices()][1:] == columns
    csv = "".join(exporting.csv_lines(Organisation.objects.none()))
    assert csv.lstrip("\ufeff").splitlines()[0].split(",") == columns
    sheet = openpyxl.load_workbook(exporting.write_xlsx(Organisation.objects.none())).active
    assert list(next(sheet.iter_rows(values_only=True))) == columns
    client.force_login(staff_user)
    template = b"".join(client.get("/directory/imports/template.csv").streaming_content).decode()
    assert template.lstrip("\ufeff").splitlines()[0].split(",") == columns


def test_many_to_many_fields_are_united_and_identifiers_normalised_by_the_model():
    many = {f.name for f in Organisation._meta.get_fields() if f.many_to_many and not f.auto_created}
    assert set(fields.MANY_TO_MANY) == many == declared(merge=Merge.UNION)
    assert set(services.ORGANISATION_M2M) == many
    assert set(IDENTIFIER_FIELDS) == declared(type=Type.IDENTIFIER)


def test_a_field_the_organisation_may_show_names_its_public_field():
    for exposed in fields.FIELDS:
        assert (exposed.audience == Audience.CHOSEN) == bool(exposed.public_field), exposed.name
        assert not exposed.public_field or exposed.public_field in PublicField.values


def _complete_organisation(**extra) -> Organisation:
    organisation = OrganisationFactory(
        name="Full Bio",
        acronym="FB",
        website="https://full.example.org",
        founded_year=2011,
        headcount=1234,
        campus=CampusFactory(name="Campus 1"),
        address="1 rue de l'Internationale",
        city="Évry",
        eu_pic="999990000",
        vat_number="FR40303265045",
        national_id="303265045",
        on_site_since=date(2012, 3, 1),
        left_site_on=date(2024, 9, 1),
        left_site_reason="Moved to larger premises",
        **extra,
    )
    organisation.value_chain_stages.add(ValueChainStage.objects.get(code="production"))
    organisation.tags.add(Tag.objects.create(name="enzymes"))
    return organisation


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def test_staff_see_every_declared_field_on_the_page_and_in_the_api(client, staff_user):
    organisation = _complete_organisation(public_fields=[])
    client.force_login(staff_user)
    html = client.get(f"/directory/organisations/{organisation.pk}/").content.decode()
    for exposed in fields.FIELDS:
        if exposed.page:
            assert (
                f"<dt>{exposed.page.label or exposed.label}</dt>" in html
                or exposed.page.section == "description"
            )
    assert "A company of the cluster." in html
    assert "1 rue de l&#x27;Internationale Évry (FR)" in html
    assert '<data value="303265045">303 265 045 (SIREN)</data>' in html
    assert '<data value="FR40303265045">FR 40 303 265 045</data>' in html
    assert '<data value="999990000">999 990 000</data>' in html
    assert "1,234" in html

    body = client.get(f"/api/organisations/{organisation.pk}", headers=bearer(staff_user)).json()
    assert {name for name, value in body.items() if value is None} == set()
    assert body["vat_number"] == "FR40303265045"


# --------------------------------------------------------------------------- privacy


def _identifiers_seen(client, organisation, user=None) -> dict[str, tuple[bool, bool]]:
    """{field: (on the page, in the API)}."""
    if user is not None:
        client.force_login(user)
    html = client.get(f"/directory/organisations/{organisation.pk}/").content.decode()
    headers = bearer(user) if user is not None else {}
    body = client.get(f"/api/organisations/{organisation.pk}", headers=headers).json()
    client.logout()
    return {
        name: (f'<data value="{getattr(organisation, name)}">' in html, body[name] is not None)
        for name in ("eu_pic", "vat_number", "national_id")
    }


def test_identifiers_are_shown_to_whom_the_declaration_says(client, member, member_organisation, staff_user):
    member_organisation.eu_pic, member_organisation.vat_number = "999990000", "FR40303265045"
    member_organisation.national_id = "303265045"
    member_organisation.is_listed = True
    member_organisation.save()
    everything = dict.fromkeys(("eu_pic", "vat_number", "national_id"), (True, True))
    pic_only = {**everything, "vat_number": (False, False), "national_id": (False, False)}

    assert _identifiers_seen(client, member_organisation) == pic_only  # the public
    outsider = UserFactory(email="outsider@example.org")
    AffiliationFactory(organisation=OrganisationFactory(), person=PersonFactory(user=outsider))
    assert _identifiers_seen(client, member_organisation, outsider) == pic_only  # a member elsewhere
    assert _identifiers_seen(client, member_organisation, member) == everything  # one of its members
    assert _identifiers_seen(client, member_organisation, staff_user) == everything


def _declare(monkeypatch, name, **changes):
    """Change one field's declaration for the test."""
    monkeypatch.setattr(
        fields,
        "FIELDS",
        tuple(dataclasses.replace(f, **changes) if f.name == name else f for f in fields.FIELDS),
    )


def test_a_field_declared_staff_only_is_hidden_from_the_public_and_members(
    client, monkeypatch, member, member_organisation, organisation_administrator, staff_user
):
    _declare(monkeypatch, "national_id", audience=Audience.STAFF)
    member_organisation.national_id = "303265045"
    member_organisation.is_listed = True
    member_organisation.save()

    def seen(user=None):
        return _identifiers_seen(client, member_organisation, user)["national_id"]

    assert seen() == (False, False)
    assert seen(member) == (False, False)
    assert seen(organisation_administrator) == (True, True)
    assert seen(staff_user) == (True, True)


def test_a_field_the_organisation_keeps_private_stays_off_its_public_page(client, member_organisation):
    member_organisation.is_listed, member_organisation.headcount = True, 4321
    member_organisation.public_fields = [PublicField.WEBSITE]
    member_organisation.save()
    assert "4,321" not in client.get(f"/directory/organisations/{member_organisation.pk}/").content.decode()
    member_organisation.public_fields = [PublicField.HEADCOUNT]
    member_organisation.save()
    assert "4,321" in client.get(f"/directory/organisations/{member_organisation.pk}/").content.decode()


# --------------------------------------------------------------------------- merges


def _merge_pair():
    keep = OrganisationFactory(
        name="Keep",
        kind="startup",
        country="FR",
        is_listed=True,
        description_en="Kept.",
        website="",
        headcount=0,  # a value: not filled
        founded_year=None,
        campus=None,
        eu_pic="",
        source="",
    )
    keep.value_chain_stages.add(ValueChainStage.objects.get(code="training"))
    duplicate = OrganisationFactory(
        name="Duplicate",
        kind="sme",
        country="BE",
        is_listed=False,
        description_en="Not taken.",
        website="https://dup.example.org",
        headcount=50,
        founded_year=2001,
        campus=CampusFactory(name="South"),
        eu_pic="999990000",
        source="seeds/042",
    )
    duplicate.value_chain_stages.add(ValueChainStage.objects.get(code="production"))
    duplicate.tags.add(Tag.objects.create(name="merged"))
    return keep, duplicate


def test_merging_keeps_first_fills_empty_and_unites_as_declared(staff_user):
    keep, duplicate = _merge_pair()
    campus = duplicate.campus
    services.merge_organisations(actor=staff_user, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    # keep-first
    assert (keep.name, keep.kind, keep.country, keep.is_listed) == ("Keep", "startup", "FR", True)
    assert keep.description_en == "Kept." and keep.headcount == 0
    # fill-empty, every fill-empty field among them (source too, as the import's merge always did)
    assert (keep.website, keep.founded_year, keep.campus, keep.eu_pic, keep.source) == (
        "https://dup.example.org",
        2001,
        campus,
        "999990000",
        "seeds/042",
    )
    # union
    assert sorted(keep.value_chain_stages.values_list("code", flat=True)) == ["production", "training"]
    assert list(keep.tags.values_list("name", flat=True)) == ["merged"]


def test_both_merges_fill_the_declared_fields_and_no_other():
    keep = Organisation(name="Keep", kind="startup", country="")
    full = {f.name: f"x-{f.name}" for f in fields.FIELDS}
    full["campus"] = CampusFactory(name="West")
    filled = imports._fill(keep, full)
    assert set(filled) == declared(merge=Merge.FILL)

    keep, duplicate = _merge_pair()
    before = {name: getattr(keep, name) for name in declared(merge=Merge.KEEP)}
    changed = fields.fill_empty(keep, lambda name: getattr(duplicate, name))
    assert set(changed) == {"website", "founded_year", "campus", "eu_pic", "source"}
    assert set(changed) <= declared(merge=Merge.FILL)
    assert {name: getattr(keep, name) for name in declared(merge=Merge.KEEP)} == before


# --------------------------------------------------------------------------- a field added to the declaration


def test_a_field_declared_at_test_time_is_exported_and_imported(monkeypatch):
    monkeypatch.setattr(Organisation, "motto", property(lambda o: f"{o.name} does it"), raising=False)
    motto = Exposed("motto", _("Motto"), aliases=("devise", "slogan"), max_length=20, form=False)
    monkeypatch.setattr(fields, "FIELDS", (*fields.FIELDS, motto))
    OrganisationFactory(name="Abolis")

    csv = "".join(exporting.csv_lines(Organisation.objects.all())).lstrip("\ufeff").splitlines()
    assert csv[0].split(",")[-1] == "motto" and csv[1].split(",")[-1] == "Abolis does it"
    sheet = openpyxl.load_workbook(io.BytesIO(exporting.write_xlsx(Organisation.objects.all()).read())).active
    assert list(sheet.iter_rows(values_only=True))[1][-1] == "Abolis does it"

    headers = ["Nom", "Type", "Devise"]
    assert auto_map(headers) == ["name", "kind", "motto"]
    assert auto_map(["Motto"]) == ["motto"]
    assert mapping_errors(headers, auto_map(headers)) == []
    assert ("motto", motto.label) in field_choices()
    checker = RowChecker(headers=headers, mapping=auto_map(headers), lookups=Lookups.load())
    values, errors = checker.check(2, ["Abolis", "startup", "Faster"])
    assert values["motto"] == "Faster" and errors == []
    _values, errors = checker.check(3, ["Abolis", "startup", "x" * 21])
    assert [e["code"] for e in errors] == ["too_long"]


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (readable_pic("999990000"), "999 990 000"),
        (readable_pic("12345"), "12345"),
        (readable_vat_number("FR40303265045"), "FR 40 303 265 045"),
        (readable_vat_number("DE123456789"), "DE 123456789"),
        (readable_vat_number(""), ""),
        (readable_national_id("303265045", "FR"), "303 265 045 (SIREN)"),
        (readable_national_id("30326504500012", "FR"), "303 265 045 00012 (SIRET)"),
        (readable_national_id("B12345678", "ES"), "B12345678"),
    ],
)
def test_identifiers_read_as_registers_print_them(shown, expected):
    assert shown == expected


@pytest.mark.parametrize(
    "role", ["member", "organisation_administrator", "staff_user", "administrator", "reviewer"]
)
def test_whoever_reads_staff_fields_reads_member_fields(request, role, member_organisation):
    """`fields.Reader` asks the member rule first and the staff rule only when it holds."""
    user = request.getfixturevalue(role)
    for organisation in (member_organisation, OrganisationFactory()):
        if user.has_perm("directory.view_staff_fields", organisation):
            assert user.has_perm("directory.view_member_fields", organisation)
