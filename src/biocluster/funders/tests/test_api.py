"""/api/funder-contracts: staff only, through the services; the detail gives each objective's
targets against the registry's values with their status."""

import datetime

import pytest

from biocluster.audit.models import AuditEvent
from biocluster.funders.models import FunderContract, Objective, Target

from .factories import ContractFactory, FunderFactory, ObjectiveFactory, TargetFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def client(client):
    """The test client, signing in with an API token (writes need one, not a session)."""
    from biocluster.accounts.models import ApiToken

    def force_login(user):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user)[1]}"

    client.force_login = force_login
    return client


def _body(funder, **changes):
    return {
        "funder": funder.pk,
        "title": "Contrat d'objectifs et de moyens",
        "reference": "CPOM-2021",
        "amount": "25000000",
        "start_year": 2021,
        "end_year": 2023,
        "language": "fr",
        "objectives": [
            {
                "title_en": "A biofoundry",
                "title_fr": "Une biofonderie",
                "targets": [
                    {"indicator": "test.figure", "year": 2021, "value": "10"},
                    {"indicator": "test.figure", "year": 2022, "value": "10"},
                ],
            }
        ],
    } | changes


def test_staff_create_a_contract_and_read_targets_against_actuals(
    client, staff_user, registered, time_machine
):
    time_machine.move_to(datetime.datetime(2022, 7, 2, 10, tzinfo=datetime.UTC), tick=False)
    registered("test.figure", {2021: 12, 2022: 4})
    client.force_login(staff_user)
    response = client.post("/api/funder-contracts", _body(FunderFactory()), content_type=JSON)
    assert response.status_code == 201, response.content
    body = response.json()
    (objective,) = body["objectives"]
    (indicator,) = objective["indicators"]
    assert [(y["year"], y["target"], y["actual"], y["status"]) for y in indicator["years"]] == [
        (2021, "10.00", "12", "met"),
        (2022, "10.00", "4", "at_risk"),
        (2023, None, None, "unknown"),
    ]
    assert indicator["years"][1]["drill_down"] == "/indicators/test.figure/?at=2022-07-02"
    assert body["statuses"] == {"met": 1, "at_risk": 1}
    listed = client.get("/api/funder-contracts").json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert AuditEvent.objects.filter(action="funders.target.saved").count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_year": 2023, "end_year": 2021}, "end_year"),
        ({"amount": "-1"}, "amount"),
        (
            {
                "objectives": [
                    {
                        "title_en": "A",
                        "title_fr": "B",
                        "targets": [{"indicator": "no.such", "year": 2021, "value": 1}],
                    }
                ]
            },
            "indicator",
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_saved(
    client, staff_user, registered, changes, field
):
    registered("test.figure", {})
    client.force_login(staff_user)
    response = client.post("/api/funder-contracts", _body(FunderFactory(), **changes), content_type=JSON)
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert (
        not FunderContract.objects.exists() and not Objective.objects.exists() and not Target.objects.exists()
    )


def test_staff_change_a_contract(client, staff_user):
    contract = ContractFactory()
    client.force_login(staff_user)
    response = client.patch(
        f"/api/funder-contracts/{contract.pk}", {"language": "en", "amount": "26000000"}, content_type=JSON
    )
    assert response.status_code == 200
    assert (response.json()["language"], response.json()["amount"]) == ("en", "26000000.00")
    response = client.patch(f"/api/funder-contracts/{contract.pk}", {"end_year": 2019}, content_type=JSON)
    assert response.status_code == 422 and "end_year" in str(response.json()["detail"])
    contract.refresh_from_db()
    assert contract.end_year == 2023


@pytest.mark.parametrize("role", ["member", "organisation_administrator", "reviewer", "platform_manager"])
def test_others_find_no_contract(request, client, role):
    target = TargetFactory(objective=ObjectiveFactory())
    client.force_login(request.getfixturevalue(role))
    assert client.get(f"/api/funder-contracts/{target.objective.contract_id}").status_code == 404
    assert (
        client.patch(
            f"/api/funder-contracts/{target.objective.contract_id}", {"notes": "x"}, content_type=JSON
        ).status_code
        == 404
    )
    assert client.get("/api/funder-contracts").status_code == 403
