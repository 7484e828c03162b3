"""`value|frozen:unit`: a frozen value written in its unit (15, not 15.000000); `type|record_type`."""

from django import template
from django.apps import apps

from biocluster.publishing import report

register = template.Library()


@register.filter
def frozen(value, unit: str) -> str:
    return report.shown(value, unit)


@register.filter
def frozen_note(value) -> str:
    """A frozen value's provenance when not computed, and its survey's response rate."""
    return report.note(value)


@register.filter
def record_type(type_: str) -> str:
    """ "programmes.milestone" as people read it: "milestone" (its model's name, translated)."""
    try:
        return str(apps.get_model(type_)._meta.verbose_name)
    except (LookupError, ValueError):
        return type_
