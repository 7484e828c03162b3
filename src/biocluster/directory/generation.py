"""Synthetic ecosystems: the filler of the demo cluster and the benchmark data of `biocluster generate`.

The functions here are pure: given a seeded `random.Random`, they build unsaved
model instances (organisations with their technology fields and value-chain
stages, people with their affiliations, links), always the same for the same
seed. Everything they make says `source="synthetic"`. `BulkWriter`, at the
end, saves them in batches, many-to-many rows included: with `bulk_create` for
the demo, with plain multi-row inserts (SQLite) or COPY (PostgreSQL) for the
benchmark generator.

Descriptions are assembled from a bilingual vocabulary per technology field, so
that full-text search over a generated directory finds realistic words in
English and French.
"""

import random
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from .models import (
    SYMMETRIC_LINK_KINDS,
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
from .normalise import name_key
from .reference import TECHNOLOGY_FIELDS

K = OrganisationKind

# The demo and the generator describe the world as of this date, whatever the day they run.
REFERENCE_DATE = date(2026, 1, 1)
CONSENT_AT = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
CONTACT_CONSENT_PERCENT = 50

# --------------------------------------------------------------------------- vocabulary

# Leaf field code -> topics an organisation may work on, (English, French with its article).
FIELD_TOPICS: dict[str, list[tuple[str, str]]] = {
    "gene-cell-therapy": [
        ("AAV vectors for gene therapy", "des vecteurs AAV de thérapie génique"),
        (
            "CAR-T cell therapies against solid tumours",
            "des thérapies cellulaires CAR-T contre les tumeurs solides",
        ),
        ("ex vivo editing of blood stem cells", "l'édition ex vivo de cellules souches sanguines"),
    ],
    "biotherapies": [
        ("therapeutic antibodies", "des anticorps thérapeutiques"),
        ("messenger RNA vaccines", "des vaccins à ARN messager"),
        (
            "bacteriophage therapies against resistant infections",
            "des phagothérapies contre les infections résistantes",
        ),
    ],
    "personalised-medicine": [
        (
            "companion biomarkers for targeted treatments",
            "des biomarqueurs compagnons pour les traitements ciblés",
        ),
        ("pharmacogenomic profiling of patients", "le profilage pharmacogénomique des patients"),
        ("liquid biopsies for cancer follow-up", "des biopsies liquides pour le suivi des cancers"),
    ],
    "diagnostics": [
        (
            "rapid molecular tests for infectious diseases",
            "des tests moléculaires rapides des maladies infectieuses",
        ),
        ("in vitro diagnostics for women's health", "des diagnostics in vitro pour la santé des femmes"),
        ("point-of-care PCR assays", "des tests PCR délocalisés"),
    ],
    "drug-discovery": [
        ("small molecules targeting RNA", "des petites molécules ciblant l'ARN"),
        ("AI-guided screening of drug candidates", "le criblage de candidats médicaments guidé par l'IA"),
        (
            "drug repositioning for rare diseases",
            "le repositionnement de médicaments pour les maladies rares",
        ),
    ],
    "medtech": [
        ("implantable biosensors", "des biocapteurs implantables"),
        ("microfluidic devices for cell analysis", "des dispositifs microfluidiques d'analyse cellulaire"),
        (
            "medical devices combined with biologics",
            "des dispositifs médicaux associés à des produits biologiques",
        ),
    ],
    "genome-sequencing": [
        ("long-read genome sequencing", "le séquençage des génomes en lectures longues"),
        (
            "exome and whole-genome sequencing services",
            "des services de séquençage d'exomes et de génomes complets",
        ),
        ("sequencing of microbial communities", "le séquençage des communautés microbiennes"),
    ],
    "digital-genomics": [
        ("cloud pipelines for genomic data", "des chaînes d'analyse de données génomiques dans le cloud"),
        ("machine learning on genomes", "l'apprentissage automatique appliqué aux génomes"),
        ("variant interpretation software", "des logiciels d'interprétation des variants"),
    ],
    "transcriptomics": [
        ("single-cell transcriptomics", "la transcriptomique sur cellule unique"),
        ("spatial transcriptomics of tissues", "la transcriptomique spatiale des tissus"),
        ("RNA expression signatures", "des signatures d'expression de l'ARN"),
    ],
    "proteomics": [
        ("mass-spectrometry proteomics", "la protéomique par spectrométrie de masse"),
        ("protein interaction maps", "des cartes d'interactions protéiques"),
        ("protein biomarker discovery", "la découverte de biomarqueurs protéiques"),
    ],
    "metabolomics": [
        ("metabolic profiling of biofluids", "le profilage métabolique des fluides biologiques"),
        ("lipidomics", "la lipidomique"),
        ("metabolites of the microbiome", "les métabolites du microbiote"),
    ],
    "synthetic-biology": [
        ("enzymatic DNA synthesis", "la synthèse enzymatique d'ADN"),
        ("engineered microorganisms", "des micro-organismes modifiés"),
        ("genetic circuits for biosensing", "des circuits génétiques de biodétection"),
    ],
    "systems-biology": [
        ("models of cell signalling", "des modèles de la signalisation cellulaire"),
        ("multi-omics integration", "l'intégration de données multi-omiques"),
        ("metabolic network models", "des modèles de réseaux métaboliques"),
    ],
    "biofoundry": [
        ("automated design-build-test cycles", "des cycles automatisés de conception, construction et test"),
        ("robotic strain engineering", "l'ingénierie robotisée de souches"),
        ("high-throughput DNA assembly", "l'assemblage d'ADN à haut débit"),
    ],
    "process-development": [
        ("scale-up of cell culture processes", "la montée en échelle des procédés de culture cellulaire"),
        ("continuous bioprocessing", "des bioprocédés en continu"),
        ("purification of viral vectors", "la purification de vecteurs viraux"),
    ],
    "gmp-manufacturing": [
        ("GMP production of clinical batches", "la production BPF de lots cliniques"),
        ("contract manufacturing of biologics", "la production à façon de produits biologiques"),
        ("aseptic fill and finish of biotherapies", "la répartition aseptique de biothérapies"),
    ],
    "quality-control": [
        ("release testing of biologics", "les tests de libération des produits biologiques"),
        ("sterility and endotoxin assays", "des essais de stérilité et d'endotoxines"),
        ("validation of analytical methods", "la validation de méthodes analytiques"),
    ],
    "industrial-biotechnology": [
        ("bio-based chemicals made by fermentation", "des molécules biosourcées issues de la fermentation"),
        ("industrial enzymes", "des enzymes industrielles"),
        ("biodegradable polymers", "des polymères biodégradables"),
    ],
    "agritech-foodtech": [
        ("microalgae for food", "des microalgues pour l'alimentation"),
        (
            "alternative proteins by precision fermentation",
            "des protéines alternatives par fermentation de précision",
        ),
        ("biocontrol solutions for crops", "des solutions de biocontrôle pour les cultures"),
    ],
    "environment": [
        ("bioremediation of polluted soils", "la bioremédiation des sols pollués"),
        ("DNA monitoring of wastewater", "la surveillance des eaux usées par l'ADN"),
        ("carbon capture by microorganisms", "la capture du carbone par des micro-organismes"),
    ],
    "bioinformatics": [
        ("bioinformatics pipelines", "des chaînes de traitement bioinformatique"),
        ("protein structure prediction", "la prédiction de structures protéiques"),
        ("curated biological databases", "des bases de données biologiques annotées"),
    ],
    "health-data": [
        ("secure platforms for health data", "des plateformes sécurisées de données de santé"),
        ("real-world evidence studies", "des études en vie réelle"),
        ("interoperability of clinical data", "l'interopérabilité des données cliniques"),
    ],
    "biophysics": [
        ("single-molecule biophysics", "la biophysique de la molécule unique"),
        ("cryo-electron microscopy of proteins", "la cryo-microscopie électronique des protéines"),
        ("mechanobiology of cells", "la mécanobiologie des cellules"),
    ],
    "imaging": [
        ("super-resolution microscopy", "la microscopie de super-résolution"),
        ("in vivo imaging", "l'imagerie in vivo"),
        ("AI analysis of medical images", "l'analyse d'images médicales par IA"),
    ],
}

# Root field code -> who the work is for.
APPLICATIONS: dict[str, list[tuple[str, str]]] = {
    "health": [
        ("for rare diseases", "pour les maladies rares"),
        ("in oncology", "en oncologie"),
        ("for infectious diseases", "pour les maladies infectieuses"),
        ("for neurodegenerative diseases", "pour les maladies neurodégénératives"),
    ],
    "genomics": [
        ("for clinical genetics", "pour la génétique clinique"),
        ("for research laboratories", "pour les laboratoires de recherche"),
        ("for population studies", "pour les études de population"),
    ],
    "synthetic-systems-biology": [
        ("for the chemical industry", "pour l'industrie chimique"),
        ("for pharmaceutical research", "pour la recherche pharmaceutique"),
    ],
    "bioproduction": [
        ("for biotherapy developers", "pour les développeurs de biothérapies"),
        ("from preclinical to commercial scale", "de l'échelle préclinique à l'échelle commerciale"),
    ],
    "industrial-environmental": [
        ("for a low-carbon economy", "pour une économie bas carbone"),
        ("for agriculture and food", "pour l'agriculture et l'alimentation"),
    ],
    "data-physics": [
        ("for hospitals and researchers", "pour les hôpitaux et les chercheurs"),
        ("for drug developers", "pour les développeurs de médicaments"),
    ],
}

# Kind -> sentence templates (English, French): {t1}, {t2} are topics, {app} an application.
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    K.STARTUP: [
        (
            "Start-up developing {t1} {app}; it also explores {t2}.",
            "Start-up qui développe {t1} {app} ; elle explore aussi {t2}.",
        ),
        (
            "Young company working on {t1} {app}, and on {t2}.",
            "Jeune entreprise qui travaille sur {t1} {app}, ainsi que sur {t2}.",
        ),
    ],
    K.SME: [
        (
            "SME whose products and services cover {t1} {app}, with a second line of work on {t2}.",
            "PME dont les produits et services couvrent {t1} {app}, avec une seconde activité portant sur {t2}.",
        ),
        (
            "Established biotech company offering {t1} {app}; its R&D also covers {t2}.",
            "Entreprise de biotechnologie établie qui propose {t1} {app} ; sa R&D porte aussi sur {t2}.",
        ),
    ],
    K.LARGE_COMPANY: [
        (
            "Group with an R&D centre on the campus, focused on {t1} and {t2}.",
            "Groupe disposant d'un centre de R&D sur le campus, centré sur {t1} et {t2}.",
        ),
        (
            "International company whose local teams work on {t1} {app}.",
            "Entreprise internationale dont les équipes locales travaillent sur {t1} {app}.",
        ),
    ],
    K.RESEARCH_LAB: [
        (
            "Public research laboratory studying {t1}, with a team working on {t2}.",
            "Laboratoire de recherche publique qui étudie {t1}, avec une équipe travaillant sur {t2}.",
        ),
        (
            "Academic laboratory whose teams investigate {t1} {app}, and {t2}.",
            "Laboratoire académique dont les équipes étudient {t1} {app}, ainsi que {t2}.",
        ),
    ],
    K.RESEARCH_ORGANISATION: [
        (
            "Research organisation whose institutes work on {t1} and {t2}.",
            "Organisme de recherche dont les instituts travaillent sur {t1} et {t2}.",
        ),
    ],
    K.PLATFORM: [
        (
            "Shared-access technology platform offering {t1} and expertise on {t2} to labs and companies.",
            "Plateforme technologique en accès partagé qui propose {t1} et une expertise portant sur {t2} aux laboratoires et aux entreprises.",
        ),
        ("Open platform providing {t1} {app}.", "Plateforme ouverte qui met à disposition {t1} {app}."),
    ],
    K.UNIVERSITY: [
        (
            "University with master's programmes and research teams working on {t1} and {t2}.",
            "Université proposant des masters et des équipes de recherche travaillant sur {t1} et {t2}.",
        ),
    ],
    K.HOSPITAL: [
        (
            "Hospital with clinical research units on {t1} {app}.",
            "Hôpital doté d'unités de recherche clinique portant sur {t1} {app}.",
        ),
    ],
    K.INVESTOR: [
        (
            "Investment fund backing young companies in {t1} and {t2}.",
            "Fonds d'investissement qui accompagne de jeunes entreprises travaillant sur {t1} et {t2}.",
        ),
        (
            "Venture capital firm investing in {t1} {app}.",
            "Société de capital-risque qui investit dans des projets portant sur {t1} {app}.",
        ),
    ],
    K.FUNDER: [
        (
            "Foundation funding research projects on {t1} {app}.",
            "Fondation qui finance des projets de recherche portant sur {t1} {app}.",
        ),
    ],
    K.PUBLIC_BODY: [
        (
            "Public agency supporting innovation, with programmes on {t1}.",
            "Agence publique de soutien à l'innovation, avec des programmes portant sur {t1}.",
        ),
    ],
    K.CLUSTER: [
        (
            "Cluster gathering companies and labs working on {t1} and {t2}.",
            "Cluster réunissant entreprises et laboratoires travaillant sur {t1} et {t2}.",
        ),
    ],
    K.NETWORK: [
        (
            "Network of organisations sharing practices on {t1} and {t2}.",
            "Réseau d'organisations qui partagent leurs pratiques sur {t1} et {t2}.",
        ),
    ],
    K.OTHER: [
        (
            "Organisation of the ecosystem involved in {t1}.",
            "Structure de l'écosystème impliquée dans des travaux portant sur {t1}.",
        ),
    ],
}

