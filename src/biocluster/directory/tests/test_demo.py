"""The demo cluster (`load_demo`) and the benchmark generator (`generate`)."""

import io
import random
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

import biocluster
from biocluster.accounts.models import Department, Role, RoleGrant, User
from biocluster.audit.models import AuditEvent
from biocluster.core.demo import DEMO_PASSWORD, ordered_loaders
from biocluster.directory import generation
from biocluster.directory.demo import loader
from biocluster.directory.models import (
    COMPANY_KINDS,
    SYNTHETIC,
    Affiliation,
    Campus,
    Organisation,
    OrganisationKind,
    OrganisationLink,
    Person,
)
from biocluster.directory.search import search_organisations
from biocluster.directory.tests.factories import OrganisationFactory

K = OrganisationKind
LOGINS = [
    "admin",
    "staff-entreprises",
    "staff-research",
    "staff-communication",
    "staff-international",
    "staff-real-estate",
    "staff-direction",
    "reviewer",
    "platform-manager",
    "founder",
    "member",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it; its output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", only="directory", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def fingerprint() -> dict:
    return {
        "organisations": sorted(
            Organisation.objects.values_list("name", "kind", "source", "updated_at", "headcount")
        ),
        "links": OrganisationLink.objects.count(),
        "people": Person.objects.count(),
        "affiliations": Affiliation.objects.count(),
        "campuses": Campus.objects.count(),
        "users": sorted(User.objects.values_list("email", "password", "is_staff", "is_superuser")),
        "grants": RoleGrant.objects.count(),
        "audit": AuditEvent.objects.count(),
        "fields": Organisation.technology_fields.through.objects.count(),
        "stages": Organisation.value_chain_stages.through.objects.count(),
    }


# --------------------------------------------------------------------------- the real organisations


@pytest.mark.django_db
def test_genopole_comes_from_the_seeds(demo):
    genopole = Organisation.objects.get(name="Genopole")
    assert genopole.kind == K.CLUSTER
    assert genopole.founded_year == 1998
    assert genopole.website == "https://www.genopole.fr"
    assert genopole.source.startswith("seeds/")
    assert genopole.description_en and genopole.description_fr
    assert {"synthetic-biology", "gene-cell-therapy"} <= set(
        genopole.technology_fields.values_list("code", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Global Bioenergies", K.LARGE_COMPANY),
        ("Illumina", K.LARGE_COMPANY),
        ("Synsight", K.SME),
        ("EndoGene.Bio", K.STARTUP),
        ("CITHERA", K.RESEARCH_LAB),
        ("Inserm", K.RESEARCH_ORGANISATION),
        ("Université d'Évry Paris-Saclay", K.UNIVERSITY),
        ("Centre Hospitalier Sud-Francilien", K.HOSPITAL),
        ("Région Île-de-France", K.FUNDER),
        ("CM-CIC Innovation", K.INVESTOR),
        ("Génome Québec", K.CLUSTER),
        ("ScanBalt", K.NETWORK),
    ],
)
def test_real_organisations_of_every_kind(demo, name, kind):
    organisation = Organisation.objects.get(name=name)
    assert organisation.kind == kind
    assert organisation.source.startswith("seeds/")


@pytest.mark.django_db
def test_websites_only_where_a_seed_gives_one(demo):
    assert list(Organisation.objects.exclude(website="").values_list("name", flat=True)) == ["Genopole"]


@pytest.mark.django_db
def test_every_organisation_has_a_source_and_synthetic_ones_say_so(demo):
    assert not Organisation.objects.filter(source="").exists()
    real = Organisation.objects.exclude(source=SYNTHETIC)
    assert real.count() > 90
    assert all(source.startswith("seeds/") for source in real.values_list("source", flat=True))
    synthetic = Organisation.objects.filter(source=SYNTHETIC)
    assert synthetic.count() > 100
    # The invented labs and platforms say so in their names as well.
    assert (
        not synthetic.filter(kind__in=[K.RESEARCH_LAB, K.PLATFORM])
        .exclude(name__endswith="(synthetic)")
        .exists()
    )
    assert not Person.objects.exclude(source=SYNTHETIC).exists()


@pytest.mark.django_db
def test_descriptions_are_bilingual(demo):
    assert not Organisation.objects.filter(Q(description_en="") | Q(description_fr="")).exists()


# --------------------------------------------------------------------------- links


@pytest.mark.django_db
def test_links_the_seeds_state(demo):
    def link(subject, kind, object, project=""):
        return OrganisationLink.objects.get(
            subject__name=subject, kind=kind, object__name=object, project=project
        )

    cebr = link("Genopole", "member_of", "Council of European BioRegions")
    assert cebr.source.startswith("seeds/")
    assert link("Genopole", "member_of", "EIT Health").start_date.year == 2019
    assert link("INRAE", "member_of", "Genopole").start_date.year == 2026
    assert link("CNRS", "member_of", "Genopole").source.startswith("seeds/000_")
    assert "partner_of" in link("Région Île-de-France", "partner_of", "Genopole").source
    assert link("CM-CIC Innovation", "invested_in", "Endodiag")
    assert link("CITHERA", "collaborates_with", "ART-TG", "MAGENTA")
    gen_era = OrganisationLink.objects.filter(
        subject__name="Genopole", kind="collaborates_with", project="GEN.ERA"
    )
    assert sorted(gen_era.values_list("object__name", flat=True)) == [
        "Campania Bioscience",
        "East-Netherlands Development Agency",
        "Tartu BT Park",
        "Turku Science Park",
    ]
    cobioe = OrganisationLink.objects.filter(
        subject__name="Genopole", kind="collaborates_with", project="COBIOE"
    )
    assert sorted(cobioe.values_list("object__name", flat=True)) == [
        "Council of European BioRegions",
        "EIT Health",
        "Health Cluster Portugal",
        "ScanBalt",
    ]
    partner_clusters = OrganisationLink.objects.filter(
        subject__name="Genopole", kind="partner_of", object__kind=K.CLUSTER
    )
    assert partner_clusters.count() == 14


@pytest.mark.django_db
def test_every_link_has_a_source_and_synthetic_links_stay_among_synthetic_organisations(demo):
    assert not OrganisationLink.objects.filter(source="").exists()
    synthetic = OrganisationLink.objects.filter(source=SYNTHETIC)
    assert synthetic.count() > 100
    assert not synthetic.exclude(subject__source=SYNTHETIC, object__source=SYNTHETIC).exists()
    assert set(synthetic.values_list("kind", flat=True)) >= {
        "partner_of",
        "client_of",
        "spin_off_of",
        "collaborates_with",
    }
    assert not synthetic.filter(kind="collaborates_with", project="").exists()


@pytest.mark.django_db
def test_a_handful_of_organisations_are_isolated(demo):
    isolated = (
        Organisation.objects.filter(source=SYNTHETIC)
        .annotate(n=Count("links_out", distinct=True) + Count("links_in", distinct=True))
        .filter(n=0)
    )
    assert 3 <= isolated.count() <= 12


# --------------------------------------------------------------------------- size


@pytest.mark.django_db
def test_the_demo_has_the_size_of_the_cluster(demo):
    on_campus = Organisation.objects.filter(campus__isnull=False)
    companies_on_site = (
        on_campus.filter(kind__in=COMPANY_KINDS).count()
        + Organisation.objects.filter(
            kind__in=COMPANY_KINDS, links_out__kind="member_of", links_out__object__name="Genopole"
        ).count()
    )
    assert 85 <= companies_on_site <= 95
    assert 15 <= Organisation.objects.filter(kind=K.RESEARCH_LAB).count() <= 19
    assert 26 <= Organisation.objects.filter(kind=K.PLATFORM).count() <= 34
    assert on_campus.filter(kind=K.PLATFORM).count() == 27
    assert 2200 <= Person.objects.count() <= 2450
    assert Campus.objects.count() == 4
    assert Person.objects.filter(public_consent=True).count() > 300
    assert Affiliation.objects.filter(end_date__isnull=False).exists()


@pytest.mark.django_db
def test_headcounts_match_the_people_on_site(demo):
    for organisation in Organisation.objects.filter(source=SYNTHETIC).annotate(
        n=Count(
            "affiliations",
            filter=Q(affiliations__end_date__isnull=True, affiliations__person__user__isnull=True),
        )
    )[:40]:
        assert organisation.headcount == organisation.n


# --------------------------------------------------------------------------- logins


@pytest.mark.django_db
def test_one_demo_login_per_role(demo):
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@demo.biocluster")}
    assert sorted(users) == sorted(LOGINS)
    assert all(u.check_password(DEMO_PASSWORD) and u.get_full_name() for u in users.values())
    assert users["admin"].is_superuser and users["admin"].is_staff
    staff = {
        "staff-entreprises": Department.ENTREPRISES,
        "staff-research": Department.RESEARCH_INFRASTRUCTURE,
        "staff-communication": Department.COMMUNICATION,
        "staff-international": Department.INTERNATIONAL,
        "staff-real-estate": Department.REAL_ESTATE,
        "staff-direction": Department.DIRECTION,
    }
    for local, department in staff.items():
        assert users[local].is_staff
        assert list(users[local].role_grants.values_list("role", "department")) == [(Role.STAFF, department)]
    assert list(users["reviewer"].role_grants.values_list("role", flat=True)) == [Role.REVIEWER]
    for local in ("reviewer", "platform-manager", "founder", "member"):
        assert not users[local].is_staff

    manager = Affiliation.objects.get(person__user=users["platform-manager"])
    assert manager.is_administrator and manager.organisation.kind == K.PLATFORM
    founder = Affiliation.objects.get(person__user=users["founder"])
    assert founder.is_administrator and founder.organisation.kind == K.STARTUP
    assert founder.organisation.source == SYNTHETIC
    member = Affiliation.objects.get(person__user=users["member"])
    assert not member.is_administrator and member.organisation == founder.organisation


@pytest.mark.django_db
def test_the_command_prints_the_logins(demo):
    for local in LOGINS:
        assert f"{local}@demo.biocluster" in demo
    assert DEMO_PASSWORD in demo


# --------------------------------------------------------------------------- idempotence


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo):
    before = fingerprint()
    out = io.StringIO()
    call_command("load_demo", only="directory", stdout=out)
    assert fingerprint() == before
    assert "nothing new" in out.getvalue()


