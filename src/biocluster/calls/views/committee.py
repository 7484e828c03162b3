"""The staff running a call: proposals and reviewers, ranking and decisions, awards."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.spreadsheets import csv_writer

from .. import services
from ..access import visible_proposal_or_404
from ..candidates import candidates_for, conflicts_between, reviewers
from ..committee import ranking_table
from ..forms import AssignForm, DecisionForm
from ..models import Award, AwardStatus, Decision, ProposalStatus
from ..suggestions import suggest
from .common import errors_of, visible_call


def _managed_call(request, pk):
    call = visible_call(request, pk)
    require(request.user, "calls.manage_call", call)
    return call


@login_required
def call_proposals(request, pk: int):
    call = _managed_call(request, pk)
    proposals = (
        call.proposals.exclude(status=ProposalStatus.DRAFT)
        .select_related("applicant", "organisation", "call")
        .prefetch_related("reviews__reviewer")
        .order_by("number")
    )
    return render(request, "calls/call_proposals.html", {"call": call, "proposals": proposals})


@login_required
def proposal_assign(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    require(request.user, "calls.manage_proposal", proposal)
    users = list(reviewers())
    assigned = set(proposal.reviews.values_list("reviewer_id", flat=True))
    form = AssignForm(request.POST or None, reviewers=[(u.pk, str(u)) for u in users if u.pk not in assigned])
    if request.method == "POST" and form.is_valid():
        reviewer = next(u for u in users if u.pk == form.cleaned_data["reviewer"])
        try:
            services.assign_reviewer(actor=request.user, proposal=proposal, reviewer=reviewer)
        except ValidationError as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, _("%(name)s is assigned.") % {"name": reviewer})
            return redirect("calls:proposal_assign", pk=pk)
    conflicts = conflicts_between([proposal], users).get(proposal.pk, {})
    fields = tuple(f.path for f in proposal.technology_fields.all())
    suggestions = suggest(fields, candidates_for(users), excluded=set(conflicts) | assigned)
    by_id = {u.pk: u for u in users}
    return render(
        request,
        "calls/proposal_assign.html",
        {
            "proposal": proposal,
            "call": proposal.call,
            "form": form,
            "reviews": proposal.reviews.select_related("reviewer"),
            "suggestions": [(by_id[c.user_id], c, score) for c, score in suggestions],
            "conflicts": [(by_id[uid], reasons) for uid, reasons in conflicts.items()],
        },
    )


@login_required
@require_POST
def call_auto_assign(request, pk: int):
    call = _managed_call(request, pk)
    try:
        created = services.auto_assign(actor=request.user, call=call, per_proposal=3)
    except ValidationError as error:
        for message in errors_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(count)s reviews assigned from the suggestions.") % {"count": len(created)}
        )
    return redirect("calls:call_proposals", pk=pk)


@login_required
@require_POST
def call_reminders(request, pk: int):
    call = _managed_call(request, pk)
    count = services.send_reminders(actor=request.user, call=call)
    messages.success(request, _("%(count)s reminders sent.") % {"count": count})
    return redirect("calls:call_proposals", pk=pk)


# Fifty rows a page: a committee reads the top of the ranking, and each row is a form.
RANKING_PAGE = 50
ROW_SECONDS = 600
# Where the reader's CSRF token goes in a kept row: the rows are shared by the call's managers.
# (A NUL, which no text stored in PostgreSQL can hold.)
_READER_CSRF = "\x00csrf\x00"


def _row_key(call, row, can_decide: bool) -> str:
    """Everything a row shows: its rank and statistics, reviews and their reviewers, the
    proposal's facts and decision; the language; whether it is a form."""
    shown = (
        row.proposal_id,
        row.rank,
        row.mean,
        row.spread,
        row.disagreement,
        [(r.score, r.outlier, getattr(r, "reviewer_name", "")) for r in row.reviews],
        sorted(row.extra.items()),
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return f"calls:ranking-row:{call.pk}:{get_language()}:{int(can_decide)}:{digest}"


def ranking_rows(request, call, rows, *, can_decide: bool) -> list[str]:
    """The rendered rows, each kept under what it shows: after a change, only the rows
    whose content changed are rendered again."""
    local = caches["local"]
    keys = [_row_key(call, row, can_decide) for row in rows]
    kept = local.get_many(keys)
    token = get_token(request)
    outcomes = Decision._meta.get_field("outcome").choices
    html = []
    for row, key in zip(rows, keys, strict=True):
        fragment = kept.get(key)
        if fragment is None:
            fragment = render_to_string(
                "calls/ranking.html#row",
                {
                    "row": row,
                    "call": call,
                    "outcomes": outcomes,
                    "can_decide": can_decide,
                    "csrf_token": _READER_CSRF,
                },
            )
            local.set(key, fragment, ROW_SECONDS)
        html.append(mark_safe(fragment.replace(_READER_CSRF, token)))
    return html


@login_required
def call_ranking(request, pk: int):
    """The whole call is ranked; the table shows it fifty rows at a time, best first."""
    call = _managed_call(request, pk)
    table = ranking_table(call)
    page = Paginator(table.rows, RANKING_PAGE).get_page(request.GET.get("page"))
    can_decide = call.phase() == "closed"
    return render(
        request,
        "calls/ranking.html",
        {
            "call": call,
            "table": table,
            "page": page,
            "rows": ranking_rows(request, call, page.object_list, can_decide=can_decide),
            "can_decide": can_decide,
        },
    )


@login_required
@require_POST
def proposal_decide(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    require(request.user, "calls.manage_proposal", proposal)
    form = DecisionForm(request.POST)
    error_messages: list[str] = []
    if form.is_valid():
        try:
            services.decide(
                actor=request.user,
                proposal=proposal,
                outcome=form.cleaned_data["outcome"],
                amount=form.cleaned_data["amount"] or 0,
                note_to_applicant=form.cleaned_data["note_to_applicant"],
            )
        except ValidationError as error:
            error_messages = errors_of(error)
    else:
        error_messages = [
            f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items() if n != "__all__"
        ]
    if not request.htmx:
        for message in error_messages:
            messages.error(request, message)
        if not error_messages:
            messages.success(request, _("Decision recorded."))
        return redirect("calls:call_ranking", pk=proposal.call_id)
    table = ranking_table(proposal.call)
    row = next(r for r in table.rows if r.proposal_id == proposal.pk)
    html = render_to_string(
        "calls/ranking.html#row",
        {
            "row": row,
            "table": table,
            "call": proposal.call,
            "outcomes": Decision._meta.get_field("outcome").choices,
            "errors": error_messages,
            "typed": {"outcome": request.POST.get("outcome", ""), "amount": request.POST.get("amount", "")}
            if error_messages
            else None,
            "can_decide": True,
        },
        request,
    ) + render_to_string("calls/ranking.html#envelope", {"table": table, "oob": True}, request)
    return HttpResponse(html)  # errors included: htmx swaps only successful responses


@login_required
@require_POST
def call_publish_decisions(request, pk: int):
    call = _managed_call(request, pk)
    try:
        decisions = services.publish_decisions(actor=request.user, call=call)
    except ValidationError as error:
        for message in errors_of(error):
            messages.error(request, message)
        return redirect("calls:call_ranking", pk=pk)
    messages.success(
        request, _("%(count)s decisions published; the letters are on their way.") % {"count": len(decisions)}
    )
    return redirect("calls:call_awards", pk=pk)


def _awards(call):
    return (
        Award.objects.filter(proposal__call=call)
        .select_related("proposal__call", "proposal__applicant", "proposal__organisation")
        .prefetch_related("instalments", "reports")
    )


@login_required
def call_awards(request, pk: int):
    call = _managed_call(request, pk)
    return render(request, "calls/awards.html", {"call": call, "awards": _awards(call)})


@login_required
def call_awards_export(request, pk: int):
    """One line per instalment, as accounting books them."""
    call = _managed_call(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="awards-{call.reference_prefix}.csv"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 only with its mark
    writer = csv_writer(response)
    writer.writerow(
        [
            "reference",
            "call",
            "beneficiary",
            "organisation",
            "award_amount",
            "award_status",
            "start",
            "end",
            "instalment",
            "due_date",
            "instalment_amount",
            "paid_on",
        ]
    )
    for award in _awards(call):
        proposal = award.proposal
        base = [
            proposal.reference,
            call.title_en,
            proposal.applicant.get_full_name() or proposal.applicant.email,
            proposal.organisation.name if proposal.organisation_id else "",
            award.amount,
            award.status,
            award.start_date.isoformat(),
            award.end_date.isoformat(),
        ]
        for instalment in award.instalments.all():
            writer.writerow(
                [
                    *base,
                    instalment.number,
                    instalment.due_date.isoformat(),
                    instalment.amount,
                    instalment.paid_on.isoformat() if instalment.paid_on else "",
                ]
            )
    return response


@login_required
def award_detail(request, pk: int):
    award = get_visible_or_404(
        Award.objects.select_related("proposal__call", "proposal__applicant").prefetch_related(
            "instalments", "reports"
        ),
        request.user,
        pk=pk,
    )
    require(request.user, "calls.view_award", award)
    can_change = request.user.has_perm("calls.change_award", award)
    if request.method == "POST":
        require(request.user, "calls.change_award", award)
        _change_award(request, award)
        return redirect("calls:award_detail", pk=pk)
    return render(
        request,
        "calls/award_detail.html",
        {
            "award": award,
            "proposal": award.proposal,
            "can_change": can_change,
            "statuses": AwardStatus.choices,
        },
    )


def _change_award(request, award) -> None:
    from django.utils import timezone

    action = request.POST.get("action")
    try:
        if action == "status":
            services.set_award_status(actor=request.user, award=award, status=request.POST.get("status", ""))
        elif action == "paid":
            instalment = award.instalments.get(pk=int(request.POST.get("item", 0)))
            services.record_payment(actor=request.user, instalment=instalment, paid_on=timezone.localdate())
        elif action == "received":
            report = award.reports.get(pk=int(request.POST.get("item", 0)))
            services.record_report(actor=request.user, report=report, received_on=timezone.localdate())
        else:
            messages.error(request, _("Unknown action."))
            return
    except (
        ValidationError,
        ValueError,
        award.instalments.model.DoesNotExist,
        award.reports.model.DoesNotExist,
    ) as error:
        messages.error(
            request, " ".join(errors_of(error)) if isinstance(error, ValidationError) else _("Unknown item.")
        )
        return
    messages.success(request, _("Changes saved."))
