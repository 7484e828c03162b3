"""Reference data every installation starts with: the value chain and the taxonomy.

The value chain is the biomanufacturing chain as mapped in Europe (COBIOE,
seeds/004); the fields are those the cluster's documents name (seeds/001, 003).
Staff may extend the taxonomy afterwards.
"""

VALUE_CHAIN = [
    ("training", "Training", "Formation"),
    ("research-development", "Research and development", "Recherche et développement"),
    ("process-industrialisation", "Process industrialisation", "Industrialisation des procédés"),
    ("production", "Production", "Production"),
    ("post-market", "Post-market", "Post-commercialisation"),
]

# (code, English, French, children)
TECHNOLOGY_FIELDS = [
    (
        "health",
        "Health biotechnology",
        "Biotechnologies de la santé",
        [
            ("gene-cell-therapy", "Gene and cell therapy", "Thérapie génique et cellulaire"),
            ("biotherapies", "Biotherapies", "Biothérapies"),
            ("personalised-medicine", "Personalised medicine", "Médecine personnalisée"),
            ("diagnostics", "Diagnostics", "Diagnostic"),
            ("drug-discovery", "Drug discovery", "Découverte de médicaments"),
            ("medtech", "Medical technology", "Technologies médicales"),
        ],
    ),
    (
        "genomics",
        "Genomics and post-genomics",
        "Génomique et post-génomique",
        [
            ("genome-sequencing", "Genome sequencing", "Séquençage des génomes"),
            ("digital-genomics", "Digital genomics", "Génomique numérique"),
            ("transcriptomics", "Transcriptomics", "Transcriptomique"),
            ("proteomics", "Proteomics", "Protéomique"),
            ("metabolomics", "Metabolomics", "Métabolomique"),
        ],
    ),
    (
        "synthetic-systems-biology",
        "Synthetic and systems biology",
        "Biologie de synthèse et des systèmes",
        [
            ("synthetic-biology", "Synthetic biology", "Biologie de synthèse"),
            ("systems-biology", "Systems biology", "Biologie des systèmes"),
            ("biofoundry", "Biofoundry", "Biofonderie"),
        ],
    ),
    (
        "bioproduction",
        "Bioproduction",
        "Bioproduction",
        [
            ("process-development", "Process development", "Développement de procédés"),
            ("gmp-manufacturing", "GMP manufacturing", "Production BPF"),
            ("quality-control", "Quality control", "Contrôle qualité"),
        ],
    ),
    (
        "industrial-environmental",
        "Industrial and environmental biotechnology",
        "Biotechnologies industrielles et environnementales",
        [
            ("industrial-biotechnology", "Industrial biotechnology", "Biotechnologie industrielle"),
            ("agritech-foodtech", "Agritech and foodtech", "Agritech et foodtech"),
            ("environment", "Environment", "Environnement"),
        ],
    ),
    (
        "data-physics",
        "Bioinformatics, data and biophysics",
        "Bioinformatique, données et biophysique",
        [
            ("bioinformatics", "Bioinformatics", "Bioinformatique"),
            ("health-data", "Health data", "Données de santé"),
            ("biophysics", "Biophysics", "Biophysique"),
            ("imaging", "Imaging", "Imagerie"),
        ],
    ),
]

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def path_step(position: int) -> str:
    """treebeard's materialised-path step for the n-th child (1-based)."""
    digits = ""
    while position:
        position, rest = divmod(position, len(_ALPHABET))
        digits = _ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def load(apps, schema_editor=None) -> None:
    Stage = apps.get_model("directory", "ValueChainStage")
    Field = apps.get_model("directory", "TechnologyField")
    for position, (code, en, fr) in enumerate(VALUE_CHAIN, start=1):
        Stage.objects.update_or_create(
            code=code, defaults={"position": position, "name_en": en, "name_fr": fr}
        )
    if Field.objects.exists():
        return
    ordered = sorted(TECHNOLOGY_FIELDS, key=lambda node: node[1])
    for root_index, (code, en, fr, children) in enumerate(ordered, start=1):
        root_path = path_step(root_index)
        Field.objects.create(
            code=code, name_en=en, name_fr=fr, path=root_path, depth=1, numchild=len(children)
        )
        for child_index, (child_code, child_en, child_fr) in enumerate(
            sorted(children, key=lambda c: c[1]), 1
        ):
            Field.objects.create(
                code=child_code,
                name_en=child_en,
                name_fr=child_fr,
                path=root_path + path_step(child_index),
                depth=2,
                numchild=0,
            )
