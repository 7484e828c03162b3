"""The partnering demo: BIO 2022 in San Diego (seed 004), scheduled and published.

8 Genopole companies, 25 corporations and 20 investors (the real names of the seed
plus synthetic ones), about 100 accepted requests (synthetic, seeded RNG), 4 days of
30-minute slots and a few tables; the loader runs the scheduler and publishes the
agendas, then records attendance and feedback (the convention is over). Skipped
with a message when the events demo has no BIO 2022; loading twice changes nothing.
"""

import random
from datetime import date, time

from django.db import transaction

from biocluster.core.demo import DemoContext, demo_email, demo_user, register
from biocluster.directory.models import Organisation, TechnologyField
from biocluster.events.models import Event, Registration

from . import demo_data as D
from . import services
from .models import (
    Feedback,
    Location,
    Meeting,
    MeetingRequest,
    ParticipantKind,
    PartneringSettings,
    Profile,
    ScheduleRun,
    Slot,
)

SEED = 2022
DEMO_LOGIN = "partnering"


def flush(context: DemoContext) -> None:
    Feedback.objects.all().delete()
    Meeting.objects.all().delete()
    MeetingRequest.objects.all().delete()
    ScheduleRun.objects.all().delete()
    Profile.objects.all().delete()
    Location.objects.all().delete()
    Slot.objects.all().delete()
    PartneringSettings.objects.all().delete()


def _organisation(name: str, kind: str, source: str) -> Organisation:
    """The directory's organisation of that name, else one made here (unlisted) with `source`."""
    found = Organisation.objects.filter(name=name).order_by("pk").first()
    if found is not None:
        return found
    return Organisation.objects.create(name=name, kind=kind, source=source, is_listed=False, country="US")


def _cast() -> list[tuple[str, str, str]]:
    """(organisation name, participant kind, source) of the 53 participants."""
    K = ParticipantKind
    cast = [(name, K.CLUSTER_COMPANY, D.SEED_004) for name in D.CLUSTER_COMPANIES]
    cast += [(name, K.CORPORATION, D.SEED_004) for name in D.REAL_CORPORATIONS]
    cast += [(name, K.CORPORATION, D.SYNTHETIC) for name in D.SYNTHETIC_CORPORATIONS]
    cast += [(name, K.INVESTOR, D.SEED_004) for name in D.REAL_INVESTORS]
    cast += [(name, K.INVESTOR, D.SYNTHETIC) for name in D.SYNTHETIC_INVESTORS]
    return cast


ORGANISATION_KIND = {"cluster_company": "sme", "corporation": "large_company", "investor": "investor"}


def _participants(context: DemoContext, event: Event, rng: random.Random) -> list[Profile]:
    login = demo_user(
        context, DEMO_LOGIN, "Camille", "Martin", "Partnering participant (Synsight at BIO 2022)"
    )
    fields = list(TechnologyField.objects.filter(code__in=D.FIELDS))
    profiles = []
    for index, (name, kind, source) in enumerate(_cast()):
        organisation = _organisation(name, ORGANISATION_KIND[kind], source)
        user = login if name == "Synsight" else None
        person = f"{rng.choice(D.FIRST_NAMES)} {rng.choice(D.LAST_NAMES)}"
        registration = Registration.objects.create(
            event=event,
            user=user,
            organisation=organisation,
            name=user.get_full_name() if user else person,
            email=user.email if user else demo_email(f"bio2022-{index:02d}"),
            language="fr" if kind == ParticipantKind.CLUSTER_COMPANY else "en",
            source=D.SYNTHETIC,
        )
        profile = services.ensure_profile(registration=registration)
        services.update_profile(
            profile=profile,
            actor=None,
            kind=kind,
            headline=organisation.name,
            offers=rng.choice(D.OFFERS[kind]),
            seeks=rng.choice(D.SEEKS[kind]),
            technology_fields=rng.sample(fields, k=min(2, len(fields))) or None,
        )
        profiles.append(profile)
    return profiles


