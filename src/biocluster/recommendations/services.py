"""Partner recommendation in the application: every read and write of it goes through here.

- `engine_input()` reads the directory into the engine's terms: organisations (kind,
  country, city, technology fields, value-chain stage, what they offer and seek at
  partnering events, description) and dated links (the directory's links, partnering
  meetings held, meeting requests accepted; a declined request is no link).
- `start_build` queues a fit in the background (`tasks.fit_model`); `run_build` is that
  fit, its progress written to the `ModelBuild` as it goes, its model kept in a pickle
  file (`snapshot.py`). A model is stale when what it learnt from changed (checked at most
  every few minutes) and it is old enough, or when it is older than a day: the next read
  queues a new build and is answered by the old model meanwhile.
- `suggestions_for` ranks partners for an organisation as a person sees them: never the
  organisation itself, never a current partner (read at the time of asking, not only at the
  fit), never what that person declined, never an organisation that person may not see;
  each with its reasons in words.
- `decline`, `introduce` and `request_meeting` are the writes: audited, keyword-only, with
  the acting user.
"""

import datetime
import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit
from biocluster.directory.models import (
    Organisation,
    OrganisationLink,
    TechnologyField,
    ValueChainStage,
)

from . import snapshot as store
from . import words
from .models import PROGRESS_STEPS, BuildStatus, Decline, Introduction, ModelBuild

logger = logging.getLogger(__name__)

MAX_K = 50
# A model is rebuilt when it is older than this, or when its data changed and it is older than MIN_AGE.
MAX_AGE = datetime.timedelta(hours=24)
MIN_AGE = datetime.timedelta(hours=1)
# How often (seconds) a process checks whether the data changed since the model was built.
FRESHNESS_CHECK_SECONDS = 300
FRESHNESS_KEY = "recommendations:checked"
CHUNK = 5000


def _setting(name: str, default):
    return getattr(settings, name, default)


# -- the engine's input


def _split(text: str) -> tuple[str, ...]:
    """What a profile offers or seeks, one item per line or comma."""
    items = []
    for line in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        line = line.strip()
        if line:
            items.append(line)
    return tuple(items)


def _year(moment) -> int | None:
    if moment is None:
        return None
    return moment.year


def engine_input(progress=None) -> tuple[list, list]:
    """The organisations and links of the directory, partnering included, as the engine takes them."""
    from biocluster.partnering.models import Attendance, Meeting, MeetingRequest, Profile, RequestStatus

    from .engine import Link
    from .engine import Organisation as EngineOrganisation

    fields: dict[int, list[str]] = {}
    through = Organisation.technology_fields.through
    for organisation_id, code in through.objects.values_list("organisation_id", "technologyfield__code"):
        fields.setdefault(organisation_id, []).append(code)
    stages: dict[int, str] = {}
    stage_through = Organisation.value_chain_stages.through
    for organisation_id, code in stage_through.objects.order_by(
        "organisation_id", "-valuechainstage__position"
    ).values_list("organisation_id", "valuechainstage__code"):
        stages[organisation_id] = code  # the earliest stage of the chain, written last
    offers: dict[int, tuple[str, str]] = {}
    for organisation_id, offer, seek in (
        Profile.objects.filter(registration__organisation__isnull=False)
        .order_by("registration__organisation_id", "created_at", "pk")
        .values_list("registration__organisation_id", "offers", "seeks")
    ):
        offers[organisation_id] = (offer, seek)  # the latest profile's
    if progress:
        progress(0.02)

    organisations = []
    rows = Organisation.objects.order_by("pk").values_list(
        "pk", "name", "kind", "country", "city", "description_en", "description_fr"
    )
    for pk, name, kind, country, city, description_en, description_fr in rows.iterator(chunk_size=CHUNK):
        offer, seek = offers.get(pk, ("", ""))
        organisations.append(
            EngineOrganisation(
                id=str(pk),
                name=name,
                kind=kind,
                country=country or "",
                city=city or "",
                fields=tuple(sorted(fields.get(pk, ()))),
                stage=stages.get(pk, ""),
                offers=_split(offer),
                seeks=_split(seek),
                description=description_en or description_fr or "",
            )
        )
    if progress:
        progress(0.06)

    links = []
    for subject, target, kind, project, start, created in OrganisationLink.objects.order_by("pk").values_list(
        "subject_id", "object_id", "kind", "project", "start_date", "created_at"
    ):
        links.append(
            Link(str(subject), str(target), year=_year(start or created), kind=kind, project=project or "")
        )
    # Partnering: two organisations that met, or agreed to meet, are linked from that year.
    held = (
        Meeting.objects.filter(attendance=Attendance.HELD)
        .values_list("pk", "event__starts_at", "participants__registration__organisation_id")
        .order_by("pk")
    )
    met: dict[int, tuple] = {}
    for pk, starts_at, organisation_id in held:
        year, members = met.setdefault(pk, (_year(starts_at), []))
        if organisation_id is not None:
            members.append(organisation_id)
    for year, members in met.values():
        if len(set(members)) == 2:
            first, second = sorted(set(members))
            links.append(Link(str(first), str(second), year=year, kind="meeting_held"))
    accepted = MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED).values_list(
        "sender__registration__organisation_id",
        "recipient__registration__organisation_id",
        "answered_at",
        "created_at",
    )
    for sender, recipient, answered, created in accepted:
        if sender is not None and recipient is not None and sender != recipient:
            links.append(
                Link(str(sender), str(recipient), year=_year(answered or created), kind="request_accepted")
            )
    if progress:
        progress(0.1)
    return organisations, links


