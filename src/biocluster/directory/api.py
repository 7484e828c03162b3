"""/api/organisations, /api/people and the directory's reference lists."""

from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import create_model

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.api_schemas import Error, Shaped
from biocluster.core.api_types import MAX_ID, ObjectId, Text

from . import caching, fields, services
from .facets import facets
from .filters import OrganisationFilter
from .models import (
    Affiliation,
    Campus,
    LinkKind,
    Organisation,
    OrganisationKind,
    OrganisationLink,
    Person,
    TechnologyField,
    ValueChainStage,
)
from .normalise import identifier, name_key
from .search import by_relevance, search_people

router = Router(tags=["directory"])

CODES = r"^[a-z0-9-]+(,[a-z0-9-]+)*$"


class OrganisationQuery(Schema):
    q: Text(200) | None = None
    kind: list[OrganisationKind] = Field(default_factory=list)
    field: str | None = Field(None, max_length=400, pattern=CODES)
    stage: str | None = Field(None, max_length=200, pattern=CODES)
    campus: int | None = Field(None, ge=1, le=MAX_ID)
    tag: Text(60) | None = None


class CampusOut(Schema):
    id: int
    name: str


def _output_type(exposed: fields.Exposed):
    """The API's type for a declared field; None where the reader may not see it or it is unset."""
    base = {
        fields.Type.TEXT: str,
        fields.Type.IDENTIFIER: str,
        fields.Type.NUMBER: int,
        fields.Type.DATE: date,
        fields.Type.BOOLEAN: bool,
        fields.Type.CHOICE: exposed.choices,
        fields.Type.CAMPUS: CampusOut,
        fields.Type.CODES: list[str],
        fields.Type.NAMES: list[str],
    }[exposed.type]
    hidden = exposed.audience != fields.Audience.PUBLIC
    return base | None if hidden or exposed.model_field.null else base


# The schemas of an organisation are built from the declaration (fields.py), in its order.
OUTPUT = fields.api_output()
OrganisationOut = create_model(
    "OrganisationOut",
    __base__=Schema,
    __module__=__name__,
    id=(int, ...),
    **{exposed.name: (_output_type(exposed), ...) for exposed in OUTPUT},
    url=(str, ...),
)


class FacetOut(Schema):
    value: str
    label: str
    count: int


class Facets(Schema):
    kind: list[FacetOut]
    field: list[FacetOut]
    stage: list[FacetOut]
    campus: list[FacetOut]


OrganisationIn = create_model("OrganisationIn", __base__=Schema, __module__=__name__, **fields.api_input())

# A change gives only what changes: what a creation requires is optional here.
OrganisationPatch = create_model(
    "OrganisationPatch",
    __base__=OrganisationIn,
    __module__=__name__,
    **{
        name: (annotation | None, None)
        for name, (annotation, default) in fields.api_input().items()
        if default is ...
    },
)


def organisation_out(organisation: Organisation, user) -> dict:
    """The organisation as `user` may read it: a field they may not read is None."""
    reader = fields.Reader.of(user, organisation)
    out = {"id": organisation.pk}
    for exposed in fields.api_output():  # read at each call, as the page does
        out[exposed.name] = fields.api_value(exposed, organisation) if reader.sees(exposed) else None
    out["url"] = reverse("directory:organisation_detail", args=[organisation.pk])
    return out


def _filtered(request, query: OrganisationQuery):
    data = QueryDict(mutable=True)
    for name, value in query.dict(exclude={"limit", "offset", "kind"}, exclude_none=True).items():
        data[name] = str(value)
    data.setlist("kind", [kind.value for kind in query.kind])
    base = Organisation.objects.visible_to(request.user)
    filterset = OrganisationFilter(data, queryset=base)
    if not filterset.is_valid():
        raise ValidationError({f: [str(m) for m in msgs] for f, msgs in filterset.errors.items()})
    return filterset.qs


