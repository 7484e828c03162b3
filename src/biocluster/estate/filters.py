"""The filters of the units' list, shared by the pages and the API (`/api/units`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.models import Campus

from .models import Agreement, AgreementKind, AgreementStatus, Building, Unit, UnitKind


class UnitFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices)
    campus = django_filters.ModelChoiceFilter(
        label=_("Campus"), field_name="building__campus", queryset=Campus.objects.all()
    )
    building = django_filters.NumberFilter(label=_("Building"), field_name="building_id")
    min_area = django_filters.NumberFilter(
        label=_("From (m²)"), field_name="area", lookup_expr="gte", min_value=0
    )
    max_area = django_filters.NumberFilter(
        label=_("To (m²)"), field_name="area", lookup_expr="lte", min_value=0
    )
    free_from = django_filters.DateFilter(
        label=_("Free from"), method="filter_free", widget=forms.DateInput(attrs={"type": "date"})
    )
    free_to = django_filters.DateFilter(
        label=_("Free until"), method="filter_free", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Unit
        fields = ["kind", "campus", "building", "min_area", "max_area", "free_from", "free_to"]

    def filter_free(self, queryset, name, value):
        return queryset  # both dates together, in filter_queryset

    def is_valid(self):
        valid = super().is_valid()
        if valid:
            first, last = self.form.cleaned_data.get("free_from"), self.form.cleaned_data.get("free_to")
            if (first is None) != (last is None):
                missing = "free_to" if last is None else "free_from"
                self.form.add_error(missing, _("Give both dates of the period the unit must be free."))
                return False
            if first is not None and last < first:
                self.form.add_error("free_to", _("The end comes on or after the start."))
                return False
        return valid

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        first, last = self.form.cleaned_data.get("free_from"), self.form.cleaned_data.get("free_to")
        if first is not None and last is not None:
            queryset = queryset.lettable().free_between(first, last)
        return queryset


class BuildingFilter(django_filters.FilterSet):
    campus = django_filters.NumberFilter(label=_("Campus"), field_name="campus_id")

    class Meta:
        model = Building
        fields = ["campus"]


class AgreementFilter(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(label=_("Organisation"), field_name="organisation_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgreementKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    unit = django_filters.NumberFilter(label=_("Unit"), field_name="lines__unit_id", distinct=True)
    current_at = django_filters.DateFilter(
        label=_("Current on"), method="filter_current", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Agreement
        fields = ["organisation", "kind", "status", "unit", "current_at"]

    def filter_current(self, queryset, name, value):
        return queryset.current_at(value)
