"""A seeded generator of organisations and dated co-participation links, for evaluating the recommender.

Its rules were written from what collaborative-project data looks like, before and apart from the
method (the method is not tuned to them): organisations enter over the years, each with a kind,
a country and a city, one to three technology fields and an appetite for projects that drifts
over time; every year projects are formed around a coordinator, of skewed sizes, in one field;
partners are drawn from the coordinator's earlier consortia (consortia repeat), from partners of
partners, from anyone in the project's field (newcomers), or from the whole population by
appetite and reputation (preferential attachment), with more weight for the same country and the
project's field; companies and "other" bodies have less appetite than research. Every pair of
a project's members is a link dated with the project's year. Generated data: synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .types import Link, Organisation

KINDS = ("PRC", "REC", "HES", "PUB", "OTH")
KIND_SHARES = (0.45, 0.2, 0.2, 0.08, 0.07)
FIELDS = (
    "genomics",
    "gene therapy",
    "cell therapy",
    "bioproduction",
    "synthetic biology",
    "personalised medicine",
    "industrial biotech",
    "diagnostics",
    "vaccines",
    "bioinformatics",
    "medical devices",
    "agri-food",
)
STAGES = ("research", "preclinical", "clinical", "production", "market")
COUNTRIES = ("DE", "FR", "ES", "IT", "UK", "NL", "BE", "EL", "PT", "SE", "AT", "DK", "FI", "IE", "PL", "CZ")


@dataclass(frozen=True)
class Params:
    organisations: int = 6000
    first_year: int = 2008
    last_year: int = 2020
    projects_per_year: int = 260
    repeat: float = 0.35  # a partner drawn from the coordinator's earlier consortia
    friend_of_friend: float = 0.2  # ...from its partners' partners
    newcomer: float = 0.25  # ...from anyone in the project's field, whatever its record
    same_country: float = 3.0
    same_field: float = 4.0


def generate(params: Params = Params(), seed: int = 0) -> tuple[list[Organisation], list[Link]]:
    rng = np.random.default_rng(seed)
    n = params.organisations
    years = params.last_year - params.first_year + 1
    kind = rng.choice(len(KINDS), size=n, p=KIND_SHARES)
    country = np.minimum(rng.zipf(1.6, size=n) - 1, len(COUNTRIES) - 1)
    city = np.minimum(rng.zipf(1.8, size=n) - 1, 9)  # city rank within its country
    field_count = rng.integers(1, 4, size=n)
    fields = [tuple(sorted(set(rng.choice(len(FIELDS), size=c).tolist()))) for c in field_count]
    stage = rng.integers(0, len(STAGES), size=n)
    # Entry year: a third from the start, the others spread over the years (the population grows).
    born = np.where(
        rng.random(n) < 0.35, params.first_year, rng.integers(params.first_year, params.last_year + 1, size=n)
    )
    base = rng.lognormal(0.0, 1.0, size=n) * np.where(kind == 0, 0.6, np.where(kind == 4, 0.5, 1.3))
    appetite = base.copy()
    degree = np.zeros(n)
    partners: list[set[int]] = [set() for _ in range(n)]
    consortia: list[list[tuple[int, ...]]] = [[] for _ in range(n)]
    has_field = np.zeros((n, len(FIELDS)), dtype=bool)
    for i, f in enumerate(fields):
        has_field[i, list(f)] = True

    links: list[Link] = []
    project_no = 0
    for t in range(years):
        year = params.first_year + t
        # Appetites drift: a random walk in log space, so an organisation's activity changes over time.
        appetite *= np.exp(rng.normal(0.0, 0.25, size=n))
        alive = born <= year
        grow = 1.0 + 0.03 * t
        for _ in range(int(params.projects_per_year * grow)):
            project_no += 1
            topic = int(rng.integers(len(FIELDS)))
            size = int(min(40, 2 + rng.negative_binomial(2, 0.25)))
            reputation = appetite * (1.0 + degree) ** 0.5 * alive
            weight = reputation * np.where(has_field[:, topic], params.same_field, 1.0)
            coordinator = int(rng.choice(n, p=weight / weight.sum()))
            members = {coordinator}
            attempts = 0
            while len(members) < size and attempts < size * 6:
                attempts += 1
                r = rng.random()
                pick = -1
                if r < params.repeat and consortia[coordinator]:
                    past = consortia[coordinator][int(rng.integers(len(consortia[coordinator])))]
                    pick = int(past[int(rng.integers(len(past)))])
                elif r < params.repeat + params.friend_of_friend and partners[coordinator]:
                    via = list(partners[coordinator])[int(rng.integers(len(partners[coordinator])))]
                    if partners[via]:
                        pick = list(partners[via])[int(rng.integers(len(partners[via])))]
                elif r < params.repeat + params.friend_of_friend + params.newcomer:
                    w = alive * np.where(has_field[:, topic], params.same_field, 1.0)
                    pick = int(rng.choice(n, p=w / w.sum()))
                else:
                    w = weight * np.where(country == country[coordinator], params.same_country, 1.0)
                    pick = int(rng.choice(n, p=w / w.sum()))
                if pick >= 0 and alive[pick]:
                    members.add(pick)
            members_list = sorted(members)
            for m in members_list:
                consortia[m].append(tuple(members_list))
                consortia[m] = consortia[m][-5:]
            label = f"P{project_no}"
            for a_i, a in enumerate(members_list):
                for b in members_list[a_i + 1 :]:
                    links.append(Link(f"o{a}", f"o{b}", year, "project", label))
                    if b not in partners[a]:
                        partners[a].add(b)
                        partners[b].add(a)
                        degree[a] += 1
                        degree[b] += 1
    organisations = [
        Organisation(
            id=f"o{i}",
            name=f"Organisation {i}",
            kind=KINDS[kind[i]],
            country=COUNTRIES[country[i]],
            city=f"{COUNTRIES[country[i]]}-city-{city[i]}",
            fields=tuple(FIELDS[f] for f in fields[i]),
            stage=STAGES[stage[i]],
        )
        for i in range(n)
    ]
    return organisations, links


def generate_large(
    organisations: int = 100_000, projects: int = 40_000, years: tuple[int, int] = (2008, 2020), seed: int = 0
) -> tuple[list[Organisation], list[Link]]:
    """A quick, cruder generator for speed measurements at scale: projects of skewed sizes whose
    members are drawn by a fixed heavy-tailed appetite, with a bias to the coordinator's country."""
    rng = np.random.default_rng(seed)
    n = organisations
    kind = rng.choice(len(KINDS), size=n, p=KIND_SHARES)
    country = np.minimum(rng.zipf(1.6, size=n) - 1, len(COUNTRIES) - 1)
    city = np.minimum(rng.zipf(1.8, size=n) - 1, 9)
    appetite = rng.pareto(1.5, size=n) + 0.05
    cumulative = np.cumsum(appetite / appetite.sum())
    by_country = [np.flatnonzero(country == c) for c in range(len(COUNTRIES))]
    links: list[Link] = []
    for number in range(projects):
        year = int(rng.integers(years[0], years[1] + 1))
        size = int(min(40, 2 + rng.negative_binomial(2, 0.3)))
        members = set(np.minimum(np.searchsorted(cumulative, rng.random(size)), n - 1).tolist())
        home = by_country[country[next(iter(members))]]
        if len(home):
            members.update(rng.choice(home, size=max(1, size // 4)).tolist())
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                links.append(Link(f"o{a}", f"o{b}", year, "project", f"P{number}"))
    organisations_out = [
        Organisation(
            id=f"o{i}",
            name=f"Organisation {i}",
            kind=KINDS[kind[i]],
            country=COUNTRIES[country[i]],
            city=f"{COUNTRIES[country[i]]}-city-{city[i]}",
        )
        for i in range(n)
    ]
    return organisations_out, links
