"""core.api_actions: fetch the visible object, require the rule, call the service, answer."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from biocluster.core.api_actions import Actions
from biocluster.directory.models import Organisation

pytestmark = pytest.mark.django_db


class Taken(ValidationError):
    pass


def organisations(request):
    return Organisation.objects.all()


def out(organisation):
    return {"id": organisation.pk, "name": organisation.name}


ACTIONS = Actions(organisations, target="organisation", out=out)
CHANGE = "directory.change_organisation"


def rename(*, actor, organisation, name):
    organisation.name = name
    organisation.save(update_fields=["name"])
    return organisation


def test_the_service_gets_the_actor_and_the_object_and_the_page_reads_it_again(
    member_organisation, organisation_administrator
):
    request = SimpleNamespace(user=organisation_administrator)
    answer = ACTIONS.act(request, member_organisation.pk, CHANGE, rename, name="Renamed Bio")
    assert (answer.status_code, answer.value) == (200, {"id": member_organisation.pk, "name": "Renamed Bio"})
    answer = ACTIONS.act(
        request, member_organisation.pk, CHANGE, rename, name="Again", status=201, answer=out
    )
    assert (answer.status_code, answer.value["name"]) == (201, "Again")


def test_unseen_is_404_and_unheld_rule_is_403_before_anything_is_prepared(member_organisation, member):
    prepared = []

    def prepare():
        prepared.append(True)
        raise ValidationError({"units": ["bad"]})

    hidden = Organisation.objects.create(name="Hidden Bio", is_listed=False)
    with pytest.raises(Http404):
        ACTIONS.act(SimpleNamespace(user=member), hidden.pk, CHANGE, rename, prepare=prepare)
    with pytest.raises(PermissionDenied):  # a member sees its organisation but may not change it
        ACTIONS.act(SimpleNamespace(user=member), member_organisation.pk, CHANGE, rename, prepare=prepare)
    assert prepared == []


def test_a_conflict_is_a_409_with_its_body_and_other_refusals_go_on_as_422s(
    member_organisation, organisation_administrator
):
    request = SimpleNamespace(user=organisation_administrator)

    def refuse(error):
        def service(*, actor, organisation):
            raise error

        return service

    conflicts = {Taken: lambda error: {"detail": error.messages[0]}}
    answer = ACTIONS.act(request, member_organisation.pk, CHANGE, refuse(Taken("taken")), conflicts=conflicts)
    assert (answer.status_code, answer.value) == (409, {"detail": "taken"})
    with pytest.raises(ValidationError):
        ACTIONS.act(
            request, member_organisation.pk, CHANGE, refuse(ValidationError("no")), conflicts=conflicts
        )
    with pytest.raises(Taken):  # an operation that names no conflict answers none
        ACTIONS.act(request, member_organisation.pk, CHANGE, refuse(Taken("taken")))
