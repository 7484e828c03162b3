"""Who may do what with snapshots: cluster staff freeze, restate, publish and write the report;
everyone reads what is published (others get 404 for an unpublished year)."""

import rules

from biocluster.accounts.rules import is_cluster_staff


@rules.predicate
def is_published(user, snapshot) -> bool:
    return snapshot is not None and snapshot.published_at is not None


rules.add_perm("publishing.manage_snapshots", is_cluster_staff)
rules.add_perm("publishing.view_snapshot", is_cluster_staff | is_published)
rules.add_perm("publishing.view_eccp_profile", is_cluster_staff)
