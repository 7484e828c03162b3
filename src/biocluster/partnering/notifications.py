"""What services call to tell participants: queued as tasks once the change is committed."""

from django.db import transaction


def agendas(event) -> None:
    from .models import Profile
    from .tasks import send_agenda

    ids = list(
        Profile.objects.active()
        .filter(event=event, meetings__isnull=False)
        .distinct()
        .values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: [send_agenda.enqueue(pk) for pk in ids])


def cancellation(meeting) -> None:
    from .tasks import send_cancellation

    ids = list(meeting.participants.values_list("pk", flat=True))
    transaction.on_commit(lambda: [send_cancellation.enqueue(meeting.pk, pk) for pk in ids])


def schedule_changes(changes: list[dict]) -> None:
    """One email per participant whose agenda a scheduler run changed, listing all its changes."""
    from .models import Meeting
    from .tasks import send_schedule_changes

    by_meeting = {c["meeting"]: c for c in changes}
    per_profile: dict[int, list[dict]] = {}
    through = Meeting.participants.through.objects.filter(meeting_id__in=by_meeting)
    for meeting_id, profile_id in through.order_by("profile_id", "meeting_id").values_list(
        "meeting_id", "profile_id"
    ):
        per_profile.setdefault(profile_id, []).append(by_meeting[meeting_id])
    if per_profile:
        transaction.on_commit(
            lambda: [send_schedule_changes.enqueue(pk, items) for pk, items in per_profile.items()]
        )
