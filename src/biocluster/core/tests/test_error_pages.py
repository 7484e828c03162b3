"""Visitors meet the product's own error pages in their language, never Django's technical ones."""

import pytest
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

PAGES = {
    "en": {404: "Page not found", 500: "Something went wrong", 403: "Not allowed"},
    "fr": {404: "Page introuvable", 500: "Une erreur s\u2019est produite", 403: "Action non autorisée"},
}


def client_in(language: str) -> Client:
    client = Client(raise_request_exception=False, headers={"accept-language": language})
    return client


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_unknown_address_is_a_friendly_404_without_the_url_patterns(language):
    response = client_in(language).get("/no/such/page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert PAGES[language][404] in text and f'lang="{language}"' in text
    assert "URLconf" not in text and "directory/" not in text.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.urls("biocluster.core.tests.error_urls")
def test_a_bug_is_a_friendly_500_that_needs_no_database(language):
    response = client_in(language).get("/failing")
    assert response.status_code == 500
    text = response.content.decode()
    assert PAGES[language][500] in text and "Traceback" not in text and "RuntimeError" not in text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_refusal_is_a_friendly_403(language, rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override(language):
        response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403 and PAGES[language][403] in response.content.decode()


def test_the_demo_runs_without_debug():
    from django.conf import settings

    assert settings.DEBUG is False