# Leaf code -> root code, from the reference taxonomy.
LEAF_ROOT: dict[str, str] = {
    child[0]: root for root, _en, _fr, children in TECHNOLOGY_FIELDS for child in children
}
LEAF_FR: dict[str, str] = {child[0]: child[2] for *_rest, children in TECHNOLOGY_FIELDS for child in children}
ROOT_WEIGHTS = {
    "health": 35,
    "genomics": 20,
    "synthetic-systems-biology": 12,
    "bioproduction": 13,
    "industrial-environmental": 10,
    "data-physics": 10,
}
_LEAVES = sorted(LEAF_ROOT)
_LEAF_WEIGHTS = [
    ROOT_WEIGHTS[LEAF_ROOT[c]] / sum(1 for x in LEAF_ROOT.values() if x == LEAF_ROOT[c]) for c in _LEAVES
]

# Coined company names: <start><link><ending> [<suffix>].
NAME_STARTS = [
    "Gen",
    "Cell",
    "Nucle",
    "Prot",
    "Myco",
    "Phyt",
    "Imm",
    "Onc",
    "Neur",
    "Cyt",
    "Enz",
    "Lyr",
    "Vir",
    "Plasm",
    "Rib",
    "Syn",
    "Met",
    "Hel",
    "Quant",
    "Aqu",
    "Ser",
    "Lum",
    "Vect",
    "Ep",
    "Chrom",
    "Mut",
    "Xen",
    "Alg",
    "Ther",
    "Kin",
    "Pept",
    "Glyc",
    "Micr",
    "Ost",
    "Card",
    "Derm",
    "Hem",
    "Lip",
    "Mol",
    "Tax",
]
NAME_LINKS = ["a", "o", "i", "e", "y", "ia", "eo", ""]
NAME_ENDINGS = [
    "via",
    "nix",
    "gen",
    "tis",
    "lys",
    "mera",
    "dyn",
    "ra",
    "tek",
    "lab",
    "sys",
    "vance",
    "gene",
    "cyte",
    "zyme",
    "quest",
    "sens",
    "form",
    "medix",
    "path",
    "vita",
    "tope",
    "nova",
    "bios",
    "cure",
    "logic",
]
COMPANY_SUFFIXES = [
    "Therapeutics",
    "Biotech",
    "Bio",
    "Diagnostics",
    "Genomics",
    "Biosciences",
    "Labs",
    "Pharma",
    "Technologies",
    "Biologics",
    "Analytics",
    "Systems",
]
PROJECT_STARTS = [
    "BIO",
    "GEN",
    "CELL",
    "PROT",
    "SYN",
    "MICRO",
    "NANO",
    "IMMUNO",
    "ORGANO",
    "META",
    "OMICS",
    "VECT",
]
PROJECT_ENDS = [
    "SCALE",
    "PATH",
    "LINK",
    "FAB",
    "MAP",
    "NET",
    "CARE",
    "TRACK",
    "FLOW",
    "EDIT",
    "SENSE",
    "CURE",
]

