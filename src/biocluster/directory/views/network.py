"""The network of the ecosystem: a page with an interactive graph, and its data as JSON.

Both take the directory's filters as query-string parameters (kind, field,
stage, campus, q), and `focus`, `depth` and `isolated_page` (see `ViewForm`).
The page renders every panel on the server, so that it works without
JavaScript; the script only draws the graph and, when the filters or the focus
change, asks `network.json?...&fragments=1` for the data and the panels again.
"""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from biocluster.core.api_types import MAX_ID

from .. import caching
from ..filters import OrganisationFilter
from ..models import Campus, Organisation, OrganisationKind, TechnologyField
from ..network import ISOLATED_PER_PAGE, MAX_DEPTH, Focus, build_network

TEMPLATE = "directory/network.html"
FRAGMENTS = ("overview", "panels")
NEIGHBOURS_IN_TABLE = 10


class ViewForm(forms.Form):
    """What the graph shows of the filtered organisations, and which page of isolated actors."""

    focus = forms.IntegerField(label=_("Focus on"), required=False, min_value=1, max_value=MAX_ID)
    depth = forms.TypedChoiceField(
        label=_("Depth"),
        required=False,
        coerce=int,
        empty_value=1,
        choices=[(d, str(d)) for d in range(1, MAX_DEPTH + 1)],
    )
    isolated_page = forms.IntegerField(required=False, min_value=1, max_value=100_000)


def network_for(user, query):
    """The filters, the view's options and the network's data for `query` (a QueryDict), as `user`
    sees them; the data shared with everyone of the same audience until the next change."""
    base = Organisation.objects.visible_to(user)
    filterset = OrganisationFilter(query, queryset=base)
    view = ViewForm(query)
    valid = filterset.is_valid() & view.is_valid()
    organisations = filterset.qs if valid else base.none()
    options = view.cleaned_data if valid else {}
    focus = Focus(options["focus"], options["depth"]) if options.get("focus") else None
    page = options.get("isolated_page") or 1

    def compute():
        try:
            return build_network(
                organisations,
                user,
                focus=focus,
                isolated_offset=(page - 1) * ISOLATED_PER_PAGE,
                isolated_limit=ISOLATED_PER_PAGE,
            )
        except Http404:
            # A focus outside the view (filtered out, or not visible): the overview, and say so.
            return {**build_network(organisations, user), "focus_missing": True}

    # The page and its JSON (`fragments=1` adds the panels, drawn from the same data) share it.
    shared = query.copy()
    shared.pop("fragments", None)
    data = caching.cached_for(user, "network", shared.urlencode(), compute)
    return filterset, view, data


def _table(data: dict) -> list[dict]:
    """The text alternative to the graph: each organisation shown, its links and who it is linked with."""
    names = {node["id"]: node["name"] for node in data["nodes"]}
    neighbours: dict[int, list[str]] = {pk: [] for pk in names}
    for edge in data["edges"]:
        neighbours[edge["source"]].append(names[edge["target"]])
        neighbours[edge["target"]].append(names[edge["source"]])
    rows = []
    for node in data["nodes"]:
        others = sorted(set(neighbours[node["id"]]), key=str.casefold)
        rows.append(
            {
                **node,
                "neighbours": others[:NEIGHBOURS_IN_TABLE],
                "more": max(0, len(others) - NEIGHBOURS_IN_TABLE),
            }
        )
    return rows


def _isolated_pages(request, data: dict):
    """The paginator's page of isolated actors, for the panel's links (the list itself is in `data`)."""
    paginator = Paginator(range(data["isolated_total"]), ISOLATED_PER_PAGE, allow_empty_first_page=True)
    number = data["isolated_offset"] // ISOLATED_PER_PAGE + 1
    page = paginator.get_page(number)
    return page, _without(request, "isolated_page", "fragments")


def _without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _context(request, filterset, view, data: dict) -> dict:
    isolated_page, isolated_query = _isolated_pages(request, data)
    return {
        "filterset": filterset,
        "view_form": view,
        "data": data,
        "isolated_page": isolated_page,
        "isolated_query": isolated_query,
        "isolated_start": data["isolated_offset"] + 1,
        "isolated_end": data["isolated_offset"] + len(data["isolated"]),
        "overview_query": _without(request, "focus", "depth", "isolated_page", "fragments"),
        "rows": _table(data),
        "coverage_max": max([stage["count"] for stage in data["stages"]] + [1]),
        "kinds": OrganisationKind.choices,
        "fields": TechnologyField.objects.get_tree().only("code", "name_en", "name_fr", "depth", "path"),
        "campuses": Campus.objects.only("pk", "name"),
        "selected": {
            "q": request.GET.get("q", ""),
            "kind": request.GET.getlist("kind"),
            "field": request.GET.get("field", ""),
            "stage": request.GET.get("stage", ""),
            "campus": request.GET.get("campus", ""),
            "focus": request.GET.get("focus", "") if data.get("focus") else "",
            "depth": request.GET.get("depth", "1"),
        },
    }


def network(request):
    filterset, view, data = network_for(request.user, request.GET)
    return render(request, TEMPLATE, _context(request, filterset, view, data))


def network_data(request):
    """The network as JSON; with `fragments=1`, also the page's panels as HTML for the script."""
    filterset, view, data = network_for(request.user, request.GET)
    status = 200
    errors = {**filterset.errors, **view.errors}
    if errors:
        status = 400
        data = {**data, "errors": {name: [str(m) for m in messages] for name, messages in errors.items()}}
    if request.GET.get("fragments") == "1":
        context = _context(request, filterset, view, data)
        data = {**data}
        data["fragments"] = {
            name: render_to_string(f"{TEMPLATE}#{name}", context, request) for name in FRAGMENTS
        }
    return JsonResponse(data, status=status)