@pytest.mark.django_db
def test_an_edited_organisation_is_brought_back(demo):
    Organisation.objects.filter(name="Genopole").update(description_en="Changed")
    call_command("load_demo", only="directory", stdout=io.StringIO())
    genopole = Organisation.objects.get(name="Genopole")
    assert genopole.description_en.startswith("France's first biocluster")
    assert Organisation.objects.filter(name="Genopole").count() == 1


@pytest.mark.django_db
def test_flush_empties_then_loads_again(demo):
    counts = {model: model.objects.count() for model in (Organisation, OrganisationLink, Person, Affiliation)}
    OrganisationFactory(name="Not from the demo")
    call_command("load_demo", only="directory", flush=True, interactive=False, stdout=io.StringIO())
    assert not Organisation.objects.filter(name="Not from the demo").exists()
    assert {model: model.objects.count() for model in counts} == counts
    assert User.objects.filter(email__endswith="@demo.biocluster").count() == len(LOGINS)


def test_the_directory_loader_runs_first():
    loaders = ordered_loaders()
    assert loaders[0].name == "directory"
    assert loaders[0].flush is not None


def test_the_synthetic_part_is_the_same_every_time():
    campuses = [Campus(name=name, city=city) for name, city in loader.CAMPUSES]
    first = loader.synthetic_plan(campuses, generation.NamePool(loader.SEED))
    second = loader.synthetic_plan(campuses, generation.NamePool(loader.SEED))
    assert [d.organisation.name for d in first.drafts] == [d.organisation.name for d in second.drafts]
    assert first.isolated == second.isolated


