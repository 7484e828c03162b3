"""Who may do what with the register.

The Entreprises department keeps it (decides, changes statuses), administrators
too; every cluster staff member may read the whole register with refusals and
committee notes; the public sees the accepted companies listed in the directory.
"""

import rules

from biocluster.accounts.rules import is_cluster_staff

from .querysets import manages_register


class Register:
    """The register as a whole: the object of the register-wide permissions.

    Checks always pass an object (this one, or an accreditation) because
    `accounts.backends.ClusterStaffBackend` grants every object-less
    "accreditation.*" permission to all cluster staff, for the admin.
    """

    def __repr__(self):
        return "the accreditation register"


REGISTER = Register()


@rules.predicate
def keeps_register(user) -> bool:
    return manages_register(user)


rules.add_perm("accreditation.manage_register", keeps_register)
rules.add_perm("accreditation.view_register", is_cluster_staff)
rules.add_perm("accreditation.view_committee_notes", is_cluster_staff)
