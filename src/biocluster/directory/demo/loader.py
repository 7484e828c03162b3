"""The directory's demo: a cluster modelled on Genopole.

Real organisations and links come from `data/organisations.json` and
`data/links.json`, each with the public document it is taken from (see
`data/sources.json`). The rest of a realistic cluster — start-ups and SMEs,
research labs, technology platforms, ~2,300 people, their links — is invented
with a fixed seed and says `source="synthetic"`.

Loading is idempotent: organisations are upserted by name, links by their
natural key, the campuses and demo logins by name and email; the synthetic
people are made only once.
"""

import json
import random
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.db.models import Count

from biocluster.accounts.models import Department, Role, RoleGrant, User
from biocluster.audit import services as audit
from biocluster.core.demo import DEMO_EMAIL_DOMAIN, DemoContext, demo_user

from .. import generation, reference, services
from ..models import (
    SYNTHETIC,
    Affiliation,
    Campus,
    Organisation,
    OrganisationKind,
    OrganisationLink,
    Person,
    TechnologyField,
    ValueChainStage,
)
from ..normalise import name_key

K = OrganisationKind
DATA = Path(__file__).resolve().parent / "data"
SEED = 1998  # the year Genopole was founded; any fixed value gives the same demo every time
SOURCE_MAX = 200

SYNTHETIC_SUFFIX = " (synthetic)"
SYNTHETIC_COMPANY_KINDS = {K.STARTUP: 46, K.SME: 24, K.LARGE_COMPANY: 2}
PEOPLE_ON_SITE = 2300
PAST_AFFILIATION_RATE = 0.1
UNLISTED = 3
ISOLATED = 6
EXTRA_LINKS_PER_ORGANISATION = 0.4

CAMPUSES = [
    ("Campus 1", "Évry-Courcouronnes"),
    ("Campus 2", "Évry-Courcouronnes"),
    ("Campus 3", "Évry-Courcouronnes"),
    ("Campus 4", "Corbeil-Essonnes"),
]
CAMPUS_SOURCE = (
    "synthetic name and city; four campuses per seeds/001_0200059356227e4c.txt (ECCP cluster profile)"
)

STAFF_LOGINS = [
    ("staff-entreprises", "Julien", "Moreau", Department.ENTREPRISES),
    ("staff-research", "Sophie", "Lambert", Department.RESEARCH_INFRASTRUCTURE),
    ("staff-communication", "Léa", "Fontaine", Department.COMMUNICATION),
    ("staff-international", "Thomas", "Girard", Department.INTERNATIONAL),
    ("staff-real-estate", "Nicolas", "Petit", Department.REAL_ESTATE),
    ("staff-direction", "Isabelle", "Robert", Department.DIRECTION),
]
PLATFORM_OF_MANAGER = "Plateforme de séquençage haut débit" + SYNTHETIC_SUFFIX


# --------------------------------------------------------------------------- the data


