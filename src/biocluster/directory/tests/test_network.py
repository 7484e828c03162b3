from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biocluster.directory import network as network_module
from biocluster.directory.models import (
    DEFAULT_PUBLIC_FIELDS,
    Organisation,
    TechnologyField,
    ValueChainStage,
)
from biocluster.directory.network import build_network
from biocluster.directory.tests.factories import LinkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("directory:network")
DATA = reverse("directory:network_data")
API = "/api/network"


def org(name, kind="startup", fields=(), stages=(), **kwargs):
    organisation = OrganisationFactory(name=name, kind=kind, **kwargs)
    if fields:
        organisation.technology_fields.set(TechnologyField.objects.filter(code__in=fields))
    if stages:
        organisation.value_chain_stages.set(ValueChainStage.objects.filter(code__in=stages))
    return organisation


def link(subject, object_, kind="partner_of"):
    return LinkFactory(subject=subject, object=object_, kind=kind)


def names(items):
    return {item["name"] for item in items}


def everything(user):
    return build_network(Organisation.objects.visible_to(user), user)


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def ecosystem():
    """A largest group of four, a pair, and two isolated actors."""
    o = {
        "hub": org("Hub Genomics", "platform", ["genome-sequencing"], ["research-development"]),
        "cell": org("Cell Therapeutics", "startup", ["gene-cell-therapy"], ["research-development"]),
        "bank": org("Bio Bank", "investor", [], ["training"]),
        "uni": org("Evry University", "university", ["genome-sequencing"], ["training"]),
        "pair1": org("Pair One", "sme", ["gene-cell-therapy"], ["research-development"]),
        "pair2": org("Pair Two", "sme", [], []),
        "alone": org("Lonely Cells", "startup", ["gene-cell-therapy"], ["research-development"]),
        "hermit": org("Hermit Labs", "research_lab", ["biofoundry"], []),
    }
    link(o["cell"], o["hub"], "client_of")
    link(o["bank"], o["cell"], "invested_in")
    link(o["uni"], o["hub"], "member_of")
    link(o["pair1"], o["pair2"])
    return o


def test_isolated_actors_are_detected(ecosystem, anonymous):
    data = everything(anonymous)
    assert names(data["isolated"]) == {"Lonely Cells", "Hermit Labs"}
    assert data["isolated_total"] == 2
    by_name = {node["name"]: node for node in data["nodes"]}
    assert by_name["Lonely Cells"]["isolated"] and by_name["Lonely Cells"]["degree"] == 0
    assert not by_name["Hub Genomics"]["isolated"] and by_name["Hub Genomics"]["degree"] == 2
    assert data["groups"] == 2 and data["largest_group"] == 4
    assert data["total"] == 8 and data["links_total"] == 4 and not data["truncated"]


def test_suggestions_point_to_the_largest_group_and_share_fields(ecosystem, anonymous):
    data = everything(anonymous)
    isolated = {actor["name"]: actor for actor in data["isolated"]}
    suggestions = isolated["Lonely Cells"]["suggestions"]
    assert suggestions, "an isolated actor sharing fields with the largest group gets suggestions"
    largest = {ecosystem[k].pk for k in ("hub", "cell", "bank", "uni")}
    assert {s["id"] for s in suggestions} <= largest
    assert len(suggestions) <= 3
    first = suggestions[0]
    assert first["name"] == "Cell Therapeutics"  # same field and stage
    assert "Gene and cell therapy" in first["shared_fields"]
    assert "Research and development" in first["shared_stages"]
    assert "Pair One" not in names(suggestions)  # shares as much, but not in the largest group
    # Nobody in the largest group shares anything with Hermit Labs.
    assert isolated["Hermit Labs"]["suggestions"] == []


