"""After a directory change, the network page's opening view is built in the background
(directory.caching.warm_up_network): its first visitor finds it ready.

Real commits (`transactional_db`): the warm-up is queued when a change is committed.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from biocluster.directory import caching, tasks
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.directory.views import network as network_views

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def warming(settings, monkeypatch):
    """As in production: the setting on, and a worker to run the tasks (here the immediate
    backend runs them at the commit)."""
    settings.DIRECTORY_WARM_NETWORK = True
    monkeypatch.setattr(caching, "_tasks_run_elsewhere", lambda: True)


@pytest.fixture
def queued(monkeypatch):
    """The warm-ups queued, not run."""
    queued = []
    monkeypatch.setattr(tasks, "warm_up_network", SimpleNamespace(enqueue=lambda: queued.append(1)))
    return queued


def test_the_first_visitors_after_a_change_find_the_page_built(warming, staff_user, client, monkeypatch):
    OrganisationFactory(name="Génopole Bio Start")  # committed: the warm-up runs (immediate backend)

    def refuse(*args, **kwargs):
        raise AssertionError("the network was built for a visitor")

    monkeypatch.setattr(network_views, "build_network", refuse)
    for user in (None, staff_user):
        if user:
            client.force_login(user)
        for language, words in (("en", "Isolated actors"), ("fr", "Acteurs isolés")):
            page = client.get(reverse("directory:network"), headers={"accept-language": language})
            assert page.status_code == 200 and "Génopole Bio Start" in page.text
            assert words in page.text


def test_a_transaction_of_many_changes_queues_one_warm_up(warming, queued):
    with transaction.atomic():
        for number in range(30):
            OrganisationFactory(name=f"Imported {number}")
        assert queued == []  # not before the commit
    assert len(queued) == 1


def test_a_change_while_a_warm_up_waits_queues_no_other(warming, queued):
    OrganisationFactory()
    OrganisationFactory()
    assert len(queued) == 1  # the first is still waiting for a worker
    caching.warm_up_network()  # a worker runs it: a change from now on needs another
    OrganisationFactory()
    assert len(queued) == 2


def test_a_change_rolled_back_queues_nothing(warming, queued):
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory()
        raise RuntimeError
    assert queued == []


def test_without_the_setting_a_change_queues_nothing(queued, settings, monkeypatch):
    settings.DIRECTORY_WARM_NETWORK = False
    monkeypatch.setattr(caching, "_tasks_run_elsewhere", lambda: True)
    OrganisationFactory()
    assert queued == []
    assert cache.get(caching.WARM_UP_PENDING) is None


def test_without_a_worker_a_change_queues_nothing(queued, settings):
    """The immediate backend would build the network in the request that made the change."""
    settings.DIRECTORY_WARM_NETWORK = True
    OrganisationFactory()
    assert queued == []


def test_the_warm_up_builds_for_the_public_and_staff_in_each_language(staff_user):
    assert caching.warm_up_network() == ["public en", "public fr", "staff en", "staff fr"]
