"""How the audit trail reads: sentences for people, not action codes and field names.

Each app says how its actions read in its `audit_log.py` (found when the audit app is
ready), with `register(action, sentence)`: `sentence` is a translatable text with the
placeholders `%(actor)s` and `%(object)s` (and `%(before_<field>)s` / `%(after_<field>)s`
for a changed field), or a function of the `AuditEvent` returning the text (or None to fall
back). Any other action reads from its last word (the verb: "created", "cancelled", ...)
and the model's verbose name; the changes list each field by its verbose name with the
labels of its choices. A test checks that every action the code records reads as a sentence.

Who may read an object's history is the rule `audit.view_history`; an app names the rule
that decides it for its models with `history_rule(Model, "app.permission")`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

Sentence = str | Callable[..., str | None]

_sentences: dict[str, Sentence] = {}
_history_rules: dict[type, str] = {}

# The last word of an action code, as a verb phrase of the sentence "<who> <verb> <what>".
VERBS = {
    "accepted": pgettext_lazy("audit", "accepted"),
    "added": pgettext_lazy("audit", "added"),
    "assigned": pgettext_lazy("audit", "assigned"),
    "availability_changed": pgettext_lazy("audit", "changed the availability of"),
    "back": pgettext_lazy("audit", "put back in service"),
    "cancelled": pgettext_lazy("audit", "cancelled"),
    "changed": pgettext_lazy("audit", "changed"),
    "checked_in": pgettext_lazy("audit", "checked in"),
    "checked_out": pgettext_lazy("audit", "checked out"),
    "confirmed": pgettext_lazy("audit", "confirmed"),
    "countered": pgettext_lazy("audit", "proposed another time for"),
    "counter_accepted": pgettext_lazy("audit", "accepted the other time proposed for"),
    "counter_declined": pgettext_lazy("audit", "declined the other time proposed for"),
    "created": pgettext_lazy("audit", "created"),
    "created_from_application": pgettext_lazy("audit", "created from an application"),
    "decided": pgettext_lazy("audit", "decided"),
    "declared": pgettext_lazy("audit", "declared"),
    "declined": pgettext_lazy("audit", "declined"),
    "deleted": pgettext_lazy("audit", "deleted"),
    "detached": pgettext_lazy("audit", "detached"),
    "down": pgettext_lazy("audit", "reported out of service"),
    "dropped_on_withdrawal": pgettext_lazy("audit", "dropped on withdrawal"),
    "ended": pgettext_lazy("audit", "ended"),
    "expired": pgettext_lazy("audit", "let expire"),
    "given": pgettext_lazy("audit", "gave"),
    "granted": pgettext_lazy("audit", "granted"),
    "hours_changed": pgettext_lazy("audit", "changed the opening hours of"),
    "imported": pgettext_lazy("audit", "imported"),
    "invoiced": pgettext_lazy("audit", "invoiced"),
    "issued": pgettext_lazy("audit", "issued"),
    "joined": pgettext_lazy("audit", "joined"),
    "left": pgettext_lazy("audit", "recorded the exit of"),
    "loaded": pgettext_lazy("audit", "loaded"),
    "lock_changed": pgettext_lazy("audit", "locked or unlocked"),
    "logged": pgettext_lazy("audit", "logged"),
    "merged": pgettext_lazy("audit", "merged a duplicate into"),
    "merged_away": pgettext_lazy("audit", "merged away"),
    "moved": pgettext_lazy("audit", "moved"),
    "overridden": pgettext_lazy("audit", "allowed going over the quota of"),
    "placed_by_hand": pgettext_lazy("audit", "placed by hand"),
    "promoted": pgettext_lazy("audit", "confirmed from the waiting list"),
    "published": pgettext_lazy("audit", "published"),
    "ran": pgettext_lazy("audit", "ran"),
    "recorded": pgettext_lazy("audit", "recorded"),
    "refused": pgettext_lazy("audit", "refused"),
    "released": pgettext_lazy("audit", "released"),
    "reminders_sent": pgettext_lazy("audit", "sent reminders for"),
    "removed": pgettext_lazy("audit", "removed"),
    "renewed": pgettext_lazy("audit", "renewed"),
    "replaced": pgettext_lazy("audit", "replaced"),
    "report_received": pgettext_lazy("audit", "received a report for"),
    "requested": pgettext_lazy("audit", "requested"),
    "resolved": pgettext_lazy("audit", "resolved"),
    "reviewed": pgettext_lazy("audit", "reviewed"),
    "revoked": pgettext_lazy("audit", "revoked"),
    "saved": pgettext_lazy("audit", "saved"),
    "scheduled": pgettext_lazy("audit", "scheduled"),
    "sent": pgettext_lazy("audit", "sent"),
    "shared": pgettext_lazy("audit", "shared"),
    "started": pgettext_lazy("audit", "started"),
    "status_changed": pgettext_lazy("audit", "changed the status of"),
    "submitted": pgettext_lazy("audit", "submitted"),
    "unshared": pgettext_lazy("audit", "stopped sharing"),
    "updated": pgettext_lazy("audit", "changed"),
    "use_recorded": pgettext_lazy("audit", "recorded the use of"),
    "waiting": pgettext_lazy("audit", "put on the waiting list"),
    "walk_in": pgettext_lazy("audit", "recorded a walk-in use of"),
    "withdrawn": pgettext_lazy("audit", "withdrew"),
}
UNKNOWN_ACTOR = gettext_lazy("The system")


def register(action: str, sentence: Sentence) -> None:
    """How `action` reads (see the module's docstring)."""
    _sentences[action] = sentence


def history_rule(model: type, permission: str) -> None:
    """The rule that decides who may read the history of `model`'s objects."""
    _history_rules[model] = permission


def rule_for_history(model: type) -> str | None:
    return _history_rules.get(model)


def discover() -> None:
    autodiscover_modules("audit_log")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def actor_name(event) -> str:
    actor = event.actor
    if actor is None:
        return str(UNKNOWN_ACTOR)
    return actor.get_full_name() or actor.email


def _field(event, name: str):
    model = event.content_type.model_class()
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def value_text(field, value) -> str:
    """A stored value as people read it: a choice's label, yes/no, a list, a dash for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(value_text(field, item) for item in value)
    if isinstance(value, dict):  # a JSON field's value (a form answer, settings): shown as stored
        return ", ".join(f"{key}: {value_text(None, item)}" for key, item in value.items()) or "—"
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    return str(value)


def changes(event) -> list[Change]:
    """The fields that changed, each by its verbose name, with the values as people read them."""
    rows = []
    for name, pair in (event.changes or {}).items():
        field = _field(event, name)
        label = str(getattr(field, "verbose_name", "") or name.replace("_", " "))
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        rows.append(
            Change(label[:1].upper() + label[1:], value_text(field, before), value_text(field, after))
        )
    return rows


def _values(event) -> dict:
    values = {"actor": actor_name(event), "object": event.object_repr}
    for name, pair in (event.changes or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            field = _field(event, name)
            values[f"before_{name}"] = value_text(field, pair[0])
            values[f"after_{name}"] = value_text(field, pair[1])
    return values


def _fallback(event) -> str | None:
    verb = VERBS.get(event.action.rsplit(".", 1)[-1])
    if verb is None:
        return None
    model = event.content_type.model_class()
    kind = str(model._meta.verbose_name) if model is not None else ""
    return _("%(actor)s %(verb)s the %(kind)s “%(object)s”") % {
        "actor": actor_name(event),
        "verb": verb,
        "kind": kind,
        "object": event.object_repr,
    }


def sentence(event) -> str:
    """What happened, as a sentence in the active language."""
    registered = _sentences.get(event.action)
    text = None
    if callable(registered):
        text = registered(event)
    elif registered is not None:
        try:
            text = str(registered) % _values(event)
        except KeyError:  # a field the sentence names did not change this time
            text = None
    return (
        text
        or _fallback(event)
        or _("%(actor)s: %(action)s on “%(object)s”")
        % {
            "actor": actor_name(event),
            "action": event.action,
            "object": event.object_repr,
        }
    )


def reads_as_sentence(action: str) -> bool:
    """Whether `action` has a sentence of its own or a verb the fallback knows."""
    return action in _sentences or action.rsplit(".", 1)[-1] in VERBS
