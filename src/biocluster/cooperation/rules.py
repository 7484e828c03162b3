"""Who may do what in international cooperation. Pages, API, admin and templates ask these.

Agreements, soft landings, missions, memberships and labels are the cluster staff's (every
department: the International department keeps them, the Entreprises department installs the
companies) and the administrators'. Members, reviewers and platform managers see none of it.
"""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff

is_staff = is_cluster_staff | is_administrator

for name in (
    "view_cooperation",
    "add_agreement",
    "change_agreement",
    "delete_agreement",
    "view_agreement_document",
    "add_activity",
    "delete_activity",
    "add_soft_landing",
    "change_soft_landing",
    "install_soft_landing",
    "add_mission",
    "change_mission",
    "add_membership",
    "change_membership",
    "add_label",
    "change_label",
):
    rules.add_perm(f"cooperation.{name}", is_staff)
