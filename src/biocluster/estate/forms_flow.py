"""Forms of the space requests (asking, filtering, visits, offer, signing, losing) and of the
move-in and move-out checklists. The rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import Organisation

from . import services
from .forms import DATE, KINDS, early_end_fields
from .models import (
    LETTABLE_KINDS,
    AgreementKind,
    Meter,
    MoveOutReason,
    PaymentFrequency,
    SpaceRequestStatus,
    Unit,
)

LET_KINDS = [(kind.value, kind.label) for kind in LETTABLE_KINDS]


class SpaceRequestForm(forms.Form):
    """Asking for space. A member asks for one of its organisations (and, for a programme's
    project, its enrolment); staff may name any organisation or a prospect."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    prospect = forms.CharField(
        label=_("Prospect (not in the directory yet)"),
        max_length=200,
        required=False,
        help_text=_("A walk-in: a company arriving through soft landing is chosen below."),
    )
    soft_landing = forms.ModelChoiceField(
        label=_("Arriving through soft landing"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The prospect's soft-landing case (its name is the prospect's)."),
    )
    enrolment = forms.ModelChoiceField(
        label=_("For the programme enrolment"), queryset=Organisation.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=LET_KINDS)
    area = forms.DecimalField(label=_("Area (m²)"), max_digits=9, decimal_places=1)
    wanted_from = forms.DateField(label=_("From"), widget=DATE)
    months = forms.IntegerField(label=_("For (months)"))
    needs = forms.CharField(label=_("Needs"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, organisations, enrolments, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["organisation"].required = False
            # Before the queryset: assigning it hands the choices to the widget in place.
            self.fields["organisation"].widget = organisation_picker()
        self.fields["organisation"].queryset = organisations
        self.fields["enrolment"].queryset = enrolments
        if staff:
            self.fields["soft_landing"].queryset = services.soft_landings()
        else:
            del self.fields["prospect"]
            del self.fields["soft_landing"]


class SpaceRequestFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *SpaceRequestStatus.choices], required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, required=False)
    min_area = forms.DecimalField(label=_("From (m²)"), min_value=0, max_value=1000000, required=False)
    max_area = forms.DecimalField(label=_("To (m²)"), min_value=0, max_value=1000000, required=False)
    wanted_after = forms.DateField(label=_("Wanted from"), widget=DATE, required=False)


def _units_field(label):
    return forms.ModelMultipleChoiceField(
        label=label, queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )


class UnitsForm(forms.Form):
    """A choice among a few units (the candidates, those offered): given in `__init__`."""

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units if units is not None else Unit.objects.none()


class VisitForm(UnitsForm):
    prefix = "visit"  # beside the offer's form on one page: ids of its own
    on = forms.DateField(label=_("Date"), widget=DATE)
    visitors = forms.CharField(label=_("Who"), max_length=300)
    units = _units_field(_("Units visited"))
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class OfferUnitsForm(UnitsForm):
    prefix = "offer"
    units = _units_field(_("Units offered"))


class SignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices, initial=AgreementKind.LICENCE)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for a prospect)"),
        queryset=Organisation.objects.all(),
        widget=organisation_picker(),
        required=False,
    )
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
    payment_frequency = forms.ChoiceField(
        label=_("Payment"), choices=PaymentFrequency.choices, initial=PaymentFrequency.MONTHLY
    )
    language = forms.ChoiceField(
        label=_("Tenant's language"), choices=[("fr", "Français"), ("en", "English")]
    )


class LoseForm(forms.Form):
    reason = forms.CharField(label=_("Why it was lost"), max_length=300)


class MoveForm(forms.Form):
    """A move-in or move-out checklist, with a reading of each meter of each of the agreement's units."""

    on = forms.DateField(label=_("Date"), widget=DATE)
    keys = forms.IntegerField(label=_("Keys"), min_value=0, max_value=1000, initial=0)
    badges = forms.IntegerField(label=_("Badges"), min_value=0, max_value=1000, initial=0)
    inventory = forms.CharField(
        label=_("Inventory of fixtures"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, units, leaving: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if leaving:
            self.fields["reason"] = forms.ChoiceField(
                label=_("Move-out reason"), choices=MoveOutReason.choices
            )
            self.fields.update(early_end_fields())
            self.fields["keys"].label = _("Keys returned")
            self.fields["badges"].label = _("Badges returned")
        else:
            self.fields["keys"].label = _("Keys handed over")
            self.fields["badges"].label = _("Badges handed over")
        self.meters = []
        for unit in units:
            for meter, label in Meter.choices:
                name = f"reading_{unit.pk}_{meter}"
                self.fields[name] = forms.DecimalField(
                    label=f"{unit.code}: {label}",
                    min_value=0,
                    max_digits=12,
                    decimal_places=2,
                    required=False,
                )
                self.meters.append((name, unit, meter))

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["readings"] = [
            (unit, meter, data.pop(name)) for name, unit, meter in self.meters if data.get(name) is not None
        ]
        for name, _unit, _meter in self.meters:
            data.pop(name, None)
        return data
