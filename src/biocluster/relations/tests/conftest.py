import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory


@pytest.fixture
def other_staff(db):
    """Staff of another department than the shared `staff_user` fixture's."""
    user = UserFactory(email="entreprises@example.org", first_name="Élodie", last_name="Marchand")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.ENTREPRISES)
    return user
