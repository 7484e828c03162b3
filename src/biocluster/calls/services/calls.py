"""Creating a call, its form, rubric and eligibility rules, and publishing it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from ..eligibility import clean_rules
from ..formdef.schema import DefinitionError, clean_definition
from ..kinds import get_kind
from ..models import Call, CallStatus
from ..rubric import clean_rubric

CALL_M2M = ("themes", "managers")
EDITABLE = {
    "kind",
    "collaborative",
    "title_en",
    "title_fr",
    "summary_en",
    "summary_fr",
    "description_en",
    "description_fr",
    "opens_at",
    "closes_at",
    "time_zone",
    "review_due_at",
    "budget_envelope",
    "reference_prefix",
    "source",
}


def _apply(call: Call, data: dict) -> dict:
    unknown = set(data) - EDITABLE - set(CALL_M2M) - {"form_definition", "rubric", "eligibility"}
    if unknown:
        raise ValidationError({name: [_("Not a field of a call.")] for name in sorted(unknown)})
    m2m = {name: data.pop(name) for name in CALL_M2M if name in data}
    if "kind" in data and get_kind(data["kind"]) is None:
        raise ValidationError({"kind": [_("Unknown kind of call.")]})
    if "form_definition" in data:
        data["form_definition"] = _definition(data["form_definition"])
    if "rubric" in data:
        data["rubric"] = _rubric(data["rubric"])
    if "eligibility" in data:
        data["eligibility"] = _rules(data["eligibility"])
    for name, value in data.items():
        setattr(call, name, value)
    for name in ("opens_at", "closes_at", "review_due_at"):
        value = getattr(call, name)
        if value is not None:
            # Deadlines count in whole seconds (see models.accepts_at).
            setattr(call, name, value.replace(microsecond=0))
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": [_("The call must close after it opens.")]})
    if call.review_due_at and call.closes_at and call.review_due_at <= call.closes_at:
        raise ValidationError({"review_due_at": [_("Reviews are due after the call closes.")]})
    call.full_clean()
    return m2m


def _definition(value) -> dict:
    try:
        return clean_definition(value)
    except DefinitionError as error:
        raise ValidationError({"form_definition": error.errors}) from error


def _rubric(value) -> dict:
    try:
        return clean_rubric(value)
    except ValueError as error:
        raise ValidationError({"rubric": list(error.args[0])}) from error


def _rules(value) -> list:
    try:
        return clean_rules(value)
    except ValueError as error:
        raise ValidationError({"eligibility": list(error.args[0])}) from error


@transaction.atomic
def create_call(*, actor, **data) -> Call:
    call = Call(status=CallStatus.DRAFT)
    m2m = _apply(call, dict(data))
    call.save()
    for name, values in m2m.items():
        getattr(call, name).set(values)
    if actor is not None and actor.is_authenticated and "managers" not in m2m:
        call.managers.add(actor)  # whoever creates a call runs it, unless told otherwise
    audit.record_create(actor=actor, obj=call, action="calls.call.created", m2m=CALL_M2M)
    return call


def _locked(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


@transaction.atomic
def update_call(*, actor, call: Call, **data) -> Call:
    call = _locked(call)
    before = audit.snapshot(call, CALL_M2M)
    if call.status == CallStatus.DECIDED:
        raise ValidationError(_("Decisions are published: the call can no longer change."))
    if call.status == CallStatus.PUBLISHED and call.proposals.exclude(status="draft").exists():
        # Applicants answered this form and rules: changing them now would be unfair.
        frozen = {"form_definition", "eligibility", "kind", "opens_at", "budget_envelope"} & set(data)
        frozen = {n for n in frozen if data[n] != getattr(call, n)}
        if frozen:
            raise ValidationError(
                {n: [_("Proposals were submitted: this can no longer change.")] for n in frozen}
            )
    m2m = _apply(call, dict(data))
    call.save()
    for name, values in m2m.items():
        getattr(call, name).set(values)
    audit.record_update(actor=actor, obj=call, action="calls.call.updated", before=before, m2m=CALL_M2M)
    return call


def set_form_definition(*, actor, call: Call, definition) -> Call:
    return update_call(actor=actor, call=call, form_definition=definition)


def set_rubric(*, actor, call: Call, rubric) -> Call:
    return update_call(actor=actor, call=call, rubric=rubric)


def set_eligibility(*, actor, call: Call, rules) -> Call:
    return update_call(actor=actor, call=call, eligibility=rules)


@transaction.atomic
def publish_call(*, actor, call: Call) -> Call:
    call = _locked(call)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("The call is already published."))
    problems = []
    if not call.form_definition.get("sections"):
        problems.append(_("The form has no section yet."))
    if not call.rubric.get("criteria"):
        problems.append(_("The rubric has no criterion yet."))
    if call.closes_at <= timezone.now():
        problems.append(_("The closing date is already past."))
    if problems:
        raise ValidationError(problems)
    before = audit.snapshot(call, CALL_M2M)
    call.status = CallStatus.PUBLISHED
    call.published_at = timezone.now()
    call.save(update_fields=["status", "published_at", "updated_at"])
    audit.record_update(actor=actor, obj=call, action="calls.call.published", before=before, m2m=CALL_M2M)
    return call
