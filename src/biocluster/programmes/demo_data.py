"""Facts of the programmes' demo, in the project's own words.

Source: seed 001 (Genopole cluster profile, ECCP): the Shaker (pre-incubation for PhD
students, postdocs and engineers; six months, renewable once for six; free access to the
"Lab Biotech" shared lab; entrepreneurship training: financing, legal and regulatory,
business communication; introductions to experts), the Booster (companies under two
years with high growth potential; one year, renewable for twelve months; a diagnosis
sets a tailored support plan; 20 days of training, coaching and mentoring; business
plan, business development with co-financed consulting, fund-raising support; office and
lab space), the Growth Hub (mature start-ups growing into SMEs). Over €649 million were
raised by the portfolio companies over two decades: the demo's fund raises stay far below.
The Growth Hub's duration is not in the seeds: 24 months is a demo assumption.
"""

SEED_001 = "Seed 001: Genopole cluster profile (ECCP)"
SEED_004 = "Seed 004: Genopole activity report 2022"
SYNTHETIC = "synthetic"

PROGRAMMES = [
    {
        "code": "shaker",
        "position": 0,
        "name_en": "Shaker",
        "name_fr": "Shaker",
        "target": "project_holders",
        "duration_months": 6,
        "renewal_months": 6,
        "days_quota": None,
        "shared_lab_access": True,
        "office_or_lab_space": False,
        "fund_raising_support": False,
        "source": SEED_001,
        "summary_en": "Pre-incubation for PhD students, postdocs and engineers who carry a biotech project: "
        "six months to shape and test the business idea, renewable once.",
        "summary_fr": "Pré-incubation pour doctorants, post-doctorants et ingénieurs porteurs d'un projet en "
        "biotechnologie : six mois pour construire et éprouver l'idée d'entreprise, renouvelables une fois.",
        "description_en": "Free access to the shared Lab Biotech for proof-of-concept experiments; a first "
        "training in entrepreneurship (financing a biotech, legal and regulatory duties, business "
        "communication); introductions to scientists, managers and entrepreneurs of the campus; "
        "access to market pre-studies. Six months, renewable once for six.",
        "description_fr": "Accès gratuit au laboratoire partagé Lab Biotech pour les expériences de preuve de "
        "concept ; une première formation à l'entrepreneuriat (financer une biotech, obligations juridiques et "
        "réglementaires, communication d'entreprise) ; des mises en relation avec les scientifiques, managers et "
        "entrepreneurs du campus ; l'accès à des pré-études de marché. Six mois, renouvelables une fois six mois.",
    },
    {
        "code": "booster",
        "position": 1,
        "name_en": "Booster",
        "name_fr": "Booster",
        "target": "young_companies",
        "duration_months": 12,
        "renewal_months": 12,
        "days_quota": 20,
        "shared_lab_access": False,
        "office_or_lab_space": True,
        "fund_raising_support": True,
        "source": SEED_001,
        "summary_en": "Acceleration for companies under two years old with high growth potential: one year, "
        "renewable for twelve months, with 20 days of training, coaching and mentoring.",
        "summary_fr": "Accélération pour les entreprises de moins de deux ans à fort potentiel de croissance : "
        "un an, renouvelable douze mois, avec 20 jours de formation, de coaching et de mentorat.",
        "description_en": "It opens with a diagnosis that sets a support plan made for the company. Then: "
        "20 days of training, coaching and mentoring; help with the business model and business plan; "
        "business development with co-financed consulting; direct support to raise funds; office and lab "
        "space, the technology platforms and experienced mentors.",
        "description_fr": "Il commence par un diagnostic qui fixe un plan d'accompagnement propre à l'entreprise. "
        "Ensuite : 20 jours de formation, de coaching et de mentorat ; une aide au modèle économique et au plan "
        "d'affaires ; du développement commercial avec des missions de conseil cofinancées ; un appui direct à la "
        "levée de fonds ; des bureaux et laboratoires, les plateformes technologiques et des mentors expérimentés.",
    },
    {
        "code": "growth-hub",
        "position": 2,
        "name_en": "Growth Hub",
        "name_fr": "Growth Hub",
        "target": "mature_startups",
        "duration_months": 24,
        "renewal_months": 0,
        "days_quota": None,
        "shared_lab_access": False,
        "office_or_lab_space": True,
        "fund_raising_support": True,
        "source": SEED_001 + " (duration: demo assumption)",
        "summary_en": "For mature start-ups on their way to becoming SMEs, and then small caps.",
        "summary_fr": "Pour les start-up matures en passe de devenir des PME, puis des ETI.",
        "description_en": "Support for the later stages: growing the team, the sites and the markets, with "
        "the cluster's business and real-estate services.",
        "description_fr": "Un accompagnement des étapes suivantes : faire grandir l'équipe, les locaux et les "
        "marchés, avec les services d'affaires et immobiliers du cluster.",
    },
]

# The eight companies that went to BIO 2022 with a Genopole pack (seed 004). Their
# enrolments below are illustrative (the seeds do not say which programme each followed).
BIO_2022_COMPANIES = [
    "Synsight",
    "Deeptope",
    "Phagos",
    "CGenetix",
    "SafeInsight",
    "STH Biotech",
    "Ciclix",
    "Luxia",
]

# Seed 001: Endodiag raised EUR 4M led by CM-CIC Innovation with BNP Paribas Développement
# (the profile names it among recent successes; the day is approximate).
ENDODIAG_RAISE = {
    "company": "Endodiag",
    "amount": 4_000_000,
    "round": "series_a",
    "investors": "CM-CIC Innovation, BNP Paribas Développement",
    "title_en": "EUR 4M to validate EndoDtect clinically and prepare its launch",
    "year": 2019,
}

EXPERTISE = [
    (
        "expert",
        "Regulatory affairs for diagnostics and biotherapies",
        "Affaires réglementaires des diagnostics et biothérapies",
        ["diagnostics", "biotherapies"],
    ),
    (
        "mentor",
        "Serial founder in synthetic biology",
        "Fondatrice en série en biologie de synthèse",
        ["synthetic-biology"],
    ),
    ("expert", "Intellectual property and licensing", "Propriété intellectuelle et licences", ["genomics"]),
    (
        "both",
        "Venture capital, seed and series A rounds",
        "Capital-risque, tours d'amorçage et de série A",
        ["gene-cell-therapy"],
    ),
    (
        "expert",
        "Bioproduction scale-up",
        "Montée en échelle de la bioproduction",
        ["industrial-biotechnology"],
    ),
    (
        "mentor",
        "Business development with pharmaceutical groups",
        "Développement commercial auprès des groupes pharmaceutiques",
        ["personalised-medicine"],
    ),
    ("expert", "Clinical trials and market access", "Essais cliniques et accès au marché", ["diagnostics"]),
    ("both", "Finance and public funding of start-ups", "Finance et financements publics des start-up", []),
]

TOPICS = [
    ("training", "Financing a biotech company"),
    ("training", "Legal and regulatory duties"),
    ("training", "Business communication and pitch"),
    ("coaching", "Business model"),
    ("coaching", "Business plan"),
    ("coaching", "Fund-raising strategy"),
    ("mentoring", "First hires"),
    ("mentoring", "Partnerships with corporations"),
]

OBJECTIVES = [
    ("Validate the proof of concept", ["Run the key experiment in the shared lab", "Write the results up"]),
    ("Build the business plan", ["Size the market", "Draft the financial plan"]),
    ("Prepare the fund raise", ["Update the pitch deck", "Meet ten investors"]),
]