def test_demo_data_ships_with_the_package():
    package = Path(biocluster.__file__).resolve().parent
    assert loader.DATA.is_relative_to(package)
    for path in loader.DATA.iterdir():
        assert "shared/seeds" not in path.read_text(encoding="utf-8").replace("seeds/00", "")


def test_sources_fit_their_column():
    for draft in loader.real_drafts():
        assert 0 < len(draft.organisation.source) <= 200
    for link in loader.real_links():
        assert 0 < len(link.source) <= 200
    assert len(loader.CAMPUS_SOURCE) <= Campus._meta.get_field("source").max_length


# --------------------------------------------------------------------------- the generator


@pytest.mark.django_db
def test_generate_makes_organisations_people_and_links():
    before = {model: model.objects.count() for model in (Organisation, Person, Affiliation, OrganisationLink)}
    audit_before = AuditEvent.objects.count()
    call_command("generate", organisations=200, seed=3, batch_size=70, stdout=io.StringIO())
    made = {model: model.objects.count() - n for model, n in before.items()}
    assert made[Organisation] == 200
    assert 4 * 200 <= made[Person] <= 6 * 200
    assert made[Affiliation] == made[Person]
    assert 200 <= made[OrganisationLink] <= 2 * 200
    assert AuditEvent.objects.count() == audit_before  # benchmark data: no audit trail

    assert Organisation.objects.filter(campus__name__startswith="Synthetic campus").exists()
    newest = list(Organisation.objects.order_by("-pk")[:200])
    assert all(o.source == SYNTHETIC and o.description_en and o.description_fr and o.name_key for o in newest)
    assert len({o.kind for o in newest}) >= 8
    generated = Organisation.objects.filter(pk__in=[o.pk for o in newest])
    assert not generated.filter(technology_fields__isnull=True).exists()
    # Full-text search finds the vocabulary of the descriptions, in both languages.
    assert search_organisations(generated, "thérapies").exists()
    assert search_organisations(generated, "sequencing").exists()
    # Ids were reserved by the generator: ordinary inserts go on working afterwards.
    OrganisationFactory(name="Created after generate")


