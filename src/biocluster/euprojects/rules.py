"""Who may do what with the EU projects. Pages, API, admin, services and templates ask these.

Cluster staff see every project; the members of a consortium partner see its projects only.
The coordinator's people edit a project: the cluster staff assigned to it and the members of the
coordinating organisation (administrators too). A partner's members move the deliverables their
organisation owns along the review chain; submitting and recording acceptance are the
coordinator's people's.
"""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff
from biocluster.directory.querysets import organisation_ids_of


def _project(obj):
    """The project of a project, a deliverable, or any row of its plan."""
    if obj is None:
        return None
    for path in ("project", "work_package.project", "period.project"):
        target = obj
        try:
            for name in path.split("."):
                target = getattr(target, name)
        except AttributeError:
            continue
        return target
    return obj


@rules.predicate
def is_partner(user, obj) -> bool:
    project = _project(obj)
    if project is None or not user.is_authenticated:
        return False
    ours = organisation_ids_of(user)
    return bool(ours) and project.participants.filter(organisation_id__in=ours).exists()


@rules.predicate
def is_assigned(user, obj) -> bool:
    project = _project(obj)
    return project is not None and user.is_authenticated and project.staff.filter(pk=user.pk).exists()


@rules.predicate
def is_coordinator_member(user, obj) -> bool:
    project = _project(obj)
    if project is None or not user.is_authenticated:
        return False
    ours = organisation_ids_of(user)
    return bool(ours) and project.participants.filter(role="coordinator", organisation_id__in=ours).exists()


@rules.predicate
def owns_deliverable(user, deliverable) -> bool:
    if deliverable is None or not user.is_authenticated or not hasattr(deliverable, "owner_id"):
        return False
    return deliverable.owner_id in organisation_ids_of(user) and is_partner(user, deliverable)


is_staff = is_cluster_staff | is_administrator
coordinates = is_administrator | (is_cluster_staff & is_assigned) | is_coordinator_member

rules.add_perm("euprojects.view_project", is_staff | is_partner)
rules.add_perm("euprojects.add_project", is_staff)
rules.add_perm("euprojects.change_project", coordinates)
rules.add_perm("euprojects.delete_project", is_administrator | (is_cluster_staff & is_assigned))
rules.add_perm("euprojects.move_deliverable", coordinates | owns_deliverable)
rules.add_perm("euprojects.view_due_deliverables", rules.is_authenticated)