PREFETCH = fields.MANY_TO_MANY


@router.get("/organisations", response=list[OrganisationOut], summary="List and search organisations")
@paginate
def list_organisations(request, query: Query[OrganisationQuery]):
    """Full-text search with `q` (ranked), filtered by kind, field (with its sub-fields), stage, campus or tag."""
    qs = _filtered(request, query)
    ranked = by_relevance(qs, query.q) if query.q else qs
    shape = partial(organisation_out, user=request.user)
    return Shaped(ranked.select_related("campus"), shape, count=qs, prefetch=PREFETCH)


@router.get("/organisations/facets", response=Facets, summary="Counts per facet for a search")
def organisation_facets(request, query: Query[OrganisationQuery]):
    return {name: [vars(v) for v in values] for name, values in facets(_filtered(request, query)).items()}


def _visible_organisation(request, pk: int) -> Organisation:
    return get_visible_or_404(
        Organisation.objects.select_related("campus").prefetch_related(*PREFETCH), request.user, pk=pk
    )


@router.get("/organisations/{pk}", response={200: OrganisationOut, 404: Error})
def get_organisation(request, pk: ObjectId):
    return organisation_out(_visible_organisation(request, pk), request.user)


def _resolve(payload: dict) -> dict:
    """Turn codes and ids into objects; an unknown one is a ValidationError on its field."""
    data = dict(payload)
    declared = fields.by_name()
    for name, value in payload.items():
        kind = declared[name].type
        related = declared[name].model_field.related_model
        if kind == fields.Type.PUBLIC_FIELDS:
            if value is None:
                data.pop(name)
            else:
                data[name] = [str(getattr(f, "value", f)) for f in value]
        elif kind == fields.Type.CHOICE and value is not None:
            data[name] = str(getattr(value, "value", value))
        elif kind == fields.Type.CAMPUS:
            data[name] = None if value is None else related.objects.filter(pk=value).first()
            if value is not None and data[name] is None:
                raise ValidationError({name: [f"No {related._meta.verbose_name} with id {value}."]})
        elif kind == fields.Type.CODES:
            wanted = set(value)
            found = list(related.objects.filter(code__in=wanted))
            missing = wanted - {o.code for o in found}
            if missing:
                raise ValidationError({name: [f"Unknown code(s): {', '.join(sorted(missing))}."]})
            data[name] = found
        elif kind == fields.Type.NAMES:
            data[name] = sorted({text.strip() for text in value})  # the service makes new ones
    return data


@router.post(
    "/organisations",
    response={201: OrganisationOut, 403: Error, 422: Error},
    summary="Create an organisation",
)
def create_organisation(request, payload: OrganisationIn):
    require(request.user, "directory.add_organisation")
    with transaction.atomic():
        organisation = services.create_organisation(actor=request.user, **_resolve(payload.dict()))
    return Status(201, organisation_out(_visible_organisation(request, organisation.pk), request.user))


@router.patch("/organisations/{pk}", response={200: OrganisationOut, 403: Error, 404: Error, 422: Error})
def update_organisation(request, pk: ObjectId, payload: OrganisationPatch):
    organisation = _visible_organisation(request, pk)
    require(request.user, "directory.change_organisation", organisation)
    data = _resolve(payload.dict(exclude_unset=True))
    with transaction.atomic():
        services.update_organisation(actor=request.user, organisation=organisation, **data)
    return organisation_out(_visible_organisation(request, pk), request.user)


@router.delete("/organisations/{pk}", response={204: None, 403: Error, 404: Error, 409: Error})
def delete_organisation(request, pk: ObjectId):
    """409 when other records (bookings, proposals, ...) still refer to the organisation."""
    organisation = _visible_organisation(request, pk)
    require(request.user, "directory.delete_organisation", organisation)
    try:
        services.delete_organisation(actor=request.user, organisation=organisation)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(204, None)


class SiteArrivalIn(Schema):
    on_site_since: date


