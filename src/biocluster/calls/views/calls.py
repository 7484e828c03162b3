"""The calls as everyone sees them, and the staff's settings of a call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import require
from biocluster.core.forms import add_error

from .. import eligibility, services
from ..facts import applicant_facts
from ..forms import CallForm
from ..models import Call, Proposal
from .common import errors_of, visible_call


def call_list(request):
    calls = list(Call.objects.visible_to(request.user).order_by("-closes_at", "pk"))
    groups = {}
    for call in calls:
        groups.setdefault(call.phase(), []).append(call)
    return render(
        request,
        "calls/call_list.html",
        {
            "open_calls": groups.get("open", []),
            "upcoming_calls": groups.get("upcoming", []),
            "past_calls": groups.get("closed", []) + groups.get("decided", []),
            "draft_calls": groups.get("draft", []),
            "can_add": request.user.has_perm("calls.add_call"),
        },
    )


def call_detail(request, pk: int):
    call = visible_call(request, pk)
    user = request.user
    results = eligibility.evaluate(call.eligibility, applicant_facts(user)) if user.is_authenticated else []
    mine = Proposal.objects.owned_by(user).filter(call=call) if user.is_authenticated else []
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "results": results,
            "blocking": [eligibility.explained(r) for r in eligibility.unmet(results)],
            "mine": mine,
            "can_apply": user.has_perm("calls.apply_to_call", call),
            "runs": user.has_perm("calls.manage_call", call),
            "opens_at": call.local(call.opens_at),
            "closes_at": call.local(call.closes_at),
        },
    )


@login_required
def call_create(request):
    require(request.user, "calls.add_call")
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Call created as a draft. Now build its form."))
            return redirect("calls:call_form", pk=call.pk)
    return render(request, "calls/call_form.html", {"form": form})


@login_required
def call_edit(request, pk: int):
    call = visible_call(request, pk)
    require(request.user, "calls.manage_call", call)
    form = CallForm(request.POST or None, initial=CallForm.initial_for(call))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(actor=request.user, call=call, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("calls:call_detail", pk=pk)
    return render(request, "calls/call_form.html", {"form": form, "call": call})


@login_required
@require_POST
def call_publish(request, pk: int):
    call = visible_call(request, pk)
    require(request.user, "calls.manage_call", call)
    try:
        services.publish_call(actor=request.user, call=call)
    except ValidationError as error:
        for message in errors_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The call is published."))
    return redirect("calls:call_detail", pk=pk)
