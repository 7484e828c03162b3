"""The rent roll's forms. The rules live in `rent_roll.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DATE


class IssueForm(forms.Form):
    up_to = forms.DateField(label=_("Issue the notices due up to"), widget=DATE)


class ExportForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=DATE)
    until = forms.DateField(label=_("To"), widget=DATE)
    format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "XLSX")], initial="csv")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The end comes before the start."))
        return data


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount (EUR)"), min_value=0.01, max_value=10000000, decimal_places=2)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)
