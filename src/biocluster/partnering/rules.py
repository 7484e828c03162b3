"""Who may do what in partnering. Pages, API and templates all ask these.

Objects passed are an `events.Event`, a `Profile`, a `MeetingRequest` or a `Meeting`.
"""

import rules

from . import querysets


@rules.predicate
def is_organiser(user) -> bool:
    return querysets.is_organiser(user)


@rules.predicate
def owns_profile(user, profile) -> bool:
    return profile is not None and profile.pk in querysets.own_profile_ids(user)


@rules.predicate
def is_recipient(user, request) -> bool:
    return request is not None and request.recipient_id in querysets.own_profile_ids(user)


@rules.predicate
def is_sender(user, request) -> bool:
    return request is not None and request.sender_id in querysets.own_profile_ids(user)


@rules.predicate
def takes_part(user, meeting) -> bool:
    if meeting is None:
        return False
    mine = querysets.own_profile_ids(user)
    return any(p.pk in mine for p in meeting.participants.all())


@rules.predicate
def is_participant_of(user, event) -> bool:
    return event is not None and event.pk in querysets.participant_event_ids(user)


rules.add_perm("partnering.manage_partnering", is_organiser)
rules.add_perm("partnering.view_partnering", is_organiser | is_participant_of)
rules.add_perm("partnering.change_profile", owns_profile | is_organiser)
rules.add_perm("partnering.send_request", owns_profile)
rules.add_perm("partnering.answer_request", is_recipient)
rules.add_perm("partnering.withdraw_request", is_sender)
rules.add_perm("partnering.change_meeting", takes_part | is_organiser)
rules.add_perm("partnering.give_feedback", takes_part)
