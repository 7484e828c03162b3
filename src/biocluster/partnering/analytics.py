"""Figures of an event's partnering: requested, accepted, scheduled, held, no-show rate,
overall and by participant kind, and the last scheduler run against its upper bound.

By kind, a request counts for its sender's kind, and a meeting for the kind of each of
its participants (a meeting between an investor and a cluster company counts once in
each row, so rows do not add up to the total).
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import (
    Attendance,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    ParticipantKind,
    RunStatus,
    ScheduleRun,
)


@dataclass
class Row:
    key: str
    label: str
    participants: int = 0
    requested: int = 0
    accepted: int = 0
    scheduled: int = 0
    held: int = 0
    no_show: int = 0

    @property
    def no_show_rate(self) -> float | None:
        recorded = self.held + self.no_show
        return round(self.no_show / recorded, 4) if recorded else None

    @property
    def acceptance_rate(self) -> float | None:
        return round(self.accepted / self.requested, 4) if self.requested else None

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "participants": self.participants,
            "requested": self.requested,
            "accepted": self.accepted,
            "scheduled": self.scheduled,
            "held": self.held,
            "no_show": self.no_show,
            "no_show_rate": self.no_show_rate,
        }


@dataclass
class Report:
    totals: Row
    by_kind: list[Row] = field(default_factory=list)
    last_run: ScheduleRun | None = None
    priority_placed: int = 0
    priority_bound: int = 0


def report(event) -> Report:
    kinds = {key: Row(key, str(label)) for key, label in ParticipantKind.choices}
    totals = Row("total", "")
    for kind, count in (
        event.partnering_profiles.filter(registration__status="confirmed")
        .values_list("kind")
        .annotate(n=Count("pk"))
    ):
        kinds[kind].participants = count
        totals.participants += count
    # Accepted = ever accepted: an accepted request made a meeting, even if it was cancelled later.
    requests = MeetingRequest.objects.filter(event=event).values_list("sender__kind", "meeting")
    for kind, meeting_id in requests:
        kinds[kind].requested += 1
        totals.requested += 1
        if meeting_id is not None:
            kinds[kind].accepted += 1
            totals.accepted += 1
    meetings = Meeting.objects.filter(
        event=event, status=MeetingStatus.CONFIRMED, slot__isnull=False
    ).prefetch_related("participants")
    for meeting in meetings:
        rows = [totals] + [kinds[k] for k in {p.kind for p in meeting.participants.all()}]
        for row in rows:
            row.scheduled += 1
            row.held += meeting.attendance == Attendance.HELD
            row.no_show += meeting.attendance == Attendance.NO_SHOW
    last = (
        ScheduleRun.objects.filter(event=event, status=RunStatus.DONE).order_by("-finished_at", "-pk").first()
    )
    return Report(
        totals=totals,
        by_kind=[row for row in kinds.values() if row.participants or row.requested],
        last_run=last,
        priority_placed=last.objective if last else 0,
        priority_bound=last.upper_bound if last else 0,
    )


def funnel(totals: Row) -> list[Row]:
    """Requested → accepted → scheduled → held, as rows for one chart."""
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    return [
        Row("requested", pgettext("count of meeting requests", "Requested"), requested=totals.requested),
        Row("accepted", _("Accepted"), requested=totals.accepted),
        Row("scheduled", _("Scheduled"), requested=totals.scheduled),
        Row("held", _("Held"), requested=totals.held),
        Row("no_show", _("No-show"), requested=totals.no_show),
    ]