class SiteDepartureIn(Schema):
    left_site_on: date
    left_site_reason: Text(200) = ""


@router.post(
    "/organisations/{pk}/site-arrival",
    response={200: OrganisationOut, 403: Error, 404: Error, 422: Error},
    summary="Record its arrival on the cluster's site (cluster staff)",
)
def record_site_arrival(request, pk: ObjectId, payload: SiteArrivalIn):
    """Already on site since that day or before: nothing changes."""
    organisation = _visible_organisation(request, pk)
    require(request.user, "directory.record_site_presence", organisation)
    services.record_site_arrival(organisation, payload.on_site_since, by=request.user)
    return organisation_out(_visible_organisation(request, pk), request.user)


@router.post(
    "/organisations/{pk}/site-departure",
    response={200: OrganisationOut, 403: Error, 404: Error, 422: Error},
    summary="Record its departure from the cluster's site (cluster staff)",
)
def record_site_departure(request, pk: ObjectId, payload: SiteDepartureIn):
    """`left_site_on` is its first day away; 422 when it is not on site."""
    organisation = _visible_organisation(request, pk)
    require(request.user, "directory.record_site_presence", organisation)
    services.record_site_departure(
        organisation, payload.left_site_on, payload.left_site_reason, by=request.user
    )
    return organisation_out(_visible_organisation(request, pk), request.user)


class LinkOut(Schema):
    id: int
    subject: int
    subject_name: str
    kind: str
    object: int
    object_name: str
    project: str
    start_date: date | None
    end_date: date | None
    source: str


@router.get("/organisations/{pk}/links", response={200: list[LinkOut], 404: Error})
def organisation_links(request, pk: ObjectId):
    organisation = _visible_organisation(request, pk)
    if not request.user.has_perm(
        "directory.change_organisation", organisation
    ) and not organisation.shows_publicly("links"):
        return []
    visible = Organisation.objects.visible_to(request.user)
    links = OrganisationLink.objects.filter(
        Q(subject=organisation) | Q(object=organisation), subject__in=visible, object__in=visible
    ).select_related("subject", "object")
    return [link_out(link) for link in links]


class OrganisationRef(Schema):
    """An organisation named by one of: its id, its EU PIC, or its name and country."""

    id: int | None = Field(None, ge=1, le=MAX_ID)
    eu_pic: Text(20) | None = None
    name: Text(200) | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")


class LinkIn(Schema):
    subject: int | OrganisationRef = Field(description="An organisation id, or {eu_pic} or {name, country}.")
    kind: LinkKind
    object: int | OrganisationRef
    project: Text(200) = ""
    start_date: date | None = None
    end_date: date | None = None
    source: Text(200) = ""


def _referenced(request, field: str, ref) -> Organisation:
    """The visible organisation a reference names; a 422 on `field` if none or several."""
    visible = Organisation.objects.visible_to(request.user)
    if isinstance(ref, int):
        found = visible.filter(pk=ref)
    elif ref.id is not None:
        found = visible.filter(pk=ref.id)
    elif ref.eu_pic:
        found = visible.filter(eu_pic=identifier(ref.eu_pic))
    elif ref.name:
        found = visible.filter(name_key=name_key(ref.name), country=ref.country or "FR")
    else:
        raise ValidationError({field: ["Give an id, an eu_pic, or a name and a country."]})
    matches = list(found[:2])
    if len(matches) != 1:
        problem = "No organisation matches" if not matches else "Several organisations match"
        raise ValidationError({field: [f"{problem} this reference; give its id."]})
    return matches[0]


def link_out(link: OrganisationLink) -> dict:
    return {
        "id": link.pk,
        "subject": link.subject_id,
        "subject_name": link.subject.name,
        "kind": link.kind,
        "object": link.object_id,
        "object_name": link.object.name,
        "project": link.project,
        "start_date": link.start_date,
        "end_date": link.end_date,
        "source": link.source,
    }


