"""Every write to the survey, whether from a page, the API, the admin, the command or the demo.

Each function takes the acting user, runs in a transaction and records its audit event; a
rule it refuses is a `ValidationError` naming the field (an answer's field is its question's
code). Who may call them is the rules' business (`rules.py`), checked by the callers.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.accreditation.models import Accreditation, AccreditationStatus, Decision, Status
from biocluster.audit import services as audit
from biocluster.directory.models import COMPANY_KINDS, Affiliation, Organisation
from biocluster.directory.querysets import administered_organisation_ids_of
from biocluster.programmes.models import Enrolment, EnrolmentStatus, Milestone, MilestoneKind, MilestoneStatus

from . import catalogue
from .jumps import jump
from .models import (
    EDITABLE,
    Answer,
    Campaign,
    CampaignState,
    Prefill,
    Question,
    QuestionKind,
    Reason,
    Reminder,
    Response,
    ResponseState,
)

GRADUATES_FOR_YEARS = 5  # graduates are asked the year they leave and the five years after
MAX_TEXT = 2000
MAX_COMMENT = 2000
LARGEST_AMOUNT = Decimal("1e13")  # ten thousand billion euros: anything above is a typing error
FIRST_YEAR = 1998
QUESTION_FIELDS = ("label_en", "label_fr", "help_en", "help_fr", "kind", "minimum", "maximum", "required")
QUESTION_FIELDS += ("prefill", "order", "is_active")


# -- who is asked


def companies_to_ask(year: int) -> dict[int, str]:
    """The organisations the rule asks for `year`, each with why (`Reason`): accredited and active
    at the year's end, hosted on a campus (a company), graduates of a programme who left during
    the year or the five before."""
    end = datetime.date(year, 12, 31)
    asked: dict[int, str] = {}
    latest = AccreditationStatus.objects.filter(accreditation=OuterRef("pk"), since__lte=end).order_by(
        "-since", "-id"
    )
    accredited = (
        Accreditation.objects.filter(decision=Decision.ACCEPTED, decided_on__lte=end)
        .annotate(status_then=Subquery(latest.values("status")[:1]))
        .filter(Q(status_then__isnull=True) | Q(status_then=Status.ACTIVE))
        .values_list("organisation_id", flat=True)
    )
    for pk in accredited:
        asked.setdefault(pk, Reason.ACCREDITED)
    hosted = Organisation.objects.filter(kind__in=COMPANY_KINDS, campus__isnull=False).values_list(
        "pk", flat=True
    )
    for pk in hosted:
        asked.setdefault(pk, Reason.HOSTED)
    graduates = Enrolment.objects.filter(
        status=EnrolmentStatus.GRADUATED,
        ended_on__gte=datetime.date(year - GRADUATES_FOR_YEARS, 1, 1),
        ended_on__lte=end,
    ).values_list("organisation_id", flat=True)
    for pk in graduates:
        asked.setdefault(pk, Reason.GRADUATE)
    return asked


# -- questions


def _check_question(question: Question) -> None:
    if question.kind not in QuestionKind.values:
        raise ValidationError({"kind": [_("Choose a whole number, an amount, yes or no, or a text.")]})
    if question.is_numeric:
        if question.minimum is None:
            question.minimum = Decimal(0)
        if question.minimum < 0:
            raise ValidationError({"minimum": [_("The survey's figures are never negative.")]})
        if question.maximum is not None and question.maximum < question.minimum:
            raise ValidationError({"maximum": [_("The largest value is below the smallest.")]})
    else:
        question.minimum = question.maximum = None


@transaction.atomic
def add_question(*, actor, code: str, label_en: str, label_fr: str, kind: str, **fields) -> Question:
    question = Question(code=code, label_en=label_en, label_fr=label_fr, kind=kind)
    for name, value in fields.items():
        if name not in QUESTION_FIELDS:
            raise ValidationError({name: [_("This cannot be set.")]})
        setattr(question, name, value)
    _check_question(question)
    question.full_clean()
    question.save()
    audit.record_create(actor=actor, obj=question, action="survey.question.created")
    return question


@transaction.atomic
def update_question(*, actor, question: Question, **changes) -> Question:
    """The code stays (the indicators read it), as does the kind once a campaign asked it."""
    before = audit.snapshot(Question.objects.get(pk=question.pk))
    for name, value in changes.items():
        if name not in QUESTION_FIELDS:
            raise ValidationError({name: [_("This cannot be changed.")]})
        if name == "kind" and value != question.kind and question.answers.exists():
            raise ValidationError({"kind": [_("Companies answered this question: its kind stays.")]})
        setattr(question, name, value)
    _check_question(question)
    question.full_clean()
    question.save()
    audit.record_update(actor=actor, obj=question, action="survey.question.updated", before=before)
    return question


# -- campaigns


def _check_deadline(campaign: Campaign) -> None:
    if not isinstance(campaign.deadline, datetime.date) or isinstance(campaign.deadline, datetime.datetime):
        raise ValidationError({"deadline": [_("Enter a date.")]})
    if campaign.deadline <= datetime.date(campaign.year, 12, 31):
        raise ValidationError(
            {"deadline": [_("The figures of a year are known after its end: the deadline comes after it.")]}
        )


def _questions(questions) -> list[Question]:
    questions = list(questions or [])
    if not questions:
        raise ValidationError({"questions": [_("Ask at least one question.")]})
    if any(not isinstance(question, Question) for question in questions):
        raise ValidationError({"questions": [_("Choose questions of the catalogue.")]})
    return questions


@transaction.atomic
def create_campaign(
    *, actor, year: int, deadline: datetime.date, questions=None, source: str = ""
) -> Campaign:
    """A draft campaign for `year` with the companies the rule asks (`companies_to_ask`); without
    `questions`, the active questions of the catalogue (the standard ones created if missing)."""
    if not isinstance(year, int) or not FIRST_YEAR <= year <= 2100:
        raise ValidationError({"year": [_("Enter a year between 1998 and 2100.")]})
    if Campaign.objects.filter(year=year).exists():
        raise ValidationError({"year": [_("There is already a campaign for this year.")]})
    if questions is None:
        catalogue.ensure_standard_questions()
        questions = Question.objects.filter(is_active=True)
    questions = _questions(questions)
    campaign = Campaign(year=year, deadline=deadline, source=source)
    _check_deadline(campaign)
    campaign.save()
    campaign.questions.set(questions)
    audit.record_create(actor=actor, obj=campaign, action="survey.campaign.created", m2m=("questions",))
    rows = [
        Response(campaign=campaign, organisation_id=pk, reason=reason, source=source)
        for pk, reason in companies_to_ask(year).items()
    ]
    Response.objects.bulk_create(rows)
    audit.record_many_created(
        actor=actor,
        objects=Response.objects.filter(campaign=campaign).select_related("campaign", "organisation"),
        action="survey.response.created",
    )
    return campaign


@transaction.atomic
def update_campaign(*, actor, campaign: Campaign, deadline=None, questions=None) -> Campaign:
    """The deadline may move until the campaign closes; the questions change only in a draft."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state == CampaignState.CLOSED:
        raise ValidationError(_("The campaign is closed."), code="closed")
    before = audit.snapshot(campaign, ("questions",))
    if deadline is not None:
        campaign.deadline = deadline
        _check_deadline(campaign)
    if questions is not None:
        questions = _questions(questions)
        if campaign.state != CampaignState.DRAFT and {q.pk for q in questions} != set(
            campaign.questions.values_list("pk", flat=True)
        ):
            raise ValidationError({"questions": [_("The companies are answering: the questions stay.")]})
        campaign.questions.set(questions)
    campaign.save()
    audit.record_update(
        actor=actor, obj=campaign, action="survey.campaign.updated", before=before, m2m=("questions",)
    )
    return campaign


