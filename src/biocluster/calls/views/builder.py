"""The staff's builder of a call's form, rubric and eligibility rules: no code, only forms.

Every change is applied to a copy of the definition and validated as a whole by the
service; if the result is not a valid form, nothing is saved and the errors say why.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from biocluster.core.access import require

from .. import services
from ..formdef import editing
from ..forms import DefinitionJsonForm, EligibilityForm, FieldForm, RubricForm, SectionForm
from .common import errors_of, visible_call

ACTIONS = (
    "add_section",
    "add_field",
    "remove_field",
    "remove_section",
    "move_up",
    "move_down",
    "replace_json",
)


def _definition_after(action: str, request, call, forms_):
    definition = call.form_definition
    if action == "add_section":
        form = forms_["section"] = SectionForm(request.POST, prefix="section")
        return editing.add_section(definition, form.section()) if form.is_valid() else None
    if action == "add_field":
        form = forms_["field"] = FieldForm(request.POST, prefix="field", sections=definition["sections"])
        return (
            editing.add_field(definition, form.cleaned_data["section"], form.field())
            if form.is_valid()
            else None
        )
    if action == "replace_json":
        form = forms_["json"] = DefinitionJsonForm(request.POST, prefix="json")
        return form.cleaned_data["definition"] if form.is_valid() else None
    key = request.POST.get("key", "")[:40]
    if action == "remove_field":
        return editing.remove_field(definition, key)
    if action == "remove_section":
        return editing.remove_section(definition, key)
    return editing.move_field(definition, key, -1 if action == "move_up" else 1)


@login_required
def call_form(request, pk: int):
    call = visible_call(request, pk)
    require(request.user, "calls.manage_call", call)
    forms_ = {}
    problems: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            problems.append(_("Unknown action."))
        else:
            try:
                definition = _definition_after(action, request, call, forms_)
                if definition is not None:
                    services.set_form_definition(actor=request.user, call=call, definition=definition)
                    messages.success(request, _("The form is saved."))
                    return redirect("calls:call_form", pk=pk)
            except (editing.EditError, ValidationError) as error:
                problems += errors_of(error) if isinstance(error, ValidationError) else [str(error)]
    sections = call.form_definition.get("sections", [])
    return render(
        request,
        "calls/form_builder.html",
        {
            "call": call,
            "sections": sections,
            "problems": problems,
            "section_form": forms_.get("section") or SectionForm(prefix="section"),
            "field_form": forms_.get("field") or FieldForm(prefix="field", sections=sections),
            "json_form": forms_.get("json")
            or DefinitionJsonForm(
                prefix="json",
                initial={"definition": json.dumps(call.form_definition, indent=2, ensure_ascii=False)},
            ),
        },
    )


@login_required
def call_rubric(request, pk: int):
    call = visible_call(request, pk)
    require(request.user, "calls.manage_call", call)
    rubric = call.rubric
    initial = {
        "scale_min": rubric["scale"]["min"],
        "scale_max": rubric["scale"]["max"],
        "criteria": "\n".join(
            f"{c['key']} | {c['weight']} | {c['label_en']} | {c['label_fr']}" for c in rubric["criteria"]
        ),
    }
    form = RubricForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rubric(actor=request.user, call=call, rubric=form.rubric())
        except ValidationError as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, _("The rubric is saved."))
            return redirect("calls:call_detail", pk=pk)
    return render(
        request, "calls/simple_form.html", {"call": call, "form": form, "title": _("Scoring rubric")}
    )


@login_required
def call_eligibility(request, pk: int):
    call = visible_call(request, pk)
    require(request.user, "calls.manage_call", call)
    form = EligibilityForm(request.POST or None, initial=EligibilityForm.initial_for(call.eligibility))
    if request.method == "POST" and form.is_valid():
        try:
            services.set_eligibility(actor=request.user, call=call, rules=form.rules())
        except ValidationError as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, _("The eligibility rules are saved."))
            return redirect("calls:call_detail", pk=pk)
    return render(
        request, "calls/simple_form.html", {"call": call, "form": form, "title": _("Eligibility rules")}
    )
