"""The suggestions recommendations put on other areas' pages, through core.registry's slots.

Each provider answers "" to a user who may not see them; the section itself is loaded by htmx
from this app's pages (a link without JavaScript), so the host page costs nothing more to draw.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _may_see(user, organisation) -> bool:
    return (
        organisation is not None
        and user.is_authenticated
        and user.has_perm("recommendations.view_suggestions", organisation)
    )


def participant(request, profile) -> str:
    """A partnering participant's event page: "Suggested for you" among the event's participants."""
    if profile is None:
        return ""
    return render_to_string("recommendations/_participant_slot.html", {"profile": profile}, request)


def _organisation_slot(request, organisation, *, heading: str, help_text: str, query: dict) -> str:
    return render_to_string(
        "recommendations/_organisation_slot.html",
        {
            "organisation": organisation,
            "heading": heading,
            "help_text": help_text,
            "query": urlencode(query),
        },
        request,
    )


def soft_landing(request, case) -> str:
    """A soft-landing case: the local organisations the arriving company should meet first."""
    organisation = case.organisation
    if organisation is None:
        if not request.user.has_perm("recommendations.view_network_suggestions"):
            return ""
        return render_to_string("recommendations/_not_in_directory.html", {}, request)
    if not _may_see(request.user, organisation):
        return ""
    country = settings.RECOMMENDATIONS_LOCAL_COUNTRY
    return _organisation_slot(
        request,
        organisation,
        heading=_("Local partners to meet"),
        help_text=_(
            "Organisations of the directory in %(country)s the arriving company could work with, and why."
        )
        % {"country": country},
        query={"country": country},
    )


def proposal(request, proposal) -> str:
    """A proposal to a call for collaborative projects: consortium partners for the organisation that
    applies (nothing on the proposals of other calls)."""
    if not proposal.call.collaborative:
        return ""
    organisation = proposal.organisation
    if not _may_see(request.user, organisation):
        return ""
    return _organisation_slot(
        request,
        organisation,
        heading=_("Consortium partners"),
        help_text=_("Organisations of the directory that could join this project's consortium, and why."),
        query={},
    )