@transaction.atomic
def open_campaign(*, actor, campaign: Campaign) -> Campaign:
    """Open to the companies: every response is prefilled from what the system knows now."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state != CampaignState.DRAFT:
        raise ValidationError(_("Only a draft campaign opens."), code="state")
    if not campaign.responses.exists():
        raise ValidationError(_("No company is asked: add one first."), code="empty")
    before = audit.snapshot(campaign)
    campaign.state = CampaignState.OPEN
    campaign.opened_at = timezone.now()
    campaign.save()
    prefill(campaign.responses.select_related("campaign"))
    audit.record_update(actor=actor, obj=campaign, action="survey.campaign.opened", before=before)
    return campaign


@transaction.atomic
def close_campaign(*, actor, campaign: Campaign) -> Campaign:
    """Closed: nothing changes any more, and the response rate is final. Submitted responses are
    validated or returned first."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.state != CampaignState.OPEN:
        raise ValidationError(_("Only an open campaign closes."), code="state")
    waiting = campaign.responses.filter(state=ResponseState.SUBMITTED).count()
    if waiting:
        raise ValidationError(
            _("Validate or return the %(count)s submitted responses before closing.") % {"count": waiting},
            code="submitted",
        )
    before = audit.snapshot(campaign)
    campaign.state = CampaignState.CLOSED
    campaign.closed_at = timezone.now()
    campaign.save()
    audit.record_update(
        actor=actor,
        obj=campaign,
        action="survey.campaign.closed",
        before=before,
        data={"response_rate": response_rate(campaign)},
    )
    return campaign


