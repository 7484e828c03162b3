"""The demo's three calls, as described in seeds/001_0200059356227e4c.txt (ECCP cluster profile):
the annual shared-equipment call, the ATIGE grants for tenured researchers creating a team,
and the 2-year postdoc repatriation allocations. Texts, amounts and proposals are synthetic."""

SOURCE = "synthetic; call described in seeds/001_0200059356227e4c.txt (ECCP cluster profile)"


def text(key, en, fr, *, required=True, max_length=3000, multiline=True):
    return {
        "key": key,
        "type": "text",
        "label_en": en,
        "label_fr": fr,
        "required": required,
        "max_length": max_length,
        "multiline": multiline,
    }


BUDGET = {
    "key": "budget",
    "type": "budget",
    "label_en": "Budget",
    "label_fr": "Budget",
    "required": True,
    "max_rows": 8,
    "categories": [
        {"value": "equipment", "label_en": "Equipment", "label_fr": "Équipement"},
        {"value": "staff", "label_en": "Staff", "label_fr": "Personnel"},
        {"value": "consumables", "label_en": "Consumables", "label_fr": "Consommables"},
        {"value": "other", "label_en": "Other", "label_fr": "Autre"},
    ],
}


def file(key, en, fr):
    return {
        "key": key,
        "type": "file",
        "label_en": en,
        "label_fr": fr,
        "extensions": ["pdf"],
        "max_size_mb": 10,
    }


EQUIPMENT = {
    "prefix": "EQ25",
    "kind": "equipment",
    "collaborative": True,
    "title_en": "Shared-equipment call 2025",
    "title_fr": "Appel équipements partagés 2025",
    "summary_en": "Co-funding of new instruments for the open-access platforms of the campus.",
    "summary_fr": "Cofinancement de nouveaux instruments pour les plateformes en accès partagé du campus.",
    "description_en": "Platforms and labs of the cluster propose an instrument that several teams and companies will use. "
    "Proposals show the scientific need, the shared use and the running costs.",
    "description_fr": "Les plateformes et laboratoires du cluster proposent un instrument que plusieurs équipes et entreprises "
    "utiliseront. Les projets montrent le besoin scientifique, l'usage partagé et les coûts de fonctionnement.",
    "envelope": "800000.00",
    "themes": ["genomics", "imaging", "proteomics", "bioproduction"],
    "eligibility": [{"type": "affiliated_with", "params": {"kinds": ["platform", "research_lab"]}}],
    "form": {
        "sections": [
            {
                "key": "instrument",
                "title_en": "The instrument",
                "title_fr": "L'instrument",
                "fields": [
                    text(
                        "instrument",
                        "Instrument and supplier",
                        "Instrument et fournisseur",
                        max_length=300,
                        multiline=False,
                    ),
                    text("need", "Scientific need", "Besoin scientifique"),
                    {
                        "key": "users",
                        "type": "choice",
                        "label_en": "Who will use it",
                        "label_fr": "Qui l'utilisera",
                        "multiple": True,
                        "required": True,
                        "choices": [
                            {
                                "value": "labs",
                                "label_en": "Academic labs",
                                "label_fr": "Laboratoires académiques",
                            },
                            {"value": "companies", "label_en": "Companies", "label_fr": "Entreprises"},
                            {"value": "hospital", "label_en": "Hospital", "label_fr": "Hôpital"},
                        ],
                    },
                    file("quote", "Supplier quote", "Devis du fournisseur"),
                ],
            },
            {"key": "money", "title_en": "Budget", "title_fr": "Budget", "fields": [BUDGET]},
        ]
    },
    "rubric": [
        ("science", 3, "Scientific interest", "Intérêt scientifique"),
        ("sharing", 2, "Shared use", "Usage partagé"),
        ("feasibility", 1, "Feasibility and running costs", "Faisabilité et coûts de fonctionnement"),
    ],
    "proposals": [
        (
            "Spectral cytometer for the BSL2 sorting suite",
            "Cytomètre spectral pour la salle de tri L2",
            "180000",
        ),
        (
            "Light-sheet microscope for cleared organs",
            "Microscope à feuille de lumière pour organes transparisés",
            "240000",
        ),
        ("Long-read sequencer upgrade", "Mise à niveau du séquenceur longues lectures", "320000"),
        (
            "High-resolution mass spectrometer for biologics",
            "Spectromètre de masse haute résolution pour biomédicaments",
            "350000",
        ),
        ("Automated liquid handler for the biofoundry", "Robot de pipetage pour la biofonderie", "120000"),
        ("Cryo-stage for the electron microscope", "Platine cryo pour le microscope électronique", "90000"),
    ],
}

