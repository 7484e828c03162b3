"""The engine's contract: exclusions, determinism, pickling, reasons true to the data."""

import pickle

import pytest

from biocluster.recommendations.engine import (
    CODES,
    Link,
    Organisation,
    Reason,
    Recommender,
    UnknownOrganisation,
    english,
)


def small():
    orgs = [
        Organisation("a", name="Alpha", kind="PRC", country="FR", city="Lyon", fields=("genomics",)),
        Organisation("b", name="Beta", kind="REC", country="FR", city="Lyon"),
        Organisation("c", name="Gamma", kind="HES", country="FR", city="Paris", fields=("genomics",)),
        Organisation("d", name="Delta", kind="PRC", country="DE", city="Berlin"),
        Organisation("e", name="Epsilon", kind="PRC", country="FR", city="Lyon", offers=("bioproduction",)),
        Organisation("f", name="Zeta", kind="REC", country="DE", city="Munich", seeks=("bioproduction",)),
    ]
    links = [
        Link("a", "b", 2020),
        Link("a", "d", 2021),
        Link("b", "c", 2021),
        Link("d", "c", 2022),
        Link("b", "e", 2019),
        Link("e", "f", 2022),
        Link("a", "b", 2022),
    ]
    return orgs, links


def test_never_self_partner_or_excluded():
    orgs, links = small()
    model = Recommender.fit(orgs, links)
    ids = [s.candidate for s in model.suggest("a", k=10)]
    assert "a" not in ids
    assert "b" not in ids and "d" not in ids  # current partners
    assert set(ids) == {"c", "e", "f"}
    ids = [s.candidate for s in model.suggest("a", k=10, exclude=["c"])]
    assert "c" not in ids
    ids = [s.candidate for s in model.suggest("a", k=10, candidates=["c", "b", "a", "unknown"])]
    assert ids == ["c"]


def test_at_most_k_and_ranked():
    orgs, links = small()
    model = Recommender.fit(orgs, links)
    got = model.suggest("a", k=2)
    assert len(got) == 2
    assert got[0].score >= got[1].score
    assert got[0].candidate == "c"  # two shared partners (b and d)


def test_unknown_ids():
    orgs, links = small()
    with pytest.raises(UnknownOrganisation):
        Recommender.fit(orgs, [*links, Link("a", "zz", 2020)])
    model = Recommender.fit(orgs, links)
    with pytest.raises(UnknownOrganisation):
        model.suggest("zz")


def test_deterministic_and_picklable():
    orgs, links = small()
    one = Recommender.fit(orgs, links, seed=3)
    two = pickle.loads(pickle.dumps(Recommender.fit(orgs, links, seed=3)))  # noqa: S301 (our own bytes)
    for q in "abcdef":
        assert one.suggest(q, k=5) == two.suggest(q, k=5)


def test_reasons_consistent_with_data():
    orgs, links = small()
    model = Recommender.fit(orgs, links)
    (c,) = [s for s in model.suggest("a", k=10) if s.candidate == "c"]
    shared = {r.code: r.values for r in c.reasons}
    assert shared["shared_partners"] == {"count": 2, "names": ["Beta", "Delta"]}
    assert shared["same_country"] == {"country": "FR"}
    assert shared["shared_fields"] == {"fields": ["genomics"]}
    assert "same_city" not in shared
    (z,) = [s for s in model.suggest("f", k=10) if s.candidate == "b"]
    codes = {r.code: r.values for r in z.reasons}
    assert codes["shared_partners"]["count"] == 1
    assert codes["active"]["partners"] == 3  # a, c, e


def test_english_for_every_code():
    samples = {
        "shared_partners": {"count": 3, "names": ["X", "Y"]},
        "same_city": {"city": "Lyon"},
        "same_country": {"country": "FR"},
        "shared_fields": {"fields": ["gene therapy"]},
        "offers_sought": {"items": ["bioproduction"]},
        "seeks_offered": {"items": ["CDMO"]},
        "complementary_stage": {"stage": "production", "query_stage": "research"},
        "active": {"partners": 1, "recent_links": 2, "since": 2020},
    }
    assert set(samples) == set(CODES)
    assert (
        english(Reason("shared_partners", samples["shared_partners"])) == "3 shared partners, including X, Y"
    )
    assert english(Reason("active", samples["active"])) == "active: 1 partner, 2 links since 2020"
    # Partners, but no link lately: not called active.
    quiet = Reason("active", {"partners": 2, "recent_links": 0, "since": 2024})
    assert english(quiet) == "2 partners, no link since 2024"
    for code, values in samples.items():
        assert english(Reason(code, values))