def _pairs(
    profiles: list[Profile], rng: random.Random, count: int, taken: set
) -> list[tuple[Profile, Profile]]:
    """`count` new (cluster company, partner) pairs, spread evenly over the companies."""
    companies = [p for p in profiles if p.kind == ParticipantKind.CLUSTER_COMPANY]
    partners = [p for p in profiles if p.kind != ParticipantKind.CLUSTER_COMPANY]
    out = []
    while len(out) < count:
        company = companies[len(out) % len(companies)]
        partner = rng.choice(partners)
        if (company.pk, partner.pk) in taken:
            continue
        taken.add((company.pk, partner.pk))
        # Most requests come from the companies (their packs); some from the partners.
        out.append((company, partner) if rng.random() < 0.8 else (partner, company))
    return out


def _requests(profiles: list[Profile], rng: random.Random) -> None:
    taken: set = set()
    pairs = _pairs(profiles, rng, D.ACCEPTED_REQUESTS + D.DECLINED_REQUESTS + D.PENDING_REQUESTS, taken)
    for index, (sender, recipient) in enumerate(pairs):
        request = services.send_request(
            sender=sender,
            recipient=recipient,
            actor=None,
            message=f"{sender.registration.organisation} would like to meet {recipient.registration.organisation}.",
            priority=rng.choices([1, 2, 3], weights=[2, 5, 3])[0],
        )
        if index < D.ACCEPTED_REQUESTS:
            services.accept(request=request, actor=None)
        elif index < D.ACCEPTED_REQUESTS + D.DECLINED_REQUESTS:
            services.decline(request=request, actor=None, response="Not a fit this year.")


def _unavailability(profiles: list[Profile], rng: random.Random) -> None:
    """Investors and corporations each miss a half-day (their other meetings at BIO)."""
    slots = list(Slot.objects.filter(event=profiles[0].event).order_by("starts_at"))
    half = len(slots) // 8  # a half-day of a four-day programme
    for profile in profiles:
        if profile.kind == ParticipantKind.CLUSTER_COMPANY:
            continue
        start = rng.randrange(8) * half
        services.set_unavailability(profile=profile, actor=None, slots=slots[start : start + half])


def _attendance(event: Event, rng: random.Random) -> None:
    for meeting in Meeting.objects.confirmed().placed().filter(event=event).order_by("pk"):
        outcome = "no_show" if rng.random() < D.NO_SHOW_RATE else "held"
        services.record_attendance(meeting=meeting, actor=None, attendance=outcome)
        if outcome == "held" and rng.random() < D.FEEDBACK_RATE:
            profile = rng.choice(list(meeting.participants.all()))
            services.give_feedback(
                meeting=meeting,
                profile=profile,
                actor=None,
                rating=rng.choice([3, 4, 4, 5, 5]),
                follow_up=rng.random() < 0.6,
            )


@register("partnering", order=45, flush=flush)
def load(context: DemoContext) -> None:
    event = Event.objects.filter(title_en=D.EVENT_TITLE).first()
    if event is None:
        context.log("partnering: no BIO 2022 event in the events demo; skipped")
        return
    if Profile.objects.filter(event=event).exists():
        demo_user(context, DEMO_LOGIN, "Camille", "Martin", "Partnering participant (Synsight at BIO 2022)")
        context.log("partnering: BIO 2022 programme already loaded")
        return
    rng = random.Random(SEED)
    with transaction.atomic():
        if not event.has_partnering:
            event.has_partnering = True
            event.save(update_fields=["has_partnering"])
        tz_date = event.starts_at.astimezone(services.settings_of(event).tz).date()
        services.configure(
            event=event,
            actor=None,
            slot_minutes=D.SLOT_MINUTES,
            first_day=tz_date,
            last_day=date.fromordinal(tz_date.toordinal() + 3),
            day_starts=time.fromisoformat(D.DAY_STARTS),
            day_ends=time.fromisoformat(D.DAY_ENDS),
            request_cap=25,
        )
        for number in range(1, D.TABLES + 1):
            services.add_location(event=event, actor=None, name=f"Genopole stand, table {number}")
        profiles = _participants(context, event, rng)
        _unavailability(profiles, rng)
        _requests(profiles, rng)
        run = services.schedule_now(event=event, actor=None, time_limit=5)
        services.publish(event=event, actor=None, notify=False)
        _attendance(event, rng)
    context.count("partnering participants", len(profiles))
    context.count("partnering meetings placed", run.placed)
    context.log(
        f"partnering: BIO 2022, {len(profiles)} participants, {run.placed}/{run.meetings} meetings placed "
        f"(priority {run.objective}, bound {run.upper_bound}, {run.method})"
    )
