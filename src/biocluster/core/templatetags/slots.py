"""``{% slot "name" obj %}``: the sections other areas registered for a named slot of the page
(core.registry.add_slot_section), so that the page includes no other area's template."""

from django import template
from django.utils.safestring import mark_safe

from biocluster.core import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str, obj):
    request = context.get("request")
    if request is None:
        return ""
    # Providers return safe HTML (rendered templates), as the organisation page's sections do.
    return mark_safe("".join(registry.slot_sections(name, request, obj)))