ROLES: dict[str, tuple[str, list[str]]] = {
    # kind group -> (role of the head, other roles)
    "company": (
        "CEO",
        [
            "Research scientist",
            "Research scientist",
            "Engineer",
            "Technician",
            "Technician",
            "Business developer",
            "Quality manager",
            "Regulatory affairs manager",
            "Bioinformatician",
            "Postdoctoral researcher",
            "PhD student",
            "Production operator",
            "CTO",
            "Office manager",
        ],
    ),
    "lab": (
        "Laboratory director",
        [
            "Team leader",
            "Researcher",
            "Researcher",
            "Research engineer",
            "Technician",
            "Postdoctoral researcher",
            "PhD student",
            "PhD student",
            "Administrative manager",
        ],
    ),
    "platform": ("Platform manager", ["Scientific lead", "Engineer", "Engineer", "Technician", "Technician"]),
    "investor": ("Managing partner", ["Investment manager", "Analyst", "Partner"]),
    "other": ("Director", ["Programme manager", "Project officer", "Analyst", "Communication officer"]),
}


def role_group(kind: str) -> str:
    if kind in (K.STARTUP, K.SME, K.LARGE_COMPANY):
        return "company"
    if kind in (K.RESEARCH_LAB, K.RESEARCH_ORGANISATION, K.UNIVERSITY, K.HOSPITAL):
        return "lab"
    if kind == K.PLATFORM:
        return "platform"
    if kind == K.INVESTOR:
        return "investor"
    return "other"


