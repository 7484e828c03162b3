"""One filter set for the register, shared by its pages, its export and `/api/accreditations`.

The querysets it filters carry `with_current_status()`. On the pages a bad value is left
out (the other filters still apply), never an error page; the API answers it with a 422.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Accreditation, Decision, Status


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class AccreditationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        field_name="current_status_value",
        empty_label=_("Any status"),
    )
    year = YearFilter(
        label=_("Year"), field_name="decided_on", lookup_expr="year", min_value=1998, max_value=2100
    )
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=Decision.choices, empty_label=_("Any decision")
    )

    class Meta:
        model = Accreditation
        fields = ["status", "year", "decision"]

    def chosen(self) -> dict:
        """The values applied, `None` for those not given or not valid."""
        self.errors  # noqa: B018 - validates the form, as `qs` does
        data = getattr(self.form, "cleaned_data", {})
        return {name: data.get(name) or None for name in self.Meta.fields}
