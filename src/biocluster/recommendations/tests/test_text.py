"""The words of names and descriptions, and the signal that reads them (engine/text.py)."""

import numpy as np

from biocluster.recommendations.engine import Link, Organisation, Recommender
from biocluster.recommendations.engine.evaluate import evaluate
from biocluster.recommendations.engine.features import NAMES, Features, Profiles
from biocluster.recommendations.engine.graph import Graph, pairs
from biocluster.recommendations.engine.text import key, word_matrix, words

SHARED_WORDS = NAMES.index("shared words")
SAME_CITY = NAMES.index("same city")


def test_words_fold_case_and_accents_and_skip_short_words_and_numbers():
    assert words("GÉNOPOLE Évry-Courcouronnes, 2 rue de l'Île B.V. 91000") == {
        "genopole",
        "evry",
        "courcouronnes",
        "rue",
        "ile",
    }
    assert words("Génopole") == words("GENOPOLE") == words("genopole")


def test_a_word_of_one_organisation_or_of_too_many_is_left_out():
    texts = ["Marine Lab GmbH", "Plymouth Marine GmbH", "Solo GmbH"] + [f"Firm GmbH {i}" for i in range(97)]
    matrix = word_matrix(texts)
    # "marine": two organisations, kept; "gmbh": all of them, left out; "solo", "plymouth": one each.
    # "firm" is in 97 of 100 (over the share), "lab" in one.
    assert matrix.shape == (100, 1)
    assert matrix[0, 0] == matrix[1, 0] == 1.0  # rows are unit vectors
    assert matrix[2:].nnz == 0


def test_no_word_to_read_gives_no_matrix():
    assert word_matrix(["", "", ""]) is None
    assert word_matrix(["Organisation 1", "Organisation 2", "Organisation 3"]) is None  # in all of them


def test_the_signal_reads_the_partners_words_too():
    """b has no word of its own in common with a candidate; its partner does, so the candidate
    scores above one sharing nothing; an organisation without words scores 0."""
    orgs = [
        Organisation("a", name="Oceanic Institute"),
        Organisation("b", name="Alpha"),
        Organisation("c", name="Oceanic Survey"),
        Organisation("d", name="Beta Forest"),
        Organisation("e", name="Gamma Forest"),
        Organisation("f", name=""),
    ] + [Organisation(f"x{i}", name=f"Filler {i}") for i in range(100)]
    index = {o.id: i for i, o in enumerate(orgs)}
    links = [Link("a", "b", 2020), Link("d", "e", 2020)]
    features = Features(Graph(len(orgs), pairs(links, index)), Profiles(orgs))
    scores = features._one(SHARED_WORDS, np.array([index["b"]]))[0]
    assert scores[index["c"]] > 0.5
    assert scores[index["d"]] == scores[index["e"]] == scores[index["f"]] == 0.0


def topical(seed: int, *, named: bool, topics: int = 60, size: int = 7):
    """Organisations in topics their names tell (one made-up word each), and projects that mostly
    gather organisations of one topic: the names predict who will work together."""
    rng = np.random.default_rng(seed)
    words_ = ["".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), 7)) for _ in range(topics)]
    topic = np.repeat(np.arange(topics), size)
    links = []
    for year in range(2010, 2019):
        for p in range(40):
            t = rng.integers(topics)
            members: set[int] = set()
            wanted = rng.integers(3, 6)
            while len(members) < wanted:
                inside = rng.random() < 0.8
                members.add(
                    int(rng.choice(np.flatnonzero(topic == t))) if inside else int(rng.integers(len(topic)))
                )
            ordered = sorted(members)
            links += [
                Link(f"o{a}", f"o{b}", year, project=f"{year}-{p}")
                for i, a in enumerate(ordered)
                for b in ordered[i + 1 :]
            ]
    organisations = [
        Organisation(f"o{i}", name=f"Org {words_[t]} GmbH" if named else "Org GmbH")
        for i, t in enumerate(topic)
    ]
    return organisations, links


def test_the_method_learns_to_read_names_that_tell_the_topic():
    named = evaluate(*topical(0, named=True), 2016, ks=(10,))
    unnamed = evaluate(*topical(0, named=False), 2016, ks=(10,))
    assert "shared words" in named.learnt["weights"]
    assert "shared words" not in unnamed.learnt["weights"]
    assert named.recall["method"][10] > unnamed.recall["method"][10] + 0.05


def test_a_city_written_three_ways_is_one_city():
    assert key("Évry-Courcouronnes") == key("EVRY COURCOURONNES") == key(" Evry - Courcouronnes ")
    assert key("'S-HERTOGENBOSCH") == key("s Hertogenbosch") == "s hertogenbosch"
    assert key("Bilbao (Bizkaia)") == key("BILBAO BIZKAIA")
    assert key("Paris") != key("Parisot")
    assert key("") == key(" - ") == ""


def test_same_city_for_the_signal_and_the_reason_whatever_the_spelling():
    orgs = [
        Organisation("a", country="FR", city="Évry-Courcouronnes"),
        Organisation("b", country="FR", city="EVRY COURCOURONNES"),
        Organisation("c", country="FR", city="Evry"),
        Organisation("d", country="FR", city="Paris"),
    ]
    model = Recommender.fit(orgs, [Link("c", "d", 2020)])
    index = model.index
    same_city = model.features._one(SAME_CITY, np.array([index["a"]]))[0]
    assert same_city[index["b"]] and not same_city[index["c"]]
    codes = {r.code: r.values for r in model.reasons(index["a"], index["b"])}
    assert codes["same_city"] == {"city": "EVRY COURCOURONNES"}
    assert "same_city" not in {r.code for r in model.reasons(index["a"], index["c"])}


def test_fields_offers_and_seeks_compared_whatever_the_spelling():
    orgs = [
        Organisation("a", fields=("Gene therapy", "-"), seeks=("Bioproduction",)),
        Organisation("b", fields=("gene-therapy", "-"), offers=("BIOPRODUCTION",)),
        Organisation("c", fields=("Genomics",)),
    ]
    model = Recommender.fit(orgs, [])
    a, b, c = (model.index[x] for x in "abc")
    shared = model.features._one(NAMES.index("shared fields"), np.array([a]))[0]
    assert shared[b] == np.log1p(1) and shared[c] == 0  # "-" is no field
    reasons = {r.code: r.values for r in model.reasons(a, b)}
    assert reasons["shared_fields"] == {"fields": ["gene-therapy"]}
    assert reasons["offers_sought"] == {"items": ["BIOPRODUCTION"]}