# Kind weights of a generated ecosystem (the generator's default mix).
KIND_WEIGHTS: dict[str, float] = {
    K.STARTUP: 34,
    K.SME: 24,
    K.LARGE_COMPANY: 4,
    K.RESEARCH_LAB: 12,
    K.RESEARCH_ORGANISATION: 2,
    K.PLATFORM: 6,
    K.UNIVERSITY: 2,
    K.HOSPITAL: 1.5,
    K.INVESTOR: 5,
    K.FUNDER: 2,
    K.PUBLIC_BODY: 2,
    K.CLUSTER: 2,
    K.NETWORK: 2,
    K.OTHER: 1.5,
}

FOREIGN_CITIES = {
    "DE": ["Munich", "Berlin", "Heidelberg"],
    "BE": ["Gent", "Leuven", "Liège"],
    "CH": ["Basel", "Geneva", "Lausanne"],
    "ES": ["Barcelona", "Madrid", "Valencia"],
    "IT": ["Milan", "Naples", "Turin"],
    "NL": ["Leiden", "Utrecht", "Enschede"],
    "GB": ["Cambridge", "Oxford", "London"],
    "US": ["Boston", "San Diego", "Raleigh"],
    "CA": ["Montréal", "Toronto", "Québec"],
    "SG": ["Singapore"],
    "JP": ["Kobe", "Osaka", "Tokyo"],
}


# --------------------------------------------------------------------------- helpers


def ascii_slug(text: str, separator: str = "-") -> str:
    return separator.join(name_key(text).split())


def _elide(preposition: str, phrase: str) -> str:
    """French elision: "de" + "imagerie" -> "d'imagerie"."""
    word = unicodedata.normalize("NFKD", phrase).encode("ascii", "ignore").decode().lower()
    if word[:1] in "aeiouyh":
        return f"{preposition[:-1]}'{phrase}"
    return f"{preposition} {phrase}"


class NamePool:
    """First names, last names and cities drawn once from Faker (fr_FR, seeded), then combined cheaply."""

    def __init__(self, seed: int, *, first_names: int = 400, last_names: int = 1200, cities: int = 200):
        from faker import Faker

        fake = Faker("fr_FR")
        fake.seed_instance(seed)
        self.first_names = self._distinct(fake.first_name, first_names)
        self.last_names = self._distinct(fake.last_name, last_names)
        self.cities = self._distinct(fake.city, cities)
        self._slugs = {n: ascii_slug(n, ".") for n in (*self.first_names, *self.last_names)}

    @staticmethod
    def _distinct(make, count: int) -> list[str]:
        seen: dict[str, None] = {}
        for _ in range(count * 3):
            seen.setdefault(make(), None)
            if len(seen) >= count:
                break
        return list(seen)

    def slug(self, name: str) -> str:
        return self._slugs.get(name) or ascii_slug(name, ".")


class UniqueNames:
    """Hands out names never given before (compared as `name_key`), numbering the rare repeats."""

    def __init__(self, taken: Iterable[str] = ()):
        self.keys = {name_key(n) for n in taken}

    def claim(self, name: str) -> str:
        candidate, number = name, 2
        while name_key(candidate) in self.keys:
            candidate = f"{name} {number}"
            number += 1
        self.keys.add(name_key(candidate))
        return candidate


def coined_word(rng: random.Random) -> str:
    return rng.choice(NAME_STARTS) + rng.choice(NAME_LINKS) + rng.choice(NAME_ENDINGS)


def company_name(rng: random.Random) -> str:
    word = coined_word(rng)
    return f"{word} {rng.choice(COMPANY_SUFFIXES)}" if rng.random() < 0.6 else word


