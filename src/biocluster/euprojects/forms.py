"""The EU projects' forms. The rules live in the services; the forms only read what was typed.

Organisations outside the consortium are picked by searching (the directory's picker); within a
project, its partners, work packages and periods are a few rows, offered as menus.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biocluster.accounts.models import Role as AccountRole
from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import Organisation

from .models import Dissemination, Participant, ReportingPeriod, Role, Status, WorkPackage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = {"min_value": 1, "max_value": 999}


def _staff_choices() -> list[tuple[str, str]]:
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(role_grants__role=AccountRole.STAFF) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "email")
    )
    return [(str(user.pk), user.get_full_name() or user.email) for user in users]


class ProjectForm(forms.Form):
    acronym = forms.CharField(label=_("Acronym"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=300)
    programme = forms.CharField(
        label=_("Programme"), max_length=120, help_text=_("e.g. COSME, Interreg, Horizon Europe.")
    )
    call = forms.CharField(label=_("Call"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Start date"), widget=DATE)
    ends_on = forms.DateField(label=_("End date"), widget=DATE)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE, required=False)
    objectives = forms.CharField(
        label=_("Objectives"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    staff = forms.MultipleChoiceField(
        label=_("Cluster staff assigned"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = _staff_choices()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        ids = [int(pk) for pk in data.pop("staff")]
        data["staff"] = list(get_user_model().objects.filter(pk__in=ids))
        return data


class NewProjectForm(ProjectForm):
    cluster = forms.ModelChoiceField(
        label=_("The cluster's organisation"),
        queryset=Organisation.objects.all(),
        widget=organisation_picker(),
    )
    cluster_role = forms.ChoiceField(label=_("The cluster's role"), choices=Role.choices)
    budget = forms.DecimalField(
        label=_("The cluster's budget (EUR)"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    eu_contribution = forms.DecimalField(
        label=_("The cluster's EU contribution (EUR)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=0,
    )


class ProjectRowForm(forms.Form):
    """A form for one row of a project's plan: told the project, to offer its own rows."""

    def __init__(self, *args, project, **kwargs):
        self.project = project
        super().__init__(*args, **kwargs)
        if "work_package" in self.fields:
            self.fields["work_package"].queryset = WorkPackage.objects.filter(project=project)
        for name in ("owner", "leader", "participant"):
            if name in self.fields:
                self.fields[name].queryset = Participant.objects.filter(project=project).select_related(
                    "organisation"
                )
                self.fields[name].label_from_instance = lambda p: p.organisation.name
        if "period" in self.fields:
            self.fields["period"].queryset = ReportingPeriod.objects.filter(project=project)

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("owner", "leader"):
            if name in data:
                data[name] = data[name].organisation
        return data

    @classmethod
    def initial_of(cls, obj) -> dict:
        initial = {}
        for name in cls.base_fields:
            value = getattr(obj, name, None)
            if name in ("owner", "leader"):
                value = (
                    Participant.objects.filter(project=obj.project, organisation=value)
                    .values_list("pk", flat=True)
                    .first()
                )
            elif hasattr(value, "pk"):
                value = value.pk
            initial[name] = value
        return initial


class ParticipantForm(ProjectRowForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), widget=organisation_picker()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTNER)
    budget = forms.DecimalField(
        label=_("Budget (EUR)"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    eu_contribution = forms.DecimalField(
        label=_("EU contribution (EUR)"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )


class ParticipantChangeForm(ProjectRowForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    budget = forms.DecimalField(label=_("Budget (EUR)"), min_value=0, max_digits=12, decimal_places=2)
    eu_contribution = forms.DecimalField(
        label=_("EU contribution (EUR)"), min_value=0, max_digits=12, decimal_places=2
    )


class WorkPackageForm(ProjectRowForm):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=200)
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=Participant.objects.none())
    start_month = forms.IntegerField(label=_("Start month"), **MONTH)
    end_month = forms.IntegerField(label=_("End month"), **MONTH)


class TaskForm(ProjectRowForm):
    work_package = forms.ModelChoiceField(label=_("Work package"), queryset=WorkPackage.objects.none())
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=200)
    start_month = forms.IntegerField(label=_("Start month"), **MONTH)
    end_month = forms.IntegerField(label=_("End month"), **MONTH)


class TaskChangeForm(TaskForm):
    work_package = None


class DeliverableForm(ProjectRowForm):
    number = forms.CharField(label=_("Number"), max_length=20, help_text=_("e.g. D2.1"))
    title = forms.CharField(label=_("Title"), max_length=200)
    work_package = forms.ModelChoiceField(label=_("Work package"), queryset=WorkPackage.objects.none())
    due_month = forms.IntegerField(label=_("Due month"), **MONTH)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Participant.objects.none())
    dissemination = forms.ChoiceField(label=_("Dissemination level"), choices=Dissemination.choices)


class MilestoneForm(ProjectRowForm):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=200)
    month = forms.IntegerField(label=_("Month"), **MONTH)
    verification = forms.CharField(label=_("Means of verification"), max_length=300, required=False)


class PeriodForm(ProjectRowForm):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    start_month = forms.IntegerField(label=_("Start month"), **MONTH)
    end_month = forms.IntegerField(label=_("End month"), **MONTH)


class EffortForm(ProjectRowForm):
    participant = forms.ModelChoiceField(label=_("Consortium partner"), queryset=Participant.objects.none())
    period = forms.ModelChoiceField(label=_("Reporting period"), queryset=ReportingPeriod.objects.none())
    planned = forms.DecimalField(
        label=_("Person-months planned"), min_value=0, max_digits=7, decimal_places=2
    )
    declared = forms.DecimalField(
        label=_("Person-months declared"), min_value=0, max_digits=7, decimal_places=2, required=False
    )


class MoveForm(forms.Form):
    status = forms.ChoiceField(label=_("Move to"), choices=Status.choices)
    moved_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
