"""The network of the ecosystem: organisations, their links, and what the graph says.

COBIOE asks a cluster to identify the actors of its value chain, draw them as a
network, connect the isolated ones and show where the chain has no actor.
`build_network` turns a (filtered) queryset of organisations into the data that
the page, its JSON endpoint and the API share. A real directory holds far more
organisations than anyone can read as dots (16,600 once the EU's research
participants are imported, for a few hundred links), so the graph is never all
of them:

- the overview draws the cluster's own ecosystem one by one: organisations with
  a link, and those that matter to the cluster even without one (on a campus, in
  the value chain, with members on the platform), up to `MAX_NODES`, most
  relevant then best-connected first; every other organisation is counted in one
  aggregate node per kind, with the links that reach it;
- a focus draws the neighbourhood of one organisation (depth 1 or 2): at most
  `MAX_NEIGHBOURS` new neighbours per organisation and `MAX_FOCUS_NODES` in all,
  the others counted in an "N more" node attached to the organisation they hang
  from;
- isolated actors (no link in the filtered graph) are ranked by relevance to the
  cluster (on a campus, then in the value chain, then with members, then the
  others; by name within each) and paginated, each with its reasons and up to
  three suggested connections: organisations of the largest connected group
  that share its technology fields or value-chain stages;
- connected groups, degree, betweenness centrality (exact, sampled, or skipped
  for large graphs) and bridges (organisations whose removal splits a group);
- coverage of the value chain: actors per stage and the stages with none.

Visibility: the queryset is already what the user may see (`visible_to`), so a
link between two of its organisations has both ends visible. A link is shown
when both of its organisations publish their links, or when the user may change
either of them (cluster staff may change all). Technology fields, stages and
campus of an organisation are used (for suggestions and relevance) only when it
publishes them or the user may change it; whether it has members only when the
user may change it.

The number of queries does not depend on the number of organisations.
"""

import hashlib
import heapq
import itertools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    import networkx as nx

from biocluster.accounts.roles import roles_of

from . import caching
from .models import (
    Affiliation,
    LinkKind,
    Organisation,
    OrganisationKind,
    OrganisationLink,
    PublicField,
    TechnologyField,
    ValueChainStage,
)
from .querysets import administered_organisation_ids_of

MAX_NODES = 250
MAX_NEIGHBOURS = 15
MAX_FOCUS_NODES = 150
MAX_DEPTH = 2
ISOLATED_PER_PAGE = 25
MAX_BRIDGES = 50
MAX_SUGGESTIONS = 3
# Suggestions are looked for among this many best-connected organisations of the largest group.
CANDIDATE_POOL = 500
# Betweenness costs about nodes x (nodes + edges) steps exactly, samples x (nodes + edges)
# approximately; this many steps take about 50 ms.
BETWEENNESS_BUDGET = 60_000
MIN_SAMPLES = 20
# Beyond this many organisations, a query names them by a subquery rather than one parameter each.
MAX_LISTED_IDS = 900

KIND_LABELS = dict(OrganisationKind.choices)
LINK_LABELS = dict(LinkKind.choices)

# Why an organisation matters to the cluster, most relevant first.
CAMPUS, VALUE_CHAIN, MEMBER = "campus", "value_chain", "member"
REASONS = (CAMPUS, VALUE_CHAIN, MEMBER)
REASON_LABELS = {
    CAMPUS: _("on a campus"),
    VALUE_CHAIN: _("in the value chain"),
    MEMBER: _("members on the platform"),
}


class _Viewer:
    """What `user` may see of links and classification, as `directory.change_organisation` says."""

    def __init__(self, user):
        self.everything = roles_of(user).is_cluster_staff
        self.administered = frozenset() if self.everything else administered_organisation_ids_of(user)

    def may_change(self, pk: int) -> bool:
        return self.everything or pk in self.administered

    def sees(self, pk: int, public_fields, field: str) -> bool:
        return _shown(self.may_change(pk), public_fields, field)


def _shown(may_change: bool, public_fields, field: str) -> bool:
    """A field of an organisation is shown to whoever may change it, or when it is published."""
    return may_change or field in public_fields


def _public_fields(text: str | None) -> frozenset[str]:
    """`public_fields` read as text: most organisations share a few values, so each is parsed once."""
    try:
        value = json.loads(text) if text else []
    except ValueError:
        return frozenset()
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def _betweenness(graph: "nx.Graph") -> tuple[dict[int, float], str]:
    import networkx as nx  # heavy: imported on first use, by the network page only

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


