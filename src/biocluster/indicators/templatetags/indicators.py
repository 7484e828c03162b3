"""`value|in_unit:unit`: an indicator's value written in its unit, in the active language."""

from django import template
from django.utils.translation import gettext as _

from biocluster.core import formatting
from biocluster.core import indicators as ind

register = template.Library()


@register.filter
def in_unit(value, unit: str) -> str:
    if value is None or value == "":
        return "—"
    if unit == ind.EUR:
        return formatting.money(value)
    if unit == ind.PERCENT:
        return formatting.percent(value, decimals=1)
    shown = formatting.number(value)
    if unit == ind.HOURS:
        return _("%(number)s h") % {"number": shown}
    if unit == ind.M2:
        return _("%(number)s m²") % {"number": shown}
    if unit == ind.DAYS:
        return _("%(number)s days") % {"number": shown}
    if unit == ind.YEARS:
        return _("%(number)s years") % {"number": shown}
    return shown


@register.filter
def period_label(kind: str) -> str:
    return str(ind.PERIOD_KINDS.get(kind, kind))


@register.filter
def provenance_label(provenance: str) -> str:
    return str(ind.PROVENANCES.get(provenance, provenance))


@register.filter
def breakdown_label(by: str) -> str:
    return str(ind.BREAKDOWNS.get(by, by))
