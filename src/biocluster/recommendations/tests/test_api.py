"""/api/organisations/{id}/suggestions and its decline: who may read and write, and bad input."""

import pytest

from biocluster.accounts.models import ApiToken
from biocluster.accounts.tests.factories import UserFactory
from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory
from biocluster.recommendations.models import Decline

pytestmark = pytest.mark.django_db


def _headers(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def _member_of(organisation):
    user = UserFactory()
    AffiliationFactory(person=PersonFactory(user=user), organisation=organisation, role="CEO")
    return user


def test_staff_read_an_organisations_suggestions_with_their_reasons(client, model, staff_user):
    query = model["query"]
    response = client.get(f"/api/organisations/{query.pk}/suggestions?k=3", headers=_headers(staff_user))
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert 0 < len(body["items"]) <= 3
    friend = next(item for item in body["items"] if item["organisation"] == model["friend"].pk)
    assert friend["name"] == "Friend Pharma" and any("2 shared partners" in r for r in friend["reasons"])
    ids = {item["organisation"] for item in body["items"]}
    assert query.pk not in ids and model["hub1"].pk not in ids


def test_a_member_of_one_organisation_cannot_read_anothers_suggestions(client, model):
    mine = _member_of(model["query"])
    theirs = model["friend"]
    assert (
        client.get(f"/api/organisations/{model['query'].pk}/suggestions", headers=_headers(mine)).status_code
        == 200
    )
    response = client.get(f"/api/organisations/{theirs.pk}/suggestions", headers=_headers(mine))
    assert response.status_code == 404


def test_filters_by_kind_and_country(client, model, staff_user):
    url = f"/api/organisations/{model['query'].pk}/suggestions"
    body = client.get(url + "?kind=large_company", headers=_headers(staff_user)).json()
    assert [item["organisation"] for item in body["items"]] == [model["friend"].pk]
    body = client.get(url + "?country=be", headers=_headers(staff_user)).json()
    assert body["items"] and {item["country"] for item in body["items"]} == {"BE"}


@pytest.mark.parametrize("query", ["k=0", "k=51", "k=many", "kind=spaceship", "country=FRA", "country=1"])
def test_bad_parameters_are_a_422(client, model, staff_user, query):
    response = client.get(
        f"/api/organisations/{model['query'].pk}/suggestions?{query}", headers=_headers(staff_user)
    )
    assert response.status_code == 422


def test_a_declined_suggestion_is_not_listed_again(client, model):
    member = _member_of(model["query"])
    url = f"/api/organisations/{model['query'].pk}/suggestions"
    assert model["friend"].pk in {
        i["organisation"] for i in client.get(url, headers=_headers(member)).json()["items"]
    }
    response = client.post(f"{url}/{model['friend'].pk}/decline", headers=_headers(member))
    assert response.status_code == 201
    assert Decline.objects.filter(user=member, candidate=model["friend"]).exists()
    assert model["friend"].pk not in {
        i["organisation"] for i in client.get(url, headers=_headers(member)).json()["items"]
    }


def test_declining_for_another_organisation_is_a_404_and_saves_nothing(client, model):
    member = _member_of(model["query"])
    url = f"/api/organisations/{model['friend'].pk}/suggestions/{model['hub1'].pk}/decline"
    assert client.post(url, headers=_headers(member)).status_code == 404
    assert Decline.objects.count() == 0


def test_declining_an_unknown_candidate_is_a_404(client, model, staff_user):
    url = f"/api/organisations/{model['query'].pk}/suggestions/999999/decline"
    assert client.post(url, headers=_headers(staff_user)).status_code == 404
    assert Decline.objects.count() == 0


def test_the_anonymous_public_is_asked_to_authenticate_to_decline(client, model):
    url = f"/api/organisations/{model['query'].pk}/suggestions/{model['friend'].pk}/decline"
    response = client.post(url)
    assert response.status_code == 401
    assert Decline.objects.count() == 0
