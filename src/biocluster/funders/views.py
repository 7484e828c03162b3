"""Staff pages of funder contracts: the list, the contract's dashboard, its forms and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.calls.models import Award
from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error

from . import exports, services
from .forms import ContractForm, DeadlineForm, InstalmentForm, ObjectiveForm, ProjectForm, TargetsForm
from .models import FundedProject, FunderContract, Instalment, Objective, ReportingDeadline


def _contract(request, pk: int, permission: str = "funders.view_contract") -> FunderContract:
    contract = get_visible_or_404(FunderContract.objects.select_related("funder"), request.user, pk=pk)
    require(request.user, permission, contract)
    return contract


def _part(request, model, pk: int, permission: str = "funders.change_contract"):
    part = get_visible_or_404(
        model.objects.select_related("contract", "contract__funder"), request.user, pk=pk
    )
    require(request.user, permission, part.contract)
    return part


def _save(form, write):
    """Call the service; its refusal goes on the form (nothing is saved)."""
    try:
        return write() or True
    except ValidationError as error:
        add_error(form, error)
        return None


def _back(contract, anchor: str = ""):
    url = reverse("funders:contract_detail", args=[contract.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _form_page(request, form, *, title: str, contract=None, intro: str = ""):
    return render(
        request, "funders/form.html", {"form": form, "title": title, "contract": contract, "intro": intro}
    )


# -- contracts


@login_required
def contract_list(request):
    require(request.user, "funders.view_contract")
    contracts = FunderContract.objects.visible_to(request.user).select_related("funder")
    return render(
        request,
        "funders/contract_list.html",
        {"contracts": contracts, "can_add": request.user.has_perm("funders.add_contract")},
    )


@login_required
def contract_create(request):
    require(request.user, "funders.add_contract")
    form = ContractForm(request.POST or None, initial={"language": "fr"})
    if request.method == "POST" and form.is_valid():
        contract = _save(form, lambda: services.create_contract(actor=request.user, **form.cleaned_data))
        if contract:
            messages.success(request, _("Contract saved."))
            return _back(contract)
    return _form_page(request, form, title=_("New funder contract"))


@login_required
def contract_edit(request, pk: int):
    contract = _contract(request, pk, "funders.change_contract")
    initial = {name: getattr(contract, name) for name in services.CONTRACT_FIELDS}
    form = ContractForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form, lambda: services.update_contract(actor=request.user, contract=contract, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Changes saved."))
        return _back(contract)
    return _form_page(request, form, title=_("Change the contract"), contract=contract)


@login_required
@require_POST
def contract_delete(request, pk: int):
    contract = _contract(request, pk, "funders.delete_contract")
    services.delete_contract(actor=request.user, contract=contract)
    messages.success(request, _("Contract deleted."))
    return redirect("funders:contract_list")


@login_required
def contract_detail(request, pk: int):
    """The contract's dashboard: per objective and year, target against actual, with status."""
    contract = _contract(request, pk)
    board = services.dashboard(contract, timezone.localdate())
    for objective in board.objectives:
        for line in objective.lines:
            line.chart = exports.chart(line)
    return render(
        request,
        "funders/contract_detail.html",
        {
            "contract": contract,
            "board": board,
            "statuses": [
                (key, services.STATUS_LABELS[key], count) for key, count in board.counts.items() if count
            ],
            "can_change": request.user.has_perm("funders.change_contract", contract),
        },
    )


@login_required
def contract_pdf(request, pk: int):
    """The dashboard as a PDF in the funder's language."""
    contract = _contract(request, pk)
    pdf = exports.pdf(services.dashboard(contract, timezone.localdate()))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(contract)}.pdf"'
    return response


@login_required
def contract_xlsx(request, pk: int):
    """The dashboard as a workbook in the funder's language."""
    contract = _contract(request, pk)
    content = exports.xlsx(services.dashboard(contract, timezone.localdate()))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(contract)}.xlsx"'
    return response


def _filename(contract) -> str:
    return slugify(contract.reference) or f"contract-{contract.pk}"


# -- objectives and targets


@login_required
def objective_create(request, pk: int):
    contract = _contract(request, pk, "funders.change_contract")
    form = ObjectiveForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form, lambda: services.add_objective(actor=request.user, contract=contract, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Objective added."))
        return _back(contract, "objectives")
    return _form_page(request, form, title=_("Add an objective"), contract=contract)


@login_required
def objective_edit(request, pk: int):
    objective = _part(request, Objective, pk)
    initial = {name: getattr(objective, name) for name in ObjectiveForm.base_fields}
    form = ObjectiveForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.update_objective(actor=request.user, objective=objective, **form.cleaned_data),
        )
    ):
        messages.success(request, _("Changes saved."))
        return _back(objective.contract, "objectives")
    return _form_page(request, form, title=_("Change the objective"), contract=objective.contract)