def test_a_shared_area_counts_less_than_the_same_field(anonymous):
    hub = org("Hub", fields=["genome-sequencing"])
    same = org("Same", fields=["metabolomics"])
    link(hub, same)
    org("Alone", fields=["metabolomics"])
    suggestions = everything(anonymous)["isolated"][0]["suggestions"]
    assert [s["name"] for s in suggestions] == ["Same", "Hub"]
    assert suggestions[0]["shared_fields"] == ["Metabolomics"]
    assert suggestions[1]["shared_fields"] == ["Genomics and post-genomics"]
    assert suggestions[0]["score"] > suggestions[1]["score"]


def test_suggestions_use_only_published_fields_for_the_public(anonymous, staff_user):
    hidden = [f for f in DEFAULT_PUBLIC_FIELDS if f not in ("technology_fields", "value_chain_stages")]
    a = org("Secret Cells", fields=["gene-cell-therapy"], public_fields=hidden)
    b = org("Partner", fields=["metabolomics"])
    link(a, b)
    org("Alone", fields=["gene-cell-therapy"])
    public = everything(anonymous)["isolated"][0]
    assert public["suggestions"] == []
    staff = everything(staff_user)["isolated"][0]
    assert names(staff["suggestions"]) == {"Secret Cells"}


def test_stages_with_no_actor_are_listed(ecosystem, anonymous):
    data = everything(anonymous)
    counts = {stage["code"]: stage["count"] for stage in data["stages"]}
    assert list(counts) == list(ValueChainStage.objects.values_list("code", flat=True))
    assert counts["research-development"] == 4
    assert counts["training"] == 2
    assert set(data["empty_stages"]) == {"process-industrialisation", "production", "post-market"}


def test_bridges_and_betweenness():
    a, b, c = org("A"), org("B"), org("C")
    link(a, b)
    link(b, c)
    data = build_network(Organisation.objects.all(), _staff())
    by_name = {node["name"]: node for node in data["nodes"]}
    assert by_name["B"]["bridge"] and not by_name["A"]["bridge"]
    assert by_name["B"]["betweenness"] > by_name["A"]["betweenness"]
    assert names(data["bridges"]) == {"B"} and data["betweenness"] == "exact"


def _staff():
    from biocluster.accounts.models import Department, Role, RoleGrant
    from biocluster.accounts.tests.factories import UserFactory

    user = UserFactory()
    RoleGrant.objects.create(user=user, role=Role.STAFF, department=Department.COMMUNICATION)
    return user


def test_betweenness_is_sampled_or_skipped_beyond_the_budget(monkeypatch, anonymous):
    chain = [org(f"Chain {i:02}") for i in range(12)]
    for left, right in pairwise(chain):
        link(left, right)
    monkeypatch.setattr(network_module, "BETWEENNESS_BUDGET", 23 * 10)
    monkeypatch.setattr(network_module, "MIN_SAMPLES", 5)
    assert everything(anonymous)["betweenness"] == "approximate"
    monkeypatch.setattr(network_module, "BETWEENNESS_BUDGET", 23 * 2)
    data = everything(anonymous)
    assert data["betweenness"] == "skipped"
    assert all(node["betweenness"] is None for node in data["nodes"])


