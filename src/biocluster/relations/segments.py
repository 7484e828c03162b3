"""What a segment selects: the directory's organisations under its filters, and their contacts.

A mailing list takes only the people who agreed to be e-mailed by the cluster
(`Person.contact_consent`, with its date): a consent apart from appearing in the public
directory, which says nothing of being mailed.
"""

from collections.abc import Iterator

from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.spreadsheets import BOM, Echo, csv_writer
from biocluster.directory.filters import OrganisationFilter
from biocluster.directory.models import Affiliation, Organisation, Person

CONSENT = "contact_consent"


def organisations(segment, user):
    """The organisations the segment's filters select among those `user` may see."""
    visible = Organisation.objects.visible_to(user)
    filterset = OrganisationFilter(QueryDict(segment.query), queryset=visible)
    return filterset.qs if filterset.is_valid() else visible.none()


def _affiliated(segment, user):
    """People with a current affiliation to one of the segment's organisations."""
    current = Affiliation.objects.current().filter(organisation__in=organisations(segment, user))
    return Person.objects.visible_to(user).filter(pk__in=current.values("person_id"))


def _consented() -> Q:
    return Q(**{CONSENT: True})


def contacts(segment, user):
    """The people of the segment's organisations who consented and have an e-mail address."""
    return _affiliated(segment, user).filter(_consented()).exclude(email="")


def counts(segment, user) -> dict[str, int]:
    """How many are exported, and how many of the organisations' people are left out for want of consent."""
    people = _affiliated(segment, user)
    return {
        "organisations": organisations(segment, user).count(),
        "contacts": contacts(segment, user).count(),
        "without_consent": people.exclude(_consented()).count(),
    }


def csv_lines(segment, user) -> Iterator[str]:
    """The consenting contacts, one row per person with their organisations of the segment."""
    selected = organisations(segment, user)
    current = (
        Affiliation.objects.current()
        .filter(organisation__in=selected)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    people = contacts(segment, user).prefetch_related(
        Prefetch("affiliations", queryset=current, to_attr="segment_affiliations")
    )
    writer = csv_writer(Echo())
    yield BOM + writer.writerow(
        [_("First name"), _("Last name"), _("E-mail"), _("Organisations"), _("Roles"), _("Consent given")]
    )
    for person in people.order_by("last_name", "first_name", "id"):
        affiliations = person.segment_affiliations
        yield writer.writerow(
            [
                person.first_name,
                person.last_name,
                person.email,
                "; ".join(a.organisation.name for a in affiliations),
                "; ".join(a.role for a in affiliations),
                timezone.localtime(person.contact_consent_at).date().isoformat()
                if person.contact_consent_at
                else "",
            ]
        )