@login_required
@require_POST
def objective_delete(request, pk: int):
    objective = _part(request, Objective, pk)
    services.delete_objective(actor=request.user, objective=objective)
    messages.success(request, _("Objective deleted."))
    return _back(objective.contract, "objectives")


@login_required
def targets_edit(request, pk: int):
    """An indicator of the objective and its target per year (`?indicator=` opens one set)."""
    objective = _part(request, Objective, pk)
    contract = objective.contract
    code = request.GET.get("indicator", "")
    initial = {"indicator": code}
    for target in objective.targets.filter(indicator=code):
        initial[f"target_{target.year}"] = target.value
    form = TargetsForm(request.POST or None, years=contract.years, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.set_targets(
                actor=request.user,
                objective=objective,
                indicator=form.cleaned_data["indicator"],
                targets=form.targets(),
            ),
        )
    ):
        messages.success(request, _("Targets saved."))
        return _back(contract, "objectives")
    intro = _("Objective %(number)s. An empty year has no target.") % {"number": objective.number}
    return _form_page(request, form, title=_("Indicator and targets"), contract=contract, intro=intro)


# -- funded projects


def _award(request, reference: str):
    prefix, _sep, number = reference.strip().rpartition("-")
    award = None
    if prefix and number.isdigit():
        award = (
            Award.objects.visible_to(request.user)
            .filter(proposal__call__reference_prefix__iexact=prefix, proposal__number=int(number))
            .first()
        )
    if award is None:
        raise ValidationError({"award": [_("No award has this proposal reference.")]})
    return award


@login_required
def project_create(request, pk: int):
    contract = _contract(request, pk, "funders.change_contract")
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write():
            award = _award(request, data["award"]) if data["award"] else None
            return services.add_project(
                actor=request.user, contract=contract, award=award, title=data["title"], amount=data["amount"]
            )

        if _save(form, write):
            messages.success(request, _("Project added."))
            return _back(contract, "projects")
    return _form_page(request, form, title=_("Add a funded project"), contract=contract)


@login_required
@require_POST
def project_delete(request, pk: int):
    project = _part(request, FundedProject, pk)
    services.remove_project(actor=request.user, project=project)
    messages.success(request, _("Project removed."))
    return _back(project.contract, "projects")


# -- instalments


@login_required
def instalment_create(request, pk: int):
    contract = _contract(request, pk, "funders.change_contract")
    form = InstalmentForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form, lambda: services.add_instalment(actor=request.user, contract=contract, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Instalment added."))
        return _back(contract, "instalments")
    return _form_page(request, form, title=_("Add an instalment"), contract=contract)


@login_required
def instalment_edit(request, pk: int):
    instalment = _part(request, Instalment, pk)
    initial = {name: getattr(instalment, name) for name in InstalmentForm.base_fields}
    form = InstalmentForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.update_instalment(
                actor=request.user, instalment=instalment, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Changes saved."))
        return _back(instalment.contract, "instalments")
    return _form_page(request, form, title=_("Change the instalment"), contract=instalment.contract)


@login_required
@require_POST
def instalment_delete(request, pk: int):
    instalment = _part(request, Instalment, pk)
    services.remove_instalment(actor=request.user, instalment=instalment)
    messages.success(request, _("Instalment removed."))
    return _back(instalment.contract, "instalments")


# -- reporting deadlines


@login_required
def deadline_create(request, pk: int):
    contract = _contract(request, pk, "funders.change_contract")
    form = DeadlineForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form, lambda: services.add_deadline(actor=request.user, contract=contract, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Deadline added."))
        return _back(contract, "deadlines")
    return _form_page(request, form, title=_("Add a reporting deadline"), contract=contract)


@login_required
def deadline_edit(request, pk: int):
    deadline = _part(request, ReportingDeadline, pk)
    initial = {name: getattr(deadline, name) for name in DeadlineForm.base_fields}
    form = DeadlineForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form, lambda: services.update_deadline(actor=request.user, deadline=deadline, **form.cleaned_data)
        )
    ):
        messages.success(request, _("Changes saved."))
        return _back(deadline.contract, "deadlines")
    return _form_page(request, form, title=_("Change the reporting deadline"), contract=deadline.contract)


@login_required
@require_POST
def deadline_done(request, pk: int):
    deadline = _part(request, ReportingDeadline, pk)
    try:
        services.complete_deadline(actor=request.user, deadline=deadline)
    except ValidationError as error:  # done twice (two tabs): said, nothing changed
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Report marked done."))
    return _back(deadline.contract, "deadlines")


@login_required
@require_POST
def deadline_delete(request, pk: int):
    deadline = _part(request, ReportingDeadline, pk)
    services.remove_deadline(actor=request.user, deadline=deadline)
    messages.success(request, _("Deadline removed."))
    return _back(deadline.contract, "deadlines")