@transaction.atomic
def add_company(*, actor, campaign: Campaign, organisation: Organisation) -> Response:
    """Staff ask one more company (whatever the rule says); prefilled at once if the campaign is open."""
    if campaign.state == CampaignState.CLOSED:
        raise ValidationError(_("The campaign is closed."), code="closed")
    if not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": [_("Choose an organisation of the directory.")]})
    if campaign.responses.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": [_("This company is already asked.")]})
    response = Response.objects.create(campaign=campaign, organisation=organisation, reason=Reason.ADDED)
    audit.record_create(actor=actor, obj=response, action="survey.response.added")
    if campaign.state == CampaignState.OPEN:
        prefill([response])
    return response


@transaction.atomic
def remove_company(*, actor, response: Response) -> None:
    """Staff stop asking a company, as long as it has submitted nothing."""
    response = Response.objects.select_for_update().select_related("campaign").get(pk=response.pk)
    if response.campaign.state == CampaignState.CLOSED:
        raise ValidationError(_("The campaign is closed."), code="closed")
    if response.state != ResponseState.DRAFT or response.submitted_at is not None:
        raise ValidationError(_("This company has answered: its response stays."), code="answered")
    audit.record_delete(actor=actor, obj=response, action="survey.response.removed")
    response.delete()


# -- prefill


def _money(amount) -> str:
    return f"{Decimal(amount):.2f}"


