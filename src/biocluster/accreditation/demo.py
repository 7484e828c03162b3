"""The register's demo: about 200 companies accredited from 1998 to 2025, and what became of them.

The directory's companies (its real start-ups and SMEs, and its synthetic ones
on the campuses) are accredited and still active; invented past companies,
created in the directory with `source="synthetic"`, moved away, were acquired
or closed. Refusals are few. Every date is synthetic (see `demo_data`): the
plan is computed from a fixed seed, not from the database, and each step is
skipped when already there, so loading twice changes nothing.
"""

import datetime
import random
from dataclasses import dataclass, field

from biocluster.core.demo import DemoContext, register
from biocluster.directory import generation
from biocluster.directory import services as directory_services
from biocluster.directory.models import SYNTHETIC, Campus, Organisation, OrganisationKind, TechnologyField

from . import demo_data as D
from . import services
from .models import Accreditation, AccreditationStatus, Decision, Status


@dataclass
class Step:
    """One decision or one status change, on the date it happened."""

    on: datetime.date
    decision: str = ""
    status: str = ""
    note: str = ""


@dataclass
class PlannedCompany:
    name: str
    steps: list[Step] = field(default_factory=list)
    create: dict | None = None  # the directory entry of an invented company, made when missing


def _between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return generation.random_date(rng, max(start, D.FIRST_DAY), min(end, D.LAST_DAY))


def _directory_companies() -> list[tuple[str, int | None]]:
    """(name, founding year) of the directory demo's companies that fit, in a fixed order."""
    from biocluster.directory.demo import loader

    campuses = [Campus(name=name, city=city) for name, city in loader.CAMPUSES]
    plan = loader.synthetic_plan(campuses, generation.NamePool(loader.SEED))
    fitting = {OrganisationKind.STARTUP, OrganisationKind.SME}
    synthetic = [
        (d.organisation.name, d.organisation.founded_year)
        for d in plan.drafts
        if d.organisation.kind in fitting
    ]
    return [(name, None) for name in D.REAL_COMPANIES] + synthetic


def _active(rng: random.Random, name: str, founded: int | None) -> PlannedCompany:
    if founded:
        day = _between(rng, datetime.date(founded, 1, 1), datetime.date(founded + 2, 12, 31))
    else:
        day = _between(rng, datetime.date(2005, 1, 1), datetime.date(2023, 12, 31))
    return PlannedCompany(name, [Step(day, decision=Decision.ACCEPTED, note=rng.choice(D.NOTES_EN))])


def _refused_first(rng: random.Random, company: PlannedCompany) -> None:
    accepted = company.steps[0].on
    refused = max(D.FIRST_DAY, accepted - datetime.timedelta(days=rng.randint(200, 500)))
    company.steps.insert(0, Step(refused, decision=Decision.REFUSED, note=rng.choice(D.REFUSAL_NOTES_EN)))


def _new_company(
    rng: random.Random, names: generation.UniqueNames, *, listed: bool, city: str, year: int
) -> dict:
    kind = OrganisationKind.STARTUP
    fields = generation.pick_fields(rng, kind)
    en, fr = generation.describe(rng, kind, fields)
    country = {"Boston": "US", "Basel": "CH", "Leuven": "BE"}.get(city, "FR")
    return {
        "name": names.claim(generation.company_name(rng)),
        "kind": kind,
        "description_en": en,
        "description_fr": fr,
        "founded_year": year,
        "city": city,
        "country": country,
        "is_listed": listed,
        "source": SYNTHETIC,
        "fields": fields,
    }


def _later(rng: random.Random, after: datetime.date, status: str) -> datetime.date:
    day = _between(rng, after + datetime.timedelta(days=2 * 365), after + datetime.timedelta(days=12 * 365))
    if status == Status.CLOSED and day.year == D.NO_CLOSURE_YEAR:
        day += datetime.timedelta(days=366)
    return max(min(day, D.LAST_DAY), after + datetime.timedelta(days=1))