def test_the_node_count_is_capped_by_degree_then_name(ecosystem, anonymous):
    data = build_network(Organisation.objects.visible_to(anonymous), anonymous, max_nodes=3)
    assert data["truncated"] and data["total"] == 8 and data["shown"] == 3
    assert [node["name"] for node in data["nodes"]] == ["Cell Therapeutics", "Hub Genomics", "Bio Bank"]
    shown = {node["id"] for node in data["nodes"]}
    assert all(edge["source"] in shown and edge["target"] in shown for edge in data["edges"])
    assert len(data["edges"]) == 2
    assert data["isolated_total"] == 2  # the analysis covers every organisation, not only those shown
    # The others are counted per kind, with the links that reach them: never dropped silently.
    aggregates = {a["id"]: a for a in data["aggregates"]}
    assert sum(a["count"] for a in data["aggregates"]) == 5 == data["aggregated"]
    assert aggregates["kind:startup"]["count"] == 1 and aggregates["kind:startup"]["isolated"] == 1
    assert aggregates["kind:university"] == {
        "id": "kind:university",
        "kind": "university",
        "label": "University",
        "count": 1,
        "isolated": 0,
        "of": None,
    }
    assert {"source": str(ecosystem["hub"].pk), "target": "kind:university", "count": 1} in data[
        "aggregate_links"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": ["platform", "university"]}, {"Hub Genomics", "Evry University"}),
        ({"field": "genome-sequencing"}, {"Hub Genomics", "Evry University"}),
        ({"field": "health"}, {"Cell Therapeutics", "Pair One", "Lonely Cells"}),
        ({"stage": "training"}, {"Bio Bank", "Evry University"}),
        ({"q": "genomics"}, {"Hub Genomics"}),
        ({"q": "genomics", "kind": ["startup"]}, set()),
    ],
)
def test_filters_restrict_nodes_and_edges(client, ecosystem, params, expected):
    data = client.get(DATA, params).json()
    assert names(data["nodes"]) == expected
    shown = {node["id"] for node in data["nodes"]}
    assert all(edge["source"] in shown and edge["target"] in shown for edge in data["edges"])
    if params.get("kind") == ["platform", "university"]:
        assert [(e["source"], e["target"]) for e in data["edges"]] == [
            (ecosystem["uni"].pk, ecosystem["hub"].pk)
        ]
    if params.get("stage") == "training":
        assert data["edges"] == [] and names(data["isolated"]) == expected


def test_kind_filter_in_the_page_keeps_the_form_state(client, ecosystem):
    response = client.get(PAGE, {"kind": "platform", "stage": "training"})
    content = response.content.decode()
    assert 'value="platform" checked' in content
    assert 'value="training" selected' in content


@pytest.fixture
def private_world():
    listed = org("Listed Bio")
    unlisted = OrganisationFactory(name="Hidden Biotech", is_listed=False)
    link(listed, unlisted)
    shy = org("Shy Partner", public_fields=["description"])
    other = org("Open Partner")
    link(shy, other)
    return {"listed": listed, "unlisted": unlisted, "shy": shy, "other": other}


def test_anonymous_users_never_see_unlisted_organisations_or_their_links(client, private_world):
    data = client.get(DATA).json()
    assert "Hidden Biotech" not in names(data["nodes"])
    assert private_world["unlisted"].pk not in {e["source"] for e in data["edges"]} | {
        e["target"] for e in data["edges"]
    }
    assert "Listed Bio" in names(data["isolated"])
    for url in (PAGE, DATA + "?fragments=1", API, PAGE + "?q=hidden"):
        assert "Hidden Biotech" not in client.get(url).content.decode()


def test_links_of_an_organisation_that_hides_them_are_shown_only_to_those_who_may_change_it(
    client, private_world, staff_user
):
    def linked(data):
        return {frozenset((e["source"], e["target"])) for e in data["edges"]}

    pair = frozenset((private_world["shy"].pk, private_world["other"].pk))
    assert pair not in linked(client.get(DATA).json())
    client.force_login(staff_user)
    staff = client.get(DATA).json()
    assert pair in linked(staff)
    assert "Hidden Biotech" in names(staff["nodes"])


def test_an_administrator_sees_the_links_of_their_organisation(
    client, organisation_administrator, member_organisation
):
    partner = org("Partner of members")
    member_organisation.public_fields = []
    member_organisation.save()
    link(member_organisation, partner)
    client.force_login(organisation_administrator)
    data = client.get(DATA).json()
    assert {frozenset((e["source"], e["target"])) for e in data["edges"]} == {
        frozenset((member_organisation.pk, partner.pk))
    }
    assert names(data["nodes"]) >= {"Member Bio", "Partner of members"}