CHUNK = 500  # organisations per query when prefilling a whole campaign


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Prefiller:
    """What the system knows for a campaign's companies, read in a few queries for all of them:
    last year's validated answers and the year's validated milestones (fund raises, patents)."""

    def __init__(self, campaign: Campaign, organisation_ids: list[int]):
        self.year = campaign.year
        self.last_year: dict[tuple[int, int], Answer] = {}
        self.milestones: dict[tuple[int, str], list] = defaultdict(list)
        for ids in _chunks(list(organisation_ids)):
            answers = Answer.objects.filter(
                response__organisation_id__in=ids,
                response__campaign__year=self.year - 1,
                response__state=ResponseState.VALIDATED,
                question__prefill=Prefill.LAST_YEAR,
            ).select_related("question", "response")
            for answer in answers:
                self.last_year[answer.response.organisation_id, answer.question_id] = answer
            rows = (
                Milestone.objects.filter(
                    enrolment__organisation_id__in=ids,
                    kind__in=(MilestoneKind.FUND_RAISE, MilestoneKind.PATENT),
                    status=MilestoneStatus.VALIDATED,
                    date__year=self.year,
                )
                .order_by("date", "pk")
                .values("enrolment__organisation_id", "kind", "title", "date", "amount", "count")
            )
            for row in rows:
                self.milestones[row["enrolment__organisation_id"], row["kind"]].append(row)

    def proposal(self, question: Question, organisation_id: int) -> tuple[str, str, str] | None:
        """(value as typed, `Prefill`, details), or None when the system knows nothing."""
        if question.prefill == Prefill.LAST_YEAR:
            answer = self.last_year.get((organisation_id, question.pk))
            if answer is None or answer.value in (None, ""):
                return None
            value = answer.value
            typed = ("yes" if value else "no") if isinstance(value, bool) else str(value)
            return typed, Prefill.LAST_YEAR, str(self.year - 1)
        if question.prefill == Prefill.FUNDS_RAISED:
            rows = [
                r
                for r in self.milestones[organisation_id, MilestoneKind.FUND_RAISE]
                if r["amount"] is not None
            ]
            if not rows:
                return None
            details = "; ".join(
                f"{r['title']} ({r['date']:%Y-%m-%d}, EUR {_money(r['amount'])})" for r in rows
            )
            return _money(sum(r["amount"] for r in rows)), Prefill.FUNDS_RAISED, details[:500]
        if question.prefill == Prefill.PATENTS:
            rows = self.milestones[organisation_id, MilestoneKind.PATENT]
            if not rows:
                return None
            details = "; ".join(f"{r['title']} ({r['date']:%Y-%m-%d})" for r in rows)
            return str(sum(r["count"] or 1 for r in rows)), Prefill.PATENTS, details[:500]
        return None


def prefill(responses) -> int:
    """An answer per question of the campaign that has none yet, for each of `responses` (of one
    campaign), with the value the system proposes, kept beside it with where it came from so that
    the page says so. Called within the caller's transaction (opening the campaign, adding a
    company); a few queries whatever the number of companies. The number of answers written."""
    responses = list(responses)
    if not responses:
        return 0
    campaign = responses[0].campaign
    questions = list(campaign.questions.all())
    known = Prefiller(campaign, [response.organisation_id for response in responses])
    existing = set()
    for ids in _chunks([response.pk for response in responses]):
        existing |= set(Answer.objects.filter(response_id__in=ids).values_list("response_id", "question_id"))
    rows = []
    for response in responses:
        for question in questions:
            if (response.pk, question.pk) in existing:
                continue
            answer = Answer(response=response, question=question)
            proposal = known.proposal(question, response.organisation_id)
            if proposal is not None:
                typed, origin, details = proposal
                _set(answer, parse(question, typed))
                answer.prefilled_value, answer.prefilled_from, answer.prefill_detail = typed, origin, details
            rows.append(answer)
    Answer.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# -- answers


def parse(question: Question, raw):
    """The value typed for `question` (a string, a number or a boolean), checked against its kind and
    bounds; None when left empty. `ValidationError` on the question's code otherwise."""
    code = question.code
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if question.kind == QuestionKind.TEXT:
        text = str(raw).strip()
        if len(text) > MAX_TEXT:
            raise ValidationError({code: [_("At most %(limit)s characters.") % {"limit": MAX_TEXT}]})
        return text
    if question.kind == QuestionKind.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in ("yes", "true", "1", "oui", "on"):
            return True
        if word in ("no", "false", "0", "non", "off"):
            return False
        raise ValidationError({code: [_("Answer yes or no.")]})
    if isinstance(raw, bool):
        raise ValidationError({code: [_("Enter a number.")]})
    typed = str(raw).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if question.kind == QuestionKind.AMOUNT and "," in typed and "." not in typed:
        typed = typed.replace(",", ".")
    try:
        value = Decimal(typed)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        message = (
            _("Enter a whole number.")
            if question.kind == QuestionKind.INTEGER
            else _("Enter an amount in euros, in digits.")
        )
        raise ValidationError({code: [message]})
    if abs(value) >= LARGEST_AMOUNT:
        raise ValidationError({code: [_("This number is too large.")]})
    if question.kind == QuestionKind.INTEGER and value != value.to_integral_value():
        raise ValidationError({code: [_("Enter a whole number.")]})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({code: [_("At most two decimals.")]})
    minimum = question.minimum if question.minimum is not None else Decimal(0)
    if value < minimum:
        if minimum == 0:
            raise ValidationError({code: [_("Cannot be negative.")]})
        raise ValidationError({code: [_("At least %(minimum)s.") % {"minimum": minimum.normalize()}]})
    if question.maximum is not None and value > question.maximum:
        raise ValidationError({code: [_("At most %(maximum)s.") % {"maximum": question.maximum.normalize()}]})
    return int(value) if question.kind == QuestionKind.INTEGER else value.quantize(Decimal("0.01"))


