"""`{% object_history obj %}`: an object's history as sentences, for those the rule
`audit.view_history` allows; nothing for the others."""

from django import template

from .. import display
from ..services import history

register = template.Library()


@register.inclusion_tag("audit/history.html", takes_context=True)
def object_history(context, obj, events=None, limit: int = 50):
    """`events` replaces the object's own trail where a page shows more (its children's too)."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    if obj is None or user is None or not user.has_perm("audit.view_history", obj):
        return {"shown": False}
    events = list(events if events is not None else history(obj)[:limit])
    return {
        "shown": True,
        "entries": [
            {"event": event, "sentence": display.sentence(event), "changes": display.changes(event)}
            for event in events
        ],
    }
