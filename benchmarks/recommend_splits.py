"""Recall of the recommender on both evaluation sets and several split years (issue #16).

    .venv/bin/python benchmarks/recommend_splits.py [--json OUT.json] [--only own|eu|eu-links] [--since YEAR]

The method is chosen by its mean over every set and split, never by one: this prints, for
each set and split year, recall@10/20/50 of the method and of every baseline (same run), then
the means. The sets: our generated data set (seed 0; split years 2015, 2016, 2017), the
EU-project-shaped set (benchmarks/data/eu-projects; 2014, 2015, 2016), and the same EU-shaped
set with the `project` column removed (links only, as real data may not carry it).

`--since YEAR` drops the links dated before YEAR: a short history (with 2013, two to five years
before the split), as in a data set that starts with its programme.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from biocluster.recommendations.engine.evaluate import evaluate  # noqa: E402
from biocluster.recommendations.engine.synthetic import generate  # noqa: E402

KS = (10, 20, 50)
SETS = {
    "own": (2015, 2016, 2017),
    "eu": (2014, 2015, 2016),
    "eu-links": (2014, 2015, 2016),
}


def load(name: str):
    if name == "own":
        return generate(seed=0)
    import eu_projects

    organisations, links = eu_projects.load()
    if name == "eu-links":
        links = [dataclasses.replace(link, project="") for link in links]
    return organisations, links


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", choices=sorted(SETS), action="append")
    parser.add_argument("--since", type=int, help="drop the links dated before this year")
    options = parser.parse_args()
    rows = []
    for name in options.only or SETS:
        organisations, links = load(name)
        if options.since:
            links = [link for link in links if link.year is None or link.year >= options.since]
        for year in SETS[name]:
            started = time.perf_counter()
            result = evaluate(organisations, links, year, KS, seed=0)
            load_avg = os.getloadavg()[0]
            since = f", links since {options.since}" if options.since else ""
            print(
                f"== {name}{since}, split {year} ({time.perf_counter() - started:.0f} s, load {load_avg:.1f})"
            )
            print(result.table(), flush=True)
            rows.append({"set": name, **result.as_json()})
    methods = list(rows[0]["recall"])
    print("\n== Means over every set and split")
    print(f"{'method':<24}" + "".join(f"{'recall@' + str(k):>12}" for k in KS))
    for m in methods:
        print(
            f"{m:<24}"
            + "".join(f"{sum(r['recall'][m][str(k)] for r in rows) / len(rows):>12.4f}" for k in KS)
        )
    if options.json:
        options.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