def _set(answer: Answer, value) -> None:
    kind = answer.question.kind
    answer.number = answer.flag = None
    answer.text = ""
    if value is None:
        return
    if kind in (QuestionKind.INTEGER, QuestionKind.AMOUNT):
        answer.number = Decimal(value)
    elif kind == QuestionKind.BOOLEAN:
        answer.flag = value
    else:
        answer.text = value


def _answers(response: Response) -> dict[str, Answer]:
    """Each question of the campaign with its answer (created empty where missing)."""
    if "answers" in getattr(response, "_prefetched_objects_cache", {}):  # a list's rows (the API)
        rows = response.answers.all()
    else:
        rows = response.answers.select_related("question")
    existing = {a.question.code: a for a in rows}
    for question in response.campaign.questions.all():
        if question.code not in existing:
            existing[question.code] = Answer(response=response, question=question)
    return existing


@dataclass(frozen=True)
class Jump:
    """An answer far from the same company's validated answer of last year."""

    previous: Decimal
    year: int
    ratio: Decimal


def jumps_of(response: Response, answers: list[Answer]) -> dict[str, Jump]:
    """Per question code: the numeric answers of `response` that are twice or more (or half or
    less) the company's validated answer to the same question last year. One query."""
    year = response.campaign.year - 1
    previous = dict(
        Answer.objects.filter(
            response__organisation_id=response.organisation_id,
            response__campaign__year=year,
            response__state=ResponseState.VALIDATED,
            number__isnull=False,
        ).values_list("question__code", "number")
    )
    found = {}
    for answer in answers:
        ratio = jump(answer.number, previous.get(answer.question.code))
        if ratio is not None:
            found[answer.question.code] = Jump(previous[answer.question.code], year, ratio)
    return found


def answers_of(response: Response) -> list[Answer]:
    """The answers of `response` in the questions' order (unsaved, empty ones where none is kept)."""
    return sorted(
        _answers(response).values(), key=lambda answer: (answer.question.order, answer.question.code)
    )


def _write_answers(response: Response, values: dict) -> dict[str, list]:
    """Check every value first (all the errors at once), then write; the changes, per code."""
    answers = _answers(response)
    unknown = sorted(set(values) - set(answers))
    if unknown:
        raise ValidationError({code: [_("Not a question of this survey.")] for code in unknown})
    errors: dict[str, list] = {}
    parsed = {}
    for code, raw in values.items():
        try:
            parsed[code] = parse(answers[code].question, raw)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    changes = {}
    for code, value in parsed.items():
        answer = answers[code]
        before = answer.value if answer.pk else None
        _set(answer, value)
        after = answer.value
        if answer.pk is None or before != after:
            answer.save()
            if before != after:
                changes[code] = [_plain(before), _plain(after)]
    return changes


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def _locked(response: Response) -> Response:
    return Response.objects.select_for_update().select_related("campaign", "organisation").get(pk=response.pk)


def _check_editable(response: Response) -> None:
    if response.campaign.state != CampaignState.OPEN:
        raise ValidationError(_("The campaign is not open: answers cannot change."), code="closed")
    if response.state not in EDITABLE:
        raise ValidationError(_("This response was submitted: it cannot change any more."), code="submitted")


