"""The network of the ecosystem: a page with an interactive graph, and its data as JSON.

Both take the directory's filters as query-string parameters (kind, field,
stage, campus, q). The page renders every panel on the server, so that it
works without JavaScript; the script only draws the graph and, when the filters
change, asks `network.json?...&fragments=1` for the data and the panels again.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from .. import caching
from ..filters import OrganisationFilter
from ..models import Campus, Organisation, OrganisationKind, TechnologyField
from ..network import build_network

TEMPLATE = "directory/network.html"
FRAGMENTS = ("overview", "panels")
NEIGHBOURS_IN_TABLE = 10


def _network(request):
    base = Organisation.objects.visible_to(request.user)
    filterset = OrganisationFilter(request.GET, queryset=base)
    organisations = filterset.qs if filterset.is_valid() else base.none()
    data = caching.cached_for(
        request.user, "network", request.GET.urlencode(), lambda: build_network(organisations, request.user)
    )
    return filterset, data


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


def _context(request, filterset, data: dict) -> dict:
    return {
        "filterset": filterset,
        "data": data,
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
        },
    }


def network(request):
    filterset, data = _network(request)
    return render(request, TEMPLATE, _context(request, filterset, data))


def network_data(request):
    """The network as JSON; with `fragments=1`, also the page's panels as HTML for the script."""
    filterset, data = _network(request)
    status = 200
    if filterset.errors:
        status = 400
        data["errors"] = {name: [str(m) for m in messages] for name, messages in filterset.errors.items()}
    if request.GET.get("fragments") == "1":
        context = _context(request, filterset, data)
        data["fragments"] = {
            name: render_to_string(f"{TEMPLATE}#{name}", context, request) for name in FRAGMENTS
        }
    return JsonResponse(data, status=status)