def test_why_an_organisation_matters_is_told_where_the_reader_may_see_it(
    client, organisation_administrator, member, member_organisation
):
    """Its administrator is told it is on a campus and has members even where it does not
    publish its campus; a member without rights sees it, and no reason."""
    from biocluster.directory.tests.factories import CampusFactory

    member_organisation.campus = CampusFactory(name="Genopole Évry")
    member_organisation.public_fields = []
    member_organisation.save()

    def reasons_for(user):
        client.force_login(user)
        isolated = client.get(API, {"isolated_limit": 50}).json()["isolated"]
        return next(actor["reasons"] for actor in isolated if actor["name"] == "Member Bio")

    assert reasons_for(organisation_administrator) == ["campus", "member"]
    assert reasons_for(member) == []


def test_a_member_without_rights_does_not_see_hidden_links(client, member, member_organisation):
    partner = org("Partner of members")
    member_organisation.public_fields = []
    member_organisation.save()
    link(member_organisation, partner)
    client.force_login(member)
    data = client.get(DATA).json()
    assert "Member Bio" in names(data["nodes"])  # a member sees their unlisted organisation
    assert data["edges"] == []


def test_the_page_renders_its_panels(client, ecosystem):
    response = client.get(PAGE)
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        'id="network-canvas"',
        "Isolated actors",
        "Value-chain coverage",
        "Stages with no actor:",
        "Post-market",
        "Organisations and their links",
        '<meter min="0"',
        'id="network-data" type="application/json"',
        "directory/network.js",
        'for="network-field"',
        'for="network-stage"',
        "Lonely Cells",
        "Cell Therapeutics",
    ):
        assert text in content, text
    assert " style=" not in content and " onclick=" not in content


def test_the_json_endpoint_returns_data_and_the_panels_on_request(client, ecosystem):
    response = client.get(DATA)
    assert response.status_code == 200
    data = response.json()
    assert {"nodes", "edges", "isolated", "stages", "empty_stages", "truncated", "total"} <= set(data)
    assert "fragments" not in data
    with_fragments = client.get(DATA, {"fragments": "1", "kind": "startup"}).json()
    assert "Isolated actors" in with_fragments["fragments"]["panels"]
    assert "organisations" in with_fragments["fragments"]["overview"]


def test_invalid_filters_are_reported(client, ecosystem):
    response = client.get(DATA, {"kind": "spaceship"})
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]
    assert response.json()["nodes"] == []
    page = client.get(PAGE, {"kind": "spaceship"})
    assert page.status_code == 200 and 'role="alert"' in page.content.decode()


def _populate(count: int):
    fields = list(TechnologyField.objects.all()[:6])
    stages = list(ValueChainStage.objects.all())
    organisations = OrganisationFactory.create_batch(count)
    through_fields = Organisation.technology_fields.through
    through_stages = Organisation.value_chain_stages.through
    through_fields.objects.bulk_create(
        through_fields(organisation_id=o.pk, technologyfield_id=fields[i % len(fields)].pk)
        for i, o in enumerate(organisations)
    )
    through_stages.objects.bulk_create(
        through_stages(organisation_id=o.pk, valuechainstage_id=stages[i % 3].pk)
        for i, o in enumerate(organisations)
    )
    # A chain over two thirds of them, the rest isolated.
    linked = organisations[: count * 2 // 3]
    for left, right in pairwise(linked):
        LinkFactory(subject=left, object=right)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [PAGE, DATA + "?fragments=1", API, DATA + "?field=health&kind=startup"])
