"""Forms to divide and combine units. The rules live in `lineage.py`."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import DATE
from .models import Unit

PART = re.compile(r"^\s*(?P<code>[^\s;]{1,40})\s*[;\s]\s*(?P<area>\d+(?:[.,]\d)?)\s*(?:m²|m2)?\s*$")


class DivideForm(forms.Form):
    on = forms.DateField(label=_("From"), widget=DATE)
    parts = forms.CharField(
        label=_("Parts"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("One part a line: its code and its area in m², e.g. “L101A 25”."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_parts(self):
        parts = []
        for line in filter(None, (row.strip() for row in self.cleaned_data["parts"].splitlines())):
            match = PART.match(line)
            if not match:
                raise ValidationError(_("“%(line)s”: give a code and an area in m².") % {"line": line[:60]})
            parts.append({"code": match["code"], "area": match["area"].replace(",", ".")})
        return parts


class CombineForm(forms.Form):
    others = forms.ModelMultipleChoiceField(
        label=_("Combine with"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    code = forms.CharField(label=_("Code of the new unit"), max_length=40)
    on = forms.DateField(label=_("From"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        # The neighbours: the other units of its floor (a few rows).
        self.fields["others"].queryset = (
            Unit.objects.filter(building=unit.building_id, floor=unit.floor_id)
            .exclude(pk=unit.pk)
            .order_by("code")
        )
