"""The move-in and move-out checklists of an agreement (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error

from . import moves
from .forms_flow import MoveForm
from .models import Agreement, MoveKind, Unit


@login_required
def agreement_move(request, pk: int, kind: str):
    if kind not in MoveKind.values:
        raise Http404
    agreement = get_visible_or_404(Agreement.objects.select_related("organisation"), request.user, pk=pk)
    require(request.user, "estate.record_move", agreement)
    leaving = kind == MoveKind.OUT
    units = Unit.objects.filter(lines__agreement=agreement).order_by("code")
    day = (
        agreement.last_day if leaving else max(agreement.start, min(timezone.localdate(), agreement.last_day))
    )
    form = MoveForm(request.POST or None, units=units, leaving=leaving, initial={"on": day})
    if request.method == "POST" and form.is_valid():
        record = moves.record_move_out if leaving else moves.record_move_in
        try:
            record(actor=request.user, agreement=agreement, **form.values())
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Move-out recorded.") if leaving else _("Move-in recorded."))
            return redirect("estate:agreement_detail", pk=agreement.pk)
    return render(
        request, "estate/move_form.html", {"form": form, "agreement": agreement, "leaving": leaving}
    )
