"""Who may do what with funder contracts: cluster staff (any department) and administrators.

A contract's amounts, targets and payments are the cluster's business with its funders:
members, platform managers and reviewers never see one (404 on pages and API).
"""

import rules

from biocluster.accounts.rules import is_cluster_staff

rules.add_perm("funders.view_contract", is_cluster_staff)
rules.add_perm("funders.add_contract", is_cluster_staff)
rules.add_perm("funders.change_contract", is_cluster_staff)
rules.add_perm("funders.delete_contract", is_cluster_staff)
