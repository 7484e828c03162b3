from django import template

from ..querysets import is_programmes_staff

register = template.Library()


@register.filter
def runs_programmes(user) -> bool:
    """`{% if user|runs_programmes %}`: entreprises staff and administrators."""
    return is_programmes_staff(user)
