from django import template

from biocluster.partnering import querysets

register = template.Library()


@register.filter
def has_profile_at(user, event) -> bool:
    """Whether `user` takes part in `event`'s partnering: "My agenda" leads somewhere only then
    (an organiser without a profile would land on a page that does not exist)."""
    return querysets.own_profile_at(user, event) is not None
