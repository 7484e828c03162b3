"""Who may see and act on partner suggestions. Pages, API and templates ask these.

An organisation's suggestions are for the cluster staff and for that organisation's own
members: anyone else is answered 404, as if the organisation had none. Building the
model and sending introductions are the staff's.
"""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff
from biocluster.directory.rules import is_member_of

is_staff = is_cluster_staff | is_administrator

# On an organisation.
rules.add_perm("recommendations.view_suggestions", is_staff | is_member_of)
rules.add_perm("recommendations.decline_suggestion", is_staff | is_member_of)
rules.add_perm("recommendations.send_introduction", is_staff)
# Cluster-wide.
rules.add_perm("recommendations.build_model", is_staff)
rules.add_perm("recommendations.view_network_suggestions", is_staff)
