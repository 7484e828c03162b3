"""One filter set for the directory, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import search
from .models import Campus, Organisation, OrganisationKind, TechnologyField
from .search import by_relevance, first_rows, matching, matching_by_name


def field_and_descendant_ids(codes: list[str]) -> list[int]:
    nodes = list(TechnologyField.objects.filter(code__in=codes).only("path"))
    if not nodes:
        return []
    subtree = Q()
    for node in nodes:
        subtree |= Q(path__startswith=node.path)
    return list(TechnologyField.objects.filter(subtree).values_list("pk", flat=True))


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    field = django_filters.CharFilter(label=_("Technology field"), method="filter_field")
    stage = django_filters.CharFilter(label=_("Value-chain stage"), method="filter_stage")
    campus = django_filters.ModelChoiceFilter(
        label=_("Campus"), queryset=Campus.objects.all(), to_field_name="pk"
    )
    tag = django_filters.CharFilter(label=_("Tag"), field_name="tags__name")
    source = django_filters.ChoiceFilter(
        label=_("Data"),
        method="filter_source",
        choices=[("seed", _("from documents")), ("synthetic", _("synthetic"))],
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "field", "stage", "campus", "tag", "source"]

    @property
    def text(self) -> str:
        """The search text, "" without one (or when the filters are not valid)."""
        return (self.form.cleaned_data.get("q") or "").strip() if self.is_valid() else ""

    def extent(self) -> tuple[int, tuple[int, ...] | None]:
        """How many results, and the ones to rank of a search with too many (`search.first_rows`).

        A search counts no further than SEARCH_LIMIT + 1 ("more than"); without a search
        text every result is counted.
        """
        if not self.text:
            return self.qs.count(), None
        return first_rows(self.qs, self._named(), search.SEARCH_LIMIT)

    def _named(self):
        """The results whose name or acronym matches the search text (`search.first_rows`)."""
        self._by_name = True
        try:
            return self.filter_queryset(self.queryset.all())
        finally:
            self._by_name = False

    def ranked(self, among: tuple[int, ...] | None = None):
        """The results, best match first when there is a search text (not for nesting).

        `among` is from `extent()`: a search with more results than SEARCH_LIMIT ranks (and
        pages through) SEARCH_LIMIT of them only.
        """
        return by_relevance(self.qs, self.text, among=among) if self.text else self.qs

    _by_name = False

    def filter_text(self, queryset, name, value):
        if not value.strip():
            return queryset
        return matching_by_name(queryset, value) if self._by_name else matching(queryset, value)

    def _through_filter(self, queryset, through, column, ids):
        matching = through.objects.filter(**{f"{column}__in": ids}).values("organisation_id")
        return queryset.filter(pk__in=matching)

    def filter_field(self, queryset, name, value):
        ids = field_and_descendant_ids([c for c in value.split(",") if c])
        return self._through_filter(
            queryset, Organisation.technology_fields.through, "technologyfield_id", ids
        )

    def filter_stage(self, queryset, name, value):
        through = Organisation.value_chain_stages.through
        matching = through.objects.filter(valuechainstage__code__in=value.split(",")).values(
            "organisation_id"
        )
        return queryset.filter(pk__in=matching)

    def filter_source(self, queryset, name, value):
        return (
            queryset.filter(source="synthetic")
            if value == "synthetic"
            else queryset.exclude(source="synthetic")
        )
