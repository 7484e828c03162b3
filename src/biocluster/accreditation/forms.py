"""The staff register's forms. The rules themselves live in the services; these only read input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import COMPANY_KINDS, Organisation

from .models import Decision, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def candidates():
    """Companies without an accepted accreditation: the ones a decision can be taken on."""
    return Organisation.objects.filter(kind__in=COMPANY_KINDS).exclude(accreditations__decision="accepted")


class DecisionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Company"),
        queryset=Organisation.objects.none(),
        widget=organisation_picker(kind=sorted(COMPANY_KINDS)),
        help_text=_("A company without an accepted accreditation."),
    )
    decided_on = forms.DateField(label=_("Decision date"), widget=DATE)
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    decided_by = forms.CharField(
        label=_("Decided by"), max_length=200, required=False, initial=_("Accreditation committee")
    )
    committee_notes = forms.CharField(
        label=_("Committee notes"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    source = forms.CharField(label=_("Source"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidates().order_by("name")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    since = forms.DateField(label=_("Since"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=255,
        required=False,
        help_text=_("A document or address that shows the change."),
    )
