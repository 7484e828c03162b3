"""Who may do what with events. Pages, API and templates all ask these."""

import rules

from biocluster.accounts.models import Department
from biocluster.accounts.rules import is_staff_in

from .querysets import PUBLIC_STATUSES

# The departments that run events: communication (on-site events) and international (conventions, delegations).
is_event_staff = is_staff_in(Department.COMMUNICATION, Department.INTERNATIONAL)


@rules.predicate
def is_public(user, event) -> bool:
    return event is not None and event.status in PUBLIC_STATUSES


@rules.predicate
def is_registrant(user, registration) -> bool:
    return registration is not None and user.is_authenticated and registration.user_id == user.pk


rules.add_perm("events.view_event", is_event_staff | is_public)
rules.add_perm("events.manage_event", is_event_staff)
rules.add_perm("events.register", rules.is_authenticated)
rules.add_perm("events.view_registration", is_registrant | is_event_staff)
rules.add_perm("events.cancel_registration", is_registrant | is_event_staff)
rules.add_perm("events.check_in", is_event_staff)
