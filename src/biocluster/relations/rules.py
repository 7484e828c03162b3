"""Who may do what with the staff's relations. Pages, API, admin and templates ask these.

Interactions, tasks and segments are for cluster staff (every department) and
administrators; members of an organisation never see what the staff note about it.
A segment belongs to its owner: others read it when it is shared, only its owner
(or an administrator) changes or deletes it.
"""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff


@rules.predicate
def owns_segment(user, segment) -> bool:
    return segment is not None and user.is_authenticated and segment.owner_id == user.pk


@rules.predicate
def is_shared(user, segment) -> bool:
    return segment is not None and segment.is_shared


is_staff = is_cluster_staff | is_administrator

# On an organisation: its interactions and tasks, read and written.
rules.add_perm("relations.view_relations", is_staff)
rules.add_perm("relations.add_interaction", is_staff)
rules.add_perm("relations.add_task", is_staff)
# On an interaction or a task.
rules.add_perm("relations.change_interaction", is_staff)
rules.add_perm("relations.delete_interaction", is_staff)
rules.add_perm("relations.change_task", is_staff)
rules.add_perm("relations.delete_task", is_staff)
# Segments: any staff member saves their own.
rules.add_perm("relations.add_segment", is_staff)
rules.add_perm("relations.view_segment", is_administrator | (is_cluster_staff & (owns_segment | is_shared)))
rules.add_perm("relations.change_segment", is_administrator | (is_cluster_staff & owns_segment))
rules.add_perm("relations.export_segment", is_administrator | (is_cluster_staff & (owns_segment | is_shared)))
