"""Eligibility rules, conflict rules, ranking statistics, rubric, suggestions, award plans: all pure."""

from datetime import date
from decimal import Decimal

import pytest

from biocluster.calls import eligibility as e
from biocluster.calls.awards import plan_award
from biocluster.calls.conflicts import LinkFact, ProposalFacts, ReviewerFacts, find_conflicts
from biocluster.calls.kinds import POSTDOC_RETURN
from biocluster.calls.ranking import rank
from biocluster.calls.rubric import clean_rubric, clean_scores, weighted_score
from biocluster.calls.suggestions import Candidate, plan, suggest

TODAY = date(2026, 5, 1)


def facts(*affiliations, organisation=None, known=True, declarations=()):
    return e.Facts(TODAY, known, tuple(affiliations), organisation, frozenset(declarations))


def tie(role, kind="research_lab", end=None, org=1, name="Lab of genomics"):
    return e.AffiliationFact(org, name, kind, role, date(2015, 1, 1), end)


def status(rule, the_facts):
    return e.evaluate([rule], the_facts)[0].status


def test_permanent_position_reads_role_titles_without_accents():
    rule = {"type": "permanent_position", "params": {}}
    assert status(rule, facts(tie("Chargée de recherche CNRS"))) == e.MET
    assert status(rule, facts(tie("Postdoctoral fellow"))) == e.NOT_MET
    assert status(rule, facts(tie("Directeur de recherche", end=date(2020, 1, 1)))) == e.NOT_MET  # past role
    assert status(rule, facts(known=False)) == e.UNKNOWN


def test_affiliation_kind_and_company_age():
    assert (
        status({"type": "affiliated_with", "params": {"kinds": ["research_lab"]}}, facts(tie("PI"))) == e.MET
    )
    young = e.OrganisationFact(3, "NewBio", "startup", 2025)
    old = e.OrganisationFact(4, "OldBio", "startup", 2020)
    rule = {"type": "organisation_max_age", "params": {"years": 2}}
    assert status(rule, facts(organisation=young)) == e.MET
    assert status(rule, facts(organisation=old)) == e.NOT_MET
    assert status(rule, facts(organisation=e.OrganisationFact(5, "X", "startup", None))) == e.UNKNOWN
    assert status(rule, facts()) == e.UNKNOWN


def test_declarations_block_until_confirmed():
    rule = {
        "type": "declaration",
        "params": {"key": "phd_france", "text_en": "I hold a French PhD.", "text_fr": "x"},
    }
    assert status(rule, facts()) == e.DECLARATION
    assert status(rule, facts(declarations={"phd_france"})) == e.MET
    assert e.blocking(e.evaluate([rule], facts())) != []


def test_rules_are_validated():
    with pytest.raises(ValueError, match="must name a type"):
        e.clean_rules([{"type": "astrology"}])
    with pytest.raises(ValueError, match="years must be a whole number"):
        e.clean_rules([{"type": "organisation_max_age", "params": {"years": "two"}}])
    with pytest.raises(ValueError, match="unknown parameter"):
        e.clean_rules([{"type": "affiliated_with", "params": {"kinds": ["sme"], "x": 1}}])
    assert e.clean_rules([{"type": "affiliated_with", "params": {"kinds": ["sme", "sme"]}}]) == [
        {"type": "affiliated_with", "params": {"kinds": ["sme"]}}
    ]


def reviewer(*ties, user_id=10, people=(100,)):
    return ReviewerFacts(user_id, frozenset(people), tuple((p, "login") for p in people), tuple(ties))


def test_conflicts_from_roles_past_and_present():
    proposal = ProposalFacts(frozenset({1}), frozenset({200}), {7: "Cellis"})
    assert (
        find_conflicts(reviewer(tie("CSO", org=7, name="Cellis")), proposal, [])[0].code
        == "same_organisation"
    )
    past = find_conflicts(reviewer(tie("Intern", org=7, name="Cellis", end=date(2019, 6, 30))), proposal, [])
    assert "until 2019-06-30" in past[0].text
    assert find_conflicts(reviewer(tie("PI", org=8)), proposal, []) == []


def test_conflicts_from_links_between_organisations():
    proposal = ProposalFacts(frozenset({1}), frozenset(), {7: "Cellis"})
    them = reviewer(tie("Partner", org=9, name="Seed Fund"))
    invested = LinkFact(9, "Seed Fund", "invested_in", 7, "Cellis")
    member = LinkFact(7, "Cellis", "member_of", 9, "Seed Fund")
    assert [r.code for r in find_conflicts(them, proposal, [invested])] == ["linked_organisation"]
    assert find_conflicts(them, proposal, [member]) == []  # belonging to the same network is no conflict


