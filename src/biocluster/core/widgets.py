"""Searchable pickers for fields whose choices are a whole table (organisations, people).

A menu of every row grows with the directory (16,610 organisations make a 1 MB page), so
these widgets render only the chosen options, with the address of a JSON search
(`data-autocomplete-url`). `core/static/core/autocomplete.js` turns them into Tom Select
pickers that ask that address as the person types. The field keeps its queryset: the form
still accepts only what the field allows, whatever the search offered. Without JavaScript
the select keeps its chosen options, so a form shown again still submits them.

The search answers `{"results": [{"value": "12", "text": "Name"}]}` (`choices_response`),
among the rows the user may see.
"""

from urllib.parse import urlencode

from django import forms
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

RESULTS = 20
MAX_QUERY = 100


class AutocompleteMixin:
    """Only the chosen options are rendered; the others are searched at `url`."""

    def __init__(self, url, *, params=None, attrs=None):
        super().__init__(attrs=attrs)
        self.url = url
        self.params = params or {}

    class Media:
        css = {"all": ["vendor/tom-select.min.css"]}
        js = ["vendor/tom-select.complete.min.js", "core/autocomplete.js"]

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.params = dict(self.params)
        return copy

    def search_url(self) -> str:
        query = urlencode(self.params, doseq=True)
        return f"{self.url}?{query}" if query else str(self.url)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-autocomplete-url"] = self.search_url()
        attrs.setdefault("data-placeholder", _("Type to search…"))
        attrs.setdefault("data-no-results", _("Nothing found."))
        attrs.setdefault("autocomplete", "off")
        return attrs

    def optgroups(self, name, value, attrs=None):
        chosen = [str(v) for v in value if str(v).isdigit()]
        options = []
        if not self.allow_multiple_selected and not self.is_required:
            options.append(self.create_option(name, "", "", not chosen, 0))
        field = self.choices.field
        key = field.to_field_name or "pk"
        rows = field.queryset.filter(**{f"{key}__in": chosen}) if chosen else ()
        for row in rows:
            options.append(
                self.create_option(
                    name, str(getattr(row, key)), field.label_from_instance(row), True, len(options)
                )
            )
        return [(None, options, 0)]


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass


def search_text(request) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


def choices_response(rows, label=str) -> JsonResponse:
    """The answer of a picker's search: at most `RESULTS` rows, as value and text."""
    return JsonResponse({"results": [{"value": str(row.pk), "text": label(row)} for row in rows[:RESULTS]]})
