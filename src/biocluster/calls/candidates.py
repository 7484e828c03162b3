"""Reviewers as candidates for a call: their expertise, load and conflicts, read in bulk."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from biocluster.accounts.models import Role

from .conflicts import find_conflicts
from .facts import links_among, proposal_facts_many, reviewer_facts_many
from .models import Conflict, ReviewerProfile, ReviewStatus
from .suggestions import Candidate


def reviewers():
    User = get_user_model()
    return User.objects.filter(role_grants__role=Role.REVIEWER, is_active=True).distinct()


def candidates_for(users) -> list[Candidate]:
    users = list(users)
    load = Q(reviews__status=ReviewStatus.ASSIGNED) & ~Q(reviews__conflict=Conflict.DECLARED)
    loads = dict(
        get_user_model()
        .objects.filter(pk__in=[u.pk for u in users])
        .annotate(n=Count("reviews", filter=load))
        .values_list("pk", "n")
    )
    profiles = {
        p.user_id: p for p in ReviewerProfile.objects.filter(user__in=users).prefetch_related("expertise")
    }
    result = []
    for user in users:
        profile = profiles.get(user.pk)
        result.append(
            Candidate(
                user_id=user.pk,
                label=user.get_full_name() or user.email,
                expertise=tuple(f.path for f in profile.expertise.all()) if profile else (),
                load=loads.get(user.pk, 0),
                max_load=profile.max_load if profile else 12,
            )
        )
    return result


def conflicts_between(proposals, users) -> dict[int, dict[int, list]]:
    """For each proposal id, the reviewers (ids) in conflict with it and why."""
    proposals, users = list(proposals), list(users)
    r_facts = reviewer_facts_many(users)
    p_facts = proposal_facts_many(proposals)
    mine = {pk for f in r_facts.values() for pk in f.organisation_ids}
    theirs = {pk for f in p_facts.values() for pk in f.organisations}
    links = links_among(mine, theirs)
    result: dict[int, dict[int, list]] = {}
    for pid, p in p_facts.items():
        relevant = [
            link for link in links if link.subject_id in p.organisations or link.object_id in p.organisations
        ]
        for uid, r in r_facts.items():
            reasons = find_conflicts(r, p, relevant)
            if reasons:
                result.setdefault(pid, {})[uid] = reasons
    return result
