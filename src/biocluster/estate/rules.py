"""Who may do what with the estate. Pages, API, admin and templates ask these.

The estate (campuses, buildings, units) is the public offer. Its management, the
availability search, the occupancy and every agreement are for cluster staff (real
estate is transversal to the departments) and administrators. A tenant's members read
their own organisation's agreements (and its payment notices), never another's.
"""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff
from biocluster.directory.querysets import organisation_ids_of


@rules.predicate
def is_tenant_member(user, agreement) -> bool:
    return (
        agreement is not None
        and user.is_authenticated
        and agreement.organisation_id in organisation_ids_of(user)
    )


@rules.predicate
def is_requester_member(user, space_request) -> bool:
    return (
        space_request is not None
        and user.is_authenticated
        and space_request.organisation_id in organisation_ids_of(user)
    )


@rules.predicate
def has_organisation(user) -> bool:
    return user.is_authenticated and bool(organisation_ids_of(user))


is_staff = is_cluster_staff | is_administrator

rules.add_perm("estate.manage_estate", is_staff)
rules.add_perm("estate.search_availability", is_staff)
rules.add_perm("estate.view_occupancy", is_staff)
rules.add_perm("estate.view_unit_history", is_staff)
rules.add_perm("estate.list_agreements", rules.is_authenticated)
rules.add_perm("estate.add_agreement", is_staff)
rules.add_perm("estate.view_agreement", is_staff | is_tenant_member)
rules.add_perm("estate.change_agreement", is_staff)
# Space requests: a member asks for its organisation; staff record any (a prospect's too) and work them.
rules.add_perm("estate.request_space", is_staff | has_organisation)
rules.add_perm("estate.view_space_request", is_staff | is_requester_member)
rules.add_perm("estate.manage_space_requests", is_staff)
rules.add_perm("estate.record_move", is_staff)
rules.add_perm("estate.manage_rent_roll", is_staff)
# Tenant requests: a member reports on its organisation's units; staff assign and close.
rules.add_perm("estate.list_tenant_requests", rules.is_authenticated)
rules.add_perm("estate.report_problem", is_staff | has_organisation)
rules.add_perm("estate.manage_tenant_requests", is_staff)
