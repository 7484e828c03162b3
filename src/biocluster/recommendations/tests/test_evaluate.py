"""The evaluate protocol on a graph small enough to compute its recall by hand."""

import pytest

from biocluster.recommendations.engine import Link, Organisation
from biocluster.recommendations.engine.evaluate import evaluate, split

IDS = "abcdefg"


def graph():
    orgs = [Organisation(i, name=i.upper()) for i in IDS]
    links = [
        # up to 2020: the training graph a-b, b-c, a-d, d-c (a square) and e-f
        Link("a", "b", 2019),
        Link("b", "c", 2020),
        Link("a", "d", 2018),
        Link("d", "c", 2019),
        Link("e", "f", 2020),
        # after 2020
        Link("a", "c", 2021),  # new for a and for c
        Link("a", "g", 2021),  # g did not exist at 2020: not counted
        Link("a", "b", 2022),  # already partners: not counted
        Link("e", "b", 2022),  # new for e and for b
        Link("f", "f", 2022),  # a loop: ignored
    ]
    return orgs, links


def test_split_counts_only_new_partners_that_existed():
    orgs, links = graph()
    s = split(orgs, links, 2020)
    assert len(s.train) == 5
    assert [IDS[i] for i in s.existed.nonzero()[0]] == list("abcdef")
    named = {IDS[q]: {IDS[p] for p in ps} for q, ps in s.new.items()}
    assert named == {"a": {"c"}, "c": {"a"}, "e": {"b"}, "b": {"e"}}


def test_recall_by_hand():
    # Common neighbours, ties broken by number of partners then input order:
    # a ranks c (2 shared) first: hit at 1.  c ranks a first: hit at 1.
    # e: a, b, c, d all 0 shared and 2 partners: a then b: hit at 2.
    # b: d (2 shared: a, c), then e, f (0 shared, 1 partner): hit at 2.
    orgs, links = graph()
    result = evaluate(orgs, links, 2020, ks=(1, 2), baselines=("common neighbours", "popularity"))
    assert result.queries == 4
    assert result.candidates == 6
    assert result.recall["common neighbours"] == {1: 0.5, 2: 1.0}
    assert result.recall["popularity"] == {1: 0.5, 2: 1.0}
    assert set(result.recall) == {"method", "common neighbours", "popularity"}
    assert result.as_json()["recall"]["common neighbours"] == {"1": 0.5, "2": 1.0}
    assert "recall@1" in result.table()
    # Four links up to 2020, two years of them: too few new partnerships to learn from.
    assert result.learnt == {} and result.as_json()["learnt"] == {}
    assert result.table().endswith(
        "method: fixed weights (a single dated year, or fewer than 30 new partnerships to learn from)"
    )


def test_the_table_says_what_the_method_learnt_from():
    from biocluster.recommendations.engine.synthetic import Params, generate

    organisations, links = generate(
        Params(organisations=400, projects_per_year=25, first_year=2012, last_year=2018), seed=2
    )
    result = evaluate(organisations, links, 2016, ks=(10,), baselines=())
    assert result.learnt["split"] == 2014  # five years up to 2016: the last two held out
    assert result.as_json()["learnt"]["weights"] == result.learnt["weights"]
    last = result.table().splitlines()[-1]
    assert last.startswith("method: learnt from the links up to 2014 and the ")
    assert all(name in last for name in result.learnt["weights"])


def test_the_table_says_when_what_was_learnt_did_not_beat_the_fixed_weights():
    from biocluster.recommendations.engine.synthetic import Params, generate

    organisations, links = generate(
        Params(organisations=400, projects_per_year=25, first_year=2012, last_year=2018), seed=5
    )
    result = evaluate(organisations, links, 2016, ks=(10,), baselines=())
    gain = result.learnt["gain over fixed weights"]
    assert gain <= 0 and "weights" not in result.as_json()["learnt"]
    last = result.table().splitlines()[-1]
    assert last.startswith("method: fixed weights: what it learnt from the links up to 2014 and the ")
    assert f"gain {gain:+.4f}" in last


def test_recall_averages_over_queries_not_pairs():
    # a gains two new partners (c, and e), found at ranks 1 and 3 of its list: a's recall@1 is 1/2.
    orgs, links = graph()
    links = [*links, Link("a", "e", 2021)]
    result = evaluate(orgs, links, 2020, ks=(1,), baselines=("common neighbours",))
    s = split(orgs, links, 2020)
    assert {IDS[p] for p in s.new[IDS.index("a")]} == {"c", "e"}
    # a: c first (hit, 1/2); c: a (1); e: a first now (hit, 1/2); b: d first (0)
    assert result.queries == 4
    assert result.recall["common neighbours"][1] == pytest.approx((0.5 + 1 + 0.5 + 0) / 4)


def test_a_sample_of_the_queries_drawn_with_the_seed():
    orgs, links = graph()
    whole = evaluate(orgs, links, 2020, ks=(1, 2), baselines=("common neighbours",))
    sampled = [
        evaluate(orgs, links, 2020, ks=(1, 2), baselines=("common neighbours",), max_queries=2, seed=seed)
        for seed in (0, 0, 1, 2, 3)
    ]
    assert whole.sampled_from is None and "sampled_from" not in whole.as_json()
    assert all(s.queries == 2 and s.sampled_from == 4 for s in sampled)
    assert sampled[0].recall == sampled[1].recall  # the same seed, the same sample
    # Every query of the graph recalls 1.0 at 2 (see test_recall_by_hand): any sample too; at 1,
    # a and c hit, e and b miss, so samples differ as they draw.
    assert all(s.recall["common neighbours"][2] == 1.0 for s in sampled)
    assert len({s.recall["common neighbours"][1] for s in sampled}) > 1
    assert sampled[0].as_json()["sampled_from"] == 4
    assert "4 query organisations" not in sampled[0].table()
    assert "2 query organisations (sampled from 4)" in sampled[0].table()


def test_the_recent_split_holds_out_the_last_years_as_the_learner_does():
    from biocluster.recommendations.engine.evaluate import recent_split

    def dated(*years):
        return [Link("a", "b", year) for year in years] + [Link("a", "c", None)]

    assert recent_split(dated(2020)) is None
    assert recent_split([]) is None
    assert recent_split(dated(2019, 2020)) == 2019
    assert recent_split(dated(2016, 2018, 2020)) == 2019  # the last year held out
    assert recent_split(dated(*range(2010, 2021))) == 2017  # three years held out