def test_the_applicant_and_named_people_are_conflicted():
    proposal = ProposalFacts(frozenset({10}), frozenset({100}), {})
    codes = [r.code for r in find_conflicts(reviewer(), proposal, [])]
    assert codes == ["applicant", "named"]


def test_ranking_statistics_and_outliers():
    rows = rank(
        {1: [(11, 4.0), (12, 4.5), (13, 1.0)], 2: [(21, 4.5), (22, 4.5)], 3: []}, scale_min=0, scale_max=5
    )
    assert [r.proposal_id for r in rows] == [2, 1, 3]
    top, middle, unscored = rows
    assert (top.rank, top.mean, top.spread, top.disagreement) == (1, 4.5, 0.0, False)
    assert middle.mean == pytest.approx(3.167, abs=1e-3)
    assert [r.outlier for r in middle.reviews] == [False, False, True]
    assert middle.disagreement is True
    assert unscored.rank is None and unscored.mean is None


def test_two_reviews_that_disagree_flag_the_proposal_not_a_review():
    (row,) = rank({1: [(1, 5.0), (2, 1.0)]}, scale_min=0, scale_max=5)
    assert row.disagreement and row.outliers == 0


def test_equal_marks_share_a_rank():
    rows = rank({1: [(1, 3.0)], 2: [(2, 3.0)], 3: [(3, 2.0)]}, scale_min=0, scale_max=5)
    assert [r.rank for r in rows] == [1, 1, 3]


RUBRIC = {
    "scale": {"min": 0, "max": 5},
    "criteria": [
        {"key": "excellence", "label_en": "E", "label_fr": "E", "weight": 2},
        {"key": "impact", "label_en": "I", "label_fr": "I", "weight": 1},
    ],
}


def test_rubric_scores_and_weights():
    rubric = clean_rubric(RUBRIC)
    assert weighted_score(rubric, {"excellence": 5, "impact": 2}) == Decimal("4.000")
    with pytest.raises(ValueError) as caught:
        clean_scores(rubric, {"excellence": 6, "novelty": 1}, complete=True)
    assert set(caught.value.args[0]) == {"excellence", "impact", "novelty"}
    with pytest.raises(ValueError, match="weight"):
        clean_rubric(
            {
                "scale": {"min": 0, "max": 5},
                "criteria": [{"key": "a", "label_en": "a", "label_fr": "a", "weight": 0}],
            }
        )


def test_suggestions_match_expertise_then_balance_load():
    busy = Candidate(1, "Busy", ("0001",), load=5)
    idle = Candidate(2, "Idle", ("0001",), load=0)
    off = Candidate(3, "Off topic", ("0009",), load=0)
    full = Candidate(4, "Full", ("0001",), load=3, max_load=3)
    ranked = suggest(("00010002",), [busy, idle, off, full], excluded=set())
    assert [c.user_id for c, _ in ranked] == [2, 1, 3]
    assert [c.user_id for c, _ in suggest(("0001",), [busy, idle], excluded={2})] == [1]


def test_plan_spreads_the_load_and_skips_conflicts():
    candidates = [Candidate(i, f"R{i}", ("0001",)) for i in range(1, 5)]
    pairs = plan(
        dict.fromkeys(range(1, 9), ("0001",)), candidates, per_proposal=2, excluded={1: {1, 2}}, existing={}
    )
    assert len(pairs) == 16
    loads = {c.user_id: c.load for c in candidates}
    assert max(loads.values()) - min(loads.values()) <= 1
    assert {uid for pid, uid in pairs if pid == 1} == {3, 4}


def test_award_plan_for_a_postdoc_allocation():
    plan_ = plan_award(amount=Decimal("100000.01"), start=date(2026, 1, 31), kind=POSTDOC_RETURN)
    assert plan_.end_date == date(2028, 1, 31)
    assert [i[2] for i in plan_.instalments] == [
        Decimal("25000.01"),
        Decimal("25000.00"),
        Decimal("25000.00"),
        Decimal("25000.00"),
    ]
    assert sum(i[2] for i in plan_.instalments) == Decimal("100000.01")
    assert [i[1] for i in plan_.instalments][1] == date(2026, 7, 31)
    assert plan_.reports == [("interim", date(2027, 1, 31)), ("final", date(2028, 3, 31))]