def test_generation_is_deterministic_and_links_are_well_formed():
    pool = generation.NamePool(7)
    first = [d.organisation.name for d in generation.organisations(random.Random(7), 50, pool=pool)]
    second = [d.organisation.name for d in generation.organisations(random.Random(7), 50, pool=pool)]
    assert first == second
    assert len(set(first)) == 50

    nodes = [(pk, random.Random(pk).choice(list(generation.KIND_WEIGHTS))) for pk in range(1, 301)]
    links = list(generation.links(random.Random(1), nodes, 1.5, isolated={1, 2, 3}))
    assert 300 <= len(links) <= 460
    keys = [(link.subject_id, link.kind, link.object_id, link.project) for link in links]
    assert len(keys) == len(set(keys))
    for link in links:
        assert link.subject_id != link.object_id
        assert {link.subject_id, link.object_id}.isdisjoint({1, 2, 3})
        assert link.source == SYNTHETIC
        assert (link.kind == "collaborates_with") == bool(link.project)


def test_descriptions_use_the_field_vocabulary():
    rng = random.Random(2)
    en, fr = generation.describe(rng, K.STARTUP, ["gene-cell-therapy"])
    topics = generation.FIELD_TOPICS["gene-cell-therapy"]
    assert any(t[0] in en for t in topics)
    assert any(t[1] in fr for t in topics)


def test_spread_keeps_the_total():
    assert sum(generation.spread(2300, [3, 50, 7, 1, 90])) == 2300
    assert min(generation.spread(10, [1, 1000])) >= 1
