"""Template filters over core.formatting: `{{ amount|money }}`, `{{ when|moment }}`, ..."""

from datetime import datetime

from django import template

from biocluster.core import formatting

register = template.Library()


@register.filter
def money(amount, currency="EUR"):
    return formatting.money(amount, currency or "EUR")


@register.filter
def money_cents(amount, currency="EUR"):
    return formatting.money(amount, currency or "EUR", cents=True)


@register.filter
def country(code):
    return formatting.country(code)


@register.filter
def number(value, decimals=None):
    return formatting.number(value, decimals=None if decimals in (None, "") else int(decimals))


@register.filter
def percent(ratio, decimals=0):
    return formatting.percent(ratio, decimals=int(decimals))


# Date filters take the value as the template's {% localtime %} setting gives it, as Django's
# `date` filter does: an agenda shown in its venue's time zone stays in it.
@register.filter(expects_localtime=True)
def day(value, options=""):
    return formatting.day(value, weekday="weekday" in options, year="noyear" not in options, convert=False)


@register.filter(expects_localtime=True)
def month(value):
    return formatting.month(value, convert=False)


@register.filter(expects_localtime=True)
def clock(value):
    return formatting.clock(value, convert=False)


@register.filter(expects_localtime=True)
def moment(value, options=""):
    return formatting.moment(value, weekday="weekday" in options, convert=False)


@register.filter(expects_localtime=True)
def day_or_moment(value):
    """A deadline as it was given: a date as a day, a date and time as a moment."""
    if isinstance(value, datetime):
        return formatting.moment(value, convert=False)
    return formatting.day(value, convert=False)
