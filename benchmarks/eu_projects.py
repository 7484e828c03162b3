"""Reads the second evaluation data set (benchmarks/data/eu-projects/, see eu_projects_build.py).

Organisations from CORDIS (H2020 participants, 2017 extract, CC BY 4.0); projects generated. Each
project of n partners yields its n(n-1)/2 co-participation links, dated with the project's year and
carrying the project's name.
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from biocluster.recommendations.engine import Link, Organisation  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "eu-projects"
SPLIT = 2016  # about 106,500 links up to it, as in the maintainers' real data set (~110,000)


def load() -> tuple[list[Organisation], list[Link]]:
    with gzip.open(DATA / "organisations.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        organisations = [
            Organisation(id=r["id"], name=r["name"], kind=r["kind"], country=r["country"], city=r["city"])
            for r in csv.DictReader(handle)
        ]
    links: list[Link] = []
    with gzip.open(DATA / "projects.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            partners = r["partners"].split(";")
            year = int(r["year"])
            for i, a in enumerate(partners):
                for b in partners[i + 1 :]:
                    links.append(Link(a, b, year, project=r["project"]))
    return organisations, links
