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