def fingerprint() -> str:
    """What the model learns from, summed up: counts and last changes of each source."""
    from biocluster.partnering.models import Attendance, Meeting, MeetingRequest, Profile, RequestStatus

    parts = []
    for queryset in (
        Organisation.objects.all(),
        OrganisationLink.objects.all(),
        Meeting.objects.filter(attendance=Attendance.HELD),
        MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED),
        Profile.objects.all(),
    ):
        row = queryset.aggregate(count=Count("pk"), last=Max("updated_at"), top=Max("pk"))
        parts.append(f"{row['count']}:{row['top']}:{row['last'].isoformat() if row['last'] else ''}")
    stamp = "|".join(parts)
    return hashlib.sha256(stamp.encode()).hexdigest()[:40]


# -- builds


def latest_build() -> ModelBuild | None:
    return ModelBuild.objects.filter(status=BuildStatus.DONE).order_by("-finished_at", "-pk").first()


def running_build() -> ModelBuild | None:
    """The build queued or at work, if any (one given up for silent first marked failed)."""
    build = ModelBuild.objects.filter(status__in=ModelBuild.RUNNING).order_by("-pk").first()
    if build is not None and build.give_up_if_silent():
        return None
    return build


@transaction.atomic
def start_build(*, actor) -> ModelBuild:
    """Queue a fit of the recommender (or return the one already queued or at work)."""
    from .tasks import fit_model

    current = running_build()
    if current is not None:
        return current
    build = ModelBuild.objects.create(
        requested_by=actor if actor is not None and actor.is_authenticated else None,
        total_rows=PROGRESS_STEPS,
    )
    audit.record_create(actor=actor, obj=build, action="recommendations.build.started")
    transaction.on_commit(lambda: fit_model.enqueue(build.pk))
    return build


# The model's page says how well it ranks on the directory's own data: the protocol of
# `recommend evaluate` run at build time, on at most this many organisations that found new
# partners (drawn at random, the same for every method), so that a large directory's build
# stays within minutes.
MEASURED_QUERIES = 1000


def measure(organisations, links, *, seed: int = 0, progress=None) -> dict:
    """Recall@10/20/50 of the method and of the baselines, trained on the links up to a recent
    split year and scored on the new partnerships after it ({}: too little dated history, or no
    organisation found a new partner). `progress` is told fractions of the work."""
    from .engine.evaluate import BASELINES, evaluate, recent_split

    year = recent_split(links)
    if year is None:
        return {}
    done = [0]

    def method_done(_name: str) -> None:
        done[0] += 1
        if progress:
            progress(0.8 + 0.2 * done[0] / (len(BASELINES) + 1))

    result = evaluate(
        organisations,
        links,
        year,
        (10, 20, 50),
        seed=seed,
        max_queries=MEASURED_QUERIES,
        progress=method_done,
        fit_progress=(lambda fraction: progress(0.8 * fraction)) if progress else None,
    )
    return result.as_json() if result.queries else {}


