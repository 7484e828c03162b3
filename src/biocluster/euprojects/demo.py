"""The EU projects of the demo: GEN.ERA and COBIOE, coordinated by Genopole.

The facts come from the seed documents, each with its file and sentence (`source`): the
projects' names, programme and call, the cluster's role, the consortium, GEN.ERA's start in May
2020 and its closing event at Tartu BT Park on 14 June 2022, COBIOE's signature on 27 December
(2022, the year of the activity report) and its three objectives. What the seeds do not give is
synthetic and marked so: COBIOE's dates, every budget and EU contribution, the work packages,
tasks, deliverables, milestones (but GEN.ERA's closing event), reporting periods and efforts.

The projects belong to the International department's demo login (staff-international), which
sees COBIOE's deliverables due soon on its home page. Loading twice changes nothing: each row is
looked up by its natural key (acronym; organisation; number) and left alone when there.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC, Organisation

from . import plan, services
from .models import Deliverable, Effort, Milestone, Project, ReportingPeriod, Task

STAFF_LOGIN = "staff-international"
CLUSTER = "Genopole"
S001 = "001_0200059356227e4c.txt (ECCP cluster profile)"
S004 = "004_d8d48f5feeb4f35b.txt (activity report, Europe & International)"


def _quote(file: str, *sentences: str) -> str:
    return "\n".join(f"{file}: “{sentence}”" for sentence in sentences)


GENERA = {
    "acronym": "GEN.ERA",
    "title": "diGital gENomic Alliance to Explore new maRket for Acceleration",
    "programme": "COSME",
    "call": "Cluster Go International",
    "starts_on": datetime.date(2020, 5, 1),
    "ends_on": datetime.date(2022, 6, 14),
    "objectives": (
        "A European inter-cluster strategy, built in two years, to identify promising markets outside "
        "Europe and open them to companies of the genomics value chain.\n"
        "Markets identified and analysed: the United States, Japan and Singapore; an exploratory "
        "mission to Singapore."
    ),
    "source": "\n".join(
        [
            _quote(
                S001,
                "*GEN.ERA : diGital gENomic Alliance to Explore new maRket for Acceleration",
                "The GEN.ERA project, coordinated by Genopole®, is funded by the European Commission in the "
                'framework of the "Cluster Go International" call for tenders of the COSME programme.',
                "GEN.ERA* - Start in May 2020",
                "The aim is to build in two years a European inter-cluster strategy to identify promising "
                "markets and facilitate their access to companies positioned in the genomics value chain.",
            ),
            _quote(
                S004,
                "The Genopole-coordinated European project GEN.ERA (...) reached its end in 2022.",
                "A plan for future actions was presented at the GEN.ERA closing event held 14 June at the "
                "Estonian cluster Tartu BT Park.",
            ),
            "End date: the day of the closing event (14 June 2022), taken as the project's end; the start "
            "taken as 1 May 2020 (“at the beginning of May”).",
        ]
    ),
    "partners": [
        ("Campania Bioscience", "Italy (Distretto Tecnologico Campania Bioscience)"),
        ("Tartu BT Park", "Estonia (Tartu BT Park)"),
        ("Turku Science Park", "Finland (Turku Science Park Ltd)"),
        ("East-Netherlands Development Agency", "the East-Netherlands Development Agency"),
    ],
    "partner_sentence": _quote(
        S001,
        "It brings together clusters from Italy (Distretto Tecnologico Campania Bioscience), Estonia "
        "(Tartu BT Park), Finland (Turku Science Park Ltd) and the East-Netherlands Development Agency.",
    ),
    # (number, title, leader, start, end) — synthetic
    "work_packages": [
        (1, "Coordination and management", CLUSTER, 1, 26),
        (2, "Market intelligence on extra-European genomics markets", "Turku Science Park", 1, 12),
        (3, "Joint internationalisation strategy", "Campania Bioscience", 6, 20),
        (4, "Missions and matchmaking with local facilitators", "Tartu BT Park", 12, 26),
    ],
    "tasks": [
        (2, 1, "Screening of candidate markets", 1, 6),
        (2, 2, "Analysis of three target markets", 6, 12),
        (4, 1, "Exploratory mission to Singapore", 18, 24),
    ],
    # (number, title, wp, due month, owner, level, status reached) — synthetic
    "deliverables": [
        ("D1.1", "Project management handbook", 1, 3, CLUSTER, "SEN", "accepted"),
        ("D2.1", "Report on promising extra-European markets", 2, 12, "Turku Science Park", "PU", "accepted"),
        (
            "D3.1",
            "European inter-cluster internationalisation strategy",
            3,
            20,
            "Campania Bioscience",
            "PU",
            "accepted",
        ),
        ("D4.1", "Plan for future actions", 4, 26, "Tartu BT Park", "PU", "accepted"),
    ],
    "milestones": [
        (1, "Target markets chosen", 12, "Report D2.1 approved by the consortium", SYNTHETIC),
        (
            2,
            "Closing event at Tartu BT Park",
            26,
            "Closing event held on 14 June 2022, where the plan for future actions was presented",
            _quote(
                S004,
                "A plan for future actions was presented at the GEN.ERA closing event held 14 June at "
                "the Estonian cluster Tartu BT Park.",
            ),
        ),
    ],
    "periods": [(1, 1, 12), (2, 13, 26)],
}

COBIOE = {
    "acronym": "COBIOE",
    "title": "Growing Connection for Bio Ecosystems",
    "programme": "European Commission",
    "call": "",
    "signed_on": datetime.date(2022, 12, 27),
    "starts_on": datetime.date(2023, 1, 1),
    "ends_on": datetime.date(2026, 12, 31),
    "objectives": (
        "A common and inclusive European strategy to strengthen health biomanufacturing, in three objectives:\n"
        "1. identify the actors of the biomanufacturing value chain;\n"
        "2. create an interactive network, connecting isolated actors to reduce Europe's regional divides;\n"
        "3. give the network visibility, to enrich it and strengthen cooperation."
    ),
    "source": "\n".join(
        [
            _quote(
                S004,
                'The objective of the "Growing Connection for Bio Ecosystems" (COBIOE) project is to bring about '
                "a common and inclusive European strategy to strengthen the health biomanufacturing sector.",
                "Constructed and coordinated by Genopole, COBIOE is the first EU initiative for the sector.",
                "The project was selected by the European Commission and signed 27 December by the GIP and its "
                "four partners composing the consortium: CEBR, EIT Health, Health Cluster Portugal and ScanBalt.",
                "COBIOE has three objectives: (1) identify actors in the biomanufacturing value chain (2) create "
                "an interactive network and particularly connections with isolated actors to reduce European "
                "regional fractures, and (3) give visibility to the network to enrich it and strengthen cooperation.",
            ),
            "The programme is not named by the source (selected by the European Commission); the year of the "
            "signature is the activity report's (2022). Start and end dates (2023-01-01 to 2026-12-31): synthetic.",
        ]
    ),
    "partners": [
        ("Council of European BioRegions", "CEBR"),
        ("EIT Health", "EIT Health"),
        ("Health Cluster Portugal", "Health Cluster Portugal"),
        ("ScanBalt", "ScanBalt"),
    ],
    "partner_sentence": _quote(
        S004,
        "The project was selected by the European Commission and signed 27 December by the GIP and its four "
        "partners composing the consortium: CEBR, EIT Health, Health Cluster Portugal and ScanBalt.",
    ),
    "work_packages": [
        (1, "Coordination and management", CLUSTER, 1, 48),
        (2, "Mapping the biomanufacturing value chain", "Council of European BioRegions", 1, 18),
        (3, "Interactive network and isolated actors", "ScanBalt", 12, 42),
        (4, "Visibility and cooperation", "EIT Health", 18, 48),
    ],
    "tasks": [
        (2, 1, "Survey of biomanufacturing actors", 1, 12),
        (3, 1, "Matchmaking of isolated actors", 12, 40),
        (4, 1, "Network portal and events", 18, 48),
    ],
    "deliverables": [
        ("D1.1", "Project management handbook", 1, 3, CLUSTER, "SEN", "accepted"),
        (
            "D2.1",
            "Map of the European biomanufacturing value chain",
            2,
            18,
            "Council of European BioRegions",
            "PU",
            "accepted",
        ),
        ("D3.1", "Report on isolated actors connected", 3, "soon", "ScanBalt", "PU", "review"),
        ("D1.2", "Final report", 1, "later", CLUSTER, "PU", "draft"),
    ],
    "milestones": [
        (1, "Value-chain map published", 18, "D2.1 published on the network's portal", SYNTHETIC),
        (2, "Network launched", 24, "Network portal online with its first members", SYNTHETIC),
    ],
    "periods": [(1, 1, 18), (2, 19, 36), (3, 37, 48)],
}

PROJECTS = (GENERA, COBIOE)


def flush(context: DemoContext) -> None:
    Project.objects.all().delete()


def _organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).order_by("id").first()


def _due_month(project: Project, due, today: datetime.date) -> int:
    """A month given, or one due soon after the first load (a few weeks on), within the project."""
    if isinstance(due, int):
        return due
    days = 25 if due == "soon" else 45
    return max(
        1, min(plan.month_of(project.starts_on, today + datetime.timedelta(days=days)), project.months)
    )


def _load_project(spec: dict, staff, context: DemoContext, today: datetime.date) -> None:
    cluster = _organisation(CLUSTER)
    if cluster is None:
        return
    project = Project.objects.filter(acronym=spec["acronym"]).first()
    if project is None:
        project = services.create_project(
            actor=staff,
            acronym=spec["acronym"],
            title=spec["title"],
            programme=spec["programme"],
            call=spec["call"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
            signed_on=spec.get("signed_on"),
            objectives=spec["objectives"],
            cluster=cluster,
            cluster_role="coordinator",
            budget=Decimal("400000"),
            eu_contribution=Decimal("300000"),
            staff=[staff] if staff is not None else [],
            source=spec["source"],
        )
        services.update_participant(
            actor=staff,
            participant=project.participants.get(is_cluster=True),
            source=spec["partner_sentence"] + "\nBudget and EU contribution: synthetic.",
        )
        context.count("EU projects", 1)
    created = 0
    for index, (name, _as_named) in enumerate(spec["partners"]):
        organisation = _organisation(name)
        if organisation is None or project.participants.filter(organisation=organisation).exists():
            continue
        services.add_participant(
            actor=staff,
            project=project,
            organisation=organisation,
            role="partner",
            budget=Decimal(250000 - 20000 * index),
            eu_contribution=Decimal(187500 - 15000 * index),
            source=spec["partner_sentence"] + "\nBudget and EU contribution: synthetic.",
        )
        created += 1
    context.count("consortium partners", created)
    packages = {}
    for number, title, leader, start, end in spec["work_packages"]:
        wp = project.work_packages.filter(number=number).first()
        organisation = _organisation(leader)
        if wp is None and organisation is not None:
            wp = services.add_work_package(
                actor=staff,
                project=project,
                number=number,
                title=title,
                leader=organisation,
                start_month=start,
                end_month=end,
                source=SYNTHETIC,
            )
            context.count("work packages", 1)
        if wp is not None:
            packages[number] = wp
    for wp_number, number, title, start, end in spec["tasks"]:
        wp = packages.get(wp_number)
        if wp is not None and not Task.objects.filter(work_package=wp, number=number).exists():
            services.add_task(
                actor=staff,
                work_package=wp,
                number=number,
                title=title,
                start_month=start,
                end_month=end,
                source=SYNTHETIC,
            )
            context.count("tasks", 1)
    for number, title, wp_number, due, owner, level, reached in spec["deliverables"]:
        wp, organisation = packages.get(wp_number), _organisation(owner)
        if (
            wp is None
            or organisation is None
            or Deliverable.objects.filter(project=project, number=number).exists()
        ):
            continue
        due_month = _due_month(project, due, today)
        due_on = project.month_ends(due_month)
        drafted = min(project.month_starts(max(due_month - 2, 1)), today)
        deliverable = services.add_deliverable(
            actor=staff,
            project=project,
            work_package=wp,
            number=number,
            title=title,
            due_month=due_month,
            owner=organisation,
            dissemination=level,
            on=drafted,
            source=SYNTHETIC,
        )
        chain = plan.CHAIN[1 : plan.CHAIN.index(reached) + 1]
        for step, status in enumerate(chain):
            moved_on = min(drafted + datetime.timedelta(days=7 * (step + 1)), max(due_on, drafted), today)
            services.move_deliverable(actor=staff, deliverable=deliverable, status=status, on=moved_on)
        context.count("deliverables", 1)
    for number, title, month, verification, source in spec["milestones"]:
        if not Milestone.objects.filter(project=project, number=number).exists():
            services.add_milestone(
                actor=staff,
                project=project,
                number=number,
                title=title,
                month=month,
                verification=verification,
                source=source,
            )
            context.count("milestones", 1)
    for number, start, end in spec["periods"]:
        period = ReportingPeriod.objects.filter(project=project, number=number).first()
        if period is None:
            period = services.add_period(
                actor=staff,
                project=project,
                number=number,
                start_month=start,
                end_month=end,
                source=SYNTHETIC,
            )
            context.count("reporting periods", 1)
        reported = project.month_ends(end) < today
        for index, participant in enumerate(
            project.participants.order_by("-is_cluster", "organisation__name")
        ):
            if Effort.objects.filter(participant=participant, period=period).exists():
                continue
            planned = Decimal(12 if participant.is_cluster else 6) * (end - start + 1) / 12
            planned = planned.quantize(Decimal("0.5"))
            declared = None
            if reported:
                # One partner declares more than planned in the first period: a warning of the plan.
                declared = (
                    planned + Decimal("1.5") if (number == 1 and index == 1) else planned - Decimal(index % 2)
                )
            services.record_effort(
                actor=staff,
                participant=participant,
                period=period,
                planned=planned,
                declared=declared,
                source=SYNTHETIC,
            )
            context.count("efforts", 1)


@register("euprojects", order=75, flush=flush)
def load(context: DemoContext) -> None:
    staff = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    if staff is None:
        return
    today = timezone.localdate()
    for spec in PROJECTS:
        _load_project(spec, staff, context, today)
