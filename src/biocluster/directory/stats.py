from django.db.models import Count, Q

from .models import COMPANY_KINDS, Organisation, OrganisationKind, Person


def directory_key_figures() -> dict[str, int]:
    by_kind = Organisation.objects.filter(is_listed=True).aggregate(
        companies=Count("pk", filter=Q(kind__in=COMPANY_KINDS)),
        labs=Count("pk", filter=Q(kind=OrganisationKind.RESEARCH_LAB)),
        platforms=Count("pk", filter=Q(kind=OrganisationKind.PLATFORM)),
        organisations=Count("pk"),
    )
    return {**by_kind, "people": Person.objects.count()}
