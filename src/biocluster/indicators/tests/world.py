"""Generated records in every area, of random sizes, for the indicators' sums (synthetic).

Everything is dated in or around YEAR, so that a test never depends on today's date.
"""

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

YEAR = 2024


def _day(rng: random.Random, year: int = YEAR) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _moment(rng: random.Random, year: int = YEAR) -> datetime:
    return datetime.combine(_day(rng, year), datetime.min.time(), tzinfo=UTC) + timedelta(
        hours=rng.randrange(8, 18)
    )


def build(seed: "int | random.Random") -> None:
    """A world of records drawn from `seed` (a number, or a `random.Random` that hypothesis hands)."""
    from biocluster.accreditation.tests.factories import AccreditationFactory, AccreditationStatusFactory
    from biocluster.calls.models import Award
    from biocluster.calls.tests.factories import DecisionFactory, ProposalFactory
    from biocluster.directory.models import Organisation
    from biocluster.directory.tests.factories import CampusFactory, OrganisationFactory
    from biocluster.events.tests.factories import EventFactory, RegistrationFactory
    from biocluster.partnering.models import Meeting
    from biocluster.platforms.tests.factories import (
        BookingFactory,
        InstrumentFactory,
        PlatformFactory,
        UsageRecordFactory,
    )
    from biocluster.programmes.models import Session
    from biocluster.programmes.tests.factories import (
        CohortFactory,
        EnrolmentFactory,
        MilestoneFactory,
        booster,
    )

    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    years = (YEAR - 1, YEAR, YEAR)  # some records fall outside the year asked
    campuses = [CampusFactory(name=f"Campus {n}") for n in range(2)] + [None]
    kinds = ["startup", "sme", "large_company", "research_lab", "platform", "university"]
    organisations = [
        OrganisationFactory(
            kind=rng.choice(kinds), campus=rng.choice(campuses), country=rng.choice(["FR", "DE", "US"])
        )
        for _ in range(rng.randint(3, 12))
    ]
    for organisation in organisations:
        arrived = _day(rng, rng.choice(years)) if rng.random() < 0.8 else None  # some never on site
        left = _day(rng, YEAR + rng.choice((-1, 0, 1))) if arrived and rng.random() < 0.3 else None
        if left and left < arrived:
            left = None
        Organisation.objects.filter(pk=organisation.pk).update(
            created_at=_moment(rng, rng.choice(years)), on_site_since=arrived, left_site_on=left
        )
    companies = [o for o in organisations if o.kind in ("startup", "sme", "large_company")] or organisations[
        :1
    ]

    for organisation in rng.sample(companies, rng.randint(1, len(companies))):
        accreditation = AccreditationFactory(
            organisation=organisation, decided_on=_day(rng, rng.choice(years))
        )
        if rng.random() < 0.4:
            status = rng.choice(["closed", "moved_away", "active"])
            AccreditationStatusFactory(accreditation=accreditation, status=status, since=_day(rng))

    cohorts = [
        CohortFactory(start_date=date(YEAR, 1, 15)),
        CohortFactory(programme=booster(), start_date=date(YEAR - 1, 9, 1)),
    ]
    for organisation in companies:
        cohort = rng.choice(cohorts)
        enrolment = EnrolmentFactory(cohort=cohort, organisation=organisation)
        if rng.random() < 0.5:
            enrolment.status, enrolment.ended_on = "graduated", max(enrolment.start_date, _day(rng))
            enrolment.save()
        for _ in range(rng.randint(0, 4)):
            MilestoneFactory(
                enrolment=enrolment,
                date=_day(rng, rng.choice(years)),
                amount=Decimal(rng.randrange(1, 10**7)) / 100,
                status=rng.choice(["validated", "validated", "declared"]),
                round=rng.choice(["seed", "series_a", "ipo"]),
            )
        for _ in range(rng.randint(0, 3)):
            Session.objects.create(
                enrolment=enrolment,
                date=_day(rng),
                kind="coaching",
                topic="Pitch",
                hours=Decimal(rng.randint(1, 32)) / 4,
            )

    platform = PlatformFactory()
    for _ in range(rng.randint(0, 15)):
        quantity = Decimal(rng.randint(1, 40)) / 4
        UsageRecordFactory(
            platform=platform,
            organisation=rng.choice(organisations),
            category=rng.choice(["own_lab", "cluster_company", "external_academic"]),
            kind=rng.choice(["use", "use", "no_show", "service"]),
            day=_day(rng, rng.choice(years)),
            quantity=quantity,
            amount=quantity * 90,
        )

    instrument = InstrumentFactory(platform=platform)
    # Distinct days, one booking each: never two on the instrument at once. Odd minutes: each
    # row's hours are rounded, the sums must still be the rows'.
    days = rng.sample(range(-40, 400), rng.randint(0, 12))
    for offset in days:
        start = datetime(YEAR, 1, 1, 8, tzinfo=UTC) + timedelta(days=offset)
        BookingFactory(
            instrument=instrument,
            organisation=rng.choice(organisations),
            category=rng.choice(["own_lab", "cluster_company", "external_academic"]),
            kind=rng.choice(["booking", "booking", "maintenance"]),
            status=rng.choice(["confirmed", "completed", "released", "cancelled", "requested"]),
            start=start,
            end=start + timedelta(minutes=rng.randint(10, 600)),
        )

    for _ in range(rng.randint(0, 8)):
        proposal = ProposalFactory(
            status="submitted",
            submitted_at=_moment(rng, rng.choice(years)),
            organisation=rng.choice(organisations),
        )
        if rng.random() < 0.7:
            outcome = rng.choice(["funded", "rejected", "waiting_list"])
            DecisionFactory(proposal=proposal, outcome=outcome)
            if outcome == "funded":
                start = _day(rng)
                Award.objects.create(
                    proposal=proposal,
                    amount=Decimal(rng.randrange(10**6)),
                    start_date=start,
                    end_date=start + timedelta(days=365),
                )

    for _ in range(rng.randint(0, 5)):
        starts = _moment(rng, rng.choice(years))
        delegation = rng.random() < 0.4
        event = EventFactory(
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            kind="delegation" if delegation else "on_site",
            delegation_origin=rng.choice(["South Korea", "Québec", ""]) if delegation else "",
            organiser=rng.choice([*organisations, None]),
        )
        for _ in range(rng.randint(0, 6)):
            RegistrationFactory(
                event=event,
                organisation=rng.choice([*organisations, None]),
                checked_in_at=starts if rng.random() < 0.7 else None,
            )
        for _ in range(rng.randint(0, 4)):
            Meeting.objects.create(event=event, attendance=rng.choice(["held", "no_show", ""]))

    _eu_projects(rng, organisations)
    _survey(rng, companies, years)
    _estate(rng, organisations, campuses[:2])


