"""The cluster's profile for the European Cluster Collaboration Platform, from the records.

The profile (seed file 001 is Genopole's) asks for the composition of the cluster, its
management team, its services, the clusters it works with and key facts. Here:
- the cluster organisation is the directory's organisation of kind "cluster" with the most
  links (Genopole in the demo); the networks it is a member of and the clusters it is a
  partner of or collaborates with are its links;
- the profile has a date: the 31 December of the last published snapshot (its key facts'
  year), today when none is published, or the date asked; the composition counts the
  organisations on the cluster's site on that date (the directory's arrival and departure
  dates, as the "on site" indicators count them), by kind (members; SMEs, start-ups among
  them; large companies; research organisations, universities and technology platforms;
  others), so that a profile made later for the same year gives the same counts;
- the staff are the logins holding the cluster staff role;
- the key facts are the last published snapshot's values (nothing unpublished);
- the services are the ECCP's categories the cluster offers (from the profile, seed 001).
"""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biocluster.accounts.models import Role, RoleGrant
from biocluster.core import formatting
from biocluster.directory.indicators import on_site
from biocluster.directory.models import LinkKind, Organisation, OrganisationKind, OrganisationLink

from .models import Snapshot
from .report import plain, shown

ESTABLISHED = "1998-10-23"  # seed 001: "Friday, 23 October, 1998"
SOURCE = "European Cluster Collaboration Platform, Genopole's cluster profile (seed 001)"
# The ECCP's support-service categories the profile ticks (seed 001, "Support services provided").
SERVICES = [
    ("internal_market", gettext_lazy("Access to the European internal market")),
    ("internationalisation", gettext_lazy("Internationalisation support (access to third-country markets)")),
    ("private_funding", gettext_lazy("Access to private funding (investors, seed and venture capital)")),
    ("technology_services", gettext_lazy("Access to technology services")),
    ("promotion", gettext_lazy("Promotion of activities (marketing, visibility)")),
]
SME_KINDS = (OrganisationKind.SME, OrganisationKind.STARTUP)
RESEARCH_KINDS = (
    OrganisationKind.RESEARCH_LAB,
    OrganisationKind.RESEARCH_ORGANISATION,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.PLATFORM,
)


def cluster_organisation() -> Organisation | None:
    """The cluster itself: the organisation of kind cluster with the most links."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.CLUSTER)
        .annotate(links=Count("links_out", distinct=True) + Count("links_in", distinct=True))
        .order_by("-links", "pk")
        .first()
    )


def composition(day: date) -> dict[str, int]:
    """The organisations on the cluster's site on `day`, by kind."""
    counts = on_site(day).aggregate(
        members=Count("pk"),
        smes=Count("pk", filter=Q(kind__in=SME_KINDS)),
        startups=Count("pk", filter=Q(kind=OrganisationKind.STARTUP)),
        large_companies=Count("pk", filter=Q(kind=OrganisationKind.LARGE_COMPANY)),
        research_organisations=Count("pk", filter=Q(kind__in=RESEARCH_KINDS)),
    )
    counts["other_actors"] = (
        counts["members"] - counts["smes"] - counts["large_companies"] - counts["research_organisations"]
    )
    return counts


def _linked(cluster: Organisation | None, kinds, *, of_kind=None) -> list[Organisation]:
    if cluster is None:
        return []
    links = OrganisationLink.objects.filter(kind__in=kinds).filter(Q(subject=cluster) | Q(object=cluster))
    ids = {pk for pair in links.values_list("subject_id", "object_id") for pk in pair} - {cluster.pk}
    rows = Organisation.objects.filter(pk__in=ids)
    if of_kind is not None:
        rows = rows.filter(kind=of_kind)
    return list(rows.order_by("name"))


def key_facts() -> tuple[Snapshot | None, list[dict]]:
    snapshot = Snapshot.objects.published().order_by("-year").first()
    if snapshot is None:
        return None, []
    facts = [
        {
            "code": row.code,
            "name": row.name,
            "value": None if row.value is None else float(plain(row.value)),
            "unit": row.unit,
            "shown": shown(row.value, row.unit),
        }
        for row in snapshot.values.all()
        if row.value is not None
    ]
    return snapshot, facts


def profile_date(snapshot: Snapshot | None) -> date:
    """The date the profile describes: the end of its key facts' year, today without them."""
    return date(snapshot.year, 12, 31) if snapshot is not None else timezone.localdate()


def profile(language: str = "en", at: date | None = None) -> dict:
    """The profile as data (the page, the JSON and the command line read this), on `at` (by
    default the end of the last published year, or today)."""
    with translation.override(language):
        cluster = cluster_organisation()
        snapshot, facts = key_facts()
        day = at or profile_date(snapshot)
        staff = RoleGrant.objects.filter(role=Role.STAFF).values("user").distinct().count()
        return {
            "language": language,
            "date": day.isoformat(),
            "cluster": {
                "name": cluster.name if cluster else "",
                "website": cluster.website if cluster else "",
                "established": ESTABLISHED,
            },
            "composition": composition(day),
            "staff": staff,
            "services": [{"code": code, "name": str(name)} for code, name in SERVICES],
            "networks": [
                {"name": o.name, "country": o.country}
                for o in _linked(cluster, [LinkKind.MEMBER_OF], of_kind=OrganisationKind.NETWORK)
            ],
            "partner_clusters": [
                {"name": o.name, "country": o.country}
                for o in _linked(
                    cluster,
                    [LinkKind.PARTNER_OF, LinkKind.COLLABORATES_WITH],
                    of_kind=OrganisationKind.CLUSTER,
                )
            ],
            "key_facts": {
                "year": snapshot.year if snapshot else None,
                "published_at": snapshot.published_at.isoformat() if snapshot else None,
                "figures": facts,
            },
            "sources": {
                "composition": _(
                    "Organisations on the cluster's site on %(day)s (their arrival and departure "
                    "dates in the directory), by kind."
                )
                % {"day": formatting.day(day)},
                "staff": _("Logins holding the cluster staff role."),
                "key_facts": _("The last published snapshot."),
                "services": SOURCE,
            },
        }