@router.post("/links", response={201: LinkOut, 403: Error, 422: Error}, summary="Link two organisations")
def create_link(request, payload: LinkIn):
    """The same partnership or collaboration entered the other way round is the same link: 422."""
    subject = _referenced(request, "subject", payload.subject)
    require(request.user, "directory.add_link", subject)
    object = _referenced(request, "object", payload.object)
    data = payload.dict(exclude={"subject", "object", "kind"})
    link = services.link_organisations(
        actor=request.user, subject=subject, kind=payload.kind.value, object=object, **data
    )
    return Status(201, link_out(link))


class AffiliationOut(Schema):
    organisation: int
    organisation_name: str
    role: str
    start_date: date | None
    end_date: date | None


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    affiliations: list[AffiliationOut]


class PersonQuery(Schema):
    q: Text(100) | None = None
    organisation: int | None = Field(None, ge=1, le=MAX_ID)


def person_out(person: Person, user) -> dict:
    contact = user.has_perm("directory.view_person_contact", person)
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email if contact else None,
        "phone": person.phone if contact else None,
        "affiliations": [
            {
                "organisation": a.organisation_id,
                "organisation_name": a.organisation.name,
                "role": a.role,
                "start_date": a.start_date,
                "end_date": a.end_date,
            }
            for a in person.visible_affiliations
        ],
    }


def _people(request):
    visible_orgs = Organisation.objects.visible_to(request.user)
    return Person.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(organisation__in=visible_orgs).select_related("organisation"),
            to_attr="visible_affiliations",
        )
    )


@router.get("/people", response=list[PersonOut], summary="List people")
@paginate
def list_people(request, query: Query[PersonQuery]):
    people = _people(request)
    if query.q:
        people = search_people(people, query.q)
    if query.organisation:
        people = people.filter(affiliations__organisation_id=query.organisation).distinct()
    return Shaped(people, lambda p: person_out(p, request.user))


@router.get("/people/{pk}", response={200: PersonOut, 404: Error})
def get_person(request, pk: ObjectId):
    return person_out(get_visible_or_404(_people(request), request.user, pk=pk), request.user)


class FieldOut(Schema):
    code: str
    name_en: str
    name_fr: str
    depth: int
    parent: str | None


@router.get("/technology-fields", response=list[FieldOut], summary="The technology-field taxonomy")
def technology_fields(request):
    nodes = list(TechnologyField.objects.get_tree())
    by_path = {n.path: n.code for n in nodes}
    step = TechnologyField.steplen
    return [
        {
            "code": n.code,
            "name_en": n.name_en,
            "name_fr": n.name_fr,
            "depth": n.depth,
            "parent": by_path.get(n.path[:-step]) if n.depth > 1 else None,
        }
        for n in nodes
    ]


class StageOut(Schema):
    code: str
    position: int
    name_en: str
    name_fr: str


@router.get("/value-chain-stages", response=list[StageOut])
def value_chain_stages(request):
    return list(ValueChainStage.objects.values("code", "position", "name_en", "name_fr"))


@router.get("/campuses", response=list[CampusOut])
def campuses(request):
    return list(Campus.objects.values("id", "name"))


# The network of the ecosystem (see `network.py`): the same data as the network page.


class NetworkQuery(Schema):
    q: Text(200) | None = None
    kind: list[OrganisationKind] = Field(default_factory=list)
    field: str | None = Field(None, max_length=400, pattern=CODES)
    stage: str | None = Field(None, max_length=200, pattern=CODES)
    campus: int | None = Field(None, ge=1, le=MAX_ID)
    tag: Text(60) | None = None
    focus: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Draw the neighbourhood of this organisation instead of the overview.",
    )
    depth: int = Field(
        1, ge=1, le=2, description="How many links away from `focus` the neighbourhood reaches."
    )
    isolated_limit: int = Field(25, ge=1, le=100)
    isolated_offset: int = Field(0, ge=0, le=1_000_000)


class NetworkNodeOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    degree: int
    links: int
    group: int | None
    betweenness: float | None
    bridge: bool
    isolated: bool
    reasons: list[str] = Field(description="Why it matters to the cluster: campus, value_chain, member.")
    url: str


class NetworkAggregateOut(Schema):
    id: str = Field(description="`kind:<kind>` in the overview, `more:<organisation id>` in a focus.")
    kind: str | None
    label: str
    count: int
    isolated: int
    of: int | None = Field(description="The organisation whose other neighbours a `more:` node counts.")


class NetworkAggregateLinkOut(Schema):
    source: str = Field(description="An organisation's id (as text) or an aggregate's id.")
    target: str
    count: int


class NetworkEdgeOut(Schema):
    id: int
    source: int
    target: int
    kind: str
    kind_label: str
    project: str


class NetworkSuggestionOut(Schema):
    id: int
    name: str
    kind: str
    url: str
    score: int
    shared_fields: list[str]
    shared_stages: list[str]


class NetworkIsolatedOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    url: str
    reasons: list[str]
    reason_labels: list[str]
    suggestions: list[NetworkSuggestionOut]


class NetworkFocusOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    url: str
    depth: int
    isolated: bool
    reasons: list[str]
    suggestions: list[NetworkSuggestionOut]


class NetworkBridgeOut(Schema):
    id: int
    name: str
    kind: str
    url: str
    degree: int
    betweenness: float | None


class StageCoverageOut(Schema):
    code: str
    name: str
    count: int


class KindCountOut(Schema):
    kind: str
    label: str
    count: int


class NetworkOut(Schema):
    view: str = Field(description="overview, or focus on one organisation's neighbourhood.")
    focus: NetworkFocusOut | None
    nodes: list[NetworkNodeOut]
    edges: list[NetworkEdgeOut]
    aggregates: list[NetworkAggregateOut]
    aggregate_links: list[NetworkAggregateLinkOut]
    isolated: list[NetworkIsolatedOut] = Field(
        description="One page of the isolated actors, on a campus first, then in the value chain, then with members."
    )
    isolated_total: int
    isolated_offset: int
    isolated_limit: int
    bridges: list[NetworkBridgeOut]
    bridges_total: int
    groups: int
    largest_group: int
    betweenness: str = Field(description="How betweenness was computed: exact, approximate or skipped.")
    stages: list[StageCoverageOut]
    empty_stages: list[str]
    kinds: list[KindCountOut]
    link_kinds: list[KindCountOut]
    total: int = Field(description="Organisations matching the filters.")
    links_total: int
    shown: int
    aggregated: int = Field(description="Organisations counted in `aggregates` rather than drawn.")
    truncated: bool = Field(description="True when some organisations are counted in `aggregates`.")


@router.get(
    "/network", response={200: NetworkOut, 404: Error, 422: Error}, summary="The network of the ecosystem"
)
def network(request, query: Query[NetworkQuery]):
    """Organisations and their links as a graph, filtered like `/organisations`: the cluster's
    ecosystem with the other organisations counted per kind, or with `focus` the neighbourhood of
    one organisation; the isolated actors by relevance with their suggested connections, the
    bridges, and the coverage of the value chain. 404 when `focus` is not in the filtered view."""
    from .network import Focus, build_network

    organisations = _filtered(request, query)

    def compute():
        return build_network(
            organisations,
            request.user,
            focus=Focus(query.focus, query.depth) if query.focus else None,
            isolated_offset=query.isolated_offset,
            isolated_limit=query.isolated_limit,
        )

    # Shared like the page's until the next change: built, it took 0.5-0.9 s at 20,000
    # organisations and 29,000 links on every call. A focus outside the view raises, uncached.
    return caching.cached_for(request.user, "network-api", query.model_dump_json(), compute)
