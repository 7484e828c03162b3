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
