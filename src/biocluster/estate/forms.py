"""The estate's forms. The rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import Campus, Organisation

from .models import AgreementKind, Index, PaymentFrequency, Unit, UnitKind
from .series import MAX_MONTHS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KINDS = [("", _("Any kind")), *UnitKind.choices]


class OfferForm(forms.Form):
    """The public offer's filters: kind, size, campus."""

    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, required=False)
    campus = forms.ModelChoiceField(label=_("Campus"), queryset=Campus.objects.all(), required=False)
    min_area = forms.DecimalField(label=_("From (m²)"), min_value=0, max_value=1000000, required=False)
    max_area = forms.DecimalField(label=_("To (m²)"), min_value=0, max_value=1000000, required=False)


class SearchForm(OfferForm):
    """The staff's availability search: free from a date for a duration."""

    free_from = forms.DateField(label=_("From"), widget=DATE)
    months = forms.IntegerField(label=_("For (months)"), min_value=1, max_value=360, initial=12)


class OccupancyForm(forms.Form):
    """The occupancy page: the figures on a date, the months of a range, of a campus or a kind."""

    at = forms.DateField(label=_("On"), widget=DATE, required=False)
    first = forms.DateField(label=_("Months from"), widget=DATE, required=False)
    last = forms.DateField(label=_("Months to"), widget=DATE, required=False)
    campus = forms.ModelChoiceField(label=_("Campus"), queryset=Campus.objects.all(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, required=False)

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                self.add_error("last", _("The end comes on or after the start."))
            elif (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
                self.add_error("last", _("Choose at most %(months)s months.") % {"months": MAX_MONTHS})
        return data


class AgreementForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), widget=organisation_picker()
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),  # those chosen in the search (__init__): a few rows
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End (last day)"), widget=DATE)
    rent_per_m2 = forms.DecimalField(
        label=_("Rent per m² per year (EUR)"), min_value=0, max_value=100000, decimal_places=2, initial=0
    )
    charges_per_m2 = forms.DecimalField(
        label=_("Service charges per m² per year (EUR)"),
        min_value=0,
        max_value=100000,
        decimal_places=2,
        initial=0,
    )
    free_months = forms.IntegerField(label=_("Rent-free months"), min_value=0, max_value=120, initial=0)
    notice_months = forms.IntegerField(label=_("Notice (months)"), min_value=0, max_value=120, initial=3)
    payment_frequency = forms.ChoiceField(
        label=_("Payment"), choices=PaymentFrequency.choices, initial=PaymentFrequency.QUARTERLY
    )
    deposit = forms.DecimalField(
        label=_("Deposit (EUR)"), min_value=0, max_value=10000000, decimal_places=2, initial=0
    )
    index = forms.ChoiceField(
        label=_("Index"), choices=[("", _("Not indexed")), *Index.choices], required=False
    )
    base_index = forms.DecimalField(
        label=_("Base index value"), min_value=0, max_value=100000, decimal_places=2, required=False
    )
    language = forms.ChoiceField(
        label=_("Tenant's language"), choices=[("fr", "Français"), ("en", "English")]
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        help_text=_("Empty: 20 %, or none for a free occupation. 0 for an exempt letting."),
    )

    def __init__(self, *args, unit_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [int(value) for value in unit_ids if str(value).isdigit()][:50]
        self.fields["units"].queryset = Unit.objects.filter(pk__in=ids).select_related("building__campus")
        self.initial.setdefault("units", ids)

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


def early_end_fields() -> dict:
    """Before the agreement's end: when the tenant gave notice, or the early release negotiated."""
    return {
        "notice_given_on": forms.DateField(
            label=_("Notice given on"),
            widget=DATE,
            required=False,
            help_text=_("Leaving before the agreement's end: the notice must have run out by the last day."),
        ),
        "early_release": forms.CharField(
            label=_("Negotiated early release (why)"),
            max_length=300,
            required=False,
            help_text=_("Only when staff agreed the tenant may leave before its notice runs out."),
        ),
    }


class TerminateForm(forms.Form):
    on = forms.DateField(label=_("Last day"), widget=DATE)
    reason = forms.CharField(label=_("Move-out reason"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(early_end_fields())


class UnitStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("available", _("Available")), ("under_works", _("Under works")), ("planned", _("Planned"))],
    )
    since = forms.DateField(label=_("From"), widget=DATE)
    delivery_on = forms.DateField(label=_("Delivery date"), widget=DATE, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
