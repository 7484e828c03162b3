"""The staff's forms: freeze a year, restate a figure, write a report section."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Section


class FreezeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1998, max_value=2100)


class RestateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the figure restated?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the decision, who took it and when."),
    )


class SectionForm(forms.Form):
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=10)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    body_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paragraphs are separated by an empty line."),
    )
    body_fr = forms.CharField(
        label=_("Text (French)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    codes = forms.MultipleChoiceField(
        label=_("Figures inserted"), required=False, widget=forms.CheckboxSelectMultiple
    )
    display = forms.ChoiceField(label=_("Shown as"), choices=Section.DISPLAYS, initial=Section.FIGURES)

    def __init__(self, *args, snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(row.code, row.name) for row in snapshot.values.all()]
