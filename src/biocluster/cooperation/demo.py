"""International cooperation in the demo: the facts of the seed documents, each with its source,
and a few synthetic additions (marked synthetic) so that every page and alert has something.

Upserts by natural key (an agreement's partner and title, a soft landing's name, a mission's
event, a pack's name, a membership's network, a label's scheme): loading twice changes nothing.
Dates the seeds do not give are synthetic, and said so in the source; dates relative to today
(an agreement about to expire, a lead's next step) are set on the first load only.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC, Organisation
from biocluster.events.models import Event, EventKind

from . import services
from .models import (
    AgreementActivity,
    Label,
    Membership,
    Mission,
    MissionFollowUp,
    Pack,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
    TalentVisa,
)

S001 = "001_0200059356227e4c.txt"
S003 = "003_86ae5358f842772c.txt"
S004 = "004_d8d48f5feeb4f35b.txt"
STAFF_LOGIN = "staff-international"
ALL_SCOPES = ["soft_landing", "technology_transfer", "joint_rd", "benchmarking"]

# The 14 clusters of seed 001's "Which clusters do you collaborate with?", as the directory names
# them; the four scopes are the four aims of those agreements in the same document. The kind and
# the signature year are not in the seeds (synthetic).
PARTNERS = [
    ("Génome Québec", 2014),
    ("Biocat", 2015),
    ("Shenzhen", 2016),
    ("BioPMed", 2015),
    ("Cluster E-R", 2016),
    ("GIS", 2016),
    ("BioM", 2014),
    ("HudsonAlpha", 2015),
    ("Research Triangle Park", 2016),
    ("HKSTP", 2017),
    ("IPark", 2017),
    ("District 3", 2017),
    ("Campania Bioscience", 2016),
    ("Rehovot", 2018),
]
PARTNER_SOURCE = (
    f"{S001} (a cluster Genopole collaborates with; the four aims of its cooperation agreements; "
    "kind and date of signature synthetic)"
)
EXPIRING = "BioM"  # synthetic: expires within 90 days of the first load, for the alert
DORMANT = "Rehovot"  # synthetic: no activity logged, for the alert

# (partner, kind, date, title, organisations involved, source)
ACTIVITIES = [
    (
        "Génome Québec",
        "visit",
        "2017-05-16",
        "Delegation of Génome Québec received at Genopole (first of two in 2017)",
        [],
        f"{S001} (two delegations from Génome Québec in 2017; day from the events demo, synthetic)",
    ),
    (
        "Génome Québec",
        "visit",
        "2017-11-28",
        "Delegation of Génome Québec received at Genopole (second of two in 2017)",
        [],
        f"{S001} (two delegations from Génome Québec in 2017; day from the events demo, synthetic)",
    ),
    (
        "GIS",
        "mission",
        "2022-11-16",
        "ECCP exploratory mission to Singapore (ITAP 2022): A*STAR, SGInnovate, the SynCTI biofoundry",
        ["A*STAR", "SGInnovate", "SynCTI biofoundry", "National University of Singapore"],
        f"{S004} (November 2022; linked to the GIS agreement and the day: synthetic)",
    ),
    (
        "Tartu BT Park",
        "webinar",
        "2022-06-08",
        "Conference on the European Health Data Space at Genopole: 40 on site, 290 online",
        ["Tartu BT Park", "ScanBalt"],
        f"{S004} (8 June 2022, with Tartu BT Park, coordinator of ScanBalt)",
    ),
    ("Biocat", "webinar", "2025-03-18", "Webinar on reciprocal soft landing", [], SYNTHETIC),
    (
        "HudsonAlpha",
        "company_referred",
        "2025-09-09",
        "Referred a genomics start-up looking for US partners",
        ["Synsight"],
        SYNTHETIC,
    ),
    (
        "BioM",
        "joint_application",
        "2025-01-20",
        "Joint application to a cluster internationalisation call",
        [],
        SYNTHETIC,
    ),
]

# (name, country, direction, stage, organisation, event title, agreement partner, lost reason, source)
SOFT_LANDINGS = [
    {
        "name": "Illumina",
        "country": "US",
        "stage": "installed",
        "organisation": "Illumina",
        "installed_on": "2017-11-07",
        "needs": "Its arrival in continental Europe.",
        "source": f"{S001} (chose Genopole for its arrival in continental Europe, 2017; day synthetic)",
    },
    {
        "name": "Maple Genomics",
        "country": "CA",
        "stage": "needs_assessment",
        "agreement": "Génome Québec",
        "needs": "60 m² of BSL2 lab and two offices from next spring; introductions to the sequencing platform.",
    },
    {
        "name": "Aurora Cells",
        "country": "FI",
        "stage": "offer",
        "needs": "A furnished mixed unit of 150 m²; regulatory support for a first clinical batch.",
    },
    {
        "name": "Kanto Bioworks",
        "country": "JP",
        "stage": "lost",
        "agreement": "IPark",
        "lost_reason": "Chose a site closer to its main European client.",
    },
    {"name": "Sakura Omics", "country": "JP", "stage": "lead", "agreement": "IPark"},
    {
        "name": "Luxia",
        "country": "FR",
        "stage": "visit",
        "direction": "outbound",
        "organisation": "Luxia",
        "agreement": "Biocat",
        "needs": "A soft landing in Barcelona to meet Spanish hospitals.",
    },
]
VISAS = [("Maple Genomics", "Chloé Tremblay", "founder", "submitted", "2025-10-02")]

BIO_2022 = "BIO International Convention 2022"
CO_EXHIBITORS = ["Choose Paris Region", "Medicen", "Grand Orly Seine Bièvre", "AP-HP", "Institut Carnot"]
# The eight companies on the packs (seed 004); which pack each took is not said (synthetic).
PACKS = [
    (
        "Key Accounts Partnerships",
        "One-to-one meetings arranged with corporations and SMEs (Merck, Boehringer, Bristol Myers Squibb…).",
        ["Synsight", "Deeptope", "Phagos", "CGenetix"],
    ),
    (
        "Fund Raising Strategy",
        "One-to-one meetings arranged with investors (Taiho, Astellas Ventures, Theodorus…).",
        ["SafeInsight", "STH Biotech", "Ciclix", "Luxia"],
    ),
]
PACK_SOURCE = (
    f"{S004} (BIO 2022, San Diego: about 100 meetings for 8 companies on the two packs; prices not given)"
)
SUBSCRIPTION_SOURCE = f"{S004} (one of the 8 companies on the packs; which pack: synthetic)"
# (event title, kind, framework, source)
MISSIONS = [
    (
        BIO_2022,
        "stand",
        "",
        f"{S004} (a stand shared with Choose Paris Region, Medicen, Grand Orly Seine Bièvre, AP-HP and Institut Carnot)",
    ),
    (
        "ITAP 2022 (Industrial Transformation Asia Pacific)",
        "mission",
        "European Cluster Collaboration Platform (ECCP) exploratory mission",
        f"{S004} (November 2022, Singapore)",
    ),
    ("BIO-Europe 2022", "mission", "", f"{S004} (October 2022, Leipzig)"),
    ("EIT Health Summit 2022", "mission", "", f"{S004} (May 2022, Stockholm)"),
]
FOLLOW_UPS = [("Synsight", 6, 5, 1, 0), ("Synsight", 12, 6, 1, 1), ("Ciclix", 6, 3, 0, 0)]

# (network, role, since, source)
MEMBERSHIPS = [
    ("EIT Health", "Member", "2019-01-01", f"{S004} (a member since 2019; day synthetic)"),
    (
        "Council of European BioRegions",
        "Administrative board member; pilots the Internationalisation group",
        "2022-05-01",
        f"{S004} (elected to the board in May 2022; day synthetic)",
    ),
    (
        "European University Alliance for Global Health",
        "Associate partner (biotech hub)",
        None,
        f"{S004} (associate partner of EUGLOH)",
    ),
    (
        "Association of University Research Parks",
        "Administrative council member; co-president of the international committee",
        "2017-01-01",
        f"{S001} (elected in 2017; day synthetic)",
    ),
    ("France Clusters", "Member", None, f"{S001} (membership to other networks)"),
    ("Biotechnology Innovation Organization", "Member", None, f"{S001} (membership to other networks)"),
    (
        "French Tech #HealthTech",
        "Member of the thematic network",
        "2017-01-01",
        f"{S001} (took part in its 2017 roadmap; day synthetic)",
    ),
]
RENEWAL_SOON = "EIT Health"  # synthetic: renewal within 60 days of the first load, for the alert
# (scheme, awarded by, level, awarded on, source)
LABELS = [
    (
        "Cluster management excellence label",
        "European Secretariat for Cluster Analysis",
        "Bronze",
        "2018-01-01",
        f"{S001} (2018: ESCA Bronze Label; day synthetic)",
    ),
    (
        "EU|BIC certification",
        "European Business and Innovation Centre Network",
        "",
        "2020-01-01",
        f"{S003} (certification EU-BIC granted unanimously by EBN, activity report 2020; day synthetic)",
    ),
]


def _day(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).order_by("id").first()


def flush(context: DemoContext) -> None:
    MissionFollowUp.objects.all().delete()
    PackSubscription.objects.all().delete()
    Pack.objects.all().delete()
    Mission.objects.all().delete()
    TalentVisa.objects.all().delete()
    SoftLanding.objects.all().delete()
    AgreementActivity.objects.all().delete()
    PartnershipAgreement.objects.all().delete()
    Membership.objects.all().delete()
    Label.objects.all().delete()


def _agreements(context, actor, today) -> dict[str, PartnershipAgreement]:
    agreements = {}
    created = 0
    rows = [(name, year, PARTNER_SOURCE) for name, year in PARTNERS]
    rows.append(
        (
            "Néomed Institute",
            2017,
            f"{S001} (cooperation agreement signed in 2017 with the Néomed Institute, Montreal; day synthetic)",
        )
    )
    rows.append(
        (
            "Tartu BT Park",
            2020,
            f"{S004} (cooperation in genomics with Tartu BT Park, born of GEN.ERA; recorded as an agreement: synthetic)",
        )
    )
    for name, year, source in rows:
        partner = _organisation(name)
        if partner is None:
            continue
        title = f"Cooperation agreement with {name}"
        agreement = PartnershipAgreement.objects.filter(partner=partner, title=title).first()
        if agreement is None:
            expiring = name == EXPIRING
            agreement = services.create_agreement(
                actor=actor,
                partner=partner,
                title=title,
                kind="soft_landing" if name == "Néomed Institute" else "cooperation",
                scopes=["joint_rd", "technology_transfer"] if name == "Tartu BT Park" else ALL_SCOPES,
                status="signed",
                signed_on=datetime.date(year, 6, 15)
                if name != "Néomed Institute"
                else datetime.date(2017, 6, 1),
                expires_on=today + datetime.timedelta(days=60) if expiring else None,
                renewal="on_request" if expiring else "tacit",
                notes="Expiry within 90 days: synthetic, for the alert." if expiring else "",
                source=source,
                today=today,
            )
            created += 1
        agreements[name] = agreement
    context.count("partnership agreements", created)
    return agreements


def _activities(context, actor, today, agreements) -> None:
    created = 0
    for partner, kind, day, title, involved, source in ACTIVITIES:
        agreement = agreements.get(partner)
        if agreement is None or AgreementActivity.objects.filter(agreement=agreement, title=title).exists():
            continue
        services.log_activity(
            actor=actor,
            agreement=agreement,
            kind=kind,
            happened_on=_day(day),
            title=title,
            organisations=[o for o in map(_organisation, involved) if o is not None],
            source=source,
            today=today,
        )
        created += 1
    context.count("agreement activities", created)


def _soft_landings(context, actor, today, agreements) -> None:
    created = 0
    for row in SOFT_LANDINGS:
        if SoftLanding.objects.filter(name=row["name"]).exists():
            continue
        organisation = _organisation(row["organisation"]) if row.get("organisation") else None
        event = None
        if row["name"] == "Illumina":
            event = Event.objects.filter(
                kind=EventKind.DELEGATION, visiting_organisations=organisation
            ).first()
        soft_landing = services.create_soft_landing(
            actor=actor,
            name=row["name"],
            country=row["country"],
            direction=row.get("direction", "inbound"),
            organisation=organisation,
            agreement=agreements.get(row.get("agreement", "")),
            event=event,
            needs=row.get("needs", ""),
            source=row.get("source", SYNTHETIC),
            today=today,
        )
        stage = row["stage"]
        if stage == "installed":
            soft_landing = services.install_soft_landing(
                actor=actor, soft_landing=soft_landing, today=_day(row["installed_on"])
            )
        elif stage != "lead":
            soft_landing = services.move_soft_landing(
                actor=actor,
                soft_landing=soft_landing,
                stage=stage,
                lost_reason=row.get("lost_reason", ""),
                today=today,
            )
        created += 1
    for name, person, kind, status, submitted in VISAS:
        soft_landing = SoftLanding.objects.filter(name=name).first()
        if soft_landing and not soft_landing.visas.filter(person_name=person).exists():
            services.add_visa(
                actor=actor,
                soft_landing=soft_landing,
                person_name=person,
                kind=kind,
                status=status,
                submitted_on=_day(submitted),
                source=SYNTHETIC,
            )
    context.count("soft landings", created)


def _missions(context, actor) -> None:
    created = 0
    for title, kind, framework, source in MISSIONS:
        event = Event.objects.filter(title_en=title).first()
        if event is None or Mission.objects.filter(event=event).exists():
            continue
        co_exhibitors = [o for o in map(_organisation, CO_EXHIBITORS) if o] if title == BIO_2022 else []
        services.create_mission(
            actor=actor,
            event=event,
            kind=kind,
            framework=framework,
            co_exhibitors=co_exhibitors,
            source=source,
        )
        created += 1
    context.count("missions abroad", created)
    mission = Mission.objects.filter(event__title_en=BIO_2022).first()
    if mission is None:
        return
    for name, content, companies in PACKS:
        pack = Pack.objects.filter(mission=mission, name=name).first() or services.add_pack(
            actor=actor, mission=mission, name=name, content=content, source=PACK_SOURCE
        )
        for company in map(_organisation, companies):
            if company and not PackSubscription.objects.filter(pack=pack, organisation=company).exists():
                services.subscribe(actor=actor, pack=pack, organisation=company, source=SUBSCRIPTION_SOURCE)
    for name, months, leads, agreements, deals in FOLLOW_UPS:
        company = _organisation(name)
        if (
            company
            and not MissionFollowUp.objects.filter(
                mission=mission, organisation=company, months=months
            ).exists()
        ):
            services.record_follow_up(
                actor=actor,
                mission=mission,
                organisation=company,
                months=months,
                leads=leads,
                agreements=agreements,
                deals=deals,
                source=SYNTHETIC,
            )


def _memberships(context, actor, today) -> None:
    created = 0
    for name, role, since, source in MEMBERSHIPS:
        network = _organisation(name)
        if network is None or Membership.objects.filter(network=network).exists():
            continue
        soon = name == RENEWAL_SOON
        services.create_membership(
            actor=actor,
            network=network,
            role=role,
            since=_day(since),
            fee=Decimal("5000") if soon else None,
            renewal_on=today + datetime.timedelta(days=45) if soon else None,
            notes="Fee and renewal date synthetic." if soon else "",
            source=source,
        )
        created += 1
    context.count("memberships", created)
    created = 0
    for scheme, awarded_by, level, awarded_on, source in LABELS:
        if Label.objects.filter(scheme=scheme).exists():
            continue
        services.create_label(
            actor=actor,
            scheme=scheme,
            awarded_by=_organisation(awarded_by),
            level=level,
            awarded_on=_day(awarded_on),
            source=source,
        )
        created += 1
    context.count("labels", created)


@register("cooperation", order=70, flush=flush)
def load(context: DemoContext) -> None:
    actor = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    today = timezone.localdate()
    agreements = _agreements(context, actor, today)
    _activities(context, actor, today, agreements)
    _soft_landings(context, actor, today, agreements)
    _missions(context, actor)
    _memberships(context, actor, today)
