"""Who may do what in the directory. Pages, API and templates all ask these."""

import rules

from biocluster.accounts.rules import is_administrator, is_cluster_staff

from .querysets import administered_organisation_ids_of, organisation_ids_of


@rules.predicate
def is_member_of(user, organisation) -> bool:
    return organisation is not None and organisation.pk in organisation_ids_of(user)


@rules.predicate
def administers(user, organisation) -> bool:
    return organisation is not None and organisation.pk in administered_organisation_ids_of(user)


@rules.predicate
def is_listed(user, organisation) -> bool:
    return organisation is not None and organisation.is_listed


@rules.predicate
def is_self(user, person) -> bool:
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def is_colleague_of(user, person) -> bool:
    if person is None or not user.is_authenticated:
        return False
    mine = organisation_ids_of(user)
    return bool(mine) and person.affiliations.filter(organisation_id__in=mine).exists()


is_staff = is_cluster_staff | is_administrator

rules.add_perm("directory.view_organisation", is_staff | is_listed | is_member_of)
rules.add_perm("directory.change_organisation", is_staff | administers)
# Who reads an organisation's fields of each audience (`fields.Audience`): MEMBERS and STAFF,
# and the fields the organisation keeps out of the public directory (CHOSEN). Whoever reads
# the staff fields reads the member fields (an administrator is a member): `fields.Reader` relies on it.
rules.add_perm("directory.view_member_fields", is_staff | is_member_of)
rules.add_perm("directory.view_staff_fields", is_staff | administers)
rules.add_perm("directory.delete_organisation", is_staff)
# When it arrived on the cluster's site and left it: the cluster's facts (they make the indicators).
rules.add_perm("directory.record_site_presence", is_staff)
# Linking an organisation to another is a change of the first (the link's subject), as on its page.
rules.add_perm("directory.add_link", is_staff | administers)
rules.add_perm("directory.add_organisation", is_staff)
rules.add_perm("directory.view_organisation_history", is_staff)
# What each area knows of the organisation (its programmes, accreditation, bookings...): cluster staff.
rules.add_perm("directory.view_organisation_summary", is_staff)
rules.add_perm("directory.view_person_contact", is_staff | is_self | is_colleague_of)
rules.add_perm("directory.change_person", is_staff | is_self)
rules.add_perm("directory.manage_directory", is_staff)
# Links between organisations from a file: many organisations' links at once, hence cluster staff only
# (an organisation's administrator links their own organisation one link at a time, `add_link`).
rules.add_perm("directory.import_links", is_staff)
