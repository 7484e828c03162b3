"""Staff pages of funder contracts: the list, the contract's dashboard, its forms and exports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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


# -- objectives, instalments and reporting deadlines: added, changed and removed alike


@dataclass(frozen=True)
class RowPages:
    """The pages of one kind of a contract's rows: add (on the contract), change and remove
    (on the row), each through its service, then back to the contract's section `anchor`."""

    model: type
    form: type
    argument: str  # the services' keyword for the row
    anchor: str
    add: Callable
    update: Callable
    remove: Callable
    add_title: str
    edit_title: str
    added: str
    removed: str

    def create_page(self, request, pk: int):
        contract = _contract(request, pk, "funders.change_contract")
        return _form_page(
            request,
            self.form(request.POST or None),
            title=self.add_title,
            write=lambda data: self.add(actor=request.user, contract=contract, **data),
            done=lambda _written: _back(contract, self.anchor),
            message=self.added,
            contract=contract,
        )

    def edit_page(self, request, pk: int):
        row = _part(request, self.model, pk)
        return _form_page(
            request,
            self.form(request.POST or None, initial=_initial(row, self.form)),
            title=self.edit_title,
            write=lambda data: self.update(actor=request.user, **{self.argument: row}, **data),
            done=lambda _written: _back(row.contract, self.anchor),
            message=_("Changes saved."),
            contract=row.contract,
        )

    def act(self, request, pk: int, act: Callable, message: str):
        row = _part(request, self.model, pk)
        return rows.act_and_back(
            request,
            lambda: act(actor=request.user, **{self.argument: row}),
            message=message,
            back=_back(row.contract, self.anchor),
        )

    def delete_page(self, request, pk: int):
        return self.act(request, pk, self.remove, self.removed)

    def views(self):
        """The create, edit and delete views (signed in; the delete by POST only)."""
        return (
            login_required(self.create_page),
            login_required(self.edit_page),
            login_required(require_POST(self.delete_page)),
        )


OBJECTIVES = RowPages(
    Objective,
    ObjectiveForm,
    "objective",
    "objectives",
    services.add_objective,
    services.update_objective,
    services.delete_objective,
    add_title=gettext_lazy("Add an objective"),
    edit_title=gettext_lazy("Change the objective"),
    added=gettext_lazy("Objective added."),
    removed=gettext_lazy("Objective deleted."),
)
INSTALMENTS = RowPages(
    Instalment,
    InstalmentForm,
    "instalment",
    "instalments",
    services.add_instalment,
    services.update_instalment,
    services.remove_instalment,
    add_title=gettext_lazy("Add an instalment"),
    edit_title=gettext_lazy("Change the instalment"),
    added=gettext_lazy("Instalment added."),
    removed=gettext_lazy("Instalment removed."),
)
DEADLINES = RowPages(
    ReportingDeadline,
    DeadlineForm,
    "deadline",
    "deadlines",
    services.add_deadline,
    services.update_deadline,
    services.remove_deadline,
    add_title=gettext_lazy("Add a reporting deadline"),
    edit_title=gettext_lazy("Change the reporting deadline"),
    added=gettext_lazy("Deadline added."),
    removed=gettext_lazy("Deadline removed."),
)
objective_create, objective_edit, objective_delete = OBJECTIVES.views()
instalment_create, instalment_edit, instalment_delete = INSTALMENTS.views()
deadline_create, deadline_edit, deadline_delete = DEADLINES.views()


@login_required
@require_POST
def deadline_done(request, pk: int):
    # done twice (two tabs): said, nothing changed
    return DEADLINES.act(request, pk, services.complete_deadline, _("Report marked done."))
