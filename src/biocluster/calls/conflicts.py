"""Conflicts of interest between a reviewer and a proposal, found from the directory.

Pure: the facts are gathered by `facts.py`. A reviewer is conflicted when they
- are the applicant or a co-applicant, or a person the proposal names;
- hold or held a role (current or past) in an organisation of the proposal;
- hold or held a role in an organisation linked to one of the proposal's by a tie that
  gives an interest in its success: spin-off, investment, partnership, collaboration
  (organisations that co-applied on a project are linked by `collaborates_with`).
Being members of the same network or cluster is not a conflict: every company of the
cluster is one.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .eligibility import AffiliationFact

CONFLICT_LINK_KINDS = ("spin_off_of", "invested_in", "partner_of", "collaborates_with")


@dataclass(frozen=True)
class ReviewerFacts:
    user_id: int
    person_ids: frozenset[int]
    # How each directory record was matched to the login: "login", "email" or "name".
    matched_by: tuple[tuple[int, str], ...]
    ties: tuple[AffiliationFact, ...]  # every role, current or past

    @property
    def organisation_ids(self) -> set[int]:
        return {tie.organisation_id for tie in self.ties}


@dataclass(frozen=True)
class ProposalFacts:
    user_ids: frozenset[int]
    person_ids: frozenset[int]
    organisations: dict  # id -> name


@dataclass(frozen=True)
class LinkFact:
    subject_id: int
    subject_name: str
    kind: str
    object_id: int
    object_name: str


@dataclass(frozen=True)
class ConflictReason:
    code: str
    text: str

    def as_dict(self) -> dict:
        return {"code": self.code, "text": self.text}


def _period(tie: AffiliationFact) -> str:
    if tie.end is None:
        return _("current")
    return _("until %(day)s") % {"day": tie.end.isoformat()}


def find_conflicts(
    reviewer: ReviewerFacts, proposal: ProposalFacts, links: list[LinkFact]
) -> list[ConflictReason]:
    reasons: list[ConflictReason] = []
    if reviewer.user_id in proposal.user_ids:
        reasons.append(ConflictReason("applicant", _("The reviewer is an applicant of this proposal.")))
    if reviewer.person_ids & proposal.person_ids:
        reasons.append(ConflictReason("named", _("The reviewer is a person named in the proposal.")))
    for tie in reviewer.ties:
        if tie.organisation_id in proposal.organisations:
            reasons.append(
                ConflictReason(
                    "same_organisation",
                    _("Role at %(organisation)s (%(role)s, %(period)s), an organisation of the proposal.")
                    % {"organisation": tie.organisation_name, "role": tie.role, "period": _period(tie)},
                )
            )
    mine, theirs = reviewer.organisation_ids, set(proposal.organisations)
    for link in links:
        if link.kind not in CONFLICT_LINK_KINDS:
            continue
        if (link.subject_id in mine and link.object_id in theirs) or (
            link.subject_id in theirs and link.object_id in mine
        ):
            reasons.append(
                ConflictReason(
                    "linked_organisation",
                    _(
                        "%(subject)s %(kind)s %(object)s: the reviewer's organisation is tied to the proposal's."
                    )
                    % {
                        "subject": link.subject_name,
                        "kind": link.kind.replace("_", " "),
                        "object": link.object_name,
                    },
                )
            )
    return list(dict.fromkeys(reasons))
