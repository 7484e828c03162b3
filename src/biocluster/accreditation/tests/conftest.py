import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory


@pytest.fixture
def entreprises_staff(db):
    """Staff of the Entreprises department: they keep the register."""
    user = UserFactory(email="entreprises@example.org")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.ENTREPRISES)
    return user


@pytest.fixture
def api(client):
    """Call the API as `user` with a token (anonymous without one)."""
    from biocluster.accounts.models import ApiToken

    def call(user, method, path, body=None):
        headers = {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"} if user else {}
        kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(path, headers=headers, **kwargs)

    return call


@pytest.fixture
def register(db):
    """A small register: two public companies (one closed), a refusal, and an unlisted company."""
    import datetime

    from biocluster.accreditation.models import AccreditationStatus

    from .factories import AccreditationFactory

    listed = AccreditationFactory(
        organisation__name="Listed Genomics",
        decided_on=datetime.date(2004, 5, 6),
        committee_notes="Secret plan",
    )
    closed = AccreditationFactory(organisation__name="Closed Bio", decided_on=datetime.date(2010, 1, 2))
    AccreditationStatus.objects.create(
        accreditation=closed, status="closed", since=datetime.date(2015, 3, 1), note="Private reason"
    )
    refused = AccreditationFactory(
        organisation__name="Refused Pharma", decision="refused", decided_on=datetime.date(2010, 7, 8)
    )
    unlisted = AccreditationFactory(
        organisation__name="Hidden Cells", organisation__is_listed=False, decided_on=datetime.date(2010, 9, 9)
    )
    return {"listed": listed, "closed": closed, "refused": refused, "unlisted": unlisted}
