from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind


class PeriodForm(forms.Form):
    """The period a page shows: a year (to its 31 December) or a date, and a breakdown."""

    year = forms.IntegerField(label=_("Year"), min_value=1998, max_value=2100, required=False)
    at = forms.DateField(label=_("or on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    by = forms.ChoiceField(label=_("Broken down by"), required=False)

    def __init__(self, data, *, breakdowns=(), default_year: int):
        super().__init__(data, initial={"year": default_year})  # the field shows the year the page shows
        self.default_year = default_year
        self.fields["by"].choices = [("", _("no breakdown"))] + [
            (key, ind.BREAKDOWNS[key]) for key in breakdowns
        ]
        if not breakdowns:
            del self.fields["by"]

    def period_arguments(self) -> dict:
        """year= or at= for the registry: the default year when the form says nothing (or is wrong)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("at"):
            return {"at": data["at"]}
        return {"year": data.get("year") or self.default_year}

    def breakdown(self) -> str | None:
        return (self.cleaned_data.get("by") or None) if self.is_valid() and "by" in self.fields else None


class HistoricalValueForm(forms.Form):
    """A figure published before the system existed, with the document it was published in."""

    year = forms.IntegerField(label=_("Year"), min_value=1998, max_value=2100)
    value = forms.DecimalField(label=_("Published value"), max_digits=16, decimal_places=2)
    provenance = forms.ChoiceField(
        label=_("Provenance"),
        choices=[
            (ind.HISTORICAL, ind.PROVENANCES[ind.HISTORICAL]),
            (ind.ESTIMATED, ind.PROVENANCES[ind.ESTIMATED]),
        ],
    )
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("The document the figure was published in.")
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the figure covered; for an estimate, the method."),
    )
