"""The calls' demo: the three calls of the seeds (see `demo_data`), one decided, one closed
under review, one open; their proposals, reviewers and one declared conflict of interest.

Everything that the rules govern goes through the services (assignment with conflict
detection, declarations, reviews, decisions within the envelope, publication), so the
demo's audit trail reads like real use. Loading twice adds nothing: calls are keyed by
their reference prefix.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from biocluster.accounts.models import Role, RoleGrant, User
from biocluster.core.demo import DemoContext, demo_email, demo_user, register
from biocluster.directory.models import Affiliation, Organisation, Person, TechnologyField

from . import demo_data as data
from . import services
from .facts import detect
from .models import (
    Attachment,
    Award,
    Call,
    CallStatus,
    Decision,
    Proposal,
    ProposalMember,
    ProposalStatus,
    Review,
    ReviewerProfile,
)
from .services.calls import _apply

PARIS = ZoneInfo("Europe/Paris")
SEED = 2026


def _rubric(criteria) -> dict:
    return {
        "scale": {"min": 0, "max": 5},
        "criteria": [{"key": k, "weight": w, "label_en": en, "label_fr": fr} for k, w, en, fr in criteria],
    }


def _at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=PARIS)


def _people(context: DemoContext) -> tuple[list, list]:
    """The reviewers (with expertise) and the applicants (with a role in a lab or platform)."""
    labs = list(Organisation.objects.filter(kind="research_lab", is_listed=True).order_by("name")[:4])
    platforms = list(Organisation.objects.filter(kind="platform", is_listed=True).order_by("name")[:4])
    reviewers = []
    for local, first, last, expertise in data.REVIEWERS:
        user = demo_user(context, local, first, last, "Reviewer of calls")
        RoleGrant.objects.get_or_create(user=user, role=Role.REVIEWER, department="")
        profile, _created = ReviewerProfile.objects.get_or_create(user=user)
        profile.expertise.set(TechnologyField.objects.filter(code__in=expertise))
        reviewers.append(user)
    # Paul Lefebvre once worked on a platform: the directory flags him on its proposals.
    past = Person.objects.get_or_create(
        user=reviewers[2], defaults={"first_name": "Paul", "last_name": "Lefebvre", "source": "synthetic"}
    )[0]
    Affiliation.objects.get_or_create(
        person=past,
        organisation=platforms[0],
        role="Research engineer",
        defaults={"start_date": date(2016, 9, 1), "end_date": date(2021, 8, 31)},
    )
    applicants = []
    homes = labs[:2] + platforms[:1] + labs[2:3] + platforms[1:2] + labs[3:4]
    for (local, first, last, role), home in zip(data.APPLICANTS, homes, strict=False):
        user = demo_user(context, local, first, last, f"Applicant — {role}, {home.name}")
        person = Person.objects.get_or_create(
            user=user,
            defaults={"first_name": first, "last_name": last, "email": user.email, "source": "synthetic"},
        )[0]
        Affiliation.objects.get_or_create(
            person=person, organisation=home, role=role, defaults={"start_date": date(2019, 1, 1)}
        )
        applicants.append((user, home))
    return reviewers, applicants


def _call(spec: dict, staff, opens: datetime, closes: datetime) -> Call:
    call = Call(status=CallStatus.DRAFT)
    m2m = _apply(
        call,
        {
            "kind": spec["kind"],
            "collaborative": spec.get("collaborative", False),
            "title_en": spec["title_en"],
            "title_fr": spec["title_fr"],
            "summary_en": spec["summary_en"],
            "summary_fr": spec["summary_fr"],
            "description_en": spec["description_en"],
            "description_fr": spec["description_fr"],
            "opens_at": opens,
            "closes_at": closes,
            "review_due_at": closes + timedelta(days=45),
            "budget_envelope": Decimal(spec["envelope"]),
            "reference_prefix": spec["prefix"],
            "source": data.SOURCE,
            "form_definition": spec["form"],
            "rubric": _rubric(spec["rubric"]),
            "eligibility": spec["eligibility"],
            "themes": list(TechnologyField.objects.filter(code__in=spec["themes"])),
            "managers": [staff],
        },
    )
    call.status = CallStatus.PUBLISHED
    call.published_at = opens - timedelta(days=14)
    call.save()
    for name, values in m2m.items():
        getattr(call, name).set(values)
    return call


def _answers(call: Call, home: Organisation, title_en: str, amount: str) -> dict:
    answers = {}
    for section in call.form_definition["sections"]:
        for field in section["fields"]:
            key, kind = field["key"], field["type"]
            if kind == "text":
                answers[key] = f"{title_en}: {field['label_en'].lower()} (synthetic demo text)."[
                    : field["max_length"]
                ]
            elif kind == "choice":
                answers[key] = (
                    [field["choices"][0]["value"]] if field.get("multiple") else field["choices"][0]["value"]
                )
            elif kind == "organisation":
                answers[key] = home.pk
            elif kind == "date":
                answers[key] = "2026-09-01" if key == "start" else "2021-06-15"
            elif kind == "number":
                answers[key] = "5"
            elif kind == "budget":
                answers[key] = [
                    {
                        "category": "equipment" if call.kind == "equipment" else "staff",
                        "description": title_en[:200],
                        "amount": f"{Decimal(amount):.2f}",
                    }
                ]
    return answers


def _submitted(call: Call, applicants, fields, when: datetime) -> list[Proposal]:
    proposals = []
    for number, ((title_en, title_fr, amount), (user, home)) in enumerate(
        zip(call_specs[call.reference_prefix]["proposals"], applicants * 2, strict=False), 1
    ):
        proposal = Proposal.objects.create(
            call=call,
            applicant=user,
            organisation=home,
            title=title_en if number % 2 else title_fr,
            summary=f"{title_en}. (synthetic demo summary)",
            language="en" if number % 2 else "fr",
            requested_amount=Decimal(amount),
            answers=_answers(call, home, title_en, amount),
            status=ProposalStatus.SUBMITTED,
            number=number,
            submitted_at=when - timedelta(hours=number),
        )
        proposal.technology_fields.set(fields[number % len(fields)])
        proposals.append(proposal)
    return proposals


call_specs = {spec["prefix"]: spec for spec in (data.EQUIPMENT, data.TEAM_LEADER, data.POSTDOC)}


def _review_all(proposals, reviewers, staff, rng, *, skip=()) -> None:
    """Assign the three reviewers where the directory allows, and have them declare and score."""
    for proposal in proposals:
        for reviewer in reviewers:
            if (proposal.number, reviewer.email) in skip:
                continue
            if detect(reviewer, proposal):
                continue  # a conflict found in the directory: not assigned, as in real use
            review = services.assign_reviewer(actor=staff, proposal=proposal, reviewer=reviewer)
            services.declare_conflict(actor=reviewer, review=review, has_conflict=False)
            base = 5 - proposal.number % 4
            scores = {
                c["key"]: max(0, min(5, base + rng.choice((-1, 0, 0, 1))))
                for c in proposal.call.rubric["criteria"]
            }
            services.save_review(
                actor=reviewer,
                review=review,
                scores=scores,
                comment_to_committee="Synthetic demo comment for the committee.",
                comment_to_applicant="Synthetic demo comment: a clear plan; the budget could be detailed further.",
                submit=True,
            )


def _decided_call(staff, reviewers, applicants, rng) -> Call:
    spec = data.EQUIPMENT
    call = _call(spec, staff, _at(date(2025, 1, 6), 9), _at(date(2025, 3, 14)))
    fields = [list(TechnologyField.objects.filter(code=c)) for c in spec["themes"]]
    proposals = _submitted(call, applicants, fields, call.closes_at)
    _review_all(proposals, reviewers, staff, rng)
    from .committee import ranking_table

    left = call.budget_envelope
    for index, row in enumerate(ranking_table(call).rows):
        proposal = next(p for p in proposals if p.pk == row.proposal_id)
        if proposal.requested_amount <= left and index < 3:
            services.decide(
                actor=staff, proposal=proposal, outcome="funded", amount=proposal.requested_amount
            )
            left -= proposal.requested_amount
        elif index < 4:
            services.decide(actor=staff, proposal=proposal, outcome="waiting_list")
        else:
            services.decide(
                actor=staff, proposal=proposal, outcome="rejected", note_to_applicant="Synthetic demo note."
            )
    services.publish_decisions(actor=staff, call=call)
    return call


def _closed_call(staff, reviewers, applicants, rng) -> Call:
    spec = data.POSTDOC
    now = timezone.now()
    call = _call(
        spec, staff, _at((now - timedelta(days=70)).date(), 9), _at((now - timedelta(days=5)).date())
    )
    fields = [list(TechnologyField.objects.filter(code=c)) for c in spec["themes"]]
    proposals = _submitted(call, applicants[3:] + applicants[:3], fields, call.closes_at)
    marc = reviewers[0]
    # Marc Dubois reviews the first, declares a conflict on the second, has the others to do.
    _review_all(proposals, reviewers, staff, rng, skip={(n, marc.email) for n in (2, 3, 4)})
    for proposal in proposals[1:]:
        review = services.assign_reviewer(actor=staff, proposal=proposal, reviewer=marc)
        if proposal.number == 2:
            services.declare_conflict(
                actor=marc, review=review, has_conflict=True, reason="I co-supervised the candidate's PhD."
            )
    return call


def _open_call(staff, applicants) -> Call:
    spec = data.TEAM_LEADER
    now = timezone.now()
    call = _call(
        spec, staff, _at((now - timedelta(days=20)).date(), 9), _at((now + timedelta(days=40)).date())
    )
    for (title_en, _title_fr, amount), (user, home) in zip(
        spec["proposals"][:2], applicants[:2], strict=True
    ):
        proposal = services.start_proposal(actor=user, call=call, title=title_en)
        services.save_draft(
            actor=user,
            proposal=proposal,
            summary=f"{title_en}. (synthetic demo summary)",
            requested_amount=Decimal(amount),
            organisation=home,
            technology_fields=list(call.themes.all()[:1]),
            answers=_answers(call, home, title_en, amount),
        )
        services.submit_proposal(actor=user, proposal=proposal)
    # A draft in progress, by an applicant the directory shows eligible (a permanent position in a
    # lab): the service refuses whom the call's page shows "not eligible".
    user, lab = applicants[3]
    title_en, _title_fr, amount = spec["proposals"][2]
    draft = services.start_proposal(actor=user, call=call, title=title_en)
    answers = _answers(call, lab, title_en, amount)
    answers.pop("cv", None)
    services.save_draft(
        actor=user,
        proposal=draft,
        summary="A draft in progress.",
        answers={"abstract": answers["abstract"]},
    )
    return call


def load(context: DemoContext) -> None:
    prefixes = list(call_specs)
    if Call.objects.filter(reference_prefix__in=prefixes).count() == len(prefixes):
        context.log("Calls: already loaded.")
        return
    staff = User.objects.get(email=demo_email("staff-research"))
    reviewers, applicants = _people(context)
    rng = random.Random(SEED)
    existing = set(
        Call.objects.filter(reference_prefix__in=prefixes).values_list("reference_prefix", flat=True)
    )
    if "EQ25" not in existing:
        _decided_call(staff, reviewers, applicants, rng)
    if "PD26" not in existing:
        _closed_call(staff, reviewers, applicants, rng)
    if "AT26" not in existing:
        _open_call(staff, applicants)
    context.count("calls created", len(prefixes) - len(existing))
    context.log(
        f"Calls: {Call.objects.count()} calls, {Proposal.objects.count()} proposals, "
        f"{Review.objects.count()} reviews, {Award.objects.count()} awards."
    )


def flush(context: DemoContext) -> None:
    Award.objects.all().delete()
    Decision.objects.all().delete()
    Review.objects.all().delete()
    Attachment.objects.all().delete()
    ProposalMember.objects.all().delete()
    Proposal.objects.all().delete()
    Call.objects.all().delete()
    ReviewerProfile.objects.all().delete()


register("calls", order=30, flush=flush)(load)