def _past(rng: random.Random, names: generation.UniqueNames, status: str) -> PlannedCompany:
    decided = _between(rng, D.FIRST_DAY, datetime.date(2019, 12, 31))
    city = rng.choice(D.MOVED_TO) if status == Status.MOVED_AWAY else "Évry-Courcouronnes"
    data = _new_company(rng, names, listed=status != Status.CLOSED, city=city, year=decided.year)
    note = {Status.MOVED_AWAY: f"Moved to {city}.", Status.ACQUIRED: "Acquired by a larger group."}.get(
        status, "Wound up."
    )
    steps = [
        Step(decided, decision=Decision.ACCEPTED, note=rng.choice(D.NOTES_EN)),
        Step(_later(rng, decided, status), status=status, note=note),
    ]
    return PlannedCompany(data["name"], steps, create=data)


def plan() -> list[PlannedCompany]:
    rng = random.Random(D.SEED)
    directory = _directory_companies()
    companies = [_active(rng, name, founded) for name, founded in directory]
    for company in rng.sample(companies, D.REFUSED_THEN_ACCEPTED):
        _refused_first(rng, company)
    names = generation.UniqueNames(name for name, _ in directory)
    past = [_past(rng, names, status) for status, count in D.PAST_COMPANIES.items() for _ in range(count)]
    # Movers early enough to have been acquired afterwards, before the end of the demo period.
    movers = [c for c in past if c.steps[-1].status == Status.MOVED_AWAY and c.steps[-1].on.year <= 2022]
    for company in movers[: D.MOVED_THEN_ACQUIRED]:
        moved = company.steps[-1].on
        company.steps.append(
            Step(_later(rng, moved, Status.ACQUIRED), status=Status.ACQUIRED, note="Acquired.")
        )
    refused = []
    for _ in range(D.REFUSED_ONLY):
        day = _between(rng, datetime.date(1999, 1, 1), D.LAST_DAY)
        data = _new_company(rng, names, listed=False, city="Évry-Courcouronnes", year=day.year)
        refused.append(
            PlannedCompany(
                data["name"],
                [Step(day, decision=Decision.REFUSED, note=rng.choice(D.REFUSAL_NOTES_EN))],
                data,
            )
        )
    return companies + past + refused


def _organisation(context: DemoContext, company: PlannedCompany) -> Organisation | None:
    organisation = Organisation.objects.filter(name=company.name).first()
    if organisation is None and company.create is not None:
        data = dict(company.create)
        codes = data.pop("fields")
        data["technology_fields"] = list(TechnologyField.objects.filter(code__in=codes))
        organisation = directory_services.create_organisation(actor=None, **data)
        context.count("past companies added to the directory", 1)
    return organisation


def _apply(context: DemoContext, organisation: Organisation, step: Step) -> None:
    if step.decision:
        if Accreditation.objects.filter(
            organisation=organisation, decided_on=step.on, decision=step.decision
        ).exists():
            return
        services.decide(
            actor=None,
            organisation=organisation,
            decided_on=step.on,
            decision=step.decision,
            decided_by=D.COMMITTEE,
            committee_notes=step.note,
            source=SYNTHETIC,
        )
        context.count("accreditation decisions", 1)
        return
    accreditation = Accreditation.objects.accepted().get(organisation=organisation)
    if accreditation.statuses.filter(since=step.on, status=step.status).exists():
        return
    services.change_status(
        actor=None,
        accreditation=accreditation,
        status=step.status,
        since=step.on,
        note=step.note,
        evidence=SYNTHETIC,
    )
    context.count("accreditation status changes", 1)


def flush(context: DemoContext) -> None:
    AccreditationStatus.objects.all().delete()
    Accreditation.objects.all().delete()


@register("accreditation", order=35, flush=flush)
def load(context: DemoContext) -> None:
    missing = 0
    for company in plan():
        organisation = _organisation(context, company)
        if organisation is None:  # the directory's demo is not loaded
            missing += 1
            continue
        for step in company.steps:
            _apply(context, organisation, step)
    accepted = Accreditation.objects.accepted()
    context.log(
        f"Accreditation: {accepted.count()} companies accredited, "
        f"{accepted.with_status(Status.ACTIVE).count()} still active"
        + (f"; {missing} directory companies not found" if missing else "")
        + "."
    )