def _eu_projects(rng: random.Random, organisations) -> None:
    """EU projects starting before, during and after YEAR (running across years), each with the
    cluster and a few partners, some of them companies on a campus."""
    from biocluster.euprojects.tests.factories import ParticipantFactory, ProjectFactory

    for n in range(rng.randint(1, 5)):
        starts = _day(rng, rng.choice((YEAR - 2, YEAR - 1, YEAR, YEAR + 1)))
        project = ProjectFactory(
            acronym=f"WORLD{n}", starts_on=starts, ends_on=starts + timedelta(days=rng.randint(200, 1100))
        )
        ParticipantFactory(
            project=project,
            is_cluster=True,
            role="coordinator",
            eu_contribution=Decimal(rng.randrange(10**6)),
        )
        for organisation in rng.sample(organisations, rng.randint(0, min(3, len(organisations)))):
            contribution = Decimal(rng.randrange(10**6)) / 100
            ParticipantFactory(project=project, organisation=organisation, eu_contribution=contribution)


def _survey(rng: random.Random, companies, years) -> None:
    """The annual company survey: a campaign for each year, answers in every state (validated ones count)."""
    from biocluster.survey.tests.factories import CampaignFactory, ResponseFactory, answer

    for year in sorted(set(years)):
        campaign = CampaignFactory(year=year, deadline=date(year + 1, 3, 31), state="closed")
        for organisation in rng.sample(companies, rng.randint(1, len(companies))):
            response = ResponseFactory(
                campaign=campaign,
                organisation=organisation,
                state=rng.choice(["validated", "validated", "submitted", "draft"]),
            )
            for code in ("sales", "export_sales", "headcount", "rd_staff", "funds_raised", "patents"):
                if rng.random() < 0.8:
                    amount = (
                        Decimal(rng.randrange(0, 10**8)) / 100 if code in ("sales", "export_sales") else None
                    )
                    answer(response, code, amount if amount is not None else rng.randint(0, 200))


def _estate(rng: random.Random, organisations, campuses) -> None:
    """Units let, vacant, planned or booked (a meeting room), lines ending over the next years."""
    from biocluster.estate.models import UnitStatus
    from biocluster.estate.tests.factories import AgreementFactory, BuildingFactory, UnitFactory, line

    for campus in campuses:
        building = BuildingFactory(campus=campus)
        for _ in range(rng.randint(0, 6)):
            unit = UnitFactory(
                building=building,
                kind=rng.choice(["office", "bsl2_lab", "mixed", "meeting_room"]),
                area=Decimal(rng.randrange(90, 3000)) / 10,
                status=rng.choice(["available", "available", "planned", "under_works"]),
            )
            if rng.random() < 0.5 and unit.kind != "meeting_room":
                start = _day(rng, YEAR - rng.randint(0, 3))
                end = start + timedelta(days=rng.randrange(0, 2500))
                UnitStatus.objects.create(unit=unit, status="let", since=start)
                UnitStatus.objects.create(unit=unit, status="available", since=end + timedelta(days=1))
                agreement = AgreementFactory(
                    organisation=rng.choice(organisations),
                    start=start,
                    end=end,
                    rent_per_m2=Decimal(rng.randrange(0, 30000)) / 100,
                    break_dates=[(start + timedelta(days=400)).isoformat()] if rng.random() < 0.5 else [],
                )
                line(agreement, unit)
