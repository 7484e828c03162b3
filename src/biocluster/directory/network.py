"""The network of the ecosystem: organisations, their links, and what the graph says.

COBIOE asks a cluster to identify the actors of its value chain, draw them as a
network, connect the isolated ones and show where the chain has no actor.
`build_network` turns a (filtered) queryset of organisations into the data that
the page, its JSON endpoint and the API share:

- nodes and edges, capped at `MAX_NODES` organisations (by degree, then name);
- isolated actors (no link in the filtered graph), each with up to three
  suggested connections: organisations of the largest connected group that share
  its technology fields or value-chain stages;
- connected groups, degree, betweenness centrality (exact, sampled, or skipped
  for large graphs) and bridges (organisations whose removal splits a group);
- coverage of the value chain: actors per stage and the stages with none.

Visibility: the queryset is already what the user may see (`visible_to`), so a
link between two of its organisations has both ends visible. A link is shown
when both of its organisations publish their links, or when the user may change
either of them (cluster staff may change all). Technology fields and stages of
an organisation are used for suggestions only when it publishes them, or when
the user may change it.

The number of queries does not depend on the number of organisations.
"""

import heapq
import json
from collections import Counter, defaultdict
from functools import cache

import networkx as nx
from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast
from django.urls import reverse

from biocluster.accounts.roles import roles_of

from .models import (
    LinkKind,
    Organisation,
    OrganisationKind,
    OrganisationLink,
    PublicField,
    TechnologyField,
    ValueChainStage,
)
from .querysets import administered_organisation_ids_of

MAX_NODES = 1_500
MAX_ISOLATED = 200
MAX_BRIDGES = 50
MAX_SUGGESTIONS = 3
# Suggestions are looked for among this many best-connected organisations of the largest group.
CANDIDATE_POOL = 500
# Betweenness costs about nodes x (nodes + edges) steps exactly, samples x (nodes + edges)
# approximately; this many steps take about half a second.
BETWEENNESS_BUDGET = 400_000
MIN_SAMPLES = 20

KIND_LABELS = dict(OrganisationKind.choices)
LINK_LABELS = dict(LinkKind.choices)


class _Viewer:
    """What `user` may see of links and classification, as `directory.change_organisation` says."""

    def __init__(self, user):
        self.everything = roles_of(user).is_cluster_staff
        self.administered = frozenset() if self.everything else administered_organisation_ids_of(user)

    def may_change(self, pk: int) -> bool:
        return self.everything or pk in self.administered

    def sees(self, pk: int, public_fields, field: str) -> bool:
        return self.may_change(pk) or field in public_fields


def _public_fields(text: str | None) -> frozenset[str]:
    """`public_fields` read as text: most organisations share a few values, so each is parsed once."""
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return frozenset()
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def _betweenness(graph: nx.Graph) -> tuple[dict[int, float], str]:
    """Betweenness of the organisations that have links, within the budget; and how it was computed."""
    nodes = graph.number_of_nodes()
    size = nodes + graph.number_of_edges()
    if nodes * size <= BETWEENNESS_BUDGET:
        return nx.betweenness_centrality(graph), "exact"
    samples = BETWEENNESS_BUDGET // size
    if samples >= MIN_SAMPLES:
        return nx.betweenness_centrality(graph, k=samples, seed=0), "approximate"
    return {}, "skipped"


def _field_tree() -> tuple[dict[int, TechnologyField], dict[int, frozenset[int]]]:
    """Every technology field, and for each the field with its ancestors."""
    fields = {f.pk: f for f in TechnologyField.objects.only("pk", "path", "depth", "name_en", "name_fr")}
    by_path = {f.path: f.pk for f in fields.values()}
    step = TechnologyField.steplen
    lineage = {
        pk: frozenset(
            by_path[f.path[: step * d]] for d in range(1, f.depth + 1) if f.path[: step * d] in by_path
        )
        for pk, f in fields.items()
    }
    return fields, lineage


def _most_specific(shared: set[int], lineage: dict[int, frozenset[int]]) -> set[int]:
    """Drop the shared fields that are an ancestor of another shared field."""
    ancestors = {a for pk in shared for a in lineage.get(pk, ()) if a != pk}
    return shared - ancestors