@pytest.mark.parametrize("who", ["public", "staff"])
def test_the_query_count_does_not_grow_with_the_organisations(
    client, staff_user, django_assert_max_num_queries, url, who
):
    if who == "staff":
        client.force_login(staff_user)
    _populate(20)
    few = _queries(client, url)
    assert few <= 20
    _populate(180)
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_api_endpoint(client, ecosystem, staff_user):
    unlisted = OrganisationFactory(name="Hidden Biotech", is_listed=False)
    link(unlisted, ecosystem["hub"])
    response = client.get(API)
    assert response.status_code == 200
    data = response.json()
    assert names(data["isolated"]) == {"Lonely Cells", "Hermit Labs"}
    assert "Hidden Biotech" not in names(data["nodes"])
    assert set(data["empty_stages"]) == {"process-industrialisation", "production", "post-market"}
    assert data["truncated"] is False and data["total"] == 8
    filtered = client.get(API, {"kind": "investor"}).json()
    assert names(filtered["nodes"]) == {"Bio Bank"}
    assert client.get(API, {"kind": "spaceship"}).status_code == 422
    assert client.get(API, {"field": "NOT A CODE"}).status_code == 422
    client.force_login(staff_user)
    assert "Hidden Biotech" in names(client.get(API).json()["nodes"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_graph_is_drawn_and_follows_the_filters(page, ecosystem):
    import re

    from playwright.sync_api import expect

    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(PAGE)
    expect(page.locator("#network-canvas canvas").first).to_be_attached()
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("Show an organisation of the graph").select_option(label="Hub Genomics")
    details = page.locator("#node-details")
    expect(details).to_be_visible()
    expect(details.get_by_role("heading", name="Hub Genomics")).to_be_visible()
    expect(details.get_by_role("link", name="Open its page")).to_have_attribute(
        "href", f"/directory/organisations/{ecosystem['hub'].pk}/"
    )
    expect(details.get_by_role("button", name="Cell Therapeutics")).to_be_visible()

    page.get_by_label("Research lab").check()
    expect(page).to_have_url(re.compile(r"kind=research_lab"))
    expect(page.locator("#network-panels")).to_contain_text("Hermit Labs")
    expect(page.locator("#network-panels")).not_to_contain_text("Lonely Cells")
    expect(page.locator("#network-overview")).to_contain_text("1 organisation")
    assert page.evaluate("window.stillTheSamePage") is True
    assert errors == []


# Relevance of isolated actors, the overview of a large directory, and the focus on a neighbourhood.


def _bulk_isolated(count: int, prefix: str, **fields) -> list[Organisation]:
    """Many organisations at once (their search keys are not needed here)."""
    return Organisation.objects.bulk_create(
        Organisation(name=f"{prefix} {i:05}", kind="sme", **fields) for i in range(count)
    )


def test_isolated_campus_members_come_first_among_thousands(client, staff_user):
    from biocluster.directory.tests.factories import AffiliationFactory, CampusFactory, PersonFactory

    campus = CampusFactory(name="Genopole Évry")
    hub, partner = org("Hub"), org("Partner")
    link(hub, partner)
    # Thousands of organisations of the EU programme, all alphabetically before the campus members.
    _bulk_isolated(3_000, "AAA Participant")
    stage = ValueChainStage.objects.get(code="production")
    in_chain = _bulk_isolated(30, "BBB Producer")
    Organisation.value_chain_stages.through.objects.bulk_create(
        Organisation.value_chain_stages.through(organisation_id=o.pk, valuechainstage_id=stage.pk)
        for o in in_chain
    )
    with_members = org("CCC Members Bio")
    from biocluster.accounts.tests.factories import UserFactory

    AffiliationFactory(person=PersonFactory(user=UserFactory()), organisation=with_members)
    campus_members = [org(f"Zymo Campus {i}", campus=campus) for i in range(4)]
    shy = org("Zz Shy Campus", campus=campus, public_fields=["description"])

    public = client.get(API).json()
    assert public["isolated_total"] == 3_000 + 30 + 1 + 4 + 1
    first = public["isolated"]
    assert [a["name"] for a in first[:4]] == [o.name for o in campus_members]
    assert first[0]["reasons"] == ["campus"] and first[0]["reason_labels"] == ["on a campus"]
    assert [a["name"] for a in first[4:25]] == [f"BBB Producer {i:05}" for i in range(21)]
    assert all(a["reasons"] == ["value_chain"] for a in first[4:25])
    # The campus of an organisation that does not publish it does not rank it for the public,
    # and the public is not told who has members.
    assert "Zz Shy Campus" not in names(first)
    second = client.get(API, {"isolated_offset": 25, "isolated_limit": 25}).json()["isolated"]
    assert [a["name"] for a in second[:9]] == [f"BBB Producer {i:05}" for i in range(21, 30)]
    assert second[9]["name"] == "AAA Participant 00000" and second[9]["reasons"] == []

    client.force_login(staff_user)
    staff = client.get(API, {"isolated_limit": 50}).json()["isolated"]
    assert names(staff[:5]) == {o.name for o in campus_members} | {shy.name}
    assert staff[35]["name"] == "CCC Members Bio" and staff[35]["reasons"] == ["member"]
    # The overview draws the cluster's own isolated actors, and counts the rest per kind.
    overview = client.get(API).json()
    assert names(overview["nodes"]) >= {o.name for o in campus_members} | {"Hub", "Partner"}
    assert overview["shown"] <= network_module.MAX_NODES and overview["truncated"]
    sme = next(a for a in overview["aggregates"] if a["id"] == "kind:sme")
    assert sme["count"] == 3_000 and sme["isolated"] == 3_000


def test_the_page_lists_isolated_actors_by_relevance_with_pages(client):
    from biocluster.directory.tests.factories import CampusFactory

    campus = CampusFactory(name="Genopole Évry")
    _bulk_isolated(60, "AAA Participant")
    org("Zymo Campus", campus=campus)
    content = client.get(PAGE).content.decode()
    panel = content[content.index('id="isolated-heading"') : content.index('id="coverage-heading"')]
    assert panel.index("Zymo Campus") < panel.index("AAA Participant 00000")
    assert "On a campus" in panel
    assert "1\N{EN DASH}25 of 61 isolated actors" in panel and "isolated_page=2" in panel
    second = client.get(PAGE, {"isolated_page": 2}).content.decode()
    second = second[second.index('id="isolated-heading"') : second.index('id="coverage-heading"')]
    assert "AAA Participant 00024" in second and "Zymo Campus" not in second
    assert client.get(DATA, {"isolated_page": 0}).status_code == 400


@pytest.fixture
def star():
    """A hub with five partners; one partner has two partners of its own, one of them unlisted."""
    hub = org("Star Hub", "platform")
    partners = [org(f"Partner {i}") for i in range(5)]
    for partner in partners:
        link(partner, hub)
    far = [org("Far One"), OrganisationFactory(name="Far Hidden", is_listed=False)]
    for other in far:
        link(other, partners[0])
    outsider = org("Outsider")
    return {"hub": hub, "partners": partners, "far": far, "outsider": outsider}


def test_the_neighbourhood_of_an_organisation(client, star, staff_user):
    hub = star["hub"]
    depth1 = client.get(API, {"focus": hub.pk}).json()
    assert depth1["view"] == "focus" and depth1["focus"]["id"] == hub.pk and depth1["focus"]["depth"] == 1
    assert names(depth1["nodes"]) == {"Star Hub", *(f"Partner {i}" for i in range(5))}
    assert len(depth1["edges"]) == 5 and depth1["aggregates"] == []
    depth2 = client.get(API, {"focus": hub.pk, "depth": 2}).json()
    assert names(depth2["nodes"]) == names(depth1["nodes"]) | {"Far One"}  # never the unlisted one
    assert "Outsider" not in names(depth2["nodes"])
    client.force_login(staff_user)
    assert "Far Hidden" in names(client.get(API, {"focus": hub.pk, "depth": 2}).json()["nodes"])
    assert client.get(API, {"focus": hub.pk, "depth": 3}).status_code == 422


def test_the_neighbourhood_is_capped_with_n_more_nodes(client, star, monkeypatch):
    monkeypatch.setattr(network_module, "MAX_NEIGHBOURS", 2)
    hub = star["hub"]
    data = client.get(API, {"focus": hub.pk}).json()
    assert len(data["nodes"]) == 3 and data["nodes"][0]["name"] == "Star Hub"
    more = data["aggregates"]
    assert more == [
        {"id": f"more:{hub.pk}", "kind": None, "label": "3 more", "count": 3, "isolated": 0, "of": hub.pk}
    ]
    assert data["aggregate_links"] == [{"source": str(hub.pk), "target": f"more:{hub.pk}", "count": 3}]
    # The partner that has partners of its own is drawn first: better connected.
    assert "Partner 0" in names(data["nodes"])


def test_a_focus_outside_the_view_is_not_found(client, star):
    hidden = star["far"][1]
    assert client.get(API, {"focus": hidden.pk}).status_code == 404
    assert client.get(API, {"focus": star["hub"].pk, "kind": "sme"}).status_code == 404
    assert client.get(API, {"focus": 10**9}).status_code == 404
    page = client.get(PAGE, {"focus": hidden.pk}).content.decode()
    assert "not in this view of the network" in page and "Far Hidden" not in page


def test_an_isolated_focus_shows_its_suggested_connections(client):
    hub = org("Hub", fields=["gene-cell-therapy"])
    link(hub, org("Partner"))
    alone = org("Alone", fields=["gene-cell-therapy"])
    data = client.get(API, {"focus": alone.pk, "depth": 2}).json()
    assert names(data["nodes"]) == {"Alone"} and data["focus"]["isolated"]
    assert [s["name"] for s in data["focus"]["suggestions"]] == ["Hub"]


@pytest.mark.parametrize("params", [{}, {"depth": 2}, {"isolated_offset": 100}])
def test_the_network_api_keeps_to_its_query_budget(
    client, star, staff_user, django_assert_max_num_queries, params
):
    _populate(300)
    client.force_login(staff_user)
    if params.get("depth"):
        params = {**params, "focus": star["hub"].pk}
    with django_assert_max_num_queries(14):
        assert client.get(API, params).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_focus_on_an_organisation_and_see_its_neighbourhood(page, star):
    from playwright.sync_api import expect

    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(PAGE)
    expect(page.locator("#network-canvas canvas").first).to_be_attached()
    page.get_by_label("Focus on an organisation").fill("Star")
    page.get_by_role("button", name="Star Hub").click()
    overview = page.locator("#network-overview")
    expect(overview).to_contain_text("The neighbourhood of Star Hub")
    details = page.locator("#node-details")
    expect(details.get_by_role("heading", name="Star Hub")).to_be_visible()
    expect(details.get_by_role("button", name="Partner 3")).to_be_visible()
    expect(page.get_by_label("Show an organisation of the graph").locator("option")).to_have_count(7)
    assert "focus=" in page.url

    page.get_by_label("Neighbourhood depth").select_option("2")
    expect(
        page.get_by_label("Show an organisation of the graph").locator("option", has_text="Far One")
    ).to_have_count(1)
    page.get_by_role("link", name="Back to the overview").click()
    expect(overview).not_to_contain_text("The neighbourhood of")
    expect(
        page.get_by_label("Show an organisation of the graph").locator("option", has_text="Outsider")
    ).to_have_count(1)
    assert errors == []


def test_the_api_shares_a_built_network_until_the_next_change_and_only_with_the_same_audience(
    client, ecosystem, staff_user, monkeypatch
):
    unlisted = OrganisationFactory(name="Hidden Biotech", is_listed=False)
    link(unlisted, ecosystem["hub"])
    client.force_login(staff_user)
    assert "Hidden Biotech" in names(client.get(API).json()["nodes"])
    client.logout()
    assert "Hidden Biotech" not in names(client.get(API).json()["nodes"])  # not the staff's copy
    builds = []
    real = network_module.build_network

    def counted(*args, **kwargs):
        builds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(network_module, "build_network", counted)
    assert client.get(API).status_code == 200 and builds == []
    assert client.get(API, {"kind": "investor"}).status_code == 200 and len(builds) == 1
    link(ecosystem["bank"], OrganisationFactory(name="New Partner Bio"))  # a change: built again
    assert "New Partner Bio" in names(client.get(API).json()["nodes"]) and len(builds) == 2
    assert client.get(API, {"focus": unlisted.pk}).status_code == 404
