"""The applicant's pages: start, write (saved as they type), share, submit, withdraw, read."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import require
from biocluster.directory.models import Organisation, Person

from .. import eligibility, services
from ..access import require_own, visible_attachment_or_404, visible_proposal_or_404
from ..display import anonymous_feedback, label, shown_answers
from ..facts import applicant_facts
from ..formdef.forms import AnswersForm
from ..formdef.schema import field_map
from ..forms import ProposalCoreForm, ShareForm
from ..models import Proposal, ProposalStatus
from .common import errors_of, visible_call

PAGE_CONTROLS = {"csrfmiddlewaretoken"}


@login_required
@require_POST
def proposal_start(request, pk: int):
    call = visible_call(request, pk)
    require(request.user, "calls.apply_to_call", call)
    try:
        proposal = services.start_proposal(actor=request.user, call=call)
    except ValidationError as error:
        for message in errors_of(error):
            messages.error(request, message)
        return redirect("calls:call_detail", pk=pk)
    return redirect("calls:proposal_edit", pk=proposal.pk)


@login_required
def my_proposals(request):
    proposals = Proposal.objects.owned_by(request.user).select_related("call").order_by("-updated_at")
    return render(request, "calls/my_proposals.html", {"proposals": proposals})


def _choices_for(user, proposal):
    """The rows a person or organisation answer may point at (searched, not listed: core/widgets.py)."""

    def choices(field):
        if field["type"] == "person":
            return Person.objects.visible_to(user).only("first_name", "last_name")
        organisations = Organisation.objects.visible_to(user).only("name")
        if field.get("kinds"):
            organisations = organisations.filter(kind__in=field["kinds"])
        return organisations

    return choices


def _forms(request, proposal, data=None, files=None):
    call = proposal.call
    initial_core = {
        "title": proposal.title,
        "summary": proposal.summary,
        "language": proposal.language,
        "requested_amount": proposal.requested_amount,
        "organisation": proposal.organisation_id,
        "technology_fields": list(proposal.technology_fields.all()),
    }
    themes = call.themes.all()
    core = ProposalCoreForm(
        data,
        initial=initial_core,
        organisations=Organisation.objects.visible_to(request.user).only("name"),
        themes=themes if themes.exists() else None,
    )
    attachments = dict(proposal.attachments.values_list("field_key", "original_name"))
    answers = AnswersForm(
        call.form_definition,
        data,
        files,
        initial={"a_" + key: value for key, value in proposal.answers.items()},
        choices_for=_choices_for(request.user, proposal),
        attachments=attachments,
        allowed=PAGE_CONTROLS | set(core.fields),
    )
    return core, answers


def _save(request, proposal, core, answers) -> bool:
    """Save the draft and its files in one transaction: any error saves nothing."""
    if not (core.is_valid() and answers.is_valid()):
        return False
    try:
        with transaction.atomic():
            services.save_draft(
                actor=request.user, proposal=proposal, answers=answers.answers(), **core.cleaned_data
            )
            for key, upload in answers.uploads().items():
                services.attach_file(actor=request.user, proposal=proposal, field_key=key, upload=upload)
    except ValidationError as error:
        answers.add_service_errors(error)
        return False
    return True


def _editable(request, pk):
    proposal = visible_proposal_or_404(request.user, pk)
    require_own(request.user, "calls.change_proposal", proposal)
    return proposal


@login_required
def proposal_edit(request, pk: int):
    proposal = _editable(request, pk)
    if request.method == "POST":
        core, answers = _forms(request, proposal, request.POST, request.FILES)
        if _save(request, proposal, core, answers):
            messages.success(request, _("Draft saved."))
            return redirect("calls:proposal_edit", pk=pk)
    else:
        core, answers = _forms(request, proposal)
    call = proposal.call
    results = eligibility.evaluate(
        call.eligibility, applicant_facts(proposal.applicant, proposal.organisation, proposal.declarations)
    )
    return render(
        request,
        "calls/proposal_edit.html",
        {
            "proposal": proposal,
            "call": call,
            "core": core,
            "answers": answers,
            "results": results,
            "closes_at": call.local(call.closes_at),
            "members": proposal.members.select_related("user"),
            "share_form": ShareForm(),
            "is_applicant": proposal.applicant_id == request.user.pk,
        },
    )


@login_required
@require_POST
def proposal_autosave(request, pk: int):
    """Called by htmx as the applicant types: saves the text answers (files wait for Save)."""
    proposal = _editable(request, pk)
    core, answers = _forms(request, proposal, request.POST)
    saved = _save(request, proposal, core, answers)
    errors = [] if saved else [*core.non_field_errors(), *answers.non_field_errors()]
    if not saved:
        for form in (core, answers):
            for name, field_errors in form.errors.items():
                if name != "__all__":
                    errors.append(f"{form.fields[name].label}: {' '.join(field_errors)}")
    response = render(
        request,
        "calls/proposal_edit.html#save-status",
        {"saved": saved, "errors": errors, "saved_at": timezone.localtime()},
    )
    if not saved and not request.htmx:
        response.status_code = 422  # htmx swaps only successful responses: it shows the errors as a 200
    return response


@login_required
@require_POST
def proposal_share(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    require_own(request.user, "calls.share_proposal", proposal)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.share_proposal(actor=request.user, proposal=proposal, email=form.cleaned_data["email"])
        except ValidationError as error:
            for message in errors_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The draft is shared."))
    else:
        messages.error(request, _("Enter a valid email address."))
    return redirect("calls:proposal_edit", pk=pk)


def _named(error: ValidationError, proposal) -> list[str]:
    """Errors with the field's label in front, so the applicant knows where to look."""
    fields = field_map(proposal.call.form_definition)
    named = []
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    for key, messages_ in error.message_dict.items():
        field = fields.get(key.removeprefix("answers."))
        prefix = (
            label(field)
            if field
            else {"title": _("Title"), "summary": _("Public summary"), "eligibility": _("Eligibility")}.get(
                key, ""
            )
        )
        named += [f"{prefix}: {m}" if prefix else m for m in messages_]
    return named