def run_build(build: ModelBuild, *, seed: int = 0) -> ModelBuild:
    """Fit the recommender on the whole directory; progress beats as it goes. The worker's body."""
    from .engine import Recommender

    if not build.claim(from_statuses=[BuildStatus.QUEUED], status=BuildStatus.RUNNING):
        return build
    started = time.monotonic()
    last = [0.0, -1]

    def progress(fraction: float) -> None:
        done = max(0, min(PROGRESS_STEPS, int(fraction * PROGRESS_STEPS)))
        now = time.monotonic()
        if done != last[1] and (now - last[0] >= 0.5 or done >= PROGRESS_STEPS):
            last[0], last[1] = now, done
            build.beat(done)

    try:
        stamp = fingerprint()
        organisations, links = engine_input(progress)
        # Measured first: the measure's own model is let go before the model kept is fitted, so
        # that the two are never in memory together.
        measured = _measured(organisations, links, seed, lambda fraction: progress(0.1 + 0.4 * fraction))
        recommender = Recommender.fit(
            organisations, links, seed=seed, progress=lambda fraction: progress(0.5 + 0.45 * fraction)
        )
        kinds: dict[str, set[str]] = {}
        countries: dict[str, set[str]] = {}
        for organisation in organisations:
            kinds.setdefault(organisation.kind, set()).add(organisation.id)
            if organisation.country:
                countries.setdefault(organisation.country, set()).add(organisation.id)
        snapshot = store.Snapshot(recommender, kinds=kinds, countries=countries, size=len(organisations))
        name = store.save(snapshot, f"model-{build.pk}-{build.attempt}.pickle")
    except Exception as error:
        logger.exception("Recommender build %s failed", build.pk)
        build.fail(str(error) or type(error).__name__)
        return build
    finished = build.finish(
        status=BuildStatus.DONE,
        file=name,
        organisations=len(organisations),
        links=len(links),
        seconds=round(time.monotonic() - started, 3),
        fingerprint=stamp,
        processed_rows=PROGRESS_STEPS,
        learnt=recommender.learnt,
        measured=measured,
    )
    if finished:
        store.remove_except({name, *_kept_files(build)})
        cache.set(FRESHNESS_KEY, True, FRESHNESS_CHECK_SECONDS)
    else:
        store.remove_except(_kept_files(build))  # given up meanwhile: another run writes its own
    build.refresh_from_db()
    return build


def _measured(organisations, links, seed: int, progress) -> dict | None:
    """The build's measure; None if measuring failed (the model itself is good: it is kept)."""
    try:
        return measure(organisations, links, seed=seed, progress=progress)
    except Exception:
        logger.exception("Measuring the recommender failed")
        return None


def _kept_files(build) -> set[str]:
    latest = latest_build()
    return {latest.file} if latest is not None and latest.file else set()


def is_stale(build: ModelBuild | None, *, now=None, check_data: bool = True) -> bool:
    if build is None:
        return True
    now = now or timezone.now()
    age = now - (build.finished_at or build.created_at)
    if age >= _setting("RECOMMENDATIONS_MAX_AGE", MAX_AGE):
        return True
    if check_data and age >= _setting("RECOMMENDATIONS_MIN_AGE", MIN_AGE):
        return build.fingerprint != fingerprint()
    return False


def ensure_fresh() -> ModelBuild | None:
    """Queue a build when there is no model or it is stale (the data checked every few minutes);
    the newest build done, which answers meanwhile."""
    build = latest_build()
    check_data = build is not None and not cache.get(FRESHNESS_KEY)
    usable = build is not None and current_model(build) is not None  # gone, or from an older engine
    if usable and not is_stale(build, check_data=check_data):
        if check_data:
            cache.set(FRESHNESS_KEY, True, FRESHNESS_CHECK_SECONDS)
        return build
    if check_data:
        cache.set(FRESHNESS_KEY, True, FRESHNESS_CHECK_SECONDS)
    if running_build() is None:
        start_build(actor=None)
    return build


def current_model(build: ModelBuild | None = None) -> store.Snapshot | None:
    """The model of `build` (by default the newest done), loaded once per process; None if none."""
    build = build or latest_build()
    if build is None or not build.file:
        return None
    return store.load(build.file)


