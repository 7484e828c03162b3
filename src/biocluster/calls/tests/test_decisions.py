"""The committee: the envelope rule, decisions in the audit trail, publication, letters, awards."""

import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from biocluster.accounts.models import ApiToken
from biocluster.audit.models import AuditEvent
from biocluster.calls import committee, kinds, services
from biocluster.calls.committee import ranking_table
from biocluster.calls.models import Award, Decision
from biocluster.calls.tests.factories import CallFactory, closed_call, scored, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(staff_user):
    return closed_call(budget_envelope=Decimal("100000"), managers=[staff_user])


def test_funded_amounts_never_exceed_the_envelope(call, staff_user):
    first, second = (
        submitted(call=call, requested_amount=Decimal("70000")),
        submitted(call=call, requested_amount=Decimal("50000")),
    )
    services.decide(actor=staff_user, proposal=first, outcome="funded", amount=Decimal("70000"))
    with pytest.raises(ValidationError) as caught:
        services.decide(actor=staff_user, proposal=second, outcome="funded", amount=Decimal("40000"))
    assert caught.value.message_dict["amount"] == [
        "€40,000 exceeds the envelope: €70,000 of €100,000 are already committed, €30,000 are left."
    ]
    services.decide(actor=staff_user, proposal=second, outcome="funded", amount=Decimal("30000"))
    # Changing a decision counts its own amount once.
    services.decide(actor=staff_user, proposal=first, outcome="funded", amount=Decimal("70000"))
    assert sum(d.amount for d in Decision.objects.all()) == Decimal("100000")


def test_amounts_follow_the_outcome(call, staff_user):
    proposal = submitted(call=call, requested_amount=Decimal("10000"))
    with pytest.raises(ValidationError, match="needs an amount"):
        services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=0)
    with pytest.raises(ValidationError, match=r"more than the €10,000 requested"):
        services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=Decimal("12000"))
    decision = services.decide(
        actor=staff_user, proposal=proposal, outcome="waiting_list", amount=Decimal("5000")
    )
    assert decision.amount == 0


def test_no_decision_while_the_call_is_open(staff_user):
    proposal = submitted(call=CallFactory())
    with pytest.raises(ValidationError, match="once the call has closed"):
        services.decide(actor=staff_user, proposal=proposal, outcome="rejected")


def test_every_decision_is_in_the_audit_trail(call, staff_user):
    proposal = submitted(call=call)
    services.decide(actor=staff_user, proposal=proposal, outcome="waiting_list")
    services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=Decimal("20000"))
    services.publish_decisions(actor=staff_user, call=call)
    events = list(AuditEvent.objects.filter(action__startswith="calls.decision").order_by("pk"))
    assert [e.action for e in events] == [
        "calls.decision.recorded",
        "calls.decision.changed",
        "calls.decisions.published",
    ]
    assert all(e.actor == staff_user for e in events)
    assert events[1].changes["outcome"] == ["waiting_list", "funded"]
    assert events[1].changes["amount"] == ["0.00", "20000.00"]
    assert events[2].data == {"committed": "20000.00", "envelope": "100000.00"}
    assert AuditEvent.objects.filter(action="calls.award.created").count() == 1


def test_publication_needs_every_proposal_decided(call, staff_user):
    submitted(call=call)
    with pytest.raises(ValidationError, match="1 submitted proposals have no decision"):
        services.publish_decisions(actor=staff_user, call=call)


def test_publication_creates_awards_sends_letters_and_freezes_decisions(
    call, staff_user, django_capture_on_commit_callbacks
):
    funded = submitted(call=call, language="fr")
    rejected = submitted(call=call)
    scored(funded, 5)
    services.decide(actor=staff_user, proposal=funded, outcome="funded", amount=Decimal("40000"))
    services.decide(actor=staff_user, proposal=rejected, outcome="rejected")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decisions(actor=staff_user, call=call)
    award = Award.objects.get()
    assert award.proposal == funded and award.amount == Decimal("40000")
    assert award.instalments.count() == 1 and award.reports.count() == 1
    assert len(mail.outbox) == 2
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)
    assert Decision.objects.filter(letter_sent_at__isnull=True).count() == 0
    with pytest.raises(ValidationError, match="can no longer change"):
        services.decide(actor=staff_user, proposal=rejected, outcome="funded", amount=1)