@login_required
@require_POST
def proposal_submit(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    require_own(request.user, "calls.submit_proposal", proposal)
    try:
        services.submit_proposal(
            actor=request.user, proposal=proposal, declarations=request.POST.getlist("declarations")[:20]
        )
    except ValidationError as error:
        for message in _named(error, proposal):
            messages.error(request, message)
        return redirect("calls:proposal_edit", pk=pk)
    messages.success(request, _("Your proposal is submitted. A receipt is on its way by email."))
    return redirect("calls:proposal_detail", pk=pk)


@login_required
@require_POST
def proposal_withdraw(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    require_own(request.user, "calls.withdraw_proposal", proposal)
    try:
        services.withdraw_proposal(
            actor=request.user, proposal=proposal, reason=request.POST.get("reason", "")[:1000]
        )
    except ValidationError as error:
        for message in errors_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The proposal is withdrawn."))
    return redirect("calls:proposal_detail", pk=pk)


@login_required
def proposal_detail(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    user = request.user
    applies = proposal.applicant_id == user.pk or proposal.members.filter(user=user).exists()
    decision = getattr(proposal, "decision", None) if user.has_perm("calls.read_decision", proposal) else None
    own_review = proposal.reviews.filter(reviewer=user).first()
    return render(
        request,
        "calls/proposal_detail.html",
        {
            "proposal": proposal,
            "call": proposal.call,
            "sections": shown_answers(proposal),
            "applies": applies,
            "runs": user.has_perm("calls.manage_proposal", proposal),
            "decision": decision,
            "feedback": anonymous_feedback(proposal)
            if applies and proposal.call.decisions_published_at
            else [],
            "can_edit": rules.has_perm("calls.change_proposal", user, proposal),
            "can_withdraw": rules.has_perm("calls.withdraw_proposal", user, proposal)
            and proposal.status != ProposalStatus.WITHDRAWN
            and proposal.call.decisions_published_at is None,
            "own_review": own_review,
            "submitted_at": proposal.call.local(proposal.submitted_at),
        },
    )


@login_required
def proposal_pdf(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    from .. import pdf  # heavy: imported on first use

    response = HttpResponse(pdf.proposal_pdf(proposal), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{proposal.reference or proposal.pk}.pdf"'
    return response


@login_required
def decision_letter(request, pk: int):
    proposal = visible_proposal_or_404(request.user, pk)
    require(request.user, "calls.read_decision", proposal)
    decision = getattr(proposal, "decision", None)
    if decision is None:
        raise Http404
    from .. import pdf  # heavy: imported on first use

    response = HttpResponse(pdf.decision_letter_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{proposal.reference}-decision.pdf"'
    return response


@login_required
def attachment_download(request, pk: int):
    attachment = visible_attachment_or_404(request.user, pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