def _suggestions(
    isolated: list[int],
    pool: list[int],
    info: dict,
    names: dict,
    degree,
    viewer: _Viewer,
    stages: dict[int, ValueChainStage],
) -> dict[int, list[dict]]:
    """Up to `MAX_SUGGESTIONS` organisations of `pool` for each isolated actor.

    Score: two points per shared technology field (a field counts with its
    ancestors, so the same field weighs more than the same area), one per shared
    value-chain stage; ties go to the better-connected organisation.
    """
    wanted = set(isolated) | set(pool)
    if not isolated or not pool:
        return {}
    fields, lineage = _field_tree()
    field_sets: dict[int, set[int]] = defaultdict(set)
    rows = Organisation.technology_fields.through.objects.filter(organisation_id__in=wanted).values_list(
        "organisation_id", "technologyfield_id"
    )
    for pk, field_id in rows:
        if viewer.sees(pk, info[pk][2], PublicField.TECHNOLOGY_FIELDS):
            field_sets[pk] |= lineage.get(field_id, {field_id})
    stage_sets: dict[int, set[int]] = defaultdict(set)
    rows = Organisation.value_chain_stages.through.objects.filter(organisation_id__in=wanted).values_list(
        "organisation_id", "valuechainstage_id"
    )
    for pk, stage_id in rows:
        if viewer.sees(pk, info[pk][2], PublicField.VALUE_CHAIN_STAGES):
            stage_sets[pk].add(stage_id)

    by_field: dict[int, list[int]] = defaultdict(list)
    by_stage: dict[int, list[int]] = defaultdict(list)
    for pk in pool:
        for field_id in field_sets.get(pk, ()):
            by_field[field_id].append(pk)
        for stage_id in stage_sets.get(pk, ()):
            by_stage[stage_id].append(pk)

    suggestions = {}
    for pk in isolated:
        score: Counter[int] = Counter()
        for field_id in field_sets.get(pk, ()):
            for other in by_field.get(field_id, ()):
                score[other] += 2
        for stage_id in stage_sets.get(pk, ()):
            score.update(by_stage.get(stage_id, ()))
        best = heapq.nsmallest(
            MAX_SUGGESTIONS, score.items(), key=lambda item: (-item[1], -degree[item[0]], *names[item[0]])
        )
        suggestions[pk] = [
            {
                "id": other,
                "name": info[other][0],
                "kind": info[other][1],
                "url": reverse("directory:organisation_detail", args=[other]),
                "score": points,
                "shared_fields": sorted(
                    fields[f].name
                    for f in _most_specific(field_sets[pk] & field_sets[other], lineage)
                    if f in fields
                ),
                "shared_stages": [
                    stages[s].name
                    for s in sorted(stage_sets[pk] & stage_sets[other], key=lambda s: stages[s].position)
                ],
            }
            for other, points in best
        ]
    return suggestions


def _coverage(organisations: QuerySet) -> tuple[dict[int, ValueChainStage], list[dict]]:
    stages = {s.pk: s for s in ValueChainStage.objects.all()}
    counts = dict(
        Organisation.value_chain_stages.through.objects.filter(
            organisation_id__in=organisations.order_by().values("pk")
        )
        .values("valuechainstage_id")
        .annotate(n=Count("*"))
        .values_list("valuechainstage_id", "n")
    )
    rows = [
        {"code": s.code, "name": s.name, "count": counts.get(pk, 0)}
        for pk, s in sorted(stages.items(), key=lambda item: item[1].position)
    ]
    return stages, rows