def organisation_name(rng: random.Random, kind: str, fields: Sequence[str]) -> str:
    """A plausible, invented name for an organisation of `kind` (no real institution's name)."""
    word = coined_word(rng)
    topic = LEAF_FR.get(fields[0], "biotechnologies").lower() if fields else "biotechnologies"
    match kind:
        case K.STARTUP | K.SME | K.LARGE_COMPANY:
            return company_name(rng)
        case K.RESEARCH_LAB:
            return f"Laboratoire {_elide('de', topic)} {word}"
        case K.PLATFORM:
            return f"Plateforme {_elide('de', topic)} {word}"
        case K.RESEARCH_ORGANISATION:
            return rng.choice([f"Institut {word}", f"Institut de recherche {word}"])
        case K.UNIVERSITY:
            return rng.choice([f"Université {word}", f"{word} University"])
        case K.HOSPITAL:
            return rng.choice([f"Centre hospitalier {word}", f"Clinique {word}"])
        case K.INVESTOR:
            return f"{word} {rng.choice(['Capital', 'Ventures', 'Partners', 'Invest'])}"
        case K.FUNDER:
            return rng.choice([f"Fondation {word}", f"Fonds {word} pour la recherche"])
        case K.PUBLIC_BODY:
            return rng.choice([f"Agence {word} de développement", f"Agence régionale {word}"])
        case K.CLUSTER:
            return rng.choice([f"{word} Biocluster", f"Pôle biotech {word}"])
        case K.NETWORK:
            return rng.choice([f"Réseau {word}", f"{word} Network"])
        case _:
            return rng.choice([f"Association {word}", f"{word} Association"])


def pick_fields(rng: random.Random, kind: str) -> list[str]:
    """Technology-field codes for an organisation of `kind` (leaves; sometimes a root for broad actors)."""
    if kind in (K.PLATFORM,):
        count = rng.choice([1, 1, 2])
    elif kind in (
        K.INVESTOR,
        K.FUNDER,
        K.PUBLIC_BODY,
        K.CLUSTER,
        K.NETWORK,
        K.OTHER,
        K.RESEARCH_ORGANISATION,
    ):
        count = rng.choice([1, 2, 2, 3])
    else:
        count = rng.choice([1, 2, 2, 3])
    codes: list[str] = []
    while len(codes) < count:
        code = rng.choices(_LEAVES, weights=_LEAF_WEIGHTS)[0]
        if code not in codes:
            codes.append(code)
    if kind in (K.INVESTOR, K.FUNDER, K.CLUSTER, K.NETWORK, K.UNIVERSITY) and rng.random() < 0.5:
        codes.append(LEAF_ROOT[codes[0]])
    return codes


def pick_stages(rng: random.Random, kind: str, fields: Sequence[str]) -> list[str]:
    """Value-chain stage codes, in chain order."""
    chance = {
        K.STARTUP: {"research-development": 1, "process-industrialisation": 0.3},
        K.SME: {
            "research-development": 0.8,
            "process-industrialisation": 0.5,
            "production": 0.4,
            "post-market": 0.2,
        },
        K.LARGE_COMPANY: {"research-development": 0.8, "production": 0.9, "post-market": 0.7},
        K.RESEARCH_LAB: {"training": 0.3, "research-development": 1},
        K.RESEARCH_ORGANISATION: {"training": 0.5, "research-development": 1},
        K.PLATFORM: {"research-development": 0.8, "process-industrialisation": 0.3},
        K.UNIVERSITY: {"training": 1, "research-development": 0.9},
        K.HOSPITAL: {"research-development": 0.6, "post-market": 0.9},
        K.NETWORK: {"training": 0.3},
        K.CLUSTER: {"training": 0.3},
    }.get(kind, {})
    stages = {code for code, p in chance.items() if rng.random() < p}
    if kind in (K.SME, K.LARGE_COMPANY, K.PLATFORM) and any(
        LEAF_ROOT.get(f) == "bioproduction" for f in fields
    ):
        stages |= {"process-industrialisation", "production"}
    order = ["training", "research-development", "process-industrialisation", "production", "post-market"]
    return [code for code in order if code in stages]


def describe(rng: random.Random, kind: str, fields: Sequence[str]) -> tuple[str, str]:
    """An English and a French description built from the vocabulary of `fields`."""
    leaves = [f for f in fields if f in FIELD_TOPICS] or [rng.choice(_LEAVES)]
    first = rng.choice(FIELD_TOPICS[leaves[0]])
    pool = [t for leaf in leaves for t in FIELD_TOPICS[leaf] if t != first]
    second = rng.choice(pool)
    app = rng.choice(APPLICATIONS[LEAF_ROOT[leaves[0]]])
    en, fr = rng.choice(TEMPLATES.get(kind) or TEMPLATES[K.OTHER])
    return (
        en.format(t1=first[0], t2=second[0], app=app[0]),
        fr.format(t1=first[1], t2=second[1], app=app[1]),
    )


def founded_year(rng: random.Random, kind: str) -> int:
    low, high = {
        K.STARTUP: (2016, 2025),
        K.SME: (1998, 2016),
        K.LARGE_COMPANY: (1950, 2005),
        K.PLATFORM: (1998, 2023),
        K.RESEARCH_LAB: (1990, 2022),
    }.get(kind, (1945, 2020))
    return rng.randint(low, high)


def random_date(rng: random.Random, start: date, end: date) -> date:
    days = (end - start).days
    return start + timedelta(days=rng.randint(0, max(days, 0)))


