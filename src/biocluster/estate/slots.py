"""The estate's sections in other areas' pages (`core.registry.add_slot_section`): a soft-landing
case shows the prospect's space requests to the staff who work them, and a link to ask."""

from django.template.loader import render_to_string

from .models import SpaceRequest


def soft_landing(request, case) -> str:
    if not request.user.has_perm("estate.manage_space_requests"):
        return ""
    rows = SpaceRequest.objects.filter(soft_landing=case).select_related("organisation", "agreement")
    return render_to_string(
        "estate/_soft_landing_requests.html",
        {"rows": rows.order_by("-created_at", "-id"), "case": case},
        request,
    )