def build_network(organisations: QuerySet, user, *, max_nodes: int = MAX_NODES) -> dict:
    """The network of `organisations` (already restricted to what `user` may see)."""
    viewer = _Viewer(user)
    ids = organisations.order_by().values("pk")
    parse = cache(_public_fields)
    info = {
        pk: (name, kind, parse(public_fields))
        for pk, name, kind, public_fields in organisations.order_by().values_list(
            "pk", "name", "kind", Cast("public_fields", TextField())
        )
    }
    # The graph holds the organisations that have a link; every other one is isolated.
    graph = nx.Graph()
    links = []
    link_count: Counter[int] = Counter()
    rows = (
        OrganisationLink.objects.filter(subject_id__in=ids, object_id__in=ids)
        .order_by("pk")
        .values_list("pk", "subject_id", "object_id", "kind", "project")
    )
    for pk, subject, object_, kind, project in rows:
        if subject not in info or object_ not in info:
            continue
        shown = (
            viewer.may_change(subject)
            or viewer.may_change(object_)
            or (PublicField.LINKS in info[subject][2] and PublicField.LINKS in info[object_][2])
        )
        if not shown:
            continue
        links.append((pk, subject, object_, kind, project))
        graph.add_edge(subject, object_)
        link_count[subject] += 1
        link_count[object_] += 1

    degree = Counter(dict(graph.degree))
    groups = sorted(nx.connected_components(graph), key=lambda g: (-len(g), min(g)))
    group_of = {pk: number for number, group in enumerate(groups) for pk in group}
    bridges = set(nx.articulation_points(graph))
    betweenness, method = _betweenness(graph)

    names = {pk: (name.casefold(), pk) for pk, (name, _kind, _fields) in info.items()}

    def rank(pk):
        return (-degree[pk], *names[pk])

    shown_ids = heapq.nsmallest(max_nodes, info, key=rank)
    shown_set = set(shown_ids)

    isolated_all = [pk for pk in info if pk not in graph]
    isolated = heapq.nsmallest(MAX_ISOLATED, isolated_all, key=names.__getitem__)
    pool = sorted(groups[0], key=rank)[:CANDIDATE_POOL] if groups else []
    stages, coverage = _coverage(organisations)
    suggestions = _suggestions(isolated, pool, info, names, degree, viewer, stages)

    def url(pk):
        return reverse("directory:organisation_detail", args=[pk])

    def score(pk):
        value = betweenness.get(pk)
        return None if value is None else round(value, 4)

    nodes = [
        {
            "id": pk,
            "name": info[pk][0],
            "kind": info[pk][1],
            "kind_label": str(KIND_LABELS.get(info[pk][1], info[pk][1])),
            "degree": degree[pk],
            "links": link_count[pk],
            "group": group_of.get(pk),
            "betweenness": score(pk),
            "bridge": pk in bridges,
            "isolated": pk not in graph,
            "url": url(pk),
        }
        for pk in shown_ids
    ]
    edges = [
        {
            "id": pk,
            "source": subject,
            "target": object_,
            "kind": kind,
            "kind_label": str(LINK_LABELS.get(kind, kind)),
            "project": project,
        }
        for pk, subject, object_, kind, project in links
        if subject in shown_set and object_ in shown_set
    ]
    kinds = Counter(node["kind"] for node in nodes)
    link_kinds = Counter(edge["kind"] for edge in edges)
    bridge_list = sorted(bridges, key=lambda pk: (-(betweenness.get(pk) or 0), *rank(pk)))
    return {
        "nodes": nodes,
        "edges": edges,
        "isolated": [
            {
                "id": pk,
                "name": info[pk][0],
                "kind": info[pk][1],
                "kind_label": str(KIND_LABELS.get(info[pk][1], info[pk][1])),
                "url": url(pk),
                "suggestions": suggestions.get(pk, []),
            }
            for pk in isolated
        ],
        "isolated_total": len(isolated_all),
        "bridges": [
            {
                "id": pk,
                "name": info[pk][0],
                "kind": info[pk][1],
                "url": url(pk),
                "degree": degree[pk],
                "betweenness": score(pk),
            }
            for pk in bridge_list[:MAX_BRIDGES]
        ],
        "bridges_total": len(bridges),
        "groups": len(groups),
        "largest_group": len(groups[0]) if groups else 0,
        "betweenness": method,
        "stages": coverage,
        "empty_stages": [stage["code"] for stage in coverage if not stage["count"]],
        "kinds": [
            {"kind": kind.value, "label": str(kind.label), "count": kinds[kind.value]}
            for kind in OrganisationKind
            if kinds[kind.value]
        ],
        "link_kinds": [
            {"kind": kind.value, "label": str(kind.label), "count": link_kinds[kind.value]}
            for kind in LinkKind
            if link_kinds[kind.value]
        ],
        "total": len(info),
        "links_total": len(links),
        "shown": len(nodes),
        "truncated": len(info) > max_nodes,
    }
