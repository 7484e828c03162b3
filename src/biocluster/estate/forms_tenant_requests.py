"""Tenant requests' forms. The rules live in `tenant_requests.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.accounts.roles import staff_users
from biocluster.directory.models import Campus

from .models import Building, Unit
from .models_tenant_requests import TenantRequestCategory, TenantRequestStatus


class ReportForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=TenantRequestCategory.choices)
    description = forms.CharField(
        label=_("What is wrong"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("PNG or JPEG, 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(label=_("Assign to"), queryset=staff_users())


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Open or assigned")), *TenantRequestStatus.choices, ("all", _("All"))],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any category")), *TenantRequestCategory.choices], required=False
    )
    campus = forms.ModelChoiceField(label=_("Campus"), queryset=Campus.objects.all(), required=False)
    building = forms.ModelChoiceField(
        label=_("Building"), queryset=Building.objects.select_related("campus"), required=False
    )