def project_name(rng: random.Random) -> str:
    name = rng.choice(PROJECT_STARTS) + rng.choice(PROJECT_ENDS)
    return f"{name}-{rng.randint(2, 4)}" if rng.random() < 0.2 else name


# --------------------------------------------------------------------------- organisations


# Kinds that are not on a campus of the cluster.
_OFF_SITE = {K.INVESTOR, K.FUNDER, K.PUBLIC_BODY, K.CLUSTER, K.NETWORK, K.UNIVERSITY}


@dataclass
class Draft:
    """An unsaved organisation with the codes of its technology fields and value-chain stages."""

    organisation: Organisation
    fields: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)


def organisation(
    rng: random.Random,
    kind: str,
    *,
    names: UniqueNames,
    pool: NamePool,
    campuses: Sequence[Campus] = (),
    on_campus: float = 0.9,
    abroad: float = 0.15,
    name: str | None = None,
) -> Draft:
    """One synthetic organisation of `kind`; most of those that work on site get a campus."""
    fields = pick_fields(rng, kind)
    en, fr = describe(rng, kind, fields)
    on_site = campuses and kind not in _OFF_SITE and rng.random() < on_campus
    campus = rng.choice(campuses) if on_site else None
    country, city = "FR", ""
    if campus is not None:
        city = campus.city
    elif rng.random() < abroad:
        country = rng.choice(sorted(FOREIGN_CITIES))
        city = rng.choice(FOREIGN_CITIES[country])
    else:
        city = rng.choice(pool.cities)
    return Draft(
        Organisation(
            name=names.claim(name or organisation_name(rng, kind, fields)),
            kind=kind,
            description_en=en,
            description_fr=fr,
            founded_year=founded_year(rng, kind),
            campus=campus,
            city=city,
            country=country,
            is_listed=rng.random() < 0.96,
            source=SYNTHETIC,
        ),
        fields,
        pick_stages(rng, kind, fields),
    )


def organisations(
    rng: random.Random,
    count: int,
    *,
    pool: NamePool,
    names: UniqueNames | None = None,
    campuses: Sequence[Campus] = (),
    kinds: dict[str, float] | None = None,
) -> Iterator[Draft]:
    """`count` synthetic organisations whose kinds follow `kinds` (default: `KIND_WEIGHTS`)."""
    names = names or UniqueNames()
    weights = kinds or KIND_WEIGHTS
    population, cum = list(weights), list(weights.values())
    for _ in range(count):
        kind = rng.choices(population, weights=cum)[0]
        yield organisation(rng, kind, names=names, pool=pool, campuses=campuses)


# --------------------------------------------------------------------------- people


def _person(rng: random.Random, pool: NamePool, domain: str, consent_rate: float) -> Person:
    first, last = rng.choice(pool.first_names), rng.choice(pool.last_names)
    consent = rng.random() < consent_rate
    email = f"{pool.slug(first)}.{pool.slug(last)}@{domain}"
    # Drawn from the address, not from `rng`: the people generated before this consent existed stay the same.
    mailable = zlib.crc32(email.encode()) % 100 < CONTACT_CONSENT_PERCENT
    return Person(
        first_name=first,
        last_name=last,
        email=email,
        public_consent=consent,
        public_consent_at=CONSENT_AT if consent else None,
        contact_consent=mailable,
        contact_consent_at=CONSENT_AT if mailable else None,
        source=SYNTHETIC,
    )


def email_domain(organisation: Organisation) -> str:
    return f"{ascii_slug(organisation.name)[:50] or 'organisation'}.example"


def people(
    rng: random.Random,
    organisation: Organisation,
    count: int,
    *,
    pool: NamePool,
    consent_rate: float = 0.35,
    head_is_administrator: bool = True,
) -> Iterator[tuple[Person, Affiliation]]:
    """`count` people currently working at `organisation`, the first one heading it.

    The affiliations point at their person and organisation objects; save the
    people first (`BulkWriter.people` does both).
    """
    head_role, roles = ROLES[role_group(organisation.kind)]
    domain = email_domain(organisation)
    since = date(max(organisation.founded_year or 2000, 1998), 1, 1)
    for index in range(count):
        person = _person(rng, pool, domain, consent_rate)
        start = random_date(rng, since, REFERENCE_DATE - timedelta(days=30))
        yield (
            person,
            Affiliation(
                person=person,
                organisation=organisation,
                role=head_role if index == 0 else rng.choice(roles),
                start_date=start,
                is_administrator=head_is_administrator and index == 0,
            ),
        )


def past_affiliation(
    rng: random.Random, person: Person, current: Affiliation, organisation: Organisation
) -> Affiliation:
    """An earlier, ended affiliation of `person` at `organisation`, before their current one."""
    _head, roles = ROLES[role_group(organisation.kind)]
    latest_end = (current.start_date or REFERENCE_DATE) - timedelta(days=1)
    end = random_date(rng, latest_end - timedelta(days=365 * 6), latest_end)
    start = end - timedelta(days=rng.randint(200, 365 * 5))
    return Affiliation(
        person=person, organisation=organisation, role=rng.choice(roles), start_date=start, end_date=end
    )


def head_count(rng: random.Random, kind: str) -> int:
    low, high = {
        K.STARTUP: (2, 14),
        K.SME: (12, 60),
        K.LARGE_COMPANY: (60, 150),
        K.RESEARCH_LAB: (25, 80),
        K.PLATFORM: (3, 10),
        K.UNIVERSITY: (20, 60),
        K.HOSPITAL: (20, 60),
        K.RESEARCH_ORGANISATION: (10, 40),
    }.get(kind, (2, 10))
    return rng.randint(low, high)