@transaction.atomic
def save_answers(*, actor, response: Response, values: dict) -> Response:
    """A draft: the answers typed so far (`values`: question code -> what was typed), nothing submitted."""
    response = _locked(response)
    _check_editable(response)
    before = audit.snapshot(response)
    changes = _write_answers(response, values)
    response.saved_at = timezone.now()
    response.save()
    audit.record_update(
        actor=actor, obj=response, action="survey.response.saved", before=before, data={"answers": changes}
    )
    return response


def missing_answers(response: Response) -> list[str]:
    return [
        code
        for code, answer in _answers(response).items()
        if answer.question.required and answer.value in (None, "")
    ]


@transaction.atomic
def submit_response(*, actor, response: Response, values: dict | None = None) -> Response:
    """The answers (with `values` typed last) sent to the staff; every required question answered."""
    response = _locked(response)
    _check_editable(response)
    before = audit.snapshot(response)
    changes = _write_answers(response, values or {})
    missing = missing_answers(response)
    if missing:
        raise ValidationError({code: [_("Answer this question to submit.")] for code in missing})
    response.state = ResponseState.SUBMITTED
    response.saved_at = response.submitted_at = timezone.now()
    response.submitted_by = actor
    response.save()
    audit.record_update(
        actor=actor,
        obj=response,
        action="survey.response.submitted",
        before=before,
        data={"answers": changes},
    )
    return response


@transaction.atomic
def validate_response(*, actor, response: Response) -> Response:
    """Checked by staff: its answers are now records of the survey's indicators."""
    response = _locked(response)
    if response.state != ResponseState.SUBMITTED:
        raise ValidationError(_("Only a submitted response is validated."), code="state")
    before = audit.snapshot(response)
    response.state = ResponseState.VALIDATED
    response.reviewed_at = timezone.now()
    response.reviewed_by = actor
    response.save()
    audit.record_update(actor=actor, obj=response, action="survey.response.validated", before=before)
    return response


@transaction.atomic
def return_response(*, actor, response: Response, comment: str) -> Response:
    """Sent back to the company with what to correct; it edits and submits again."""
    response = _locked(response)
    if response.state != ResponseState.SUBMITTED:
        raise ValidationError(_("Only a submitted response is returned."), code="state")
    if response.campaign.state != CampaignState.OPEN:
        raise ValidationError(_("The campaign is not open: answers cannot change."), code="closed")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Say what the company should correct.")]})
    if len(comment) > MAX_COMMENT:
        raise ValidationError({"comment": [_("At most %(limit)s characters.") % {"limit": MAX_COMMENT}]})
    before = audit.snapshot(response)
    response.state = ResponseState.RETURNED
    response.staff_comment = comment
    response.reviewed_at = timezone.now()
    response.reviewed_by = actor
    response.save()
    audit.record_update(actor=actor, obj=response, action="survey.response.returned", before=before)
    return response


# -- completion


@dataclass(frozen=True)
class Completion:
    asked: int
    by_state: dict[str, int]
    started: int  # drafts a company saved at least once

    @property
    def answered(self) -> int:
        return self.by_state[ResponseState.SUBMITTED] + self.by_state[ResponseState.VALIDATED]

    @property
    def validated(self) -> int:
        return self.by_state[ResponseState.VALIDATED]

    @property
    def response_rate(self) -> float | None:
        """Validated responses over companies asked: the share the survey's figures stand on."""
        return self.validated / self.asked if self.asked else None


def _counts(prefix: str = "") -> dict:
    return {
        "asked": Count(f"{prefix}pk"),
        "started": Count(
            f"{prefix}pk",
            filter=Q(**{f"{prefix}state": ResponseState.DRAFT, f"{prefix}saved_at__isnull": False}),
        ),
        **{
            state: Count(f"{prefix}pk", filter=Q(**{f"{prefix}state": state}))
            for state in ResponseState.values
        },
    }


def with_completion(campaigns):
    """The campaigns with their counts by state annotated (a list of them in one query)."""
    return campaigns.annotate(
        **{f"completion_{name}": count for name, count in _counts("responses__").items()}
    )


