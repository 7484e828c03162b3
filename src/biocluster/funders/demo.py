"""The funder contracts' demo: the Région Île-de-France's objectives contract 2021-2023 (EUR 25M,
the seeds say so, carried as its source) and a synthetic convention of the Département de
l'Essonne running over the current year, so that the dashboard shows a target at risk and the
staff's home page a report falling due. Objectives quote the seed where it names them; targets,
instalments and deadlines are synthetic, the targets set against the demo's own records so that
the dashboard shows some met and some missed. Loading twice changes nothing (contracts by
reference, objectives by number, targets by indicator and year, the rest by date and text).
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core import indicators as ind
from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC, Organisation

from . import services
from .models import FundedProject, FunderContract, Instalment, ReportingDeadline

STAFF_LOGIN = "staff-direction"
SEED = "seeds/002_5a2f69cf708c9cf5.txt (Région Île-de-France press release, 2021)"
REGION_SOURCE = (
    f"{SEED}: « Valérie Pécresse a également signé le premier Contrat d'objectifs et de moyens triennal "
    "Région Île-de-France/Genopole (25 Millions € de la Région Île-de-France pour 2021/2023) qui prévoit "
    "la création d'un Institut de Génomique numérique et la première biofonderie de France. »"
)

REGION = {
    "funder": "Région Île-de-France",
    "title": "Contrat d'objectifs et de moyens triennal Région Île-de-France / Genopole",
    "reference": "IDF-COM-2021-2023",
    "amount": Decimal("25000000"),
    "years": (2021, 2023),
    "language": "fr",
    "notes": "Objectives and targets of the demo are synthetic; the contract, its amount and its years are the seed's.",
    "source": REGION_SOURCE,
    # (title_en, title_fr, description_en, description_fr, {indicator: {year: target}}): synthetic targets
    "objectives": [
        (
            "Create the digital genomics institute",
            "Créer l'Institut de génomique numérique",
            "Named in the contract (seed 002). Measured by the hours of coaching given to start-ups.",
            "Prévu par le contrat (source 002). Mesuré par les heures d'accompagnement des start-up.",
            {"programmes.coaching_hours": {2021: 300, 2022: 300, 2023: 300}},
        ),
        (
            "Create France's first biofoundry and strengthen the campus's industrial dimension",
            "Créer la première biofonderie de France et renforcer la dimension industrielle du campus",
            "Named in the contract (seed 002). Measured by new accredited companies, enrolments in the "
            "programmes and funds raised.",
            "Prévu par le contrat (source 002). Mesuré par les nouvelles entreprises labellisées, les entrées "
            "dans les programmes et les fonds levés.",
            {
                "accreditation.new_companies": {2021: 5, 2022: 7, 2023: 7},
                "programmes.enrolments": {2021: 10, 2022: 8, 2023: 8},
                "programmes.funds_raised": {2021: 15_000_000, 2022: 10_000_000, 2023: 10_000_000},
            },
        ),
        (
            "International reach of the biocluster",
            "Rayonnement international du biocluster",
            "Synthetic objective of the demo.",
            "Objectif fictif de la démonstration.",
            {"partnering.meetings_held": {2022: 80, 2023: 80}},
        ),
    ],
    # (expected on, amount, received on, amount received): synthetic
    "instalments": [
        (datetime.date(2021, 6, 30), 8_000_000, datetime.date(2021, 7, 16), 8_000_000),
        (datetime.date(2022, 6, 30), 8_500_000, datetime.date(2022, 9, 2), 8_500_000),
        (datetime.date(2023, 6, 30), 8_500_000, datetime.date(2023, 12, 20), 7_000_000),
    ],
    # (due on, what, done on): synthetic
    "deadlines": [
        (datetime.date(2022, 3, 31), "Rapport d'activité 2021 et indicateurs", datetime.date(2022, 3, 28)),
        (datetime.date(2023, 3, 31), "Rapport d'activité 2022 et indicateurs", datetime.date(2023, 3, 30)),
        (datetime.date(2024, 3, 31), "Rapport final du contrat 2021-2023", datetime.date(2024, 4, 12)),
    ],
    "projects": [
        ("Institut de génomique numérique (étude et préfiguration)", 1_500_000),
        ("Biofonderie : équipements de la première tranche", 4_000_000),
    ],
}


def _essonne(today: datetime.date) -> dict:
    """A synthetic convention over last year, this year and next: a target at risk this year."""
    first, last = today.year - 1, today.year + 1
    return {
        "funder": "Département de l'Essonne",
        "title": "Convention de soutien à l'animation du biocluster (démonstration)",
        "reference": f"ESS-CONV-{first}",
        "amount": Decimal("3000000"),
        "years": (first, last),
        "language": "fr",
        "notes": "Synthetic contract of the demo.",
        "source": SYNTHETIC,
        "objectives": [
            (
                "Events and networking on the campus",
                "Animation et événements sur le campus",
                "",
                "",
                {"events.events_held": {first: 20, today.year: 60, last: 70}},
            ),
            (
                "Calls for proposals",
                "Appels à projets",
                "",
                "",
                {"calls.proposals": {first: 10, today.year: 12, last: 14}},
            ),
            (
                "Support to start-ups",
                "Accompagnement des start-up",
                "",
                "",
                {"programmes.coaching_hours": {first: 200, today.year: 340, last: 360}},
            ),
        ],
        "instalments": [
            (datetime.date(first, 3, 31), 1_000_000, datetime.date(first, 4, 20), 1_000_000),
            (datetime.date(today.year, 1, 31), 1_000_000, None, None),  # overdue from February
            (datetime.date(last, 3, 31), 1_000_000, None, None),
        ],
        "deadlines": [
            (datetime.date(first, 12, 15), f"Bilan {first} de la convention", datetime.date(first, 12, 10)),
            (today + datetime.timedelta(days=14), f"Bilan intermédiaire {today.year}", None),
        ],
        "projects": [("Programme d'événements du campus", 600_000)],
    }


def flush(context: DemoContext) -> None:
    FunderContract.objects.all().delete()


def _load(spec: dict, staff, context: DemoContext) -> None:
    funder = Organisation.objects.filter(name=spec["funder"]).first()
    if funder is None:
        return
    contract = FunderContract.objects.filter(reference=spec["reference"]).first()
    if contract is None:
        contract = services.create_contract(
            actor=staff,
            funder=funder,
            title=spec["title"],
            reference=spec["reference"],
            amount=spec["amount"],
            start_year=spec["years"][0],
            end_year=spec["years"][1],
            language=spec["language"],
            notes=spec["notes"],
            source=spec["source"],
        )
        context.count("funder contracts", 1)
    for number, (title_en, title_fr, description_en, description_fr, targets) in enumerate(
        spec["objectives"], 1
    ):
        objective = contract.objectives.filter(number=number).first()
        if objective is None:
            objective = services.add_objective(
                actor=staff,
                contract=contract,
                title_en=title_en,
                title_fr=title_fr,
                description_en=description_en,
                description_fr=description_fr,
            )
            context.count("objectives", 1)
        for code, values in targets.items():
            try:
                ind.get(code)
            except LookupError:
                continue  # an area not installed
            existing = set(objective.targets.filter(indicator=code).values_list("year", flat=True))
            missing = {year: value for year, value in values.items() if year not in existing}
            if missing:
                services.set_targets(
                    actor=staff, objective=objective, indicator=code, targets=missing, source=SYNTHETIC
                )
                context.count("targets", len(missing))
    for expected_on, amount, received_on, received in spec["instalments"]:
        if not Instalment.objects.filter(contract=contract, expected_on=expected_on).exists():
            services.add_instalment(
                actor=staff,
                contract=contract,
                expected_on=expected_on,
                amount=amount,
                received_on=received_on,
                received_amount=received,
                source=SYNTHETIC,
            )
            context.count("instalments", 1)
    for due_on, what, done_on in spec["deadlines"]:
        if not ReportingDeadline.objects.filter(contract=contract, what=what).exists():
            services.add_deadline(
                actor=staff, contract=contract, due_on=due_on, what=what, done_on=done_on, source=SYNTHETIC
            )
            context.count("reporting deadlines", 1)
    for title, amount in spec["projects"]:
        if not FundedProject.objects.filter(contract=contract, title=title).exists():
            services.add_project(actor=staff, contract=contract, title=title, amount=amount, source=SYNTHETIC)
            context.count("funded projects", 1)


@register("funders", order=210, flush=flush)
def load(context: DemoContext) -> None:
    staff = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    if staff is None:
        return
    today = timezone.localdate()
    _load(REGION, staff, context)
    _load(_essonne(today), staff, context)
