"""The staff's forms for funder contracts. The rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind
from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import Organisation

from .models import FIRST_YEAR, LAST_YEAR, Language
from .services import FUNDER_KINDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT = {"max_digits": 14, "decimal_places": 2}


class ContractForm(forms.Form):
    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Organisation.objects.all(),
        widget=organisation_picker(kind=sorted(FUNDER_KINDS)),
        help_text=_("A funder or a public body of the directory: type its name."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    reference = forms.CharField(label=_("Reference"), max_length=60)
    amount = forms.DecimalField(label=_("Amount (EUR)"), **AMOUNT)
    start_year = forms.IntegerField(label=_("First year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    end_year = forms.IntegerField(label=_("Last year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    language = forms.ChoiceField(
        label=_("The funder's language"),
        choices=Language.choices,
        help_text=_("The language of the reports exported for the funder."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectiveForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300)
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description_fr = forms.CharField(
        label=_("Description (French)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def indicator_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(i.code, f"{i.name} ({i.code})") for i in ind.all_indicators()]


class TargetsForm(forms.Form):
    """An indicator of the registry and the objective's target for it in each year of the contract."""

    indicator = forms.ChoiceField(label=_("Indicator"))

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["indicator"].choices = indicator_choices()
        for year in years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("Target %(year)s") % {"year": year},
                required=False,
                **{"max_digits": 16, "decimal_places": 2},
            )

    def targets(self) -> dict[int, object]:
        return {year: self.cleaned_data.get(f"target_{year}") for year in self.years}


class ProjectForm(forms.Form):
    award = forms.CharField(
        label=_("Award (proposal reference)"),
        required=False,
        max_length=40,
        help_text=_(
            "The reference of an awarded proposal (e.g. EQ-2024-0003); or leave empty and name the project."
        ),
    )
    title = forms.CharField(label=_("Project"), required=False, max_length=300)
    amount = forms.DecimalField(label=_("Amount (EUR)"), **AMOUNT)


class InstalmentForm(forms.Form):
    expected_on = forms.DateField(label=_("Expected on"), widget=DATE)
    amount = forms.DecimalField(label=_("Amount expected (EUR)"), **AMOUNT)
    received_on = forms.DateField(label=_("Received on"), required=False, widget=DATE)
    received_amount = forms.DecimalField(label=_("Amount received (EUR)"), required=False, **AMOUNT)


class DeadlineForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    what = forms.CharField(label=_("What is due"), max_length=300)
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DATE)