# -- suggestions


@dataclass
class Shown:
    """A suggestion as a person reads it."""

    organisation: Organisation
    score: float
    reasons: list[str]


def current_partner_ids(organisation_id: int) -> set[int]:
    """The organisations linked to it in the directory now (whichever way the link was entered)."""
    rows = OrganisationLink.objects.filter(Q(subject_id=organisation_id) | Q(object_id=organisation_id))
    return {
        other
        for subject, target in rows.values_list("subject_id", "object_id")
        for other in (subject, target)
        if other != organisation_id
    }


def declined_ids(user, organisation_id: int) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Decline.objects.filter(user=user, organisation_id=organisation_id).values_list(
            "candidate_id", flat=True
        )
    )


def _labels(reasons) -> dict:
    """The names of the codes the reasons mention (fields and stages read only if needed)."""
    codes = {reason.code for reason in reasons}
    labels: dict = {}
    if "shared_fields" in codes:
        labels["field"] = {
            field.code: field.name for field in TechnologyField.objects.only("code", "name_en", "name_fr")
        }
    if "complementary_stage" in codes:
        labels["stage"] = {stage.code: stage.name for stage in ValueChainStage.objects.all()}
    return labels


def _named(reason) -> list[str]:
    return (
        [str(name) for name in (reason.values or {}).get("names") or []]
        if reason.code == "shared_partners"
        else []
    )


def _with_visible_names(reason, visible_names: set[str]):
    """A reason naming organisations names only those the reader may see (the count stays)."""
    names = _named(reason)
    if not names:
        return reason
    values = dict(reason.values)
    values["names"] = [name for name in names if name in visible_names]
    return type(reason)(reason.code, values)


def suggestions_for(
    *,
    user,
    organisation: Organisation,
    k: int = 10,
    kind: str = "",
    country: str = "",
    candidates=None,
    exclude=(),
) -> list[Shown] | None:
    """Up to `k` partners for `organisation` as `user` may see them; None while no model is built.

    `candidates` (organisation ids) restricts the ranking, e.g. to an event's participants.
    """
    model = current_model(ensure_fresh())
    if model is None:
        return None
    k = max(1, min(int(k), MAX_K))
    banned = current_partner_ids(organisation.pk) | declined_ids(user, organisation.pk) | set(exclude)
    banned.add(organisation.pk)
    pool = model.restrict(
        kind=kind, country=country, candidates=None if candidates is None else {str(c) for c in candidates}
    )
    if pool is not None:
        pool -= {str(pk) for pk in banned}
        if not pool:
            return []
    wanted = k + 10  # a few more than asked: some may be hidden from this reader
    try:
        suggestions = model.recommender.suggest(
            str(organisation.pk), wanted, exclude=[str(pk) for pk in banned], candidates=pool
        )
    except KeyError:  # an organisation newer than the model (engine.UnknownOrganisation): the next build
        return []
    ids = [int(s.candidate) for s in suggestions if s.candidate.isdigit()]
    visible = {str(o.pk): o for o in Organisation.objects.visible_to(user).filter(pk__in=ids)}
    named = {name for s in suggestions for r in s.reasons for name in _named(r)}
    visible_names = (
        set(Organisation.objects.visible_to(user).filter(name__in=named).values_list("name", flat=True))
        if named
        else set()
    )
    reasons = [reason for s in suggestions for reason in s.reasons]
    labels = _labels(reasons) if reasons else {}
    shown = []
    for suggestion in suggestions:
        candidate = visible.get(suggestion.candidate)
        if candidate is None or candidate.pk in banned:
            continue
        texts = words.sentences([_with_visible_names(r, visible_names) for r in suggestion.reasons], labels)
        shown.append(Shown(candidate, float(suggestion.score), texts))
        if len(shown) == k:
            break
    return shown


@transaction.atomic
def decline(*, actor, organisation: Organisation, candidate: Organisation) -> Decline:
    """`actor` does not want `candidate` suggested for `organisation` again (declining twice is one)."""
    if not actor.is_authenticated:
        raise ValidationError(_("Sign in to decline a suggestion."))
    if candidate.pk == organisation.pk:
        raise ValidationError({"candidate": [_("An organisation is never suggested to itself.")]})
    existing = Decline.objects.filter(user=actor, organisation=organisation, candidate=candidate).first()
    if existing is not None:
        return existing
    row = Decline.objects.create(user=actor, organisation=organisation, candidate=candidate)
    audit.record_create(actor=actor, obj=row, action="recommendations.suggestion.declined")
    return row


