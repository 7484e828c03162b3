"""The programmes' demo: Shaker, Booster and Growth Hub (seed 001), cohorts from 2019 to now
with the seed companies that fit and synthetic start-ups, plans, sessions, milestones, an
open intake call, and two founder logins.

Everything the rules govern goes through the services, as the entreprises staff would do
it, so the audit trail reads like real use. Loading twice adds nothing: programmes are
keyed by code, cohorts by name, enrolments by cohort and organisation, and an enrolment's
history is written once.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from biocluster.accounts.models import User
from biocluster.core.demo import DemoContext, demo_email, demo_user, register
from biocluster.directory import generation
from biocluster.directory.models import Affiliation, Campus, Organisation, Person, TechnologyField

from . import demo_data as data
from . import (
    demo_site,  # noqa: F401  (registers the demo of the stays on the site)
    services,
)
from .dates import programme_end
from .models import Cohort, Enrolment, Expert, Milestone, Programme, Renewal, Session

SEED = 2026
PARIS = ZoneInfo("Europe/Paris")
FIRST_YEAR = 2019


def _programmes(staff) -> dict[str, Programme]:
    programmes = {}
    for values in data.PROGRAMMES:
        values = dict(values)
        code = values.pop("code")
        existing = Programme.objects.filter(code=code).first()
        if existing is None:
            existing = services.save_programme(actor=staff, code=code, **values)
        programmes[code] = existing
    return programmes


def _cohort(staff, programme, name, start, source=data.SYNTHETIC, intake_call=None) -> Cohort:
    cohort = Cohort.objects.filter(programme=programme, name=name).first()
    return cohort or services.create_cohort(
        actor=staff, programme=programme, name=name, start_date=start, intake_call=intake_call, source=source
    )


def _experts(staff) -> list[Expert]:
    people = list(
        Person.objects.filter(
            source=data.SYNTHETIC, affiliations__organisation__kind__in=["investor", "large_company", "sme"]
        )
        .distinct()
        .order_by("last_name", "pk")[: len(data.EXPERTISE)]
    )
    experts = []
    for person, (kind, en, fr, fields) in zip(people, data.EXPERTISE, strict=False):
        expert = Expert.objects.filter(person=person).first() or services.save_expert(
            actor=staff,
            person=person,
            kind=kind,
            fields=TechnologyField.objects.filter(code__in=fields),
            expertise_en=en,
            expertise_fr=fr,
            source=data.SYNTHETIC,
        )
        experts.append(expert)
    return experts


def _history(
    staff, enrolment: Enrolment, rng: random.Random, experts, today: date, *, raise_amount=None
) -> None:
    """A plan, sessions within the quota, and milestones; written once per enrolment."""
    if enrolment.sessions.exists() or enrolment.objectives.exists():
        return
    last = min(enrolment.effective_end, today)
    if last < enrolment.start_date:
        return
    reviews = [
        d
        for d in (enrolment.start_date + timedelta(days=90), enrolment.start_date + timedelta(days=180))
        if d <= enrolment.effective_end
    ]
    services.save_plan(
        actor=staff,
        enrolment=enrolment,
        diagnosis="Diagnosis at entry: strong science, a founding team to complete, "
        "no business plan yet. (synthetic)",
        review_dates=reviews,
    )
    for title, actions in rng.sample(data.OBJECTIVES, 2):
        objective = services.add_objective(actor=staff, enrolment=enrolment, title=title)
        for index, action in enumerate(actions):
            due = min(enrolment.start_date + timedelta(days=60 * (index + 1)), enrolment.effective_end)
            services.add_action(
                actor=staff,
                objective=objective,
                title=action,
                owner=rng.choice(["Founder", "CEO", "Genopole Entreprises"]),
                due_date=due,
                status="done" if due < today else "in_progress",
            )
    quota = enrolment.cohort.programme.quota_hours
    budget = quota if quota is not None else Decimal(70)
    span = (last - enrolment.start_date).days
    used = Decimal(0)
    for _ in range(rng.randint(3, 7)):
        hours = Decimal(rng.choice([3, 3.5, 7, 7, 14]))
        if used + hours > budget * Decimal("0.9"):
            break
        kind, topic = rng.choice(data.TOPICS)
        services.log_session(
            actor=staff,
            enrolment=enrolment,
            date=enrolment.start_date + timedelta(days=rng.randint(0, span)),
            kind=kind,
            topic=topic,
            hours=hours,
            expert=rng.choice(experts) if experts else None,
        )
        used += hours
    if enrolment.cohort.programme.code == "shaker":
        services.declare_milestone(
            actor=staff,
            enrolment=enrolment,
            kind="incorporation",
            date=enrolment.start_date + timedelta(days=rng.randint(30, max(span, 31))) if span > 31 else last,
            title="Company incorporated (SAS)",
            evidence="Trade register extract (synthetic)",
            source=data.SYNTHETIC,
        )
    elif raise_amount:
        services.declare_milestone(
            actor=staff,
            enrolment=enrolment,
            kind="fund_raise",
            date=enrolment.start_date + timedelta(days=rng.randint(0, span)),
            title="Seed round (synthetic amount)",
            evidence="Shareholders' agreement (synthetic)",
            amount=raise_amount,
            round="seed" if raise_amount < 2_000_000 else "series_a",
            investors="Business angels, regional seed fund (synthetic)",
            source=data.SYNTHETIC,
        )
        services.declare_milestone(
            actor=staff,
            enrolment=enrolment,
            kind="hire",
            date=enrolment.start_date + timedelta(days=rng.randint(0, span)),
            title="First scientists hired",
            evidence="Employment contracts (synthetic)",
            count=rng.randint(1, 4),
            source=data.SYNTHETIC,
        )


def _enrol(staff, cohort, organisation, founders=()) -> Enrolment | None:
    existing = Enrolment.objects.filter(cohort=cohort, organisation=organisation).first()
    if existing is not None:
        return existing
    start = cohort.start_date
    end = programme_end(start, cohort.programme.duration_months)
    busy = [
        e
        for e in Enrolment.objects.filter(organisation=organisation)
        if e.start_date <= end and start <= e.effective_end
    ]
    if busy:
        return None  # the organisation is elsewhere then: the demo skips it rather than break the rule
    return services.enrol(
        actor=staff, cohort=cohort, organisation=organisation, founders=founders, source=data.SYNTHETIC
    )


def _close_if_past(staff, enrolment: Enrolment, rng, today: date, next_cohort=None) -> Enrolment | None:
    """Past enrolments end: most graduate (some into the next programme), a few leave."""
    if not enrolment.is_active or enrolment.end_date >= today:
        return None
    programme = enrolment.cohort.programme
    if programme.is_renewable and rng.random() < 0.3 and not enrolment.renewals.exists():
        renewal = services.request_renewal(
            actor=staff,
            enrolment=enrolment,
            requested_end_date=services.max_end(enrolment),
            reason="Proof of concept needs more time (synthetic)",
        )
        services.decide_renewal(actor=staff, renewal=renewal, grant=True)
        enrolment.refresh_from_db()
        if enrolment.end_date >= today:
            return None
    if rng.random() < 0.15:
        services.leave(
            actor=staff,
            enrolment=enrolment,
            on=enrolment.end_date,
            reason=rng.choice(["abandoned", "moved", "not_renewed"]),
        )
        return None
    into = next_cohort if next_cohort is not None and next_cohort.start_date > enrolment.end_date else None
    return services.graduate(actor=staff, enrolment=enrolment, on=enrolment.end_date, into_cohort=into)


def _founder(context, local, first, last, organisation, role):
    user = demo_user(context, local, first, last, f"Founder — {organisation.name}")
    person, _created = Person.objects.get_or_create(
        user=user,
        defaults={"first_name": first, "last_name": last, "email": user.email, "source": data.SYNTHETIC},
    )
    Affiliation.objects.get_or_create(
        person=person, organisation=organisation, role=role, defaults={"is_administrator": True}
    )
    return person


def _intake_call(staff, today: date):
    """An open intake call of the Shaker, whose accepted proposals join the next cohort."""
    from biocluster.calls.models import Call

    call = Call.objects.filter(reference_prefix="SHK").first()
    if call is None:
        opens = datetime.combine(today - timedelta(days=20), datetime.min.time(), tzinfo=PARIS)
        call = Call.objects.create(
            kind="programme_intake",
            title_en="Shaker — next intake",
            title_fr="Shaker — prochaine promotion",
            summary_en="Apply with your biotech project to join the next Shaker cohort.",
            summary_fr="Candidatez avec votre projet biotech pour rejoindre la prochaine promotion du Shaker.",
            opens_at=opens,
            closes_at=opens + timedelta(days=60),
            budget_envelope=Decimal(100000),
            reference_prefix="SHK",
            status="published",
            published_at=opens,
            source=data.SYNTHETIC,
        )
        call.managers.set([staff])
    return call


def _directory_startups() -> list[Organisation]:
    """The listed synthetic start-ups of the directory's demo, whatever later areas added to the
    directory (accreditation adds start-ups of its own): a second load sees the same list."""
    from biocluster.directory.demo import loader

    campuses = [Campus(name=name, city=city) for name, city in loader.CAMPUSES]
    plan = loader.synthetic_plan(campuses, generation.NamePool(loader.SEED))
    names = [
        d.organisation.name
        for d in plan.drafts
        if d.organisation.kind == "startup" and d.organisation.is_listed
    ]
    return list(Organisation.objects.filter(name__in=names, source=data.SYNTHETIC).order_by("name"))


def load(context: DemoContext) -> None:
    staff = User.objects.get(email=demo_email("staff-entreprises"))
    rng = random.Random(SEED)
    today = timezone.localdate()
    programmes = _programmes(staff)
    experts = _experts(staff)
    shaker, booster, growth = programmes["shaker"], programmes["booster"], programmes["growth-hub"]

    cohorts = {}
    for year in range(FIRST_YEAR, today.year + 1):
        cohorts[("shaker", year)] = _cohort(staff, shaker, f"Shaker {year}", date(year, 1, 15))
        cohorts[("shaker-autumn", year)] = _cohort(staff, shaker, f"Shaker {year} autumn", date(year, 7, 1))
        cohorts[("booster", year)] = _cohort(staff, booster, f"Booster {year}", date(year, 9, 1))
        if year % 2:
            cohorts[("growth-hub", year)] = _cohort(staff, growth, f"Growth Hub {year}", date(year, 3, 1))
    next_shaker = _cohort(
        staff,
        shaker,
        f"Shaker {today.year + 1}",
        date(today.year + 1, 1, 15),
        intake_call=_intake_call(staff, today),
    )

    startups = _directory_startups()
    enrolments_before = Enrolment.objects.count()
    rng.shuffle(startups)
    seed_companies = list(Organisation.objects.filter(name__in=data.BIO_2022_COMPANIES).order_by("name"))
    total_raised = Decimal(0)
    # Synthetic start-ups: Shaker first, many graduating into the Booster of the same year.
    for index, organisation in enumerate(startups[:36]):
        year = FIRST_YEAR + index % (today.year - FIRST_YEAR + 1)
        enrolment = _enrol(staff, cohorts[("shaker", year)], organisation)
        if enrolment is None:
            continue
        _history(staff, enrolment, rng, experts, today)
        following = _close_if_past(staff, enrolment, rng, today, cohorts.get(("booster", year)))
        if following is not None and following.pk != enrolment.pk:
            amount = Decimal(rng.randrange(300, 2500) * 1000)
            total_raised += amount
            _history(staff, following, rng, experts, today, raise_amount=amount)
            _close_if_past(
                staff,
                following,
                rng,
                today,
                cohorts.get(("growth-hub", year + 2)) or cohorts.get(("growth-hub", year + 1)),
            )
    # The BIO 2022 companies (seed 004): Booster 2020-2021, a few in the Growth Hub (illustrative).
    for index, organisation in enumerate(seed_companies):
        cohort = cohorts[("booster", 2020 + index % 2)]
        enrolment = _enrol(staff, cohort, organisation)
        if enrolment is None:
            continue
        amount = Decimal(rng.randrange(500, 4000) * 1000)
        total_raised += amount
        _history(staff, enrolment, rng, experts, today, raise_amount=amount)
        _close_if_past(staff, enrolment, rng, today, cohorts[("growth-hub", 2023)] if index < 3 else None)
    _endodiag(staff, cohorts, today)
    # Companies that went on into the Growth Hub have finished it too.
    for enrolment in Enrolment.objects.filter(status="active", end_date__lt=today):
        services.graduate(actor=staff, enrolment=enrolment, on=enrolment.end_date)
    _founders(context, staff, cohorts, next_shaker, rng, experts, today)
    context.count("programme enrolments", Enrolment.objects.count() - enrolments_before)
    raised = sum(Milestone.objects.filter(kind="fund_raise").values_list("amount", flat=True), Decimal(0))
    context.log(
        f"Programmes: {Programme.objects.count()} programmes, {Cohort.objects.count()} cohorts, "
        f"{Enrolment.objects.count()} enrolments, {Session.objects.count()} sessions, "
        f"{Milestone.objects.count()} milestones, EUR {raised / 1_000_000:.1f}M raised in the demo "
        f"(the seeds: over EUR 649M in two decades)."
    )


def _endodiag(staff, cohorts, today) -> None:
    """Endodiag's real EUR 4M raise (seed 001), on an illustrative Growth Hub enrolment."""
    facts = data.ENDODIAG_RAISE
    organisation = Organisation.objects.filter(name=facts["company"]).first()
    cohort = cohorts.get(("growth-hub", facts["year"]))
    if organisation is None or cohort is None:
        return
    enrolment = _enrol(staff, cohort, organisation)
    if enrolment is None or enrolment.milestones.exists():
        return
    services.declare_milestone(
        actor=staff,
        enrolment=enrolment,
        kind="fund_raise",
        date=date(facts["year"], 6, 1),
        title=facts["title_en"],
        evidence=data.SEED_001,
        amount=facts["amount"],
        round=facts["round"],
        investors=facts["investors"],
        source=data.SEED_001 + " (day approximate)",
    )
    if enrolment.is_active and enrolment.end_date < today:
        services.graduate(actor=staff, enrolment=enrolment, on=enrolment.end_date)


