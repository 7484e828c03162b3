"""The pages: the dashboard for staff (404 for everyone else), bad input on the forms (a field
error, nothing saved), the PDF and the workbook in the funder's language."""

import contextlib
import datetime
import io
import zlib
from decimal import Decimal

import pytest

from biocluster.funders.models import FunderContract, Target

from .factories import ContractFactory, DeadlineFactory, InstalmentFactory, ObjectiveFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(registered):
    registered("test.figure", {2021: 12, 2022: 4, 2023: 1})
    contract = ContractFactory(title="Contrat d'objectifs Région", reference="CPOM-2021-2023")
    objective = ObjectiveFactory(
        contract=contract, number=1, title_en="Create a biofoundry", title_fr="Créer une biofonderie"
    )
    for year in (2021, 2022, 2023):
        TargetFactory(objective=objective, indicator="test.figure", year=year, value=10)
    InstalmentFactory(contract=contract, expected_on=datetime.date(2021, 6, 30), amount=Decimal("8000000"))
    DeadlineFactory(contract=contract, due_on=datetime.date(2022, 3, 31), what="Rapport annuel 2021")
    return contract


def test_staff_read_targets_against_actuals_with_their_status(client, staff_user, contract, time_machine):
    time_machine.move_to(datetime.datetime(2022, 7, 2, 10, tzinfo=datetime.UTC), tick=False)
    client.force_login(staff_user)
    page = client.get(f"/funders/{contract.pk}/").content.decode()
    assert "Create a biofoundry" in page
    assert '<span class="status status-met">met</span>' in page  # 2021: 12 for 10
    assert '<span class="status status-at_risk">at risk</span>' in page  # 2022: 4 of 5.01 expected
    assert "/indicators/test.figure/?year=2021" in page and "/indicators/test.figure/?at=2022-07-02" in page
    assert "overdue" in page  # the instalment of June 2021, never received
    assert "validated by staff" not in page  # computed values say nothing more


@pytest.mark.parametrize("role", ["member", "organisation_administrator", "reviewer", "platform_manager"])
def test_others_get_404_on_the_contract_and_its_exports(request, client, contract, role):
    client.force_login(request.getfixturevalue(role))
    for suffix in ("", "report.pdf", "report.xlsx", "edit/"):
        assert client.get(f"/funders/{contract.pk}/{suffix}").status_code == 404
    assert client.get("/funders/").status_code == 403


def test_bad_contract_input_is_a_field_error_and_nothing_is_saved(client, staff_user, contract):
    client.force_login(staff_user)
    before = FunderContract.objects.count()
    body = {
        "funder": contract.funder_id,
        "title": "Another",
        "reference": "X-1",
        "amount": "-5",
        "start_year": "2023",
        "end_year": "2021",
        "language": "fr",
    }
    response = client.post("/funders/new/", body)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"amount"}
    response = client.post("/funders/new/", body | {"amount": "5"})
    assert "end_year" in response.context["form"].errors
    assert FunderContract.objects.count() == before


def test_an_unknown_indicator_is_refused_on_its_field(client, staff_user, contract):
    client.force_login(staff_user)
    objective = contract.objectives.get()
    response = client.post(
        f"/funders/objectives/{objective.pk}/targets/", {"indicator": "no.such", "target_2021": "3"}
    )
    assert "indicator" in response.context["form"].errors
    response = client.post(
        f"/funders/objectives/{objective.pk}/targets/", {"indicator": "test.figure", "target_2021": "-3"}
    )
    assert "target_2021" in response.context["form"].errors
    assert list(Target.objects.values_list("year", "value")) == [
        (y, Decimal("10.00")) for y in (2021, 2022, 2023)
    ]


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF's bytes with its compressed streams inflated (its metadata are plain)."""
    parts = [pdf]
    for chunk in pdf.split(b"stream")[1:]:
        body = chunk.split(b"endstream")[0].strip(b"\r\n")
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(body))
    return b"".join(parts)


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", {"instalments": "Versements", "year": "Année"}),
        ("en", {"instalments": "Instalments", "year": "Year"}),
    ],
)
def test_the_pdf_is_in_the_funder_s_language(client, staff_user, contract, monkeypatch, language, labels):
    from biocluster.funders import exports

    typeset = []
    real = exports.render_pdf
    monkeypatch.setattr(
        exports, "render_pdf", lambda *args, **kwargs: typeset.append(args[1]) or real(*args, **kwargs)
    )
    contract.language = language
    contract.save()
    client.force_login(staff_user)  # the reader's language is English: the document follows the funder's
    response = client.get(f"/funders/{contract.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"/Lang({language})".encode() in _pdf_text(response.content)  # typeset in that language
    (data,) = typeset
    assert {key: data["labels"][key] for key in labels} == labels
    assert data["objectives"][0]["title"] == (
        "Créer une biofonderie" if language == "fr" else "Create a biofoundry"
    )


def test_the_workbook_is_in_the_funder_s_language(client, staff_user, contract, time_machine):
    from openpyxl import load_workbook

    time_machine.move_to(datetime.datetime(2022, 7, 2, 10, tzinfo=datetime.UTC), tick=False)
    client.force_login(staff_user)
    response = client.get(f"/funders/{contract.pk}/report.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1] == "Versements"
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert {"Année", "Statut", "Indicateur"} <= set(rows[2])
    assert ("1. Créer une biofonderie", "Test figure test.figure", 2022, 10, 4) in [row[:5] for row in rows]


def test_a_funded_project_is_an_award_found_by_its_proposal_reference(client, administrator, contract):
    from biocluster.calls.models import Award
    from biocluster.calls.tests.factories import submitted

    proposal = submitted(title="Biofoundry pilot line")
    award = Award.objects.create(
        proposal=proposal,
        amount=Decimal("300000"),
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    client.force_login(administrator)
    url = f"/funders/{contract.pk}/projects/new/"
    response = client.post(url, {"award": "NOPE-0001", "amount": "300000"})
    assert "award" in response.context["form"].errors
    assert client.post(url, {"award": proposal.reference.lower(), "amount": "300000"}).status_code == 302
    (project,) = contract.projects.all()
    assert project.award == award and str(project) == f"{proposal.reference} Biofoundry pilot line"
    response = client.post(url, {"award": proposal.reference, "amount": "1"})
    assert "award" in response.context["form"].errors  # funded once by a contract
    assert contract.projects.count() == 1


def test_a_declared_value_shows_its_provenance_and_response_rate(client, staff_user, registered):
    from biocluster.core import indicators as ind

    registered("test.declared", {2021: 9}, provenance=ind.VALIDATED, response_rate=0.64)
    target = TargetFactory(indicator="test.declared", year=2021, value=10)
    client.force_login(staff_user)
    page = client.get(f"/funders/{target.objective.contract_id}/").content.decode()
    assert "validated by staff · response rate 64%" in page
