"""Staff pages of funder contracts: the list, the contract's dashboard, its forms and exports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.calls.models import Award
from biocluster.core import rows
from biocluster.core.access import get_visible_or_404, require

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


def _back(contract, anchor: str = "") -> str:
    url = reverse("funders:contract_detail", args=[contract.pk])
    return f"{url}#{anchor}" if anchor else url


def _form_page(request, form, *, title: str, write, done, message: str, contract=None, intro: str = ""):
    return rows.form_page(
        request,
        form,
        template="funders/form.html",
        write=write,
        done=done,
        message=message,
        context={"title": title, "contract": contract, "intro": intro},
    )


def _initial(row, form) -> dict:
    return {name: getattr(row, name) for name in form.base_fields}


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
    return _form_page(
        request,
        ContractForm(request.POST or None, initial={"language": "fr"}),
        title=_("New funder contract"),
        write=lambda data: services.create_contract(actor=request.user, **data),
        done=_back,
        message=_("Contract saved."),
    )


@login_required
def contract_edit(request, pk: int):
    contract = _contract(request, pk, "funders.change_contract")
    initial = {name: getattr(contract, name) for name in services.CONTRACT_FIELDS}
    return _form_page(
        request,
        ContractForm(request.POST or None, initial=initial),
        title=_("Change the contract"),
        write=lambda data: services.update_contract(actor=request.user, contract=contract, **data),
        done=lambda _written: _back(contract),
        message=_("Changes saved."),
        contract=contract,
    )


@login_required
@require_POST
def contract_delete(request, pk: int):
    contract = _contract(request, pk, "funders.delete_contract")
    return rows.act_and_back(
        request,
        lambda: services.delete_contract(actor=request.user, contract=contract),
        message=_("Contract deleted."),
        back=reverse("funders:contract_list"),
    )


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
    return _form_page(
        request,
        ObjectiveForm(request.POST or None),
        title=_("Add an objective"),
        write=lambda data: services.add_objective(actor=request.user, contract=contract, **data),
        done=lambda _written: _back(contract, "objectives"),
        message=_("Objective added."),
        contract=contract,
    )


@login_required
def objective_edit(request, pk: int):
    objective = _part(request, Objective, pk)
    return _form_page(
        request,
        ObjectiveForm(request.POST or None, initial=_initial(objective, ObjectiveForm)),
        title=_("Change the objective"),
        write=lambda data: services.update_objective(actor=request.user, objective=objective, **data),
        done=lambda _written: _back(objective.contract, "objectives"),
        message=_("Changes saved."),
        contract=objective.contract,
    )


@login_required
@require_POST
def objective_delete(request, pk: int):
    objective = _part(request, Objective, pk)
    return rows.act_and_back(
        request,
        lambda: services.delete_objective(actor=request.user, objective=objective),
        message=_("Objective deleted."),
        back=_back(objective.contract, "objectives"),
    )


@login_required
def targets_edit(request, pk: int):
    """An indicator of the objective and its target per year (`?indicator=` opens one set)."""
    objective = _part(request, Objective, pk)
    contract = objective.contract
    code = request.GET.get("indicator", "")
    initial = {"indicator": code}
    for target in objective.targets.filter(indicator=code):
        initial[f"target_{target.year}"] = target.value
    intro = _("Objective %(number)s. An empty year has no target.") % {"number": objective.number}
    form = TargetsForm(request.POST or None, years=contract.years, initial=initial)
    return _form_page(
        request,
        form,
        title=_("Indicator and targets"),
        write=lambda data: services.set_targets(
            actor=request.user, objective=objective, indicator=data["indicator"], targets=form.targets()
        ),
        done=lambda _written: _back(contract, "objectives"),
        message=_("Targets saved."),
        contract=contract,
        intro=intro,
    )


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

    def write(data):
        award = _award(request, data["award"]) if data["award"] else None
        return services.add_project(
            actor=request.user, contract=contract, award=award, title=data["title"], amount=data["amount"]
        )

    return _form_page(
        request,
        ProjectForm(request.POST or None),
        title=_("Add a funded project"),
        write=write,
        done=lambda _written: _back(contract, "projects"),
        message=_("Project added."),
        contract=contract,
    )


@login_required
@require_POST
def project_delete(request, pk: int):
    project = _part(request, FundedProject, pk)
    return rows.act_and_back(
        request,
        lambda: services.remove_project(actor=request.user, project=project),
        message=_("Project removed."),
        back=_back(project.contract, "projects"),
    )


# -- instalments and reporting deadlines: added, changed and removed alike


def _row_create(request, pk: int, *, form, add, title: str, message: str, anchor: str):
    contract = _contract(request, pk, "funders.change_contract")
    return _form_page(
        request,
        form(request.POST or None),
        title=title,
        write=lambda data: add(actor=request.user, contract=contract, **data),
        done=lambda _written: _back(contract, anchor),
        message=message,
        contract=contract,
    )


def _row_edit(request, row, *, form, update, argument: str, title: str, anchor: str):
    return _form_page(
        request,
        form(request.POST or None, initial=_initial(row, form)),
        title=title,
        write=lambda data: update(actor=request.user, **{argument: row}, **data),
        done=lambda _written: _back(row.contract, anchor),
        message=_("Changes saved."),
        contract=row.contract,
    )


def _row_action(request, row, *, act, argument: str, message: str, anchor: str):
    return rows.act_and_back(
        request,
        lambda: act(actor=request.user, **{argument: row}),
        message=message,
        back=_back(row.contract, anchor),
    )


@login_required
def instalment_create(request, pk: int):
    return _row_create(
        request,
        pk,
        form=InstalmentForm,
        add=services.add_instalment,
        title=_("Add an instalment"),
        message=_("Instalment added."),
        anchor="instalments",
    )


@login_required
def instalment_edit(request, pk: int):
    return _row_edit(
        request,
        _part(request, Instalment, pk),
        form=InstalmentForm,
        update=services.update_instalment,
        argument="instalment",
        title=_("Change the instalment"),
        anchor="instalments",
    )


@login_required
@require_POST
def instalment_delete(request, pk: int):
    return _row_action(
        request,
        _part(request, Instalment, pk),
        act=services.remove_instalment,
        argument="instalment",
        message=_("Instalment removed."),
        anchor="instalments",
    )


@login_required
def deadline_create(request, pk: int):
    return _row_create(
        request,
        pk,
        form=DeadlineForm,
        add=services.add_deadline,
        title=_("Add a reporting deadline"),
        message=_("Deadline added."),
        anchor="deadlines",
    )


@login_required
def deadline_edit(request, pk: int):
    return _row_edit(
        request,
        _part(request, ReportingDeadline, pk),
        form=DeadlineForm,
        update=services.update_deadline,
        argument="deadline",
        title=_("Change the reporting deadline"),
        anchor="deadlines",
    )


@login_required
@require_POST
def deadline_done(request, pk: int):
    deadline = _part(request, ReportingDeadline, pk)
    # done twice (two tabs): said, nothing changed
    return _row_action(
        request,
        deadline,
        act=services.complete_deadline,
        argument="deadline",
        message=_("Report marked done."),
        anchor="deadlines",
    )


@login_required
@require_POST
def deadline_delete(request, pk: int):
    return _row_action(
        request,
        _part(request, ReportingDeadline, pk),
        act=services.remove_deadline,
        argument="deadline",
        message=_("Deadline removed."),
        anchor="deadlines",
    )
