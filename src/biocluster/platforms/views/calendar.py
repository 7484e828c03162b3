"""Day and week calendars of an instrument and of a platform; htmx swaps the grid when navigating."""

from datetime import UTC, date, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from biocluster.core import frames
from biocluster.core.indicators import record_url

from .. import calendar, grid_html, timeutils
from ..rules import may_see_bookers, sees_bookers
from .common import platform_or_404, render_in


def _day(request, tz) -> date:
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = None
    return day if timeutils.plausible(day) else timezone.localtime(timezone.now(), tz).date()


def _view(request, default: str) -> str:
    return request.GET.get("view") if request.GET.get("view") in ("day", "week") else default


def _now_marker(days: list[date], tz, *, per_day: bool) -> dict | None:
    """Where "now" is, for the line drawn over today's column.

    `column` is today's index among the days (a calendar of one instrument) or None for every
    column (a day of all the platform's instruments); `minute` counts from local midnight.
    The clock is the server's (injected in tests); the script moves the line on from there.
    """
    now = timezone.localtime(timezone.now(), tz)
    if now.date() not in days:
        return None
    return {
        "day": now.date().isoformat(),
        "minute": now.hour * 60 + now.minute,
        "column": days.index(now.date()) if per_day else None,
    }


def _navigation(day: date, view: str) -> dict:
    """The calendar's links, their dates as ISO strings (platforms/_calendar_nav.html)."""
    step = timedelta(days=7 if view == "week" else 1)
    today = timezone.localdate()
    # On a phone the week is replaced by a link to one day: today if it is in the week.
    phone = today if view == "week" and today in calendar.week_days(day) else day
    return {
        "previous": (day - step).isoformat(),
        "next": (day + step).isoformat(),
        "today": today.isoformat(),
        "day": day.isoformat(),
        "phone": phone.isoformat(),
        "phone_label": grid_html.day_label(phone, weekday=True, year=False, language=get_language()),
    }


def _title(day: date, days: list[date], view: str) -> str:
    if view == "week":
        return _("Week of %(first)s – %(last)s") % {  # noqa: RUF001 - the en dash of a range
            "first": grid_html.day_label(days[0], weekday=False, year=False, language=get_language()),
            "last": grid_html.day_label(days[-1], weekday=False, year=True, language=get_language()),
        }
    return dateformat.format(day, "l j F Y")


def _span(request, view: str) -> tuple[date, date]:
    """The first and last days the page may show, known before the platform's time zone: the
    week (or day) asked for, else around today in every zone (today there is today, yesterday
    or tomorrow in UTC)."""
    try:
        day = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = None
    if timeutils.plausible(day):
        days = calendar.week_days(day) if view == "week" else [day]
        return days[0], days[-1]
    today = timezone.now().astimezone(UTC).date()
    before, after = today - timedelta(days=1), today + timedelta(days=1)
    if view == "week":
        return calendar.week_days(before)[0], calendar.week_days(after)[-1]
    return before, after


def instrument_calendar(request, pk: int):
    """The week (or day) of an instrument: everything it shows is read in one statement
    (`calendar.week_for_page`, issue 11); those who may not see its platform are told it
    does not exist."""
    view = _view(request, "week")
    week = calendar.week_for_page(pk, *_span(request, view), names=may_see_bookers(request.user))
    if week is None or not request.user.has_perm("platforms.view_platform", week.instrument.platform):
        raise Http404
    instrument = week.instrument
    platform = instrument.platform
    day = _day(request, platform.tz)
    days = calendar.week_days(day) if view == "week" else [day]
    can_book = request.user.has_perm("platforms.book_instrument", instrument)
    # Each route reversed once per process (`record_url`): four reversals cost 0.2 ms a page.
    book_url = record_url("platforms:booking_create", instrument.pk)
    with timezone.override(platform.tz):
        table = grid_html.week_table(
            week,
            days,
            user=request.user,
            sees_names=sees_bookers(request.user, platform),
            can_book=can_book,
            book_url=book_url,
        )
        now_marker = _now_marker(days, platform.tz, per_day=True)
        # What changes the page's structure; everything else is a value (see core/frames.py).
        shape = {"view": view, "is_down": instrument.is_down, "can_book": can_book, "now": bool(now_marker)}
        values = {
            "name": instrument.name,
            "platform_name": platform.name,
            "detail_url": record_url("platforms:instrument_detail", instrument.pk),
            "platform_url": record_url("platforms:platform_calendar", platform.pk),
            "book_url": book_url,
            "time_zone": platform.time_zone,
            "calendar_title": _title(day, days, view),
            "nav": _navigation(day, view),
            "table": table,
        }
        if now_marker:
            values["now_marker"] = now_marker
        template = "platforms/instrument_calendar.html"
        if request.htmx and request.htmx.target == "calendar":
            template += "#calendar"
        elif frames.shareable(request):
            return HttpResponse(frames.render_shared(request, template, shape=shape, values=values))
        return render(request, template, {**shape, **values})


def platform_calendar(request, pk: int):
    platform = platform_or_404(request, pk)
    day = _day(request, platform.tz)
    view = _view(request, "day")
    instruments = list(platform.instruments.filter(is_active=True))
    context = {
        "platform": platform,
        "day": day,
        "view": view,
        "instruments": instruments,
        "nav": _navigation(day, view),
    }
    sees = sees_bookers(request.user, platform)
    if instruments and view == "day":
        context["grid"] = calendar.build(instruments, [day], user=request.user, sees_names=sees)
        context["now_marker"] = _now_marker([day], platform.tz, per_day=False)
    elif instruments:
        days = calendar.week_days(day)
        context["days"] = days
        context["week"] = calendar.week_lists(instruments, days, user=request.user, sees_names=sees)
    template = "platforms/platform_calendar.html"
    if request.htmx and request.htmx.target == "calendar":
        template += "#calendar"
    return render_in(request, platform.tz, template, context)
