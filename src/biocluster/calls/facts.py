"""Facts from the directory for eligibility rules and conflict detection.

A login is matched to its directory records by the `Person.user` link, by email, and
by name compared without accents or case: a reviewer listed under another address, or
not linked to their login at all, is still found. A homonym may be matched too; for a
conflict check, a false alarm is the safe side.
"""

from django.db.models import Q
from django.utils import timezone

from biocluster.directory.models import Affiliation, OrganisationLink, Person
from biocluster.directory.normalise import email_key, person_key

from .conflicts import CONFLICT_LINK_KINDS, LinkFact, ProposalFacts, ReviewerFacts, find_conflicts
from .eligibility import AffiliationFact, Facts, OrganisationFact
from .formdef.schema import fields_of


def persons_of(users) -> dict[int, list[tuple[int, str]]]:
    """For each user id: the directory people that are this login, and how they were matched."""
    users = list(users)
    found: dict[int, dict[int, str]] = {u.pk: {} for u in users}
    by_email = {key: u.pk for u in users if (key := email_key(u.email))}
    # Two unordered lookups, each answered by its index alone: with an OR, in the people's order,
    # or reading other columns, SQLite walks the whole table (15 to 250 ms at 100,000 people).
    logins = [u.pk for u in users]
    for pk, user_id in Person.objects.filter(user__in=logins).order_by().values_list("pk", "user_id"):
        found[user_id][pk] = "login"
    # The stored key (`Person.email_key`) is folded in every script, as the logins' addresses here.
    by_address = Person.objects.filter(email_key__in=list(by_email)).order_by()
    for pk, key in by_address.values_list("pk", "email_key"):
        found[by_email[key]].setdefault(pk, "email")
    # By name: one indexed lookup of the keys (`Person.name_key`), however many logins.
    wanted: dict[str, list[int]] = {}
    for user in users:
        if user.first_name.strip() and user.last_name.strip():
            wanted.setdefault(person_key(user.first_name, user.last_name), []).append(user.pk)
    for pk, key in Person.objects.filter(name_key__in=list(wanted)).order_by().values_list("pk", "name_key"):
        for user_id in wanted[key]:
            found[user_id].setdefault(pk, "name")
    return {user_id: list(people.items()) for user_id, people in found.items()}


def _ties(person_ids) -> dict[int, list[AffiliationFact]]:
    ties: dict[int, list[AffiliationFact]] = {}
    rows = Affiliation.objects.filter(person_id__in=person_ids).values_list(
        "person_id",
        "organisation_id",
        "organisation__name",
        "organisation__kind",
        "role",
        "start_date",
        "end_date",
    )
    for person_id, org_id, name, kind, role, start, end in rows:
        ties.setdefault(person_id, []).append(AffiliationFact(org_id, name, kind, role, start, end))
    return ties


def reviewer_facts_many(users) -> dict[int, ReviewerFacts]:
    matched = persons_of(users)
    ties = _ties({pk for people in matched.values() for pk, _how in people})
    return {
        user_id: ReviewerFacts(
            user_id=user_id,
            person_ids=frozenset(pk for pk, _how in people),
            matched_by=tuple(people),
            ties=tuple(tie for pk, _how in people for tie in ties.get(pk, [])),
        )
        for user_id, people in matched.items()
    }


def proposal_facts_many(proposals) -> dict[int, ProposalFacts]:
    """Who and which organisations each proposal involves. `proposals` come with `members` prefetched."""
    proposals = list(proposals)
    users = {}
    for proposal in proposals:
        users[proposal.applicant_id] = proposal.applicant
        for member in proposal.members.all():
            users[member.user_id] = member.user
    matched = persons_of(users.values())
    today = timezone.localdate()
    ties = _ties({pk for people in matched.values() for pk, _how in people})
    facts = {}
    for proposal in proposals:
        user_ids = {proposal.applicant_id, *(m.user_id for m in proposal.members.all())}
        person_ids = {pk for uid in user_ids for pk, _how in matched.get(uid, [])}
        organisations = {}
        if proposal.organisation_id:
            organisations[proposal.organisation_id] = proposal.organisation.name
        for pk in person_ids:
            for tie in ties.get(pk, []):
                if tie.current(today):
                    organisations[tie.organisation_id] = tie.organisation_name
        definition = proposal.call.form_definition
        for field in fields_of(definition):
            value = proposal.answers.get(field["key"])
            if field["type"] == "person" and isinstance(value, int):
                person_ids.add(value)
            elif field["type"] == "organisation" and isinstance(value, int):
                organisations.setdefault(value, "")
        facts[proposal.pk] = ProposalFacts(frozenset(user_ids), frozenset(person_ids), organisations)
    _name_organisations(facts)
    return facts


def _name_organisations(facts: dict[int, ProposalFacts]) -> None:
    from biocluster.directory.models import Organisation

    unnamed = {pk for f in facts.values() for pk, name in f.organisations.items() if not name}
    if unnamed:
        names = dict(Organisation.objects.filter(pk__in=unnamed).values_list("pk", "name"))
        for f in facts.values():
            for pk in list(f.organisations):
                if not f.organisations[pk]:
                    f.organisations[pk] = names.get(pk, str(pk))


def links_among(first: set[int], second: set[int]) -> list[LinkFact]:
    if not first or not second:
        return []
    rows = OrganisationLink.objects.filter(kind__in=CONFLICT_LINK_KINDS).filter(
        Q(subject_id__in=first, object_id__in=second) | Q(subject_id__in=second, object_id__in=first)
    )
    return [
        LinkFact(s, sn, k, o, on)
        for s, sn, k, o, on in rows.values_list(
            "subject_id", "subject__name", "kind", "object_id", "object__name"
        )
    ]


def detect(reviewer, proposal):
    """The conflict reasons between one reviewer (a user) and one proposal."""
    from .models import Proposal

    proposal = (
        Proposal.objects.select_related("call", "organisation", "applicant")
        .prefetch_related("members__user")
        .get(pk=proposal.pk)
    )
    r = reviewer_facts_many([reviewer])[reviewer.pk]
    p = proposal_facts_many([proposal])[proposal.pk]
    return find_conflicts(r, p, links_among(r.organisation_ids, set(p.organisations)))


def applicant_facts(user, organisation=None, declarations=(), today=None) -> Facts:
    today = today or timezone.localdate()
    people = persons_of([user])[user.pk] if user.is_authenticated else []
    ties = _ties({pk for pk, _how in people})
    affiliations = tuple(t for pk, _how in people for t in ties.get(pk, []))
    org = (
        OrganisationFact(organisation.pk, organisation.name, organisation.kind, organisation.founded_year)
        if organisation is not None
        else None
    )
    return Facts(
        today=today,
        known_in_directory=bool(people),
        affiliations=affiliations,
        organisation=org,
        declarations=frozenset(declarations),
    )
