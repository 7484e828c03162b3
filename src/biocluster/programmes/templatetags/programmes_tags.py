from django import template

register = template.Library()


@register.filter
def runs_programmes(user) -> bool:
    """`{% if user|runs_programmes %}`: entreprises staff and administrators."""
    return user.has_perm("programmes.manage_programmes")