def _founders(context, staff, cohorts, next_shaker, rng, experts, today) -> None:
    """The directory's founder (Antoine Mercier) in the current Booster; a project holder in the Shaker."""
    founder = Person.objects.filter(user__email=demo_email("founder")).first()
    if founder is not None:
        organisation = founder.affiliations.first().organisation
        cohort = (
            cohorts[("booster", today.year)]
            if cohorts[("booster", today.year)].start_date <= today
            else cohorts[("booster", today.year - 1)]
        )
        enrolment = _enrol(staff, cohort, organisation, founders=[founder])
        if enrolment is not None:
            _history(staff, enrolment, rng, experts, today, raise_amount=Decimal(800_000))
    project, _created = Organisation.objects.get_or_create(
        name="Lumiphage (project)",
        defaults={
            "kind": "startup",
            "is_listed": False,
            "description_en": "A Shaker project: phages that light up resistant bacteria. (synthetic)",
            "description_fr": "Un projet du Shaker : des phages qui révèlent les bactéries résistantes. (synthétique)",
            "source": data.SYNTHETIC,
        },
    )
    person = _founder(context, "project-founder", "Inès", "Roux", project, "Project holder")
    autumn = today.year if today >= date(today.year, 7, 1) else today.year - 1
    enrolment = _enrol(staff, cohorts[("shaker-autumn", autumn)], project, founders=[person])
    if enrolment is not None and enrolment.is_active:
        _history(staff, enrolment, rng, experts, today)
        if not Renewal.objects.filter(enrolment=enrolment).exists() and enrolment.end_date >= today:
            services.request_renewal(
                actor=person.user,
                enrolment=enrolment,
                requested_end_date=services.max_end(enrolment),
                reason="The proof of concept needs six more months in the Lab Biotech.",
            )


def flush(context: DemoContext) -> None:
    for model in (Milestone, Session, Renewal, Enrolment, Cohort, Expert, Programme):
        model.objects.all().delete()
    from .models import QuotaOverride

    QuotaOverride.objects.all().delete()
    Organisation.objects.filter(name="Lumiphage (project)").delete()


register("programmes", order=30, flush=flush)(load)
