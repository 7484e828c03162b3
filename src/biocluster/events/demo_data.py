"""Facts for the events demo, copied from the seed documents (named in each `source`).

Dates the seeds do not give are marked as synthetic in the source.
"""

S001 = "001_0200059356227e4c.txt"
S004 = "004_d8d48f5feeb4f35b.txt"

# (title_en, title_fr, kind, city, country, time zone, start date, end date, has_partnering, source, en, fr)
CONVENTIONS = [
    {
        "title_en": "BIO International Convention 2022",
        "title_fr": "Convention internationale BIO 2022",
        "kind": "abroad",
        "venue": "San Diego Convention Center",
        "city": "San Diego",
        "country": "US",
        "time_zone": "America/Los_Angeles",
        "days": ("2022-06-13", "2022-06-16"),
        "has_partnering": True,
        "source": f"{S004} (June 2022, four days; days 13-16 from the lead's brief; venue synthetic)",
        "description_en": (
            "Four days in San Diego with more than 3,000 companies and 13,000 participants. Genopole shares "
            "a stand with Choose Paris Region, Medicen, Grand Orly Seine Bièvre, AP-HP and Institut Carnot, "
            "and arranges one-to-one meetings for the companies of its Key Accounts and Fund Raising packs."
        ),
        "description_fr": (
            "Quatre jours à San Diego avec plus de 3 000 entreprises et 13 000 participants. Genopole partage "
            "un stand avec Choose Paris Region, Medicen, Grand Orly Seine Bièvre, l'AP-HP et l'Institut Carnot, "
            "et organise des rendez-vous individuels pour les entreprises de ses packs Key Accounts et Fund Raising."
        ),
    },
    {
        "title_en": "BIO-Europe 2022",
        "title_fr": "BIO-Europe 2022",
        "kind": "abroad",
        "venue": "",
        "city": "Leipzig",
        "country": "DE",
        "time_zone": "Europe/Berlin",
        "days": ("2022-10-24", "2022-10-26"),
        "has_partnering": False,
        "source": f"{S004} (October 2022, Leipzig; days 24-26 synthetic)",
        "description_en": (
            "Discussions with foreign contract development and manufacturing organisations and contract "
            "research organisations offering services in innovative therapies."
        ),
        "description_fr": (
            "Échanges avec des CDMO et CRO étrangères proposant des services, surtout pour les thérapies innovantes."
        ),
    },
    {
        "title_en": "EIT Health Summit 2022",
        "title_fr": "Sommet EIT Health 2022",
        "kind": "abroad",
        "venue": "",
        "city": "Stockholm",
        "country": "SE",
        "time_zone": "Europe/Stockholm",
        "days": ("2022-05-17", "2022-05-18"),
        "has_partnering": False,
        "source": f"{S004} (May 2022, Stockholm; days synthetic)",
        "description_en": (
            "More than 2,000 start-ups, pharmaceutical groups, clusters and policy makers building European "
            "strategies for health innovation (biomanufacturing, digital health). Genopole is a member of "
            "EIT Health since 2019."
        ),
        "description_fr": (
            "Plus de 2 000 start-up, groupes pharmaceutiques, clusters et décideurs pour bâtir des stratégies "
            "européennes d'innovation en santé (bioproduction, santé numérique). Genopole est membre d'EIT "
            "Health depuis 2019."
        ),
    },
    {
        "title_en": "ITAP 2022 (Industrial Transformation Asia Pacific)",
        "title_fr": "ITAP 2022 (Industrial Transformation Asia Pacific)",
        "kind": "abroad",
        "venue": "",
        "city": "Singapore",
        "country": "SG",
        "time_zone": "Asia/Singapore",
        "days": ("2022-11-15", "2022-11-17"),
        "has_partnering": False,
        "source": f"{S004} (November 2022, Singapore, ECCP exploratory mission; days synthetic)",
        "description_en": (
            "An exploratory mission of the European Cluster Collaboration Platform to open the Singaporean "
            "market to biomanufacturing SMEs, with a visit to the SynCTI biofoundry of the National "
            "University of Singapore."
        ),
        "description_fr": (
            "Mission exploratoire de la European Cluster Collaboration Platform pour ouvrir le marché "
            "singapourien aux PME de la bioproduction, avec la visite de la biofonderie SynCTI de la "
            "National University of Singapore."
        ),
    },
]

HEALTH_DATA_SPACE = {
    "title_en": "Towards a European Health Data Space",
    "title_fr": "Vers un espace européen des données de santé",
    "kind": "hybrid",
    "venue": "Genopole conference centre",
    "city": "Évry-Courcouronnes",
    "country": "FR",
    "time_zone": "Europe/Paris",
    "day": "2022-06-08",
    "hours": ("09:00", "17:30"),  # synthetic
    "has_partnering": False,
    "source": f"{S004} (8 June 2022 at Genopole with Tartu BT Park; 40 on site, 290 online; hours synthetic)",
    "co_organiser": "Tartu BT Park",
    "on_site": 40,
    "online": 290,
    "description_en": (
        "A conference organised by Genopole and Tartu BT Park, accredited by the French Presidency of the "
        "Council of the European Union: the ambition of the Health Data Space, shared regulation, the "
        "protection, access and sharing of data. Researchers, entrepreneurs, physicians and patient "
        "associations from 14 European countries."
    ),
    "description_fr": (
        "Une conférence organisée par Genopole et Tartu BT Park, labellisée par la Présidence française du "
        "Conseil de l'Union européenne : l'ambition de l'espace des données de santé, une régulation "
        "partagée, la protection, l'accès et le partage des données. Chercheurs, entrepreneurs, médecins "
        "et associations de patients de 14 pays européens."
    ),
}

# Delegations received in 2017 (seed 001: 14 visits from these countries; two from Génome Québec;
# Illumina chose Genopole for its arrival in continental Europe). Days and visit programmes synthetic.
DELEGATIONS = [
    ("South Korea", "Corée du Sud", "2017-02-14", [], ""),
    ("Senegal", "Sénégal", "2017-03-21", [], ""),
    ("China", "Chine", "2017-04-11", [], ""),
    ("Québec", "Québec", "2017-05-16", ["Génome Québec"], "Génome Québec, first of two delegations"),
    ("the Netherlands", "Pays-Bas", "2017-06-20", [], ""),
    ("Belgium", "Belgique", "2017-09-12", [], ""),
    ("Japan", "Japon", "2017-10-10", [], ""),
    ("the United States", "États-Unis", "2017-11-07", ["Illumina"], "Illumina"),
    ("Québec", "Québec", "2017-11-28", ["Génome Québec"], "Génome Québec, second of two delegations"),
]
# Organisations of the cluster a delegation visits (synthetic programme), tried in this order.
VISITED = [
    "Genopole",
    "Centre National de Recherche en Génomique Humaine",
    "Lab Biotech",
    "CITHERA",
    "Université d'Évry Paris-Saclay",
]

# The conference centre: 700 seats (seed 001). Other rooms synthetic.
ROOMS = [
    ("Auditorium", "Genopole conference centre", 700, f"{S001} (700-seat conference facility)"),
    ("Room A", "Genopole conference centre", 80, "synthetic"),
    ("Room B", "Genopole conference centre", 40, "synthetic"),
]
