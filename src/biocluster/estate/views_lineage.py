"""Dividing and combining a unit, from its page (staff); the page shows its lineage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require

from . import lineage
from .forms_lineage import CombineForm, DivideForm
from .models import Unit


def unit_context(request, unit: Unit) -> dict:
    """What the unit's page adds: its lineage, and for staff the forms."""
    context = {"lineage": lineage.lineage_of(unit)}
    if request.user.has_perm("estate.manage_estate"):
        context |= {
            "divide_form": DivideForm(prefix="divide"),
            "combine_form": CombineForm(prefix="combine", unit=unit),
        }
    return context


def _refused(request, error: ValidationError | dict) -> None:
    if isinstance(error, ValidationError):
        text = " ".join(error.messages)
    else:
        text = " ".join(str(m) for errors in error.values() for m in errors)
    messages.error(request, text)


@login_required
@require_POST
def unit_divide(request, pk: int):
    unit = get_visible_or_404(Unit.objects.select_related("building", "floor"), request.user, pk=pk)
    require(request.user, "estate.manage_estate", unit)
    form = DivideForm(request.POST, prefix="divide")
    if not form.is_valid():
        _refused(request, form.errors)
        return redirect("estate:unit_detail", pk=unit.pk)
    try:
        result = lineage.divide_unit(actor=request.user, unit=unit, **form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("Divided into %(units)s.") % {"units": ", ".join(u.code for u in result.results.all())}
        )
    return redirect("estate:unit_detail", pk=unit.pk)


@login_required
@require_POST
def unit_combine(request, pk: int):
    unit = get_visible_or_404(Unit.objects.select_related("building", "floor"), request.user, pk=pk)
    require(request.user, "estate.manage_estate", unit)
    form = CombineForm(request.POST, prefix="combine", unit=unit)
    if not form.is_valid():
        _refused(request, form.errors)
        return redirect("estate:unit_detail", pk=unit.pk)
    data = form.cleaned_data
    try:
        result = lineage.combine_units(
            actor=request.user,
            units=[unit, *data["others"]],
            on=data["on"],
            code=data["code"],
            note=data["note"],
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("estate:unit_detail", pk=unit.pk)
    messages.success(request, _("Combined into %(unit)s.") % {"unit": result.results.get().code})
    return redirect("estate:unit_detail", pk=result.results.get().pk)