def _reasons(on_campus: bool, staged: bool, with_members: bool, may_change: bool, published) -> tuple:
    """Why an organisation matters, of what the viewer may see (`_Viewer.sees`)."""
    return tuple(
        reason
        for reason, holds in (
            (CAMPUS, on_campus and _shown(may_change, published, PublicField.CAMPUS)),
            (VALUE_CHAIN, staged and _shown(may_change, published, PublicField.VALUE_CHAIN_STAGES)),
            (MEMBER, with_members and may_change),
        )
        if holds
    )


@dataclass(frozen=True)
class Focus:
    """Draw the neighbourhood of `organisation` up to `depth` links away instead of the overview."""

    organisation: int
    depth: int = 1


class _Graph:
    """The links the viewer may see among the organisations of the view, and what ranks them.

    Only the organisations that are drawn or listed are read one by one: those
    with a link, and the first rows of the organisations ordered by relevance
    (enough for the overview and the requested page of isolated actors). The
    others are only counted, per kind, in the database.
    """

    def __init__(self, organisations: QuerySet, user, *, wanted: int):
        viewer = self.viewer = _Viewer(user)
        self.organisations = organisations = organisations.order_by()
        self.parse = cache(_public_fields)
        ids = organisations.values("pk")
        import networkx as nx  # heavy: imported on first use, by the network page only

        self.graph = nx.Graph()
        self.link_count: Counter[int] = Counter()
        self.reasons_of: dict[tuple, tuple] = {}
        # The links first, alone (a join to their organisations makes the database walk every
        # organisation); then whether their ends publish links, for the viewers who need it.
        links = list(
            OrganisationLink.objects.filter(subject__in=ids, object__in=ids)
            .order_by("pk")
            .values_list("pk", "subject_id", "object_id", "kind", "project")
        )
        if viewer.everything:
            self.links = links
        else:
            published = self._published_fields({end for row in links for end in row[1:3]})
            # Sets, not a rule asked per end: 29,000 links cost 0.1 s that way (issue 11's crawl).
            shared = {pk for pk, fields in published.items() if PublicField.LINKS in fields}
            administered = viewer.administered
            self.links = [
                row
                for row in links
                if row[1] in administered or row[2] in administered or (row[1] in shared and row[2] in shared)
            ]
        self.graph.add_edges_from((subject, object_) for _pk, subject, object_, _kind, _project in self.links)
        self.link_count.update(end for row in self.links for end in row[1:3])
        self.degree = Counter(dict(self.graph.degree))

        # (name, kind, public fields, reasons): the first three as `_suggestions` reads them.
        self.info: dict[int, tuple] = {}
        if self.graph:
            if len(self.graph) <= MAX_LISTED_IDS:
                linked = organisations.filter(pk__in=list(self.graph))
            else:  # a superset (links the viewer may not see too), without a parameter per organisation
                linked = organisations.filter(
                    Q(pk__in=OrganisationLink.objects.values("subject_id"))
                    | Q(pk__in=OrganisationLink.objects.values("object_id"))
                )
            list(self._read(linked))
        # Enough rows by relevance to fill the overview and the page of isolated actors,
        # whichever of them are linked (already read): the relevant ones, then the others by
        # name (which the index on the name serves without sorting every organisation).
        limit = wanted + len(self.graph)
        relevant = Q(on_campus=True) | Q(in_value_chain=True) | Q(with_members=True)
        ranked = self._by_relevance()
        self.ranked = list(self._read(ranked.filter(self._maybe_relevant(), relevant)[:limit]))
        if len(self.ranked) < limit:
            others = ranked.exclude(relevant).order_by("name", "pk")
            self.ranked += self._read(others[: limit - len(self.ranked)])
        self.names = {pk: (row[0].casefold(), pk) for pk, row in self.info.items()}
        self.kind_counts = dict(organisations.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
        self.total = sum(self.kind_counts.values())

    def _published_fields(self, ids: set[int]) -> dict[int, frozenset[str]]:
        if self.viewer.everything or not ids:
            return defaultdict(frozenset)
        organisations = (
            Organisation.objects.filter(pk__in=list(ids))
            if len(ids) <= MAX_LISTED_IDS
            else Organisation.objects.all()
        )
        rows = organisations.values_list("pk", Cast("public_fields", TextField()))
        return defaultdict(frozenset, {pk: self.parse(text) for pk, text in rows})

    def _members(self) -> Exists | None:
        """A current member with a login: counted only where the viewer may change the organisation."""
        if not (self.viewer.everything or self.viewer.administered):
            return None
        return Exists(
            Affiliation.objects.current().filter(organisation_id=OuterRef("pk"), person__user__isnull=False)
        )

    def _maybe_relevant(self) -> Q:
        """A cheaper condition that every relevant organisation meets, for the database's indexes."""
        through = Organisation.value_chain_stages.through
        condition = Q(campus__isnull=False) | Q(pk__in=through.objects.values("organisation_id"))
        if self._members() is not None:
            with_login = Affiliation.objects.current().filter(person__user__isnull=False)
            condition |= Q(pk__in=with_login.values("organisation_id"))
        return condition

    def _published(self, field: str) -> Q:
        if self.viewer.everything:
            return Q()
        # The JSON list as text: `"campus"` is in it exactly when the field is published.
        shown = Q(published__contains=f'"{field}"')
        return shown | Q(pk__in=self.viewer.administered) if self.viewer.administered else shown

    def _by_relevance(self) -> QuerySet:
        """The organisations of the view, as `relevance` orders them (then by name), in the database."""
        through = Organisation.value_chain_stages.through
        members = self._members()
        qs = self.organisations.annotate(
            published=Cast("public_fields", TextField()),
            staged=Exists(through.objects.filter(organisation_id=OuterRef("pk"))),
        )
        qs = qs.annotate(
            on_campus=ExpressionWrapper(
                Q(campus__isnull=False) & self._published(PublicField.CAMPUS), output_field=BooleanField()
            ),
            in_value_chain=ExpressionWrapper(
                Q(staged=True) & self._published(PublicField.VALUE_CHAIN_STAGES), output_field=BooleanField()
            ),
            with_members=members if members is not None else Value(False),
        )
        return qs.order_by("-on_campus", "-in_value_chain", "-with_members", "name", "pk")

    def _read(self, organisations: QuerySet):
        """Read and keep what ranks these organisations; yields their ids in the queryset's order."""
        viewer = self.viewer
        members = self._members()
        through = Organisation.value_chain_stages.through
        rows = organisations.annotate(
            staged_=Exists(through.objects.filter(organisation_id=OuterRef("pk"))),
            members_=members if members is not None else Value(False),
        ).values_list(
            "pk", "name", "kind", Cast("public_fields", TextField()), "campus_id", "staged_", "members_"
        )
        known = self.reasons_of  # most organisations share one of a few answers
        for pk, name, kind, public_fields, campus_id, staged, with_members in rows:
            published = self.parse(public_fields)
            facts = (
                campus_id is not None,
                bool(staged),
                bool(with_members),
                viewer.may_change(pk),
                published,
            )
            reasons = known.get(facts)
            if reasons is None:
                reasons = known[facts] = _reasons(*facts)
            self.info[pk] = (name, kind, published, reasons)
            yield pk

    def read_one(self, pk: int) -> bool:
        if pk not in self.info:
            list(self._read(self.organisations.filter(pk=pk)))
            if pk in self.info:
                self.names[pk] = (self.info[pk][0].casefold(), pk)
        return pk in self.info

    def relevance(self, pk: int) -> tuple[bool, bool, bool]:
        """Sorts first what matters most to the cluster: on a campus, in the value chain, members."""
        reasons = self.info[pk][3]
        return tuple(reason not in reasons for reason in REASONS)

    def rank(self, pk: int):
        """Most relevant, then best-connected, then by name."""
        return (*self.relevance(pk), -self.degree[pk], *self.names[pk])

    def is_isolated(self, pk: int) -> bool:
        return pk not in self.graph


class _Labels:
    """Organisation addresses and kind labels, resolved once per network rather than once per node."""

    PLACEHOLDER = 987654321

    def __init__(self):
        self.template = reverse("directory:organisation_detail", args=[self.PLACEHOLDER])
        self.kinds = {kind: str(label) for kind, label in KIND_LABELS.items()}
        self.links = {kind: str(label) for kind, label in LINK_LABELS.items()}

    def url(self, pk: int) -> str:
        return self.template.replace(str(self.PLACEHOLDER), str(pk))

    def kind(self, kind: str) -> str:
        return self.kinds.get(kind, kind)


def _cached_betweenness(graph: "nx.Graph") -> tuple[dict[int, float], str]:
    """`_betweenness`, computed once per graph: it depends on the links only, not on who asks."""
    edges = hashlib.sha256(repr(sorted(tuple(sorted(edge)) for edge in graph.edges)).encode()).hexdigest()
    key = f"directory:network:betweenness:{BETWEENNESS_BUDGET}:{MIN_SAMPLES}:{edges[:40]}"
    # Also shared: the worker that warms the network up computes it for the web processes.
    return caching.kept(key, lambda: _betweenness(graph))


def _overview(net: _Graph, max_nodes: int) -> tuple[list[int], dict[int, str], list[dict]]:
    """The organisations drawn one by one, the aggregate each linked other one is in, and the aggregates."""
    if net.total <= max_nodes:  # all of them were read, and all can be drawn
        candidates = set(net.info)
    else:
        candidates = set(net.graph) | {pk for pk in net.ranked if net.info[pk][3]}
    shown = heapq.nsmallest(max_nodes, candidates, key=net.rank)
    shown_set = set(shown)
    aggregated = {pk: f"kind:{net.info[pk][1]}" for pk in net.graph if pk not in shown_set}
    drawn: Counter[str] = Counter(net.info[pk][1] for pk in shown)
    drawn_isolated: Counter[str] = Counter(net.info[pk][1] for pk in shown if net.is_isolated(pk))
    linked: Counter[str] = Counter(net.info[pk][1] for pk in net.graph)
    aggregates = []
    for kind in OrganisationKind:
        total = net.kind_counts.get(kind.value, 0)
        if total > drawn[kind.value]:
            aggregates.append(
                {
                    "id": f"kind:{kind.value}",
                    "kind": kind.value,
                    "label": str(kind.label),
                    "count": total - drawn[kind.value],
                    "isolated": total - linked[kind.value] - drawn_isolated[kind.value],
                    "of": None,
                }
            )
    return shown, aggregated, aggregates


def _neighbourhood(net: _Graph, focus: Focus) -> tuple[list[int], dict[int, str], list[dict]]:
    """The focus organisation and its neighbours, breadth first, capped; the rest as "N more" nodes."""
    shown = [focus.organisation]
    seen = {focus.organisation}
    frontier = [focus.organisation]
    more: dict[int, list[int]] = {}
    for _level in range(min(focus.depth, MAX_DEPTH)):
        next_frontier = []
        for pk in frontier:
            new = sorted((n for n in net.graph.adj.get(pk, ()) if n not in seen), key=net.rank)
            room = max(0, min(MAX_NEIGHBOURS, MAX_FOCUS_NODES - len(shown)))
            for neighbour in new[:room]:
                seen.add(neighbour)
                shown.append(neighbour)
                next_frontier.append(neighbour)
            if new[room:]:
                more[pk] = new[room:]
        frontier = next_frontier
    aggregated: dict[int, str] = {}
    aggregates = []
    for pk, hidden in more.items():
        key = f"more:{pk}"
        for other in hidden:
            aggregated.setdefault(other, key)
        aggregates.append(
            {
                "id": key,
                "kind": None,
                "label": ngettext("%(count)s more", "%(count)s more", len(hidden)) % {"count": len(hidden)},
                "count": len(hidden),
                "isolated": 0,
                "of": pk,
            }
        )
    return shown, aggregated, aggregates


def _aggregate_links(net: _Graph, shown: set[int], aggregated: dict[int, str]) -> list[dict]:
    """Links with an aggregated end, counted per pair of drawn ends (an organisation's id as text)."""
    counts: Counter[tuple[str, str]] = Counter()
    for _pk, subject, object_, _kind, _project in net.links:
        if subject in shown and object_ in shown:
            continue
        ends = []
        for end in (subject, object_):
            if end in shown:
                ends.append(str(end))
            elif end in aggregated:
                ends.append(aggregated[end])
        if len(ends) == 2 and ends[0] != ends[1]:
            counts[tuple(sorted(ends))] += 1
    return [{"source": a, "target": b, "count": n} for (a, b), n in sorted(counts.items())]


def _isolated_page(net: _Graph, offset: int, limit: int) -> list[int]:
    """A page of the isolated actors, by relevance then name (the database's order)."""
    isolated = (pk for pk in net.ranked if pk not in net.graph)
    return list(itertools.islice(isolated, offset, offset + limit))


def build_network(
    organisations: QuerySet,
    user,
    *,
    focus: Focus | None = None,
    max_nodes: int = MAX_NODES,
    isolated_offset: int = 0,
    isolated_limit: int = ISOLATED_PER_PAGE,
) -> dict:
    """The network of `organisations` (already restricted to what `user` may see).

    Raises `Http404` when `focus` names an organisation that is not among them.
    """
    import networkx as nx  # heavy: imported on first use, by the network page only

    net = _Graph(organisations, user, wanted=max(max_nodes, isolated_offset + isolated_limit))
    if focus is not None and not net.read_one(focus.organisation):
        raise Http404("This organisation is not in this view of the network.")
    info, graph, degree = net.info, net.graph, net.degree
    groups = sorted(nx.connected_components(graph), key=lambda g: (-len(g), min(g)))
    group_of = {pk: number for number, group in enumerate(groups) for pk in group}
    bridges = set(nx.articulation_points(graph))
    betweenness, method = _cached_betweenness(graph)
    labels = _Labels()

    if focus is None:
        shown_ids, aggregated, aggregates = _overview(net, max_nodes)
    else:
        shown_ids, aggregated, aggregates = _neighbourhood(net, focus)
    shown_set = set(shown_ids)

    isolated = _isolated_page(net, isolated_offset, isolated_limit)
    wanted = list(isolated)
    if focus is not None and net.is_isolated(focus.organisation):
        wanted.append(focus.organisation)
    pool = sorted(groups[0], key=lambda pk: (-degree[pk], *net.names[pk]))[:CANDIDATE_POOL] if groups else []
    stages, coverage = _coverage(organisations)
    suggestions = _suggestions(wanted, pool, info, net.names, degree, net.viewer, stages)

    def score(pk):
        value = betweenness.get(pk)
        return None if value is None else round(value, 4)

    def reasons(pk):
        return list(info[pk][3])

    nodes = [
        {
            "id": pk,
            "name": info[pk][0],
            "kind": info[pk][1],
            "kind_label": labels.kind(info[pk][1]),
            "degree": degree[pk],
            "links": net.link_count[pk],
            "group": group_of.get(pk),
            "betweenness": score(pk),
            "bridge": pk in bridges,
            "isolated": pk not in graph,
            "reasons": reasons(pk),
            "url": labels.url(pk),
        }
        for pk in shown_ids
    ]
    edges = [
        {
            "id": pk,
            "source": subject,
            "target": object_,
            "kind": kind,
            "kind_label": labels.links.get(kind, kind),
            "project": project,
        }
        for pk, subject, object_, kind, project in net.links
        if subject in shown_set and object_ in shown_set
    ]
    kinds = Counter(node["kind"] for node in nodes)
    link_kinds = Counter(edge["kind"] for edge in edges)
    bridge_list = sorted(bridges, key=lambda pk: (-(betweenness.get(pk) or 0), -degree[pk], *net.names[pk]))
    focus_out = None
    if focus is not None:
        pk = focus.organisation
        focus_out = {
            "id": pk,
            "name": info[pk][0],
            "kind": info[pk][1],
            "kind_label": labels.kind(info[pk][1]),
            "url": labels.url(pk),
            "depth": min(focus.depth, MAX_DEPTH),
            "isolated": net.is_isolated(pk),
            "reasons": reasons(pk),
            "suggestions": suggestions.get(pk, []),
        }
    return {
        "view": "overview" if focus is None else "focus",
        "focus": focus_out,
        "nodes": nodes,
        "edges": edges,
        "aggregates": aggregates,
        "aggregate_links": _aggregate_links(net, shown_set, aggregated),
        "isolated": [
            {
                "id": pk,
                "name": info[pk][0],
                "kind": info[pk][1],
                "kind_label": labels.kind(info[pk][1]),
                "url": labels.url(pk),
                "reasons": reasons(pk),
                "reason_labels": [str(REASON_LABELS[reason]) for reason in info[pk][3]],
                "suggestions": suggestions.get(pk, []),
            }
            for pk in isolated
        ],
        "isolated_total": net.total - len(graph),
        "isolated_offset": isolated_offset,
        "isolated_limit": isolated_limit,
        "bridges": [
            {
                "id": pk,
                "name": info[pk][0],
                "kind": info[pk][1],
                "url": labels.url(pk),
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
        "total": net.total,
        "links_total": len(net.links),
        "shown": len(nodes),
        "aggregated": net.total - len(nodes),
        "truncated": net.total > len(nodes),
    }