# -- introductions


def _contacts(organisation: Organisation) -> list[tuple[str, str]]:
    """The e-mail addresses of the people currently affiliated to `organisation`, administrators
    first, with their language: (address, language)."""
    from biocluster.directory.models import Affiliation

    rows = (
        Affiliation.objects.current()
        .filter(organisation=organisation)
        .exclude(person__email="")
        .order_by("-is_administrator", "person__last_name", "pk")
        .values_list("person__email", "person__user__preferred_language")
    )
    seen, contacts = set(), []
    for email, language in rows:
        if email.lower() not in seen:
            seen.add(email.lower())
            contacts.append((email, language or ""))
    return contacts


@transaction.atomic
def introduce(
    *, actor, organisation: Organisation, partner: Organisation, message: str = "", reasons: str = ""
) -> Introduction:
    """Put two organisations in touch: an e-mail to the people of each (sent by a task), audited."""
    from .tasks import send_introduction

    if partner.pk == organisation.pk:
        raise ValidationError({"partner": [_("Choose another organisation.")]})
    message = (message or "").strip()
    if len(message) > 2000:
        raise ValidationError({"message": [_("At most %(limit)s characters.") % {"limit": 2000}]})
    recipients = len(_contacts(organisation)) + len(_contacts(partner))
    if recipients == 0:
        raise ValidationError(
            {"partner": [_("Nobody with an e-mail address is affiliated to either organisation.")]}
        )
    introduction = Introduction.objects.create(
        organisation=organisation,
        partner=partner,
        sent_by=actor if actor is not None and actor.is_authenticated else None,
        message=message,
        reasons=(reasons or "").strip()[:2000],
        recipients=recipients,
    )
    audit.record_create(actor=actor, obj=introduction, action="recommendations.introduction.sent")
    transaction.on_commit(lambda: send_introduction.enqueue(introduction.pk))
    return introduction


# -- partnering


@dataclass
class ParticipantSuggestion:
    profile: object  # partnering.Profile
    shown: Shown


def participant_suggestions(*, user, profile, k: int = 5) -> list[ParticipantSuggestion] | None:
    """Partners for `profile`'s organisation among the other participants of its event.

    Participants already asked, or who asked, are left out: the suggestions are people to ask.
    None while no model is built; [] when the participant has no organisation.
    """
    from biocluster.partnering.models import OPEN_REQUEST_STATUSES, MeetingRequest, Profile, RequestStatus

    organisation = profile.registration.organisation
    if organisation is None:
        return []
    others = (
        Profile.objects.active()
        .filter(event_id=profile.event_id, registration__organisation__isnull=False)
        .exclude(pk=profile.pk)
        .exclude(registration__organisation_id=organisation.pk)
        .select_related("registration__organisation")
        .order_by("pk")
    )
    live = MeetingRequest.objects.filter(
        Q(sender=profile) | Q(recipient=profile), status__in=(*OPEN_REQUEST_STATUSES, RequestStatus.ACCEPTED)
    ).values_list("sender_id", "recipient_id")
    asked = {pk for pair in live for pk in pair} - {profile.pk}
    by_organisation: dict[int, object] = {}
    for other in others:
        if other.pk not in asked:
            by_organisation.setdefault(other.registration.organisation_id, other)
    if not by_organisation:
        return []
    shown = suggestions_for(user=user, organisation=organisation, k=k, candidates=set(by_organisation))
    if shown is None:
        return None
    return [ParticipantSuggestion(by_organisation[s.organisation.pk], s) for s in shown]


def request_meeting(*, actor, sender, recipient, message: str = ""):
    """One click from a suggestion: a meeting request through partnering's own service."""
    from biocluster.partnering import services as partnering

    return partnering.send_request(
        sender=sender,
        recipient=recipient,
        actor=actor,
        message=message or _("Suggested by the partner recommender."),
    )


def reasons_text(shown: Shown) -> str:
    return "; ".join(shown.reasons)
