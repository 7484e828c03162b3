"""The rent roll's pages: the arrears list (staff), issuing notices, the accounting export,
and each agreement's account (its notices, credit notes and payments; staff record payments
there); a notice as issued and a credit note as PDFs to whoever may see their agreement."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error

from . import arrears, credit_notes, notices, rent_roll
from .api_rent_roll import export_response
from .forms_rent_roll import ExportForm, IssueForm, PaymentForm
from .models import Agreement, CreditNote, Notice


def _day(value) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@login_required
def rent_roll_page(request):
    require(request.user, "estate.manage_rent_roll")
    at = _day(request.GET.get("at"))
    rows = rent_roll.arrears_at(at)
    today = timezone.localdate()
    first_of_month = today.replace(day=1)
    return render(
        request,
        "estate/rent_roll.html",
        {
            "at": at,
            "rows": rows,
            "totals": rent_roll.totals(rows),
            "buckets": arrears.BUCKETS,
            "issue_form": IssueForm(initial={"up_to": today}),
            "export_form": ExportForm(
                initial={
                    "since": (first_of_month - datetime.timedelta(days=1)).replace(day=1),
                    "until": today,
                }
            ),
        },
    )


@login_required
@require_POST
def rent_roll_issue(request):
    require(request.user, "estate.manage_rent_roll")
    form = IssueForm(request.POST)
    if form.is_valid():
        created = rent_roll.issue_notices(
            actor=request.user, up_to=form.cleaned_data["up_to"], issued_on=timezone.localdate()
        )
        messages.success(
            request,
            ngettext("%(count)s notice issued.", "%(count)s notices issued.", len(created))
            % {"count": len(created)},
        )
    else:
        messages.error(request, _("Enter a date."))
    return redirect("estate:rent_roll")


@login_required
def accounting_export(request):
    require(request.user, "estate.manage_rent_roll")
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect("estate:rent_roll")
    data = form.cleaned_data
    return export_response(data["since"], data["until"], data["format"])


def _account(request, agreement: Agreement, form: PaymentForm):
    at = timezone.localdate()
    issued = list(agreement.notices.order_by("due_on", "number"))
    credits = list(agreement.credit_notes.select_related("credits").order_by("due_on", "number"))
    payments = list(agreement.payments.order_by("received_on", "number"))
    balance = rent_roll.balance_of(agreement, at)
    return render(
        request,
        "estate/agreement_account.html",
        {
            "agreement": agreement,
            "notices": issued,
            "credit_notes": credits,
            "payments": payments,
            "balance": balance,
            "buckets": arrears.BUCKETS,
            "at": at,
            "form": form,
            "can_record": request.user.has_perm("estate.manage_rent_roll"),
        },
    )


@login_required
def agreement_account(request, pk: int):
    agreement = get_visible_or_404(Agreement.objects.select_related("organisation"), request.user, pk=pk)
    require(request.user, "estate.view_agreement", agreement)
    return _account(request, agreement, PaymentForm(initial={"received_on": timezone.localdate()}))


@login_required
@require_POST
def agreement_payment(request, pk: int):
    agreement = get_visible_or_404(Agreement.objects.select_related("organisation"), request.user, pk=pk)
    require(request.user, "estate.manage_rent_roll", agreement)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payment = rent_roll.record_payment(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Payment %(number)s recorded.") % {"number": payment.number})
            return redirect("estate:agreement_account", pk=agreement.pk)
    return _account(request, agreement, form)


def _billed_or_404(request, model, pk: int, *related):
    """A notice or a credit note of an agreement the user may see (another's: 404)."""
    billed = (
        model.objects.filter(agreement__in=Agreement.objects.visible_to(request.user), pk=pk)
        .select_related("agreement__organisation", *related)
        .first()
    )
    if billed is None:
        raise Http404
    require(request.user, "estate.view_agreement", billed.agreement)
    return billed


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def notice_pdf(request, pk: int):
    """A notice as issued (its stored number, amounts and day), as a PDF in the tenant's language:
    for whoever may see its agreement."""
    notice = _billed_or_404(request, Notice, pk)
    return _pdf(notices.issued_pdf(notice), f"notice-{notice.number}.pdf")


@login_required
def credit_note_pdf(request, pk: int):
    """A credit note as a PDF in the tenant's language: for whoever may see its notice."""
    credit = _billed_or_404(request, CreditNote, pk, "credits")
    return _pdf(credit_notes.pdf(credit), f"credit-note-{credit.number}.pdf")
