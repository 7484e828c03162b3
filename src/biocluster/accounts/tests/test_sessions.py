"""The session and the user of a signed-in page, read by statements compiled once
(accounts/sessions.py, accounts/backends.py): the same answers as Django's own reads."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from biocluster.accounts.backends import AccountBackend, PasswordBackend
from biocluster.accounts.sessions import SessionStore
from biocluster.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _stored(data: dict, *, expires_in: datetime.timedelta) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def test_a_live_session_reads_as_django_reads_it():
    key = _stored({"seen": "Évry-Courcouronnes"}, expires_in=datetime.timedelta(minutes=5))
    mine, django = SessionStore(key), DjangoSessionStore(key)
    assert mine.load() == django.load() == {"seen": "Évry-Courcouronnes"}
    assert mine.session_key == key


@pytest.mark.parametrize("key", ["no0such0session0key0at0all00", None])
def test_an_unknown_session_reads_empty(key):
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_an_expired_session_reads_empty_and_loses_its_key():
    key = _stored({"seen": 1}, expires_in=-datetime.timedelta(seconds=1))
    store = SessionStore(key)
    assert store.load() == DjangoSessionStore(key).load() == {}
    assert store.session_key is None


@pytest.mark.parametrize("backend", [AccountBackend, PasswordBackend])
def test_the_user_reads_field_for_field_as_the_orm_reads_it(backend):
    user = UserFactory(email="zoé.durand@example.org", first_name="Zoé", last_name="Durand-Lefèvre")
    model = get_user_model()
    model.objects.filter(pk=user.pk).update(last_login=timezone.now())
    expected = model.objects.get(pk=user.pk)
    read = backend().get_user(str(user.pk))  # the session holds the id as text
    assert read is not None and read.pk == user.pk and read._state.adding is False
    for field in model._meta.concrete_fields:
        assert getattr(read, field.attname) == getattr(expected, field.attname), field.name
        assert type(getattr(read, field.attname)) is type(getattr(expected, field.attname)), field.name


def test_no_user_for_an_unknown_id_a_malformed_one_or_an_inactive_login():
    backend = AccountBackend()
    assert backend.get_user("987654") is None
    assert backend.get_user("not-a-number") is None
    inactive = UserFactory(is_active=False)
    assert backend.get_user(str(inactive.pk)) is None


def test_a_signed_in_page_after_expiry_is_anonymous(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("home")).wsgi_request.user == user
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
