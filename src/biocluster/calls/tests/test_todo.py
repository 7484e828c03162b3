"""The calls' to-dos on the home page: a reviewer's declarations and scores, an applicant's drafts
in open calls, the decisions the staff running a closed call have still to record."""

from datetime import timedelta

import pytest

from biocluster.accounts.tests.factories import UserFactory
from biocluster.calls import todo
from biocluster.calls.tests.factories import (
    CallFactory,
    DecisionFactory,
    MemberFactory,
    ProposalFactory,
    ReviewFactory,
    closed_call,
    submitted,
)
from biocluster.core import registry
from biocluster.core.tests.clock import NOW, TODAY, frozen  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("frozen")


def test_a_reviewer_declares_then_scores_only_their_own_open_reviews(reviewer, django_assert_num_queries):
    call = closed_call()
    for due in (NOW - timedelta(days=1), NOW + timedelta(days=5)):
        ReviewFactory(proposal=submitted(call=call), reviewer=reviewer, due_at=due)
    ReviewFactory(
        proposal=submitted(call=call), reviewer=reviewer, conflict="none", due_at=NOW + timedelta(days=9)
    )
    # Not to do: scored, cancelled, conflicted, on a withdrawn proposal, in a decided call, someone else's.
    ReviewFactory(proposal=submitted(call=call), reviewer=reviewer, conflict="none", status="submitted")
    ReviewFactory(proposal=submitted(call=call), reviewer=reviewer, status="cancelled")
    ReviewFactory(proposal=submitted(call=call), reviewer=reviewer, conflict="declared")
    ReviewFactory(proposal=ProposalFactory(call=call, status="withdrawn"), reviewer=reviewer)
    ReviewFactory(proposal=submitted(call=closed_call(status="decided")), reviewer=reviewer)
    ReviewFactory(proposal=submitted(call=call))

    with django_assert_num_queries(1):
        todos = todo.reviews_to_do(reviewer)

    assert [(t.title, t.count, t.due, t.overdue) for t in todos] == [
        ("Declare your interests in 2 proposals", 2, NOW - timedelta(days=1), True),
        ("Score 1 proposal", 1, NOW + timedelta(days=9), False),
    ]
    assert {t.url for t in todos} == {"/calls/reviews/"}
    assert todo.reviews_to_do(UserFactory()) == []


def test_an_applicant_submits_their_drafts_in_open_calls(member, django_assert_num_queries):
    soon = CallFactory(closes_at=NOW + timedelta(days=3), title_en="Soon")
    later = CallFactory(closes_at=NOW + timedelta(days=20), title_en="Later")
    own = ProposalFactory(call=later, applicant=member, title="Own draft")
    shared = ProposalFactory(call=soon, title="Shared draft")
    MemberFactory(proposal=shared, user=member)
    # Not to do: a draft in a closed call, one in a call not open yet, a submitted one, someone else's.
    ProposalFactory(call=closed_call(), applicant=member)
    ProposalFactory(call=CallFactory(opens_at=NOW + timedelta(days=1)), applicant=member)
    submitted(call=soon, applicant=member)
    ProposalFactory(call=soon)

    with django_assert_num_queries(1):
        todos = todo.drafts_to_submit(member)

    assert [(t.title, t.url, t.due) for t in todos] == [
        ("Submit “Shared draft” to Soon", f"/calls/proposals/{shared.pk}/edit/", soon.closes_at),
        ("Submit “Own draft” to Later", f"/calls/proposals/{own.pk}/edit/", later.closes_at),
    ]


def test_the_staff_running_a_closed_call_record_its_decisions(staff_user, administrator):
    call = closed_call(managers=[staff_user], title_en="Equipment 2026")
    submitted(call=call)
    submitted(call=call)
    DecisionFactory(proposal=submitted(call=call))
    ProposalFactory(call=call)  # a draft is never decided
    closed_call()  # run by others
    open_call = CallFactory(managers=[staff_user])
    submitted(call=open_call)  # not closed yet

    todos = todo.decisions_to_record(staff_user)

    assert [(t.title, t.url, t.count) for t in todos] == [
        ("Record the decisions on 2 proposals to Equipment 2026", f"/calls/{call.pk}/ranking/", 2)
    ]
    assert todo.decisions_to_record(UserFactory()) == []
    # An administrator runs every call: the other closed call has nothing submitted.
    assert [t.count for t in todo.decisions_to_record(administrator)] == [2]


def test_the_calls_register_their_providers(reviewer):
    ReviewFactory(proposal=submitted(call=closed_call()), reviewer=reviewer)
    assert [t.title for t in registry.todos_for(reviewer)] == ["Declare your interests in 1 proposal"]
