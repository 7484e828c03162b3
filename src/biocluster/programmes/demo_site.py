"""The demo's stays on the cluster's site: who arrived when, who left and why (all synthetic).

Here because arrivals come through the programmes and the accreditation: an accredited
company arrives on its first enrolment or its accreditation, whichever is first; a company
that moved away, was acquired or closed (the accreditation's statuses) left on that day.
Labs and platforms arrive on a date after their founding. The seeds give the counts at the
end of 2024 (`TARGETS`: 78 companies, 16 labs, 23 platforms): `fit` then makes the newest
arrivals come in 2025, and some platforms leave earlier, until the counts are the seeds'.
Dates are written through `correct_site_dates` with a note saying they are synthetic; a
second load finds them in place and changes nothing.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from biocluster.accreditation.models import Accreditation, AccreditationStatus, Decision, Status
from biocluster.core.demo import DemoContext, register
from biocluster.directory import generation
from biocluster.directory import services as directory
from biocluster.directory.models import COMPANY_KINDS, SYNTHETIC, Organisation, OrganisationKind

from .models import Enrolment

SEED = 2024
END = date(2024, 12, 31)
FIRST_DAY = date(1998, 10, 23)  # the cluster's founding
LATE = (date(2025, 1, 6), date(2025, 12, 15))  # arrivals after the seeds' count
SOURCE = "seeds/002 and the 2024 press kit: 78 companies, 16 labs, 23 platforms at the end of 2024"
NOTE = f"synthetic dates (demo), fitted to {SOURCE}"

COMPANIES, LABS, PLATFORMS = "companies", "labs", "platforms"
TARGETS = {COMPANIES: 78, LABS: 16, PLATFORMS: 23}
GROUP_OF = dict.fromkeys(COMPANY_KINDS, COMPANIES) | {
    OrganisationKind.RESEARCH_LAB: LABS,
    OrganisationKind.RESEARCH_ORGANISATION: LABS,
    OrganisationKind.PLATFORM: PLATFORMS,
}
# The real labs and platform the seeds place on the campuses (their dates are synthetic).
REAL_ON_SITE = ("CITHERA", "ART-TG", "Centre National de Recherche en Génomique Humaine", "Lab Biotech")
REASONS = {
    Status.MOVED_AWAY: "Moved away (accreditation status).",
    Status.ACQUIRED: "Acquired by a larger group (accreditation status).",
    Status.CLOSED: "Wound up (accreditation status).",
}
PLATFORM_CLOSED = "Platform closed; its equipment went to a partner's."


@dataclass
class Stay:
    group: str
    arrival: date
    left: date | None = None
    reason: str = ""
    fixed: bool = False  # its arrival comes from a record (an enrolment before the count): not moved

    def on_site(self, day: date) -> bool:
        return self.arrival <= day and (self.left is None or self.left > day)


def fit(stays: dict, targets: dict[str, int], rng: random.Random, end: date = END) -> dict[str, int]:
    """Make the count on `end` of each group its target: the newest movable arrivals come after
    `end` (in `LATE`), and for platforms half of the surplus closed before. Returns the counts."""
    counts = {}
    for group, target in targets.items():
        present = sorted(
            (key for key, stay in stays.items() if stay.group == group and stay.on_site(end)),
            key=lambda key: (stays[key].arrival, str(key)),
        )
        movable = [key for key in present if not stays[key].fixed]
        surplus = len(present) - target
        leaving = surplus // 2 if group == PLATFORMS else 0
        for key in movable[: max(leaving, 0)]:  # the oldest closed in the years before
            stay = stays[key]
            stay.left = max(stay.arrival + timedelta(days=365), end - timedelta(days=rng.randint(200, 2000)))
            stay.left = min(stay.left, end)
            stay.reason = PLATFORM_CLOSED
        for key in movable[::-1][: max(surplus - leaving, 0)]:  # the newest come later
            stays[key].arrival = generation.random_date(rng, *LATE)
        counts[group] = sum(1 for stay in stays.values() if stay.group == group and stay.on_site(end))
    return counts


def _arrival(rng: random.Random, founded_year: int | None) -> date:
    """A day after its founding (and the cluster's), by the end of 2022."""
    first = max(date(founded_year or 1998, 1, 1), FIRST_DAY)
    return generation.random_date(rng, first, max(first, date(2022, 12, 31)))


def plan(rng: random.Random) -> dict[int, Stay]:
    """{organisation id: stay} for the demo's organisations on the site, now or in the past."""
    first_enrolment: dict[int, date] = {}
    for organisation_id, start in Enrolment.objects.order_by("start_date").values_list(
        "organisation_id", "start_date"
    ):
        first_enrolment.setdefault(organisation_id, start)
    accepted = dict(
        Accreditation.objects.filter(decision=Decision.ACCEPTED).values_list("organisation_id", "decided_on")
    )
    ended: dict[int, tuple[date, str]] = {}
    statuses = AccreditationStatus.objects.exclude(status=Status.ACTIVE).order_by("since", "pk")
    for organisation_id, since, status in statuses.values_list(
        "accreditation__organisation_id", "since", "status"
    ):
        ended.setdefault(organisation_id, (since, REASONS[status]))

    kinds = list(GROUP_OF)
    rows = Organisation.objects.filter(kind__in=kinds).order_by("pk")
    on_campus = rows.filter(source=SYNTHETIC, campus__isnull=False) | rows.filter(name__in=REAL_ON_SITE)
    candidates = list(on_campus) + list(rows.filter(pk__in=list(accepted)).exclude(pk__in=on_campus))
    stays = {}
    for organisation in candidates:
        group = GROUP_OF[organisation.kind]
        known = [day for day in (first_enrolment.get(organisation.pk), accepted.get(organisation.pk)) if day]
        arrival = min(known) if known else _arrival(rng, organisation.founded_year)
        left, reason = ended.get(organisation.pk, (None, ""))
        if left is not None and left <= arrival:
            left, reason = None, ""
        enrolled = organisation.pk in first_enrolment and first_enrolment[organisation.pk] <= END
        stays[organisation.pk] = Stay(group, arrival, left, reason, fixed=enrolled or left is not None)
    return stays


def flush(context: DemoContext) -> None:
    Organisation.objects.update(on_site_since=None, left_site_on=None, left_site_reason="")


@register("site", order=50, flush=flush)
def load(context: DemoContext) -> None:
    rng = random.Random(SEED)
    stays = plan(rng)
    counts = fit(stays, TARGETS, rng)
    for organisation in Organisation.objects.filter(pk__in=list(stays)).order_by("pk"):
        stay = stays[organisation.pk]
        wanted = (stay.arrival, stay.left, stay.reason)
        if (organisation.on_site_since, organisation.left_site_on, organisation.left_site_reason) == wanted:
            continue
        directory.correct_site_dates(
            organisation,
            by=None,
            on_site_since=stay.arrival,
            left_site_on=stay.left,
            left_site_reason=stay.reason,
            note=NOTE,
        )
        context.count("stays on the site", 1)
    context.log(
        "On the site at the end of 2024: "
        + ", ".join(f"{counts.get(group, 0)} {group}" for group in TARGETS)
        + f" (the seeds: {', '.join(f'{n} {group}' for group, n in TARGETS.items())})."
    )