def completion(campaign: Campaign) -> Completion:
    """The counts by state: annotated by `with_completion`, else one query."""
    if hasattr(campaign, "completion_asked"):
        counts = {name: getattr(campaign, f"completion_{name}") for name in _counts()}
    else:
        counts = campaign.responses.aggregate(**_counts())
    return Completion(
        asked=counts.pop("asked"),
        started=counts.pop("started"),
        by_state={state: counts[state] for state in ResponseState.values},
    )


def response_rate(campaign: Campaign) -> float | None:
    return completion(campaign).response_rate


def response_rate_of_year(year: int) -> float | None:
    """The response rate of the campaign of `year` (None without a campaign or a company asked)."""
    campaign = Campaign.objects.filter(year=year).first()
    return response_rate(campaign) if campaign is not None else None


def validated_totals(campaign: Campaign) -> dict[str, Decimal]:
    """The sum of each numeric question's validated answers (the campaign page's figures)."""
    rows = (
        Answer.objects.filter(response__campaign=campaign, response__state=ResponseState.VALIDATED)
        .exclude(number__isnull=True)
        .values("question__code")
        .annotate(total=Sum("number"))
    )
    return {row["question__code"]: row["total"] for row in rows}


# -- reminders


def reminder_key(deadline: datetime.date, today: datetime.date) -> str | None:
    """Which reminder is due on `today`: 7 days before the deadline (from the 7th day to the 2nd),
    the day before (the last day and the day itself), then once a week after it ("after-0" the
    first week, "after-1" the second...). None while the deadline is further than a week away."""
    days = (deadline - today).days
    if days < 0:
        return f"after-{(-days - 1) // 7}"
    if days <= 1:
        return "before-1"
    if days <= 7:
        return "before-7"
    return None


def administrators_of(organisation_ids, *, on: datetime.date | None = None) -> dict[int, list]:
    """The users who administer each organisation today (current affiliation with the flag)."""
    rows = (
        Affiliation.objects.current(on)
        .filter(organisation_id__in=organisation_ids, is_administrator=True, person__user__is_active=True)
        .select_related("person__user")
        .order_by("pk")
    )
    users = defaultdict(list)
    for row in rows:
        if row.person.user not in users[row.organisation_id]:
            users[row.organisation_id].append(row.person.user)
    return users


@transaction.atomic
def send_reminders(*, actor=None, today: datetime.date | None = None) -> int:
    """Remind the administrators of every company yet to answer an open campaign, when a reminder is
    due (`reminder_key`) and was not sent yet for that response: safe to run as often as one likes."""
    from .tasks import send_reminder

    today = today or timezone.localdate()
    sent: list[int] = []
    for campaign in Campaign.objects.filter(state=CampaignState.OPEN).order_by("year"):
        key = reminder_key(campaign.deadline, today)
        if key is None:
            continue
        waiting = campaign.responses.filter(state__in=EDITABLE).exclude(reminders__key=key)
        ids = list(waiting.values_list("pk", "organisation_id"))
        admins = administrators_of([organisation for _pk, organisation in ids])
        for pk, organisation in ids:
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        response_id=pk, key=key, sent_on=today, recipients=len(admins.get(organisation, []))
                    )
            except IntegrityError:  # another run got there first
                continue
            if reminder.recipients:
                sent.append(reminder.pk)
        if ids:
            audit.record_update(
                actor=actor,
                obj=campaign,
                action="survey.campaign.reminders_sent",
                before=audit.snapshot(campaign),
                data={"key": key, "responses": len(ids)},
            )
    transaction.on_commit(lambda: [send_reminder.enqueue(pk) for pk in sent])
    return len(sent)


# -- to-dos


def responses_to_give(user):
    """The responses `user` administers that are theirs to answer (open campaigns, draft or returned)."""
    return Response.objects.visible_to(user).filter(
        campaign__state=CampaignState.OPEN,
        state__in=EDITABLE,
        organisation_id__in=administered_organisation_ids_of(user),
    )
