"""Builds the second evaluation data set of the recommender, shaped like EU-project co-participation.

    .venv/bin/python benchmarks/eu_projects_build.py /path/to/cordis-h2020-organisations-2017.csv

Run once, by hand, offline; its output is committed under benchmarks/data/eu-projects/ and nothing
reads the source file at run time or in tests. Source of the organisations (name, kind, country,
city, and their numbers of projects, which set their appetite): CORDIS, the European Commission's
list of H2020 participating organisations (2017 extract), reusable under the Commission's reuse
policy (CC BY 4.0). The projects and their dates are generated.

The rules were written from what H2020 consortia look like, before any evaluation and apart from
the recommender (neither is tuned to the other; this file was not changed after the method was
first scored on its output):

- 6,000 organisations sampled with probability rising with their number of projects (square root),
  so that both one-project companies and the large universities are there;
- each has hidden themes (one, a third of them two, out of 30 of unequal popularity) and an entry
  year (the busier, the earlier), and one in ten leaves the programme some year after entering;
- every year (2008-2020) about 230 projects, growing by 5 % a year, each in one theme, of 3 to 30
  partners (log-normal, median 7); the coordinator is drawn among the theme's active organisations,
  by appetite, universities and research centres twice as often;
- with probability 0.4 the coordinator brings back one of its earlier consortia (each former
  partner still active comes again with probability 0.5): consortia repeat;
- the other places: 60 % from the theme, 25 % from anyone, 15 % from the coordinator's country,
  each by appetite (the organisation's number of projects in the source file), damped as it uses
  up that appetite, and a kind not yet in the consortium is preferred (x1.5);
- a consortium with fewer than three countries swaps its last partners for foreign ones (the
  programme's rule);
- every pair of a project's partners is a link dated with the project's year (n(n-1)/2 links).
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "data" / "eu-projects"
SEED = 2017
N = 6000
THEMES = 30
FIRST, LAST = 2008, 2020


def main(source: str) -> None:
    rng = np.random.default_rng(SEED)
    with open(source, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["activity_type"] and r["country"]]
    projects_in_file = np.array([max(int(r["n_projects"] or 0), 1) for r in rows], dtype=float)
    p = np.sqrt(projects_in_file)
    chosen = np.sort(rng.choice(len(rows), size=N, replace=False, p=p / p.sum()))
    orgs = [rows[i] for i in chosen]
    appetite = projects_in_file[chosen]
    kind = np.array([r["activity_type"] for r in orgs])
    country = np.array([r["country"] for r in orgs])
    popularity = rng.pareto(1.2, size=THEMES) + 1.0
    popularity /= popularity.sum()
    primary = rng.choice(THEMES, size=N, p=popularity)
    secondary = np.where(rng.random(N) < 1 / 3, rng.choice(THEMES, size=N, p=popularity), primary)
    span = LAST - FIRST + 1
    entry = FIRST + np.floor(rng.random(N) ** (1.0 + np.log(appetite)) * span).astype(int)
    leaves = np.where(rng.random(N) < 0.1, entry + 1 + rng.integers(0, span, size=N), LAST + 99)
    used = np.zeros(N)
    scale = 1.0 + 0.5 * (appetite > 1)
    coordinator_factor = np.where(np.isin(kind, ["HES", "REC"]), 2.0, 1.0)
    past: dict[int, list[list[int]]] = {}
    projects: list[tuple[str, int, int, list[int]]] = []
    for year in range(FIRST, LAST + 1):
        active = (entry <= year) & (leaves > year)
        for _ in range(round(230 * 1.05 ** (year - FIRST))):
            theme = rng.choice(THEMES, p=popularity)
            size = int(np.clip(round(rng.lognormal(np.log(7), 0.6)), 3, 30))
            weight = appetite * np.exp(-used / (appetite * scale + 1.0))
            in_theme = active & ((primary == theme) | (secondary == theme))
            if in_theme.sum() < 3:
                in_theme = active
            w = np.where(in_theme, weight * coordinator_factor, 0.0)
            coordinator = int(rng.choice(N, p=w / w.sum()))
            members = [coordinator]
            if past.get(coordinator) and rng.random() < 0.4:
                earlier = past[coordinator][rng.integers(len(past[coordinator]))]
                members += [m for m in earlier if m != coordinator and active[m] and rng.random() < 0.5]
                members = members[:size]
            while len(members) < size:
                draw = rng.random()
                pool = (
                    in_theme
                    if draw < 0.6
                    else active
                    if draw < 0.85
                    else active & (country == country[coordinator])
                )
                w = np.where(pool, weight, 0.0)
                w[members] = 0.0
                present = set(kind[members])
                w *= np.where(np.isin(kind, list(present)), 1.0, 1.5)
                if w.sum() <= 0:
                    w = np.where(active, weight, 0.0)
                    w[members] = 0.0
                members.append(int(rng.choice(N, p=w / w.sum())))
            swap = len(members) - 1
            while len(set(country[members])) < 3 and swap > 0:
                w = np.where(active & ~np.isin(country, list(set(country[members]))), weight, 0.0)
                w[members] = 0.0
                members[swap] = int(rng.choice(N, p=w / w.sum()))
                swap -= 1
            for m in members:
                used[m] += 1
                past.setdefault(m, []).append(members)
            projects.append((f"P{len(projects) + 1:05d}", year, coordinator, members))
    OUT.mkdir(parents=True, exist_ok=True)
    ids = [f"O{i:04d}" for i in range(N)]
    with gzip.open(OUT / "organisations.csv.gz", "wt", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "name", "kind", "country", "city"])
        for i, r in enumerate(orgs):
            w.writerow([ids[i], r["name"], r["activity_type"], r["country"], r["city"].title()])
    with gzip.open(OUT / "projects.csv.gz", "wt", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["project", "year", "coordinator", "partners"])
        for name, year, coordinator, members in projects:
            w.writerow([name, year, ids[coordinator], ";".join(ids[m] for m in members)])
    links = sum(len(m) * (len(m) - 1) // 2 for *_, m in projects)
    print(f"{len(projects)} projects, {links} links, {int((used > 0).sum())} organisations in a project")


if __name__ == "__main__":
    main(sys.argv[1])
