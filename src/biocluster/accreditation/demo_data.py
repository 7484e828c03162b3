"""Facts behind the register's demo, copied from the seed documents (named), and the synthetic plan's sizes.

The seeds give the totals, not the list: "over 190" (cluster profile) then
"over 200" start-ups accredited since the cluster's founding on 23 October
1998, seven of them listed on public markets. No seed names an accredited
company with its date, so every decision date and status change in the demo
is synthetic; the companies taken from the directory keep their own source.
"""

import datetime

PROFILE = "seeds/001_0200059356227e4c.txt — Genopole cluster profile (ECCP)"
REPORT_2020 = "seeds/003_86ae5358f842772c.txt — Genopole activity report 2020, editorial"

FACTS = {
    "founded_on": (datetime.date(1998, 10, 23), PROFILE),
    "start_ups_accredited": ("over 200 (earlier: over 190) over two decades", PROFILE),
    "funds_raised_eur": ("over 649 million by portfolio companies", PROFILE),
    "listed_on_public_markets": (7, PROFILE),
    "export_sales_2017_eur": ("115 million for accredited companies (estimate)", PROFILE),
    "companies_on_site": (87, PROFILE),
    "new_companies_2020": (13, REPORT_2020),
    "no_failure_from_2020_crisis": (True, REPORT_2020),
}

# Start-ups and SMEs of the directory's real data that fit an accreditation: companies
# the seeds present as Genopole's own. Foreign groups that set up or met cluster
# companies (Illumina, New England Biolabs, Merck, ...) are not accredited start-ups.
REAL_COMPANIES = [
    "Global Bioenergies",
    "Algama",
    "AgenT",
    "Enalees",
    "Synhelix",
    "Synsight",
    "White Lab Genomics",
    "Deeptope",
    "Phagos",
    "CGenetix",
    "SafeInsight",
    "STH Biotech",
    "Ciclix",
    "Luxia",
    "Endodiag",
    "EndoGene.Bio",
]

SEED = 1998
FIRST_DAY = datetime.date(1998, 10, 23)
LAST_DAY = datetime.date(2025, 12, 31)
COMMITTEE = "Accreditation committee"
SYNTHETIC_DATE = "synthetic decision date"

# Past companies, invented: what became of them. With the directory's ~86 companies
# still active this makes about 200 accredited companies.
PAST_COMPANIES = {"moved_away": 38, "acquired": 30, "closed": 46}
# Of the movers, some were acquired later on.
MOVED_THEN_ACQUIRED = 6
# Candidates refused and never accredited, and directory companies refused before a later acceptance.
REFUSED_ONLY = 10
REFUSED_THEN_ACCEPTED = 3
# The 2020 report: no company of the cluster failed because of the health crisis.
NO_CLOSURE_YEAR = 2020

NOTES_EN = [
    "Strong founding team; proof of concept shown on the cluster's platforms.",
    "Accredited with a Booster support plan; fund-raising expected within 18 months.",
    "Technology licensed from a laboratory of the cluster.",
    "Clear market, first industrial partner signed.",
    "Needs a business developer; follow-up at six months.",
]
REFUSAL_NOTES_EN = [
    "Project too early: come back after proof of concept.",
    "No biotechnology component in the offer.",
    "Team not yet formed; pre-incubation (Shaker) suggested.",
]
MOVED_TO = [
    "Lyon",
    "Strasbourg",
    "Toulouse",
    "Marseille",
    "Grenoble",
    "Montpellier",
    "Boston",
    "Basel",
    "Leuven",
]
