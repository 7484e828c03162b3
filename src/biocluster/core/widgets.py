"""Searchable pickers for fields whose choices are a whole table (organisations, people).

A menu of every row grows with the directory (16,610 organisations make a 1 MB page), so
these widgets render only the chosen options, with the address of a JSON search
(`data-autocomplete-url`). `core/static/core/autocomplete.js` turns them into Tom Select
pickers that ask that address as the person types. The field keeps its queryset: the form
still accepts only what the field allows, whatever the search offered.

Without JavaScript, a search box beside the select (in `<noscript>`) takes the text: the form
comes back refused ("choose among the matches") with the matches, searched on the server by the
widget's `search(queryset, text)`, as the select's options; the chosen ones are kept.

The search answers `{"results": [{"value": "12", "text": "Name"}]}` (`choices_response`),
among the rows the user may see.
"""

from urllib.parse import urlencode

from django import forms
from django.http import JsonResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

RESULTS = 20
MAX_QUERY = 100
# Sent in place of a value while a search typed without JavaScript awaits a choice: never valid.
SEARCHING = "?search"


class AutocompleteMixin:
    """Only the chosen options are rendered; the others are searched at `url`."""

    def __init__(self, url, *, params=None, search=None, attrs=None):
        super().__init__(attrs=attrs)
        self.url = url
        self.params = params or {}
        self.search = search
        self.query = ""

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

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        self.query = (data.get(f"{name}-q") or "").strip()[:MAX_QUERY]
        if not self.query or self.search is None:
            return value
        if self.allow_multiple_selected:
            return [*value, SEARCHING]
        return SEARCHING if value in (None, "") else value

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        if self.search is None:
            return select
        return format_html(
            '{}<noscript><input type="search" name="{}-q" value="{}" maxlength="{}" aria-label="{}" '
            'placeholder="{}"> <button type="submit" class="secondary outline">{}</button></noscript>',
            select,
            name,
            self.query,
            MAX_QUERY,
            _("Search"),
            _("Type a name, then search"),
            _("Search"),
        )

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
        if self.search is not None and self.query:  # without JavaScript: the matches to choose from
            for row in self.search(field.queryset, self.query)[:RESULTS]:
                if str(getattr(row, key)) not in chosen:
                    options.append(
                        self.create_option(
                            name, str(getattr(row, key)), field.label_from_instance(row), False, len(options)
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