def test_a_kind_may_act_on_award(call, staff_user):
    seen = []
    original = kinds.get_kind("equipment")
    kinds.register_kind(
        kinds.CallKind("equipment", original.label, on_award=lambda award, actor: seen.append((award, actor)))
    )
    try:
        proposal = submitted(call=call)
        services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=Decimal("1000"))
        services.publish_decisions(actor=staff_user, call=call)
    finally:
        kinds.register_kind(original)
    assert seen == [(Award.objects.get(), staff_user)]


def test_a_kind_that_awards_a_place_needs_no_amount(call, staff_user):
    original = kinds.get_kind("equipment")
    kinds.register_kind(kinds.CallKind("equipment", original.label, instalments=0, pays=False))
    try:
        proposal = submitted(call=call)
        decision = services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=0)
        with pytest.raises(ValidationError, match="needs an amount"):
            services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=-1)
    finally:
        kinds.register_kind(original)
    assert decision.amount == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers anyway"
)
def test_concurrent_decisions_cannot_exceed_the_envelope(staff_user):
    call = closed_call(budget_envelope=Decimal("100000"), managers=[staff_user])
    proposals = [submitted(call=call, requested_amount=Decimal("60000")) for _ in range(4)]
    barrier = threading.Barrier(len(proposals))
    outcomes = []

    def decide(proposal):
        from django.db import connections

        barrier.wait()
        try:
            services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=Decimal("60000"))
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(p,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert sum(d.amount for d in Decision.objects.filter(proposal__call=call)) == Decimal("60000")


def test_the_ranking_table(call):
    best, worst = submitted(call=call), submitted(call=call)
    for score in (5, 5, 4):
        scored(best, score)
    for score in (1, 2, 5):
        scored(worst, score)
    table = ranking_table(call)
    assert [r.proposal_id for r in table.rows] == [best.pk, worst.pk]
    assert table.rows[1].outliers == 1 and table.rows[1].disagreement
    assert table.left == Decimal("100000")


def test_a_decision_reads_the_decisions_again_but_does_not_rank_the_call_again(
    call, staff_user, monkeypatch, django_assert_max_num_queries
):
    proposals = [submitted(call=call, requested_amount=Decimal("30000")) for _ in range(3)]
    for proposal, score in zip(proposals, (5, 3, 1), strict=True):
        scored(proposal, score)
    ranking_table(call)
    ranked = []
    rank_reviews = committee.rank_reviews
    monkeypatch.setattr(committee, "rank_reviews", lambda c: ranked.append(c.pk) or rank_reviews(c))

    services.decide(actor=staff_user, proposal=proposals[1], outcome="funded", amount=Decimal("20000"))
    with django_assert_max_num_queries(4):
        table = ranking_table(call)
    assert ranked == []
    row = next(r for r in table.rows if r.proposal_id == proposals[1].pk)
    assert (row.extra["outcome"], row.extra["amount"]) == ("funded", Decimal("20000.00"))
    assert table.committed == Decimal("20000.00") and table.counts["funded"] == 1

    # A new review changes the statistics of its proposal: that one is described again.
    scored(proposals[2], 5)
    table = ranking_table(call)
    assert next(r for r in table.rows if r.proposal_id == proposals[2].pk).mean == 3.0
    assert next(r for r in table.rows if r.proposal_id == proposals[1].pk).extra["outcome"] == "funded"


def _shown(rows):
    return [
        (r.proposal_id, r.rank, r.mean, r.spread, r.disagreement, r.extra.get("pending"), reviews)
        for r in rows
        for reviews in [[(v.review_id, v.score, v.outlier, v.reviewer_name) for v in r.reviews]]
    ]


def test_a_change_of_reviews_describes_again_only_the_proposals_it_touched(call, monkeypatch):
    from biocluster.calls import ranking
    from biocluster.calls.tests.factories import ReviewFactory, reviewer_user

    proposals = [submitted(call=call) for _ in range(6)]
    reviews = {p.pk: [scored(p, score) for score in (3, 4, 3)] for p in proposals}
    ranking_table(call)
    described = []
    describe = ranking.describe
    monkeypatch.setattr(
        ranking, "describe", lambda pk, *a, **k: described.append(pk) or describe(pk, *a, **k)
    )
    full = committee.rank_reviews
    monkeypatch.setattr(committee, "rank_reviews", lambda c: described.append("all") or full(c))

    last = proposals[-1]
    changed = reviews[last.pk][0]
    changed.weighted_score, changed.scores = Decimal(5), {"excellence": 5, "impact": 5}
    changed.save()  # the last proposal is now the best
    ReviewFactory(proposal=proposals[0], reviewer=reviewer_user(), conflict="none")  # one more pending
    table = ranking_table(call)
    assert sorted(described) == sorted([last.pk, proposals[0].pk])
    assert table.rows[0].proposal_id == last.pk and table.rows[0].rank == 1
    assert table.rows[0].reviews[0].reviewer_name
    assert _shown(table.rows) == _shown(full(call)[0])  # the same as ranking the whole call again

    described.clear()
    reviews[proposals[1].pk][2].delete()
    table = ranking_table(call)
    assert described == [proposals[1].pk]
    assert _shown(table.rows) == _shown(full(call)[0])
    described.clear()
    proposals[2].title = "Renamed"
    proposals[2].save()  # a change of a proposal ranks the whole call again
    assert (
        next(r for r in ranking_table(call).rows if r.proposal_id == proposals[2].pk).extra["title"]
        == "Renamed"
    )
    assert described.count("all") == 1


# ------------------------------------------------------ applicants never see reviewers


def test_applicants_never_see_who_reviewed(
    client, call, staff_user, member, django_capture_on_commit_callbacks
):
    proposal = submitted(call=call, applicant=member)
    reviews = [scored(proposal, s) for s in (4, 5)]
    names = [r.reviewer.email for r in reviews] + [r.reviewer.get_full_name() for r in reviews]
    services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=Decimal("1000"))
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_decisions(actor=staff_user, call=call)
    client.force_login(member)
    page = client.get(reverse("calls:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Comment scoring 4." in page and "Reviewer 1" in page
    token = ApiToken.issue(member)[1]
    headers = {"Authorization": f"Bearer {token}"}
    api = client.get(f"/api/proposals/{proposal.pk}", headers=headers).content.decode()
    assert "Comment scoring 5." in api
    assert client.get(f"/api/proposals/{proposal.pk}/reviews", headers=headers).status_code == 403
    assert client.get("/api/reviews", headers=headers).json()["count"] == 0
    for review in reviews:
        assert client.get(f"/api/reviews/{review.pk}", headers=headers).status_code == 404
        assert client.get(reverse("calls:review_detail", args=[review.pk])).status_code == 404
    letter = client.get(reverse("calls:decision_letter", args=[proposal.pk]))
    assert letter["Content-Type"] == "application/pdf"
    texts = [page, api, mail.outbox[0].body, letter.content.decode("latin-1")]
    for text in texts:
        for name in names:
            assert name not in text


def test_applicants_see_the_decision_only_once_published(client, call, staff_user, member):
    proposal = submitted(call=call, applicant=member)
    services.decide(actor=staff_user, proposal=proposal, outcome="rejected", note_to_applicant="Sorry.")
    client.force_login(member)
    assert "Sorry." not in client.get(reverse("calls:proposal_detail", args=[proposal.pk])).content.decode()
    assert client.get(reverse("calls:decision_letter", args=[proposal.pk])).status_code == 403
