"""The owned rows' writes and form pages that funders, the EU projects and cooperation share."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from biocluster.audit.models import AuditEvent
from biocluster.core import rows
from biocluster.directory.models import Campus

pytestmark = pytest.mark.django_db


def _refuse_paris(campus):
    if campus.city == "Paris":
        raise ValidationError({"city": ["Not in Paris."]})


def test_a_row_is_added_checked_validated_and_audited():
    campus = rows.add_row(Campus(name=" Genopole "), actor=None, action="test.added", check=_refuse_paris)
    assert Campus.objects.filter(pk=campus.pk).exists()
    event = AuditEvent.objects.get(action="test.added")
    assert event.changes["name"] == [None, " Genopole "]


def test_a_refused_row_leaves_neither_row_nor_event():
    with pytest.raises(ValidationError):
        rows.add_row(Campus(name="A", city="Paris"), actor=None, action="test.added", check=_refuse_paris)
    with pytest.raises(ValidationError):  # the model's own validation: a name is required
        rows.add_row(Campus(name=""), actor=None, action="test.added")
    assert not Campus.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_change_outside_the_allowed_fields_is_refused():
    campus = Campus.objects.create(name="A", city="Évry")
    with pytest.raises(ValidationError) as refusal:
        rows.change_row(campus, {"name": "B"}, actor=None, action="test.changed", allowed=("city",))
    assert "name" in refusal.value.message_dict
    assert not AuditEvent.objects.exists()


def test_a_change_is_stripped_when_asked_and_audited_against_the_stored_values():
    campus = Campus.objects.create(name="A", city="Évry")
    campus.city = "Corbeil"  # the caller changed the instance already: the stored value is "before"
    before = {"city": "Évry"}
    rows.change_row(
        campus,
        {"name": "  B  "},
        actor=None,
        action="test.changed",
        allowed=("name",),
        strip=True,
        before=before,
    )
    campus.refresh_from_db()
    assert campus.name == "B"
    assert AuditEvent.objects.get(action="test.changed").changes["city"] == ["Évry", "Corbeil"]


def test_a_refused_change_saves_nothing():
    campus = Campus.objects.create(name="A", city="Évry")
    with pytest.raises(ValidationError):
        rows.change_row(
            campus,
            {"city": "Paris"},
            actor=None,
            action="test.changed",
            allowed=("city",),
            check=_refuse_paris,
        )
    campus.refresh_from_db()
    assert campus.city == "Évry"
    assert not AuditEvent.objects.exists()


def test_a_removed_row_keeps_its_last_values_in_the_trail():
    campus = Campus.objects.create(name="A", city="Évry")
    rows.remove_row(campus, actor=None, action="test.removed")
    assert not Campus.objects.exists()
    assert AuditEvent.objects.get(action="test.removed").changes["city"] == ["Évry", None]


class CityForm(forms.Form):
    city = forms.CharField()


def _request(method: str, data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(request, write):
    form = CityForm(request.POST or None)
    return rows.form_page(
        request,
        form,
        template="cooperation/form.html",
        write=write,
        done=lambda city: f"/done/{city}",
        message="Saved.",
        context={"title": "A city", "cancel": "/"},
        refused_status=422,
    )


def test_the_form_page_calls_the_service_then_says_so_and_goes_on():
    request = _request("post", {"city": "Evry"})
    response = _page(request, lambda data: data["city"].lower())
    assert (response.status_code, response.url) == (302, "/done/evry")
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_the_services_refusal_goes_on_the_form_with_the_status_asked():
    def refuse(data):
        raise ValidationError({"city": ["Not this one."]})

    request = _request("post", {"city": "Paris"})
    response = _page(request, refuse)
    assert response.status_code == 422
    assert "Not this one." in response.content.decode()
    assert not list(get_messages(request))


def test_the_form_page_shows_the_form_on_get_without_writing():
    def never(data):
        raise AssertionError("no write on GET")

    assert _page(_request("get"), never).status_code == 200


def test_act_and_back_says_a_refusal_as_an_error():
    def refuse():
        raise ValidationError("Still used.")

    request = _request("post")
    response = rows.act_and_back(request, refuse, message="Removed.", back="/back")
    assert response.url == "/back"
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "Still used.")]
    request = _request("post")
    rows.act_and_back(request, lambda: None, message="Removed.", back="/back")
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("success", "Removed.")]
