"""Which tariff applies: the user category follows from the organisation billed.

The categories come from the directory, never from a field someone fills in:
the platform's own lab (its organisation, or the lab hosting it), academics and
companies of the cluster (on one of its campuses), and external ones.
"""

from biocluster.directory.models import COMPANY_KINDS, Affiliation, Organisation, OrganisationKind

from .models import Platform, UserCategory

ACADEMIC_KINDS = {
    OrganisationKind.RESEARCH_LAB,
    OrganisationKind.RESEARCH_ORGANISATION,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.HOSPITAL,
    OrganisationKind.PLATFORM,
}


def category_of(platform: Platform, organisation: Organisation) -> str:
    if organisation.pk in {platform.organisation_id, platform.host_organisation_id}:
        return UserCategory.OWN_LAB
    on_campus = organisation.campus_id is not None
    if organisation.kind in ACADEMIC_KINDS:
        return UserCategory.CLUSTER_ACADEMIC if on_campus else UserCategory.EXTERNAL_ACADEMIC
    if organisation.kind in COMPANY_KINDS and on_campus:
        return UserCategory.CLUSTER_COMPANY
    # Anything else pays the full external rate until a manager says otherwise.
    return UserCategory.EXTERNAL_COMPANY


def billable_organisations(user) -> list[Organisation]:
    """The organisations `user` may charge a booking to: their current affiliations."""
    if not user.is_authenticated:
        return []
    ids = (
        Affiliation.objects.current()
        .filter(person__user=user)
        .order_by("start_date", "pk")
        .values_list("organisation_id", flat=True)
    )
    by_id = Organisation.objects.in_bulk(list(ids))
    return [by_id[pk] for pk in dict.fromkeys(ids) if pk in by_id]
