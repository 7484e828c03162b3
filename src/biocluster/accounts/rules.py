"""Cluster-wide predicates. Organisation-scoped ones live in `directory.rules`."""

import rules

from .roles import roles_of


@rules.predicate
def is_administrator(user) -> bool:
    return roles_of(user).is_administrator


@rules.predicate
def is_cluster_staff(user) -> bool:
    return roles_of(user).is_cluster_staff


@rules.predicate
def is_reviewer(user) -> bool:
    return roles_of(user).is_reviewer


def is_staff_in(*departments: str):
    wanted = set(departments)

    @rules.predicate(name=f"is_staff_in_{'_'.join(sorted(wanted))}")
    def predicate(user) -> bool:
        roles = roles_of(user)
        return roles.is_administrator or bool(roles.departments & wanted)

    return predicate


rules.add_perm("accounts.is_cluster_staff", is_cluster_staff)
rules.add_perm("accounts.is_administrator", is_administrator)
