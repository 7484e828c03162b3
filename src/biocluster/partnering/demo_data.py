"""Facts for the partnering demo: the BIO 2022 partnering programme in San Diego.

From seed 004 (Genopole activity report 2022, Europe & International): about 100
one-to-one meetings between 25 corporations or SMEs (Merck, Boehringer, Bristol
Myers Squibb, ...), 20 investors (Taiho, Astellas Ventures, Theodorus, ...) and 8
Genopole companies on the Key Accounts Partnerships or Fund Raising Strategy packs.
Everything else (the other names, people, requests, times, tables) is synthetic.
"""

SEED_004 = "004_d8d48f5feeb4f35b.txt (Genopole activity report 2022, Europe & International)"
SYNTHETIC = "synthetic"
EVENT_TITLE = "BIO International Convention 2022"

CLUSTER_COMPANIES = [
    "Synsight",
    "Deeptope",
    "Phagos",
    "CGenetix",
    "SafeInsight",
    "STH Biotech",
    "Ciclix",
    "Luxia",
]
REAL_CORPORATIONS = ["Merck", "Boehringer Ingelheim", "Bristol Myers Squibb"]
REAL_INVESTORS = ["Taiho", "Astellas Ventures", "Theodorus"]

# Invented names; each is created with source "synthetic" and not listed in the public directory.
SYNTHETIC_CORPORATIONS = [
    "Pacific Biologics",
    "Harbor Point Pharma",
    "Northline Therapeutics",
    "Coastal Cell Manufacturing",
    "Sierra Bioprocess",
    "Mesa Genomics",
    "Torrey Diagnostics",
    "Blue Canyon Biotech",
    "Redwood Biopharma",
    "Granite Peak Pharmaceuticals",
    "Silverlake CDMO",
    "Bayside Vectors",
    "Summit Oncology",
    "Cedar Labs International",
    "Lighthouse Biosciences",
    "Ridgeview Medicines",
    "Anchor Bioservices",
    "Crescent Cell Therapy",
    "Ironwood Analytics",
    "Solstice Pharma",
    "Meridian Bioworks",
    "Vantage CRO",
]
SYNTHETIC_INVESTORS = [
    "Westbridge Ventures",
    "Kelp Capital",
    "Aurora Life Sciences Fund",
    "Pier 9 Partners",
    "Cobalt Bio Ventures",
    "Longshore Capital",
    "Helix Growth Partners",
    "Tidewater Health Fund",
    "Orchard Biotech Capital",
    "Compass Seed Fund",
    "Zenith Health Ventures",
    "Foxglove Capital",
    "Saltmarsh Investments",
    "Horizon Therapeutics Fund",
    "Driftwood Venture Partners",
    "Palisade Bio Capital",
    "Sequoia Grove Angels",
]

FIRST_NAMES = [
    "Alex",
    "Sam",
    "Jordan",
    "Morgan",
    "Taylor",
    "Casey",
    "Riley",
    "Jamie",
    "Robin",
    "Avery",
    "Camille",
    "Léa",
    "Hugo",
    "Chloé",
    "Louis",
    "Manon",
    "Yuki",
    "Kenji",
    "Priya",
    "Omar",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Chen",
    "Garcia",
    "Nguyen",
    "Smith",
    "Tanaka",
    "Müller",
    "Rossi",
    "Dubois",
    "Kim",
    "Patel",
    "Johnson",
    "Lefebvre",
    "Moreau",
    "Brown",
    "Sato",
    "Silva",
    "Novak",
    "Ahmed",
]

OFFERS = {
    "cluster_company": [
        "A platform technology looking for co-development partners and first licences.",
        "A pipeline in pre-clinical stage with data packages ready for due diligence.",
        "Bioproduction know-how and a biofoundry-grade strain engineering platform.",
    ],
    "corporation": [
        "Licensing and co-development in oncology and rare diseases.",
        "Manufacturing capacity and process-development services.",
        "Access to clinical development and global commercial reach.",
    ],
    "investor": [
        "Seed to series B tickets in therapeutics and enabling technologies.",
        "Corporate venture capital with strategic partnering.",
        "Growth equity for companies entering the clinic.",
    ],
}
SEEKS = {
    "cluster_company": [
        "Key-account partners for licensing and industrial collaborations.",
        "Investors for a series A round in the coming year.",
    ],
    "corporation": ["Early-stage assets and platform technologies from European clusters."],
    "investor": ["European biotech companies raising their next round."],
}
FIELDS = [
    "gene-cell-therapy",
    "biotherapies",
    "drug-discovery",
    "synthetic-biology",
    "diagnostics",
    "gmp-manufacturing",
    "bioinformatics",
    "personalised-medicine",
]

# The programme: four days of 30-minute slots, 09:00-18:00 in San Diego, and some tables.
SLOT_MINUTES = 30
DAY_STARTS, DAY_ENDS = "09:00", "18:00"
TABLES = 4
ACCEPTED_REQUESTS = 100
DECLINED_REQUESTS = 14
PENDING_REQUESTS = 6
NO_SHOW_RATE = 0.08
FEEDBACK_RATE = 0.5
