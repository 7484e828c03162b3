import pytest

from biocluster.accounts.models import Department, Role
from biocluster.accounts.services import grant_role
from biocluster.accounts.tests.factories import UserFactory


@pytest.fixture
def international(db):
    """A staff member of the international department, assigned to projects in the tests."""
    user = UserFactory(email="international@example.org", first_name="Thomas", last_name="Girard")
    grant_role(actor=None, user=user, role=Role.STAFF, department=Department.INTERNATIONAL)
    return user