TEAM_LEADER = {
    "prefix": "AT26",
    "kind": "team_leader",
    "title_en": "ATIGE grants 2026: new team leaders",
    "title_fr": "ATIGE 2026 : nouveaux chefs d'équipe",
    "summary_en": "Start-up funds for tenured researchers who create their team in a lab of the cluster.",
    "summary_fr": "Un financement de démarrage pour les chercheurs titulaires qui créent leur équipe dans un laboratoire du cluster.",
    "description_en": "Applicants hold a permanent research position (or will before the grant starts) and join a research "
    "unit of the cluster. Projects fit the cluster's themes: genomics, biotherapies, bioinformatics, biophysics, "
    "systems and synthetic biology.",
    "description_fr": "Les candidats occupent un poste permanent de recherche (ou l'occuperont avant le début de l'aide) et "
    "rejoignent une unité de recherche du cluster. Les projets s'inscrivent dans les thèmes du cluster : génomique, "
    "biothérapies, bioinformatique, biophysique, biologie des systèmes et de synthèse.",
    "envelope": "1200000.00",
    "themes": [
        "genomics",
        "biotherapies",
        "bioinformatics",
        "biophysics",
        "systems-biology",
        "synthetic-biology",
    ],
    "eligibility": [
        {"type": "permanent_position", "params": {}},
        {"type": "affiliated_with", "params": {"kinds": ["research_lab"]}},
    ],
    "form": {
        "sections": [
            {
                "key": "project",
                "title_en": "The project",
                "title_fr": "Le projet",
                "fields": [
                    text("abstract", "Scientific project", "Projet scientifique", max_length=5000),
                    {
                        "key": "host",
                        "type": "organisation",
                        "label_en": "Host lab",
                        "label_fr": "Laboratoire d'accueil",
                        "required": True,
                        "kinds": ["research_lab"],
                    },
                    {
                        "key": "start",
                        "type": "date",
                        "label_en": "Planned start",
                        "label_fr": "Début prévu",
                        "required": True,
                        "min": "2026-01-01",
                    },
                    {
                        "key": "team_size",
                        "type": "number",
                        "label_en": "Team size in three years",
                        "label_fr": "Taille de l'équipe à trois ans",
                        "min": 1,
                        "max": 30,
                    },
                ],
            },
            {
                "key": "money",
                "title_en": "Budget",
                "title_fr": "Budget",
                "fields": [BUDGET, file("cv", "CV and publications", "CV et publications")],
            },
        ]
    },
    "rubric": [
        ("excellence", 3, "Scientific excellence", "Excellence scientifique"),
        ("fit", 1, "Fit with the cluster's themes", "Adéquation aux thèmes du cluster"),
        ("team", 2, "Team project", "Projet d'équipe"),
    ],
    "proposals": [
        (
            "Chromatin dynamics in muscle stem cells",
            "Dynamique de la chromatine des cellules souches musculaires",
            "300000",
        ),
        (
            "Engineered phages against resistant infections",
            "Phages modifiés contre les infections résistantes",
            "280000",
        ),
        (
            "Machine learning for single-cell atlases",
            "Apprentissage automatique pour les atlas cellulaires",
            "250000",
        ),
    ],
}

