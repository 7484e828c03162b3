"""Partnering's indicators: meetings placed and held (core/indicators.py)."""

from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind

from .models import Attendance, Meeting, MeetingStatus


def _meetings(rows, period, by):
    source = ind.Source(
        "partnering.meeting",
        ind.within(rows, "event__starts_at", period, moment=True),
        label="event__title_en",
        date="event__starts_at",
        url=("partnering:meeting", "pk"),
        organisation="event__organiser",
    )
    return ind.measure(source, by)


def placed(period, by=None):
    rows = Meeting.objects.filter(status=MeetingStatus.CONFIRMED, slot__isnull=False)
    return _meetings(rows, period, by)


def held(period, by=None):
    return _meetings(Meeting.objects.filter(attendance=Attendance.HELD), period, by)


def register() -> None:
    ind.register(
        ind.Indicator(
            code="partnering.meetings_placed",
            name=_("Partnering meetings placed"),
            definition=_("Confirmed meetings given a time and place, at the events of the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR,),
            compute=placed,
            order=70,
        )
    )
    ind.register(
        ind.Indicator(
            code="partnering.meetings_held",
            name=_("Partnering meetings held"),
            definition=_("Meetings recorded as held, at the events of the year."),
            unit=ind.COUNT,
            period_kind=ind.YEAR,
            breakdowns=(ind.BY_YEAR,),
            compute=held,
            order=71,
        )
    )
