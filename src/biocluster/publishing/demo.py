"""Publishing's demo: the last three full years frozen and published (the last one is 2025 when
the demo is loaded in 2026), and the annual report of the last year in both languages.

The report's text is synthetic (written for the demo, `source="synthetic"`); its figures are
the demo records' values, frozen. Runs after every other area (order 300), so that the
snapshots see their records. Loading twice changes nothing: a frozen year is left as it is
(restating is a decision), a section already there (same year and English title) too.
"""

from django.contrib.auth import get_user_model

from biocluster.core.demo import DemoContext, demo_email, register
from biocluster.directory.models import SYNTHETIC

from . import services
from .models import Section, Snapshot

STAFF_LOGIN = "staff-direction"
YEARS = 3

# (order, English title, French title, English text, French text, codes, display)
SECTIONS = [
    (
        1,
        "The year in brief",
        "L'année en bref",
        "The campus kept growing: companies, research labs and shared platforms worked side by side, "
        "and new companies were accredited.\n\nEvery figure in this report is computed from the "
        "cluster's records and frozen: open one to see the records behind it.",
        "Le campus a continué de grandir : entreprises, laboratoires de recherche et plateformes "
        "partagées y ont travaillé côte à côte, et de nouvelles entreprises ont été labellisées.\n\n"
        "Chaque chiffre de ce rapport est calculé à partir des données du cluster puis figé : "
        "ouvrez-le pour voir les enregistrements qui le composent.",
        [
            "directory.companies_on_site",
            "directory.labs_on_site",
            "directory.platforms_on_site",
            "accreditation.new_companies",
            "accreditation.active",
            "programmes.funds_raised",
        ],
        Section.FIGURES,
    ),
    (
        2,
        "Entrepreneurship",
        "Entrepreneuriat",
        "The Shaker, Booster and Growth Hub programmes took in new start-ups and saw others graduate; "
        "coaching hours are those logged against each company's support plan.",
        "Les programmes Shaker, Booster et Growth Hub ont accueilli de nouvelles start-up et en ont vu "
        "d'autres en sortir diplômées ; les heures d'accompagnement sont celles saisies dans le plan de "
        "chaque entreprise.",
        [
            "programmes.enrolments",
            "programmes.graduations",
            "programmes.coaching_hours",
            "programmes.funds_raised",
        ],
        Section.TABLE,
    ),
    (
        3,
        "Shared technology platforms",
        "Plateformes technologiques partagées",
        "Use of the shared instruments, in hours, and what it brought in.",
        "L'utilisation des équipements partagés, en heures, et les recettes correspondantes.",
        ["platforms.hours_used", "platforms.revenue"],
        Section.TABLE,
    ),
    (
        4,
        "Events and international",
        "Événements et international",
        "Events on site and abroad, the delegations received and the partnering meetings held.",
        "Les événements sur site et à l'étranger, les délégations reçues et les rendez-vous d'affaires tenus.",
        ["events.events_held", "events.attendance", "events.delegations", "partnering.meetings_held"],
        Section.TABLE,
    ),
    (
        5,
        "Three years of growth",
        "Trois ans de croissance",
        "The figures of the last three frozen years, side by side.",
        "Les chiffres des trois dernières années figées, côte à côte.",
        [
            "accreditation.new_companies",
            "programmes.funds_raised",
            "programmes.enrolments",
            "accreditation.active",
        ],
        Section.CHART,
    ),
]


def flush(context: DemoContext) -> None:
    Snapshot.objects.all().delete()


@register("publishing", order=300, flush=flush)
def load(context: DemoContext) -> None:
    staff = get_user_model().objects.filter(email=demo_email(STAFF_LOGIN)).first()
    last = services.latest_freezable_year()
    for year in range(last - YEARS + 1, last + 1):
        snapshot = Snapshot.objects.filter(year=year).first()
        if snapshot is None:
            snapshot = services.freeze(actor=staff, year=year)
            context.count("years frozen", 1)
        if not snapshot.is_published:
            services.publish(actor=staff, snapshot=snapshot)
            context.count("years published", 1)
    snapshot = Snapshot.objects.get(year=last)
    frozen = set(snapshot.values.values_list("code", flat=True))
    written = set(snapshot.sections.values_list("title_en", flat=True))
    for order, title_en, title_fr, body_en, body_fr, codes, display in SECTIONS:
        if title_en in written:
            continue
        services.create_section(
            actor=staff,
            snapshot=snapshot,
            order=order,
            title_en=title_en,
            title_fr=title_fr,
            body_en=body_en,
            body_fr=body_fr,
            codes=[code for code in codes if code in frozen],
            display=display,
            source=SYNTHETIC,
        )
        context.count("report sections", 1)