POSTDOC = {
    "prefix": "PD26",
    "kind": "postdoc_return",
    "title_en": "Postdoc return allocations 2026",
    "title_fr": "Allocations de retour post-doctoral 2026",
    "summary_en": "Two-year allocations for French-trained postdocs abroad who come back to a lab or company of the cluster.",
    "summary_fr": "Des allocations de deux ans pour les post-doctorants formés en France et partis à l'étranger, qui reviennent dans un laboratoire ou une entreprise du cluster.",
    "description_en": "The allocation funds two years of a research project in a lab or a company of the cluster.",
    "description_fr": "L'allocation finance deux ans d'un projet de recherche dans un laboratoire ou une entreprise du cluster.",
    "envelope": "480000.00",
    "themes": ["genomics", "biotherapies", "synthetic-biology", "bioinformatics"],
    "eligibility": [
        {
            "type": "declaration",
            "params": {
                "key": "phd_france",
                "text_en": "I obtained my PhD in France.",
                "text_fr": "J'ai obtenu mon doctorat en France.",
            },
        },
        {
            "type": "declaration",
            "params": {
                "key": "abroad",
                "text_en": "I am a postdoctoral fellow abroad.",
                "text_fr": "Je suis post-doctorant à l'étranger.",
            },
        },
    ],
    "form": {
        "sections": [
            {
                "key": "candidate",
                "title_en": "The candidate",
                "title_fr": "Le candidat",
                "fields": [
                    text(
                        "current_lab",
                        "Current lab abroad",
                        "Laboratoire actuel à l'étranger",
                        max_length=300,
                        multiline=False,
                    ),
                    {
                        "key": "phd_date",
                        "type": "date",
                        "label_en": "PhD defence",
                        "label_fr": "Soutenance de thèse",
                        "required": True,
                    },
                    {
                        "key": "host",
                        "type": "organisation",
                        "label_en": "Host lab or company",
                        "label_fr": "Laboratoire ou entreprise d'accueil",
                        "required": True,
                    },
                ],
            },
            {
                "key": "project",
                "title_en": "The project",
                "title_fr": "Le projet",
                "fields": [text("abstract", "Research project", "Projet de recherche", max_length=5000)],
            },
        ]
    },
    "rubric": [
        ("candidate", 2, "The candidate", "Le candidat"),
        ("project", 2, "The project", "Le projet"),
        ("hosting", 1, "Hosting conditions", "Conditions d'accueil"),
    ],
    "proposals": [
        (
            "Bacterial microcompartments for green chemistry",
            "Microcompartiments bactériens pour la chimie verte",
            "120000",
        ),
        (
            "Base editing for Duchenne muscular dystrophy",
            "Édition de bases pour la myopathie de Duchenne",
            "120000",
        ),
        (
            "Spatial transcriptomics of tumour niches",
            "Transcriptomique spatiale des niches tumorales",
            "120000",
        ),
        ("Protein design for biocatalysis", "Conception de protéines pour la biocatalyse", "120000"),
    ],
}

APPLICANTS = [
    ("applicant-roux", "Julie", "Roux", "Directrice de recherche"),
    ("applicant-haddad", "Karim", "Haddad", "Chargé de recherche"),
    ("applicant-laurent", "Emma", "Laurent", "Platform manager"),
    ("applicant-nguyen", "Thi", "Nguyen", "Maître de conférences"),
    ("applicant-morel", "Hugo", "Morel", "Research engineer"),
    ("applicant-faure", "Inès", "Faure", "Postdoctoral fellow"),
]

REVIEWERS = [
    ("reviewer", "Marc", "Dubois", ["genomics", "bioinformatics"]),
    ("reviewer-2", "Claire", "Martin", ["biotherapies", "imaging", "proteomics"]),
    ("reviewer-3", "Paul", "Lefebvre", ["synthetic-biology", "bioproduction", "biophysics"]),
]
