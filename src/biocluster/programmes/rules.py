"""Who may do what in the programmes. Pages, API and templates all ask these.

Staff of the entreprises department (and administrators) run everything; the members
of an enrolled organisation follow their own enrolment: they read it, log the sessions
they received, declare milestones and ask for the renewal. Staff decide.
"""

import rules

from biocluster.directory.querysets import organisation_ids_of

from .querysets import is_programmes_staff as _is_programmes_staff


@rules.predicate
def is_programmes_staff(user) -> bool:
    return _is_programmes_staff(user)


@rules.predicate
def is_enrolled_member(user, enrolment) -> bool:
    return (
        enrolment is not None
        and user.is_authenticated
        and enrolment.organisation_id in organisation_ids_of(user)
    )


@rules.predicate
def is_active_enrolment(user, enrolment) -> bool:
    return enrolment is not None and enrolment.is_active


@rules.predicate
def follows_a_programme(user) -> bool:
    """A member of an organisation enrolled in a programme (the founders read the experts)."""
    from .models import Enrolment

    return user.is_authenticated and Enrolment.objects.visible_to(user).exists()


follows = is_programmes_staff | is_enrolled_member

rules.add_perm("programmes.manage_programmes", is_programmes_staff)
rules.add_perm("programmes.view_pipeline", is_programmes_staff)
rules.add_perm("programmes.view_enrolment", follows)
rules.add_perm("programmes.change_enrolment", is_programmes_staff)
rules.add_perm("programmes.log_session", follows & is_active_enrolment)
rules.add_perm("programmes.override_quota", is_programmes_staff)
rules.add_perm("programmes.declare_milestone", follows)
rules.add_perm("programmes.validate_milestone", is_programmes_staff)
rules.add_perm("programmes.request_renewal", follows & is_active_enrolment)
rules.add_perm("programmes.decide_renewal", is_programmes_staff)
rules.add_perm("programmes.view_experts", is_programmes_staff | follows_a_programme)
