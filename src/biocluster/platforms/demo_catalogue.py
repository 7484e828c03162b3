"""The demo's platform catalogue: instruments and services of the ~28 platforms of the demo cluster.

Invented (source "synthetic") for the platforms the directory's demo invents,
named after instrument types such platforms commonly run; makes and models are
given generically. Each instrument: (name, kind of instrument, hourly base
price in EUR, rules). Rules: slot, min, max minutes, buffer minutes, approval,
hours ("day" 08:00-19:00 weekdays, "long" 07:00-22:00 weekdays, "always"). A turnover is a
whole number of steps (an instrument with a 30-minute turnover is booked in 30-minute steps,
or finer), so that no instrument stands idle after its turnover.
"""

DAY, LONG, ALWAYS = "day", "long", "always"


def rules(
    slot=30, low=30, high=480, buffer=0, approval=False, hours=DAY, cap=None, training=True, unit="hour"
):
    return {
        "slot_minutes": slot,
        "min_minutes": low,
        "max_minutes": high,
        "buffer_minutes": buffer,
        "requires_approval": approval,
        "hours": hours,
        "weekly_cap_hours": cap,
        "requires_qualification": training,
        "unit": unit,
    }


# platform name (as in the directory's synthetic.json) -> instruments and services
CATALOGUE = {
    "Plateforme de séquençage haut débit": {
        "location": "Building G1, level 1",
        "instruments": [
            (
                "Short-read sequencer (high output)",
                "Illumina-class sequencer",
                350,
                rules(60, 60, 2880, 60, True, ALWAYS, unit="unit"),
            ),
            (
                "Short-read sequencer (benchtop)",
                "Benchtop sequencer",
                180,
                rules(30, 60, 1440, 30, False, ALWAYS, unit="unit"),
            ),
            ("Long-read sequencer", "Nanopore-class sequencer", 90, rules(30, 60, 4320, 30, True, ALWAYS)),
            ("Fragment analyser", "Capillary electrophoresis", 25, rules(30, 30, 240)),
        ],
        "services": [
            ("Whole-genome sequencing, 30x", "Séquençage de génome complet, 30x", 420),
            ("RNA-seq library and run", "Banque et run RNA-seq", 160),
        ],
    },
    "Plateforme de cytométrie et tri cellulaire": {
        "location": "Building G2, room 114",
        "instruments": [
            ("Spectral flow cytometer", "Spectral analyser, 5 lasers", 55, rules(15, 30, 240, 15, cap=12)),
            (
                "Cell sorter (BSL2)",
                "Four-way sorter in a biosafety cabinet",
                120,
                rules(30, 60, 480, 30, True),
            ),
            ("Benchtop analyser", "3-laser analyser", 35, rules(30, 30, 180)),
        ],
        "services": [("Assisted cell sorting", "Tri cellulaire assisté", 150)],
    },
    "Plateforme d'imagerie photonique": {
        "location": "Building G2, room 020",
        "instruments": [
            ("Confocal microscope", "Point-scanning confocal, 4 lasers", 45, rules(15, 30, 480, 15, cap=16)),
            (
                "Spinning-disk microscope",
                "Spinning-disk with live-cell chamber",
                50,
                rules(15, 60, 720, 15, hours=LONG),
            ),
            (
                "Light-sheet microscope",
                "Light-sheet for cleared samples",
                60,
                rules(30, 60, 720, 30, True, LONG),
            ),
            ("Widefield microscope", "Motorised widefield", 20, rules(30, 30, 480, training=False)),
        ],
        "services": [("Image analysis session", "Séance d'analyse d'images", 70)],
    },
    "Plateforme de microscopie électronique": {
        "location": "Building G3, basement",
        "instruments": [
            ("Transmission electron microscope", "120 kV TEM", 110, rules(30, 120, 480, 30, True)),
            ("Scanning electron microscope", "Field-emission SEM", 90, rules(30, 60, 480, 30)),
            ("Ultramicrotome", "Ultramicrotome with cryo chamber", 30, rules(30, 60, 240)),
        ],
        "services": [
            ("Negative-stain grid preparation", "Préparation de grilles en coloration négative", 60)
        ],
    },
    "Plateforme de protéomique": {
        "location": "Building G4, room 210",
        "instruments": [
            (
                "High-resolution mass spectrometer",
                "Orbitrap-class LC-MS/MS",
                140,
                rules(60, 120, 1440, 60, True, ALWAYS),
            ),
            ("Nano-LC system", "Nano-flow chromatography", 40, rules(30, 60, 720, 30, hours=ALWAYS)),
        ],
        "services": [
            ("Protein identification", "Identification de protéines", 180),
            ("Label-free quantification", "Quantification sans marquage", 260),
        ],
    },
    "Plateforme de spectrométrie de masse": {
        "location": "Building G4, room 230",
        "instruments": [
            (
                "Triple-quadrupole LC-MS",
                "Targeted quantification",
                80,
                rules(30, 60, 1440, 30, False, ALWAYS),
            ),
            ("MALDI-TOF", "MALDI time-of-flight", 45, rules(30, 30, 240)),
        ],
        "services": [("Intact mass measurement", "Mesure de masse intacte", 90)],
    },
    "Plateforme de métabolomique": {
        "location": "Building G4, room 240",
        "instruments": [
            ("GC-MS", "Gas chromatography mass spectrometer", 60, rules(30, 60, 1440, 30, hours=ALWAYS)),
            ("NMR spectrometer 600 MHz", "600 MHz with cryoprobe", 95, rules(60, 60, 1440, 0, True, ALWAYS)),
        ],
        "services": [("Untargeted metabolomics profile", "Profil métabolomique non ciblé", 210)],
    },
    "Plateforme de bioproduction pilote": {
        "location": "Bioproduction hall, Campus 3",
        "instruments": [
            (
                "200 L single-use bioreactor",
                "Single-use stirred tank",
                160,
                rules(240, 480, 20160, 240, True, ALWAYS),
            ),
            ("Tangential flow filtration skid", "TFF skid", 70, rules(60, 120, 720, 60, True)),
            ("Chromatography system (process)", "Process-scale chromatography", 85, rules(60, 120, 720, 60)),
        ],
        "services": [("Process transfer study", "Étude de transfert de procédé", 4500)],
    },
    "Unité de production BPF de thérapies innovantes": {
        "location": "GMP unit, Campus 3",
        "instruments": [
            ("Grade A isolator", "Aseptic isolator", 220, rules(240, 240, 1440, 240, True, LONG)),
            (
                "Automated cell processing system",
                "Closed cell-processing system",
                180,
                rules(120, 240, 1440, 120, True, LONG),
            ),
        ],
        "services": [("GMP batch (cell therapy)", "Lot BPF (thérapie cellulaire)", 25000)],
    },
    "Plateforme de bioinformatique et calcul": {
        "location": "Building G1, level 3",
        "instruments": [
            (
                "GPU node (4 GPUs)",
                "Compute node for deep learning",
                8,
                rules(60, 60, 10080, 0, False, ALWAYS, cap=72, training=False),
            ),
            (
                "Large-memory node (2 TB)",
                "Large-memory compute node",
                6,
                rules(60, 60, 10080, 0, False, ALWAYS, training=False),
            ),
        ],
        "services": [("Bioinformatics analysis (day)", "Analyse bioinformatique (jour)", 650)],
    },
    "Plateforme de transcriptomique cellule unique": {
        "location": "Building G1, room 118",
        "instruments": [
            (
                "Single-cell partitioning instrument",
                "Droplet-based single-cell controller",
                120,
                rules(30, 60, 240, 30, True, unit="unit"),
            ),
            (
                "Spatial transcriptomics imager",
                "In-situ spatial imager",
                140,
                rules(60, 240, 2880, 60, True, ALWAYS),
            ),
        ],
        "services": [("Single-cell library (per sample)", "Banque cellule unique (par échantillon)", 950)],
    },
    "Plateforme d'édition du génome": {
        "location": "Building G5, room 105",
        "instruments": [
            ("Electroporation system", "Nucleofection system", 25, rules(30, 30, 120)),
            ("Colony picker", "Automated colony picker", 45, rules(30, 60, 360)),
        ],
        "services": [("Knock-out cell line design", "Conception de lignée knock-out", 3800)],
    },
    "Biofonderie d'ingénierie des souches": {
        "location": "Biofoundry, Campus 2",
        "instruments": [
            ("Liquid-handling robot", "8-channel liquid handler", 60, rules(30, 60, 720, 30, True, LONG)),
            ("Acoustic dispenser", "Nanolitre acoustic dispenser", 70, rules(15, 30, 240, 15)),
            ("Microbioreactor array", "48-well microbioreactor", 40, rules(60, 240, 4320, 60, True, ALWAYS)),
        ],
        "services": [("Strain construction (per design)", "Construction de souche (par design)", 900)],
    },
    "Plateforme de criblage à haut débit": {
        "location": "Building G5, room 210",
        "instruments": [
            (
                "High-content screening imager",
                "Automated confocal imager",
                90,
                rules(30, 60, 1440, 30, True, ALWAYS),
            ),
            (
                "Multimode plate reader",
                "Absorbance, fluorescence, luminescence",
                20,
                rules(30, 30, 240, training=False),
            ),
        ],
        "services": [("Compound library screen (per plate)", "Criblage de chimiothèque (par plaque)", 120)],
    },
    "Plateforme de biologie structurale": {
        "location": "Building G3, room 301",
        "instruments": [
            ("Crystallisation robot", "Nanolitre crystallisation robot", 30, rules(30, 30, 240)),
            ("Isothermal titration calorimeter", "ITC", 35, rules(30, 60, 480, 30)),
            ("Circular dichroism spectrometer", "CD spectrometer", 30, rules(30, 30, 240)),
        ],
        "services": [
            ("Crystallisation screen (96 conditions)", "Criblage de cristallisation (96 conditions)", 180)
        ],
    },
    "Plateforme d'histologie et de pathologie": {
        "location": "Building G6, room 012",
        "instruments": [
            (
                "Slide scanner",
                "Whole-slide brightfield and fluorescence scanner",
                30,
                rules(60, 60, 1440, 0, False, ALWAYS),
            ),
            ("Automated stainer", "IHC automated stainer", 25, rules(60, 60, 480)),
            ("Cryostat", "Cryostat microtome", 15, rules(30, 30, 240)),
        ],
        "services": [("Histology (per block)", "Histologie (par bloc)", 35)],
    },
    "Animalerie et phénotypage": {
        "location": "Animal facility, Campus 4",
        "instruments": [
            (
                "In-vivo imaging system",
                "Bioluminescence and fluorescence imager",
                75,
                rules(30, 60, 240, 30, True),
            ),
            ("Metabolic cages (8)", "Indirect calorimetry", 20, rules(1440, 1440, 10080, 0, True, ALWAYS)),
        ],
        "services": [("Phenotyping protocol", "Protocole de phénotypage", 1200)],
    },
    "Plateforme d'organoïdes et de cultures 3D": {
        "location": "Building G2, room 210",
        "instruments": [
            (
                "Live-cell incubator imager",
                "Incubator-integrated imager",
                25,
                rules(60, 240, 10080, 0, False, ALWAYS),
            ),
            ("Bioprinter", "Extrusion bioprinter", 55, rules(30, 60, 480, 30, True)),
        ],
        "services": [("Organoid derivation", "Dérivation d'organoïdes", 1500)],
    },
    "Plateforme de production de protéines recombinantes": {
        "location": "Building G4, room 110",
        "instruments": [
            (
                "FPLC purification system",
                "Fast protein liquid chromatography",
                35,
                rules(30, 60, 720, 30, hours=LONG),
            ),
            (
                "Shaker incubators (bank of 6)",
                "Large-capacity incubator shakers",
                10,
                rules(240, 240, 4320, 0, False, ALWAYS, training=False),
            ),
        ],
        "services": [("Protein production (mg scale)", "Production de protéine (échelle mg)", 1800)],
    },
    "Plateforme de fermentation microbienne": {
        "location": "Fermentation hall, Campus 2",
        "instruments": [
            (
                "Parallel bioreactors (4 x 2 L)",
                "Benchtop fermenters",
                45,
                rules(240, 480, 10080, 240, True, ALWAYS),
            ),
            (
                "30 L pilot fermenter",
                "Steam-in-place fermenter",
                110,
                rules(240, 480, 10080, 480, True, ALWAYS),
            ),
        ],
        "services": [("Fermentation run (2 L)", "Campagne de fermentation (2 L)", 1400)],
    },
    "Plateforme de contrôle qualité analytique": {
        "location": "Building G6, room 120",
        "instruments": [
            ("HPLC with diode-array detector", "Analytical HPLC", 35, rules(60, 60, 1440, 0, False, ALWAYS)),
            ("Capillary electrophoresis (charge variants)", "cIEF system", 45, rules(30, 60, 480, 30)),
            ("Endotoxin reader", "Kinetic LAL reader", 20, rules(30, 30, 120)),
        ],
        "services": [("Release testing panel", "Panel de tests de libération", 850)],
    },
    "Plateforme d'épigénomique": {
        "location": "Building G1, room 130",
        "instruments": [
            ("Focused ultrasonicator", "Chromatin shearing", 20, rules(30, 30, 180)),
            ("Automated ChIP system", "ChIP automation", 40, rules(30, 120, 720, 30, True)),
        ],
        "services": [("ATAC-seq library", "Banque ATAC-seq", 240)],
    },
    "Plateforme de microfluidique": {
        "location": "Building G5, cleanroom",
        "instruments": [
            ("Mask aligner (cleanroom)", "UV mask aligner", 70, rules(30, 60, 480, 30, True)),
            ("Plasma bonder", "Oxygen plasma system", 20, rules(30, 30, 120)),
        ],
        "services": [("Chip prototyping", "Prototypage de puce", 700)],
    },
    "Plateforme de synthèse d'ADN": {
        "location": "Building G5, room 140",
        "instruments": [
            (
                "Oligonucleotide synthesiser",
                "96-column synthesiser",
                30,
                rules(30, 120, 1440, 30, True, ALWAYS),
            ),
            ("Gene assembly workstation", "Automated assembly workstation", 45, rules(30, 60, 720, 30)),
        ],
        "services": [("Gene synthesis (per kb)", "Synthèse de gène (par kb)", 95)],
    },
    "Plateforme d'imagerie du petit animal": {
        "location": "Animal facility, Campus 4",
        "instruments": [
            ("Micro-CT scanner", "In-vivo micro-CT", 120, rules(30, 60, 240, 30, True)),
            ("Small-animal MRI 7 T", "Preclinical MRI", 220, rules(60, 60, 480, 60, True, LONG)),
        ],
        "services": [("Imaging study (per animal)", "Étude d'imagerie (par animal)", 180)],
    },
    "Biobanque": {
        "location": "Biobank, Campus 1",
        "instruments": [
            ("Automated -80 °C store", "Automated sample store", 5, rules(30, 30, 120, training=False))
        ],
        "services": [("Sample storage (box, year)", "Stockage d'échantillons (boîte, an)", 40)],
    },
    "Plateforme de données de santé": {
        "location": "Building G1, level 3",
        "instruments": [
            (
                "Secure analysis workstation",
                "Certified health-data workstation",
                15,
                rules(60, 60, 480, 0, True, cap=20),
            )
        ],
        "services": [
            ("Data extraction and pseudonymisation", "Extraction et pseudonymisation de données", 1100)
        ],
    },
    "Lab Biotech": {
        "location": "Genopole incubator",
        "instruments": [
            ("Class II biosafety cabinet", "BSL2 cabinet", 0, rules(15, 30, 240, 15, training=True, cap=20)),
            ("Benchtop centrifuge", "Refrigerated centrifuge", 0, rules(30, 30, 120, training=False)),
            ("qPCR system", "96-well real-time PCR", 0, rules(30, 60, 240)),
        ],
        "services": [],
    },
}

# Tariff of each user category, as a share of the base price.
CATEGORY_FACTORS = {
    "own_lab": 0.5,
    "cluster_academic": 1.0,
    "external_academic": 1.5,
    "cluster_company": 2.0,
    "external_company": 3.0,
}
