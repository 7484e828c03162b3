"""Fixtures of partner recommendation's tests: the model files in the test's own folder, and a
small directory whose links make the suggestions predictable."""

import pytest

from biocluster.directory.models import OrganisationLink
from biocluster.directory.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _models_folder(settings, tmp_path):
    """Each test writes its models in its own folder, and no process keeps another test's model."""
    from biocluster.recommendations import snapshot

    settings.RECOMMENDATIONS_DIR = tmp_path / "recommendations"
    snapshot.forget()
    yield
    snapshot.forget()


def link(subject, target, *, kind="partner_of", project="", year=2020):
    import datetime

    return OrganisationLink.objects.create(
        subject=subject, object=target, kind=kind, project=project, start_date=datetime.date(year, 1, 1)
    )


@pytest.fixture
def small_world(db):
    """A star and a triangle: `query` works with hub1 and hub2, who both work with `friend`
    (two shared partners); `loner` is linked to nobody; `stranger` only to hub1."""
    query = OrganisationFactory(name="Query Bio", kind="startup", country="FR")
    hub1 = OrganisationFactory(name="Hub One", kind="research_lab", country="FR")
    hub2 = OrganisationFactory(name="Hub Two", kind="platform", country="FR")
    friend = OrganisationFactory(name="Friend Pharma", kind="large_company", country="DE")
    stranger = OrganisationFactory(name="Stranger SA", kind="sme", country="BE")
    loner = OrganisationFactory(name="Loner Labs", kind="startup", country="FR")
    link(query, hub1)
    link(hub2, query)
    link(hub1, friend)
    link(hub2, friend)
    link(hub1, stranger)
    return {
        "query": query,
        "hub1": hub1,
        "hub2": hub2,
        "friend": friend,
        "stranger": stranger,
        "loner": loner,
    }


@pytest.fixture
def build(django_capture_on_commit_callbacks):
    """`build()` queues a fit and runs it as the worker would once the transaction commits."""
    from biocluster.recommendations import services

    def run(actor=None):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.start_build(actor=actor)
        job.refresh_from_db()
        return job

    return run


@pytest.fixture
def model(small_world, build):
    """The small world with its model built."""
    build()
    return small_world


@pytest.fixture
def other_staff(db):
    from biocluster.accounts.models import Department, Role
    from biocluster.accounts.services import grant_role
    from biocluster.accounts.tests.factories import UserFactory

    user = UserFactory(email="international@example.org")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.INTERNATIONAL)
    return user