def spread(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders; each share at least 1)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [max(1, int(r)) for r in raw]
    remainders = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    index = 0
    while sum(shares) < total:
        shares[remainders[index % len(raw)]] += 1
        index += 1
    while sum(shares) > total:
        largest = max(range(len(shares)), key=shares.__getitem__)
        shares[largest] -= 1
    return shares


# --------------------------------------------------------------------------- links

# Subject kind -> [(link kind, object kinds, weight)]
LINK_RULES: dict[str, list[tuple[str, tuple[str, ...], float]]] = {
    K.STARTUP: [
        ("spin_off_of", (K.RESEARCH_LAB, K.UNIVERSITY, K.RESEARCH_ORGANISATION), 25),
        ("client_of", (K.PLATFORM,), 30),
        ("partner_of", (K.STARTUP, K.SME, K.RESEARCH_LAB), 20),
        ("collaborates_with", (K.RESEARCH_LAB, K.SME, K.PLATFORM, K.HOSPITAL), 20),
        ("member_of", (K.CLUSTER, K.NETWORK), 5),
    ],
    K.SME: [
        ("client_of", (K.PLATFORM, K.SME), 25),
        ("partner_of", (K.SME, K.LARGE_COMPANY, K.RESEARCH_LAB), 30),
        ("collaborates_with", (K.RESEARCH_LAB, K.HOSPITAL, K.STARTUP), 30),
        ("member_of", (K.CLUSTER, K.NETWORK), 15),
    ],
    K.LARGE_COMPANY: [
        ("client_of", (K.SME, K.PLATFORM), 30),
        ("partner_of", (K.STARTUP, K.SME, K.UNIVERSITY), 40),
        ("collaborates_with", (K.RESEARCH_LAB, K.HOSPITAL), 30),
    ],
    K.RESEARCH_LAB: [
        ("collaborates_with", (K.RESEARCH_LAB, K.SME, K.STARTUP, K.HOSPITAL), 50),
        ("client_of", (K.PLATFORM,), 20),
        ("partner_of", (K.RESEARCH_LAB, K.PLATFORM), 20),
        ("member_of", (K.RESEARCH_ORGANISATION, K.UNIVERSITY), 10),
    ],
    K.PLATFORM: [
        ("partner_of", (K.PLATFORM, K.RESEARCH_LAB), 40),
        ("collaborates_with", (K.RESEARCH_LAB, K.SME, K.PLATFORM), 40),
        ("member_of", (K.UNIVERSITY, K.RESEARCH_ORGANISATION, K.CLUSTER), 20),
    ],
    K.INVESTOR: [("invested_in", (K.STARTUP, K.SME), 90), ("partner_of", (K.INVESTOR, K.CLUSTER), 10)],
    K.FUNDER: [("partner_of", (K.RESEARCH_LAB, K.CLUSTER, K.STARTUP), 100)],
    K.PUBLIC_BODY: [("partner_of", (K.CLUSTER, K.SME, K.NETWORK), 100)],
    K.CLUSTER: [("partner_of", (K.CLUSTER,), 50), ("member_of", (K.NETWORK,), 50)],
    K.NETWORK: [("partner_of", (K.NETWORK, K.CLUSTER), 100)],
}
DEFAULT_RULES = [
    ("collaborates_with", (K.RESEARCH_LAB, K.SME, K.STARTUP), 50),
    ("partner_of", (K.CLUSTER, K.NETWORK, K.RESEARCH_LAB, K.SME), 30),
    ("member_of", (K.NETWORK, K.CLUSTER), 20),
]