@cache
def _json(name: str):
    with (DATA / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def source_label(keys: list[str], note: str = "") -> str:
    """`seeds/<file> — <title>` for one document; file names only for several; then the note."""
    documents = _json("sources.json")
    if len(keys) == 1:
        text = f"{documents[keys[0]]['file']} — {documents[keys[0]]['title']}"
    else:
        text = "; ".join(documents[key]["file"] for key in keys)
    if note:
        text = f"{text} — {note}"
    if len(text) > SOURCE_MAX:
        # Too long with titles: fall back to file names only.
        text = "; ".join(documents[key]["file"] for key in keys) + (f" — {note}" if note else "")
    if len(text) > SOURCE_MAX:
        raise ValueError(f"Source too long ({len(text)} characters): {text}")
    return text


def real_drafts() -> list[generation.Draft]:
    drafts = []
    for item in _json("organisations.json"):
        drafts.append(
            generation.Draft(
                Organisation(
                    name=item["name"],
                    acronym=item.get("acronym", ""),
                    kind=item["kind"],
                    description_en=item["en"],
                    description_fr=item["fr"],
                    website=item.get("website", ""),
                    founded_year=item.get("founded_year"),
                    headcount=item.get("headcount"),
                    city=item.get("city", ""),
                    country=item["country"],
                    source=source_label(item["sources"]),
                ),
                list(item.get("fields", [])),
                list(item.get("stages", [])),
            )
        )
    return drafts


@dataclass
class LinkSpec:
    subject: str
    kind: str
    object: str
    project: str
    start_date: date | None
    end_date: date | None
    source: str


def real_links() -> list[LinkSpec]:
    def day(text):
        return date.fromisoformat(text) if text else None

    return [
        LinkSpec(
            subject=item["subject"],
            kind=item["kind"],
            object=item["object"],
            project=item.get("project", ""),
            start_date=day(item.get("start")),
            end_date=day(item.get("end")),
            source=source_label(item["sources"], item.get("note", "")),
        )
        for item in _json("links.json")
    ]


@dataclass
class SyntheticPlan:
    drafts: list[generation.Draft]
    founder_startup: str
    isolated: list[str]


def synthetic_plan(campuses: list[Campus], pool: generation.NamePool) -> SyntheticPlan:
    """The invented part of the cluster, the same on every run: companies, labs, platforms."""
    rng = random.Random(SEED)
    names = generation.UniqueNames(item["name"] for item in _json("organisations.json"))
    kinds = [kind for kind, count in SYNTHETIC_COMPANY_KINDS.items() for _ in range(count)]
    rng.shuffle(kinds)
    drafts = [
        generation.organisation(rng, kind, names=names, pool=pool, campuses=campuses, on_campus=1.0)
        for kind in kinds
    ]
    catalogue = _json("synthetic.json")
    for kind, items in ((K.RESEARCH_LAB, catalogue["labs"]), (K.PLATFORM, catalogue["platforms"])):
        for item in items:
            campus = rng.choice(campuses)
            stages = item.get("stages") or (
                ["training", "research-development"] if rng.random() < 0.4 else ["research-development"]
            )
            drafts.append(
                generation.Draft(
                    Organisation(
                        name=names.claim(item["name"] + SYNTHETIC_SUFFIX),
                        acronym=item.get("acronym", ""),
                        kind=kind,
                        description_en=item["en"],
                        description_fr=item["fr"],
                        founded_year=generation.founded_year(rng, kind),
                        campus=campus,
                        city=campus.city,
                        country="FR",
                        source=SYNTHETIC,
                    ),
                    list(item["fields"]),
                    list(stages),
                )
            )
    sizes = generation.spread(
        PEOPLE_ON_SITE, [generation.head_count(rng, d.organisation.kind) for d in drafts]
    )
    for draft, size in zip(drafts, sizes, strict=True):
        draft.organisation.headcount = size
    for draft in drafts:
        draft.organisation.is_listed = True
    # The founder's start-up is linked and listed; a few other companies are neither linked
    # (the isolated actors the network page shows) nor, for some, listed in the public directory.
    companies = [d.organisation for d in drafts if d.organisation.kind in SYNTHETIC_COMPANY_KINDS]
    founder_startup = next(o.name for o in companies if o.kind == K.STARTUP)
    chosen = rng.sample([o for o in companies if o.name != founder_startup], ISOLATED + UNLISTED)
    for unlisted in chosen[ISOLATED:]:
        unlisted.is_listed = False
    return SyntheticPlan(drafts, founder_startup, [o.name for o in chosen[:ISOLATED]])


# --------------------------------------------------------------------------- writing

COMPARED_FIELDS = (
    "acronym",
    "kind",
    "description_en",
    "description_fr",
    "website",
    "founded_year",
    "headcount",
    "campus_id",
    "city",
    "country",
    "is_listed",
    "source",
)


def _campuses(context: DemoContext) -> list[Campus]:
    campuses = []
    for name, city in CAMPUSES:
        campus, created = Campus.objects.get_or_create(
            name=name, defaults={"city": city, "source": CAMPUS_SOURCE}
        )
        context.count("campuses created", int(created))
        campuses.append(campus)
    return campuses


def _upsert(context: DemoContext, drafts: list[generation.Draft], writer) -> dict[str, Organisation]:
    """Create the organisations not there yet (one audit event each); bring the others up to date."""
    wanted = {name_key(d.organisation.name): d for d in drafts}
    existing: dict[str, Organisation] = {}
    queryset = Organisation.objects.filter(name_key__in=list(wanted)).prefetch_related(
        "technology_fields", "value_chain_stages"
    )
    for organisation in queryset.order_by("pk"):
        existing.setdefault(organisation.name_key, organisation)
    new = [d for key, d in wanted.items() if key not in existing]
    created = writer.organisations(new)
    audit.record_many_created(
        actor=None, objects=created, action="directory.organisation.loaded", data={"by": "load_demo"}
    )
    context.count("organisations created", len(created))

    fields = {f.code: f for f in TechnologyField.objects.all()}
    stages = {s.code: s for s in ValueChainStage.objects.all()}
    by_name = {d.organisation.name: d.organisation for d in new}
    for key, organisation in existing.items():
        draft = wanted[key]
        changes = {
            name: getattr(draft.organisation, name)
            for name in COMPARED_FIELDS
            if getattr(organisation, name) != getattr(draft.organisation, name)
        }
        if {f.code for f in organisation.technology_fields.all()} != set(draft.fields):
            changes["technology_fields"] = [fields[c] for c in draft.fields]
        if {s.code for s in organisation.value_chain_stages.all()} != set(draft.stages):
            changes["value_chain_stages"] = [stages[c] for c in draft.stages]
        if changes:
            if "campus_id" in changes:
                changes["campus"] = draft.organisation.campus
                del changes["campus_id"]
            services.update_organisation(actor=None, organisation=organisation, **changes)
            context.count("organisations updated", 1)
        by_name[draft.organisation.name] = organisation
    return by_name


def _real_links(context: DemoContext, organisations: dict[str, Organisation]) -> None:
    specs = real_links()
    missing = {name for s in specs for name in (s.subject, s.object) if name not in organisations}
    if missing:
        raise ValueError(f"Links name unknown organisations: {sorted(missing)}")
    ids = [o.pk for o in organisations.values()]
    existing = {
        (link.subject_id, link.kind, link.object_id, link.project): link
        for link in OrganisationLink.objects.filter(subject_id__in=ids)
    }
    new = []
    for spec in specs:
        subject, obj = organisations[spec.subject], organisations[spec.object]
        values = {"start_date": spec.start_date, "end_date": spec.end_date, "source": spec.source}
        link = existing.get((subject.pk, spec.kind, obj.pk, spec.project))
        if link is None:
            new.append(
                OrganisationLink(subject=subject, kind=spec.kind, object=obj, project=spec.project, **values)
            )
        elif any(getattr(link, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(link, name, value)
            link.full_clean()
            link.save()
    OrganisationLink.objects.bulk_create(new)
    context.count("links created", len(new))


def _synthetic_links(
    context: DemoContext, plan: SyntheticPlan, organisations: dict[str, Organisation]
) -> None:
    synthetic = [organisations[d.organisation.name] for d in plan.drafts]
    ids = [o.pk for o in synthetic]
    existing = set(
        OrganisationLink.objects.filter(subject_id__in=ids).values_list(
            "subject_id", "kind", "object_id", "project"
        )
    )
    nodes = [(o.pk, o.kind) for o in synthetic]
    isolated = {organisations[name].pk for name in plan.isolated}
    rng = random.Random(SEED + 2)
    # Everyone not isolated is the subject of one link, and a few of more.
    new = list(
        generation.links(
            rng, nodes, 1 + EXTRA_LINKS_PER_ORGANISATION, isolated=isolated, existing=existing, hubs=0.2
        )
    )
    OrganisationLink.objects.bulk_create(new)
    context.count("links created", len(new))


def _people(
    context: DemoContext, plan: SyntheticPlan, organisations: dict[str, Organisation], pool, writer
) -> None:
    synthetic = [organisations[d.organisation.name] for d in plan.drafts]
    if Affiliation.objects.filter(organisation__in=synthetic, person__source=SYNTHETIC).exists():
        return  # made on an earlier run
    rng = random.Random(SEED + 1)
    people, affiliations = [], []
    for organisation in synthetic:
        for person, affiliation in generation.people(
            rng, organisation, organisation.headcount or 0, pool=pool
        ):
            people.append(person)
            affiliations.append(affiliation)
            if rng.random() < PAST_AFFILIATION_RATE:
                previous = rng.choice(synthetic)
                if previous.pk != organisation.pk:
                    affiliations.append(generation.past_affiliation(rng, person, affiliation, previous))
    writer.people(people, affiliations)
    context.count("people created", len(people))
    context.count("affiliations created", len(affiliations))


def _logins(context: DemoContext, plan: SyntheticPlan, organisations: dict[str, Organisation]) -> None:
    demo_user(context, "admin", "Hélène", "Garnier", "Administrator (superuser)", is_superuser=True)
    for local_part, first, last, department in STAFF_LOGINS:
        user = demo_user(
            context, local_part, first, last, f"Cluster staff — {department.label}", is_staff=True
        )
        RoleGrant.objects.get_or_create(user=user, role=Role.STAFF, department=department)
    reviewer = demo_user(context, "reviewer", "Marc", "Dubois", "Reviewer of calls")
    RoleGrant.objects.get_or_create(user=reviewer, role=Role.REVIEWER, department="")

    platform = organisations[PLATFORM_OF_MANAGER]
    startup = organisations[plan.founder_startup]
    for local_part, first, last, organisation, role, administrator, label in (
        ("platform-manager", "Nadia", "Benali", platform, "Platform manager", True, "Platform manager"),
        ("founder", "Antoine", "Mercier", startup, "CEO and co-founder", True, "Organisation administrator"),
        ("member", "Chloé", "Bernard", startup, "Research scientist", False, "Member"),
    ):
        user = demo_user(context, local_part, first, last, f"{label} — {organisation.name}")
        person, _created = Person.objects.get_or_create(
            user=user,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": user.email,
                "public_consent": True,
                "public_consent_at": generation.CONSENT_AT,
                "contact_consent": True,
                "contact_consent_at": generation.CONSENT_AT,
                "source": SYNTHETIC,
            },
        )
        Affiliation.objects.get_or_create(
            person=person,
            organisation=organisation,
            role=role,
            defaults={"start_date": date(2024, 9, 1), "is_administrator": administrator},
        )


# --------------------------------------------------------------------------- the loader


def load(context: DemoContext) -> None:
    from django.apps import apps

    reference.load(apps)  # the taxonomy and value chain, should a database flush have removed them
    writer = generation.BulkWriter(batch_size=2000)
    pool = generation.NamePool(SEED)
    campuses = _campuses(context)
    plan = synthetic_plan(campuses, pool)
    organisations = _upsert(context, real_drafts() + plan.drafts, writer)
    _real_links(context, organisations)
    _synthetic_links(context, plan, organisations)
    _people(context, plan, organisations, pool, writer)
    _logins(context, plan, organisations)
    summary(context)


def summary(context: DemoContext) -> None:
    by_kind = dict(Organisation.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    real = Organisation.objects.exclude(source=SYNTHETIC).count()
    synthetic = Organisation.objects.filter(source=SYNTHETIC).count()
    context.log(
        f"Directory: {real + synthetic} organisations ({real} from the seeds, {synthetic} synthetic), "
        f"{Person.objects.count()} people, {Affiliation.objects.count()} affiliations, "
        f"{OrganisationLink.objects.count()} links, {Campus.objects.count()} campuses."
    )
    context.log(
        "  by kind: " + ", ".join(f"{K(kind).label} {count}" for kind, count in sorted(by_kind.items()))
    )


def flush(context: DemoContext) -> None:
    """Empty the directory (organisations, people, links, campuses) and remove the demo logins."""
    OrganisationLink.objects.all().delete()
    Affiliation.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    Campus.objects.all().delete()
    User.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).delete()
