"""Counts per kind, technology field, value-chain stage and campus for a result set."""

from dataclasses import dataclass

from django.db.models import Count

from .models import Campus, Organisation, OrganisationKind, TechnologyField, ValueChainStage


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    depth: int = 1


def _through_counts(queryset, through, column: str) -> dict[int, int]:
    rows = (
        through.objects.filter(organisation_id__in=queryset.order_by().values("pk"))
        .values(column)
        .annotate(n=Count("*"))
        .values_list(column, "n")
    )
    return dict(rows)


def facets(queryset) -> dict[str, list[FacetValue]]:
    kinds = dict(queryset.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    campus_counts = dict(
        queryset.order_by()
        .filter(campus__isnull=False)
        .values("campus")
        .annotate(n=Count("pk"))
        .values_list("campus", "n")
    )
    field_counts = _through_counts(queryset, Organisation.technology_fields.through, "technologyfield_id")
    stage_counts = _through_counts(queryset, Organisation.value_chain_stages.through, "valuechainstage_id")
    return {
        "kind": [
            FacetValue(k.value, str(k.label), kinds[k.value]) for k in OrganisationKind if kinds.get(k.value)
        ],
        "field": [
            FacetValue(f.code, f.name, field_counts.get(f.pk, 0), f.depth)
            for f in TechnologyField.objects.get_tree()
            if field_counts.get(f.pk) or f.depth == 1
        ],
        "stage": [
            FacetValue(s.code, s.name, stage_counts.get(s.pk, 0)) for s in ValueChainStage.objects.all()
        ],
        "campus": [
            FacetValue(str(c.pk), c.name, campus_counts[c.pk])
            for c in Campus.objects.all()
            if campus_counts.get(c.pk)
        ],
    }