def _pick(rng: random.Random, candidates: list[int], hubs: float) -> int:
    # A share of links goes to the first few percent of each pool: real networks have hubs.
    if hubs and rng.random() < hubs:
        return candidates[rng.randrange(max(1, len(candidates) // 50))]
    return candidates[rng.randrange(len(candidates))]


def links(
    rng: random.Random,
    nodes: Sequence[tuple[int, str]],
    per_organisation: float,
    *,
    isolated: Iterable[int] = (),
    existing: Iterable[tuple[int, str, int, str]] = (),
    hubs: float = 0.3,
) -> Iterator[OrganisationLink]:
    """Links among `nodes` (pairs of organisation id and kind), about `per_organisation` per node.

    Every node not in `isolated` is the subject of at least one link when
    `per_organisation` >= 1; isolated nodes take part in none.
    """
    isolated = set(isolated)
    pools: dict[str, list[int]] = {}
    for pk, kind in nodes:
        if pk not in isolated:
            pools.setdefault(kind, []).append(pk)
    everyone = [pk for pk, _kind in nodes if pk not in isolated]
    if len(everyone) < 2:
        return
    seen = set(existing)
    whole, fraction = int(per_organisation), per_organisation - int(per_organisation)
    for pk, kind in nodes:
        if pk in isolated:
            continue
        for _ in range(whole + (1 if rng.random() < fraction else 0)):
            rules = [r for r in LINK_RULES.get(kind, DEFAULT_RULES) if any(pools.get(k) for k in r[1])]
            if rules:
                link_kind, targets, _w = rng.choices(rules, weights=[r[2] for r in rules])[0]
                candidates = pools[rng.choice([k for k in targets if pools.get(k)])]
            else:
                link_kind, candidates = "partner_of", everyone
            other = _pick(rng, candidates, hubs)
            if other == pk:
                continue
            project, start, end = "", None, None
            if link_kind == "collaborates_with":
                project = project_name(rng)
                start = random_date(rng, date(2012, 1, 1), REFERENCE_DATE)
                end = start + timedelta(days=rng.randint(365, 4 * 365)) if rng.random() < 0.6 else None
            elif link_kind in ("client_of", "partner_of", "invested_in") and rng.random() < 0.5:
                start = random_date(rng, date(2010, 1, 1), REFERENCE_DATE)
            key = (pk, link_kind, other, project)
            if key in seen or (link_kind in SYMMETRIC_LINK_KINDS and (other, link_kind, pk, project) in seen):
                continue  # a partnership entered both ways is one link (a database constraint)
            seen.add(key)
            yield OrganisationLink(
                subject_id=pk,
                kind=link_kind,
                object_id=other,
                project=project,
                start_date=start,
                end_date=end,
                source=SYNTHETIC,
            )


# --------------------------------------------------------------------------- writing


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


class BulkWriter:
    """Saves drafts in batches: organisations with their many-to-many rows, people with affiliations, links.

    By default through `bulk_create`. With `fast=True` (the benchmark
    generator), the rows, as the model fields prepare them for the database, go
    straight to `executemany` (SQLite) or COPY (PostgreSQL), and organisations
    and people get their ids reserved up front (`finish()` then moves the id
    sequences on): several times faster for hundreds of thousands of rows, but
    only safe while nothing else inserts organisations or people meanwhile.

    No audit events: callers decide (the demo records one per organisation; the
    benchmark generator none).
    """

    def __init__(self, batch_size: int = 5000, *, fast: bool = False):
        self.batch_size = batch_size
        self.fast = fast
        self.field_ids = dict(TechnologyField.objects.values_list("code", "id"))
        self.stage_ids = dict(ValueChainStage.objects.values_list("code", "id"))
        if not self.field_ids or not self.stage_ids:
            raise RuntimeError("The reference taxonomy is missing: run `biocluster migrate` first.")
        self._reserved: set[type] = set()

    def organisations(self, drafts: Sequence[Draft]) -> list[Organisation]:
        objects = [draft.organisation for draft in drafts]
        for obj in objects:
            obj.refresh_keys()
        self._create(Organisation, objects, ids=True)
        self.classify(drafts)
        return objects

    def classify(self, drafts: Sequence[Draft]) -> None:
        """Add the technology-field and value-chain rows of saved drafts."""
        fields_through = Organisation.technology_fields.through
        stages_through = Organisation.value_chain_stages.through
        self._create(
            fields_through,
            [
                fields_through(organisation_id=d.organisation.pk, technologyfield_id=self.field_ids[code])
                for d in drafts
                for code in d.fields
            ],
        )
        self._create(
            stages_through,
            [
                stages_through(organisation_id=d.organisation.pk, valuechainstage_id=self.stage_ids[code])
                for d in drafts
                for code in d.stages
            ],
        )

    def people(self, people: Sequence[Person], affiliations: Sequence[Affiliation]) -> None:
        """Save `people`, then `affiliations` (which point at those person objects)."""
        for person in people:
            person.refresh_keys()  # the fast path writes attributes as they are
        self._create(Person, people, ids=True)
        for affiliation in affiliations:
            affiliation.person_id = affiliation.person.pk
            affiliation.organisation_id = affiliation.organisation.pk
        self._create(Affiliation, affiliations)

    def links(self, links: Sequence[OrganisationLink]) -> None:
        self._create(OrganisationLink, links)

    def finish(self) -> None:
        """After a fast run: move the id sequences past the ids reserved (PostgreSQL)."""
        from django.core.management.color import no_style
        from django.db import connection

        if not self._reserved:
            return
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self._reserved)):
                cursor.execute(statement)
        self._reserved.clear()

    # ------------------------------------------------------------------ internals

    def _create(self, model, objects: Sequence, *, ids: bool = False) -> None:
        if not objects:
            return
        if not self.fast:
            model.objects.bulk_create(objects, batch_size=self.batch_size)
            return
        from django.db import DEFAULT_DB_ALIAS, connections
        from django.utils import timezone

        connection = connections[DEFAULT_DB_ALIAS]
        if ids:
            self._reserve_ids(model, objects)
        fields = [f for f in model._meta.concrete_fields if ids or not f.primary_key]
        now = timezone.now()
        # Per column: a constant (timestamps), the attribute as is (text, numbers, booleans,
        # foreign keys), or the attribute converted by its field (dates, JSON, files).
        plan: list[tuple[str, object, object]] = []
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                plan.append(("constant", f.get_db_prep_save(now, connection), None))
            elif f.is_relation or f.get_internal_type() in _PLAIN_TYPES:
                plan.append(("plain", f.attname, None))
            else:
                plan.append(("convert", f.attname, lambda v, f=f: f.get_db_prep_save(v, connection)))
        rows = [
            tuple(
                arg
                if how == "constant"
                else (getattr(obj, arg) if how == "plain" else convert(getattr(obj, arg)))
                for how, arg, convert in plan
            )
            for obj in objects
        ]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY is several times faster than multi-row inserts on PostgreSQL.
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - names from the model, values bound
            for start in range(0, len(rows), self.batch_size):
                cursor.executemany(sql, rows[start : start + self.batch_size])

    def _reserve_ids(self, model, objects: Sequence) -> None:
        from django.db import connection

        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - constant
            first = cursor.fetchone()[0] + 1
        for offset, obj in enumerate(objects):
            obj.pk = first + offset
        self._reserved.add(model)
