"""The Django form a page shows for a call's form definition.

Field names are the definition's keys prefixed with ``a_`` (budget lines add
``-<line>-<column>``). Any other name posted, other than the page's own controls,
is a tampered request: the form is invalid and nothing is saved.
"""

import re
from decimal import Decimal

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from biocluster.core.uploads import check_upload
from biocluster.directory.forms import organisation_picker, person_picker

from ..display import label
from .schema import fields_of

PREFIX = "a_"
BUDGET_COLUMNS = ("category", "description", "amount")
BUDGET_NAME = re.compile(r"^a_([a-z][a-z0-9_]{0,39})-(\d{1,2})-(category|description|amount)$")


class BudgetWidget(forms.Widget):
    def __init__(self, categories, rows, attrs=None):
        super().__init__(attrs)
        self.categories, self.rows = categories, rows

    def value_from_datadict(self, data, files, name):
        lines = []
        for index in range(self.rows):
            line = {column: data.get(f"{name}-{index}-{column}", "").strip() for column in BUDGET_COLUMNS}
            if any(line.values()):
                lines.append(line)
        return lines

    def render(self, name, value, attrs=None, renderer=None):
        value = list(value or [])
        head = format_html(
            "<thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr></thead>",
            _("Category"),
            _("Description"),
            _("Amount (EUR)"),
        )
        body = []
        for index in range(self.rows):
            line = value[index] if index < len(value) else {}
            options = format_html_join(
                "",
                "<option value='{}'{}>{}</option>",
                (
                    (
                        c["value"],
                        mark_safe(" selected") if c["value"] == line.get("category") else "",
                        label(c),
                    )
                    for c in self.categories
                ),
            )
            body.append(
                format_html(
                    "<tr><td><select name='{0}-{1}-category' aria-label='{2}'><option value=''>—</option>{3}</select></td>"
                    "<td><input name='{0}-{1}-description' maxlength='200' value='{4}' aria-label='{5}'></td>"
                    "<td><input name='{0}-{1}-amount' inputmode='decimal' value='{6}' aria-label='{7}'></td></tr>",
                    name,
                    index,
                    _("Category"),
                    options,
                    line.get("description", ""),
                    _("Description"),
                    line.get("amount", ""),
                    _("Amount (EUR)"),
                )
            )
        return format_html(
            "<table class='budget'>{}<tbody>{}</tbody></table>", head, mark_safe("".join(body))
        )


class BudgetField(forms.Field):
    widget = BudgetWidget

    def __init__(self, *, categories, max_rows, **kwargs):
        super().__init__(widget=BudgetWidget(categories, max_rows), **kwargs)

    def to_python(self, value):
        return value or []


class CheckedFileField(forms.FileField):
    def __init__(self, *, definition, **kwargs):
        self.definition = definition
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "read"):
            head = upload.read(2048)
            upload.seek(0)
            problems = check_upload(self.definition, name=upload.name, size=upload.size, head=head)
            if problems:
                raise forms.ValidationError(problems)
        return upload


def _field(definition: dict, choices_for, attachment_name: str | None) -> forms.Field:
    common = {"label": label(definition), "help_text": label(definition, "help"), "required": False}
    kind = definition["type"]
    if kind == "text":
        widget = forms.Textarea(attrs={"rows": 6}) if definition.get("multiline") else forms.TextInput()
        return forms.CharField(max_length=definition["max_length"], widget=widget, **common)
    if kind == "number":
        places = definition.get("decimals", 0)
        return forms.DecimalField(
            min_value=None if definition.get("min") is None else Decimal(str(definition["min"])),
            max_value=None if definition.get("max") is None else Decimal(str(definition["max"])),
            decimal_places=places,
            **common,
        )
    if kind == "choice":
        choices = [(c["value"], label(c)) for c in definition["choices"]]
        if definition.get("multiple"):
            return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    if kind == "date":
        attrs = {"type": "date"}
        if definition.get("min"):
            attrs["min"] = definition["min"]
        if definition.get("max"):
            attrs["max"] = definition["max"]
        return forms.DateField(widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d"), **common)
    if kind in ("person", "organisation"):
        # Searched as one types among what the applicant may see, never listed (core/widgets.py).
        if kind == "person":
            widget = person_picker()
        else:
            widget = organisation_picker(**({"kind": definition["kinds"]} if definition.get("kinds") else {}))
        return forms.ModelChoiceField(queryset=choices_for(definition), widget=widget, **common)
    if kind == "budget":
        return BudgetField(categories=definition["categories"], max_rows=definition["max_rows"], **common)
    accept = ",".join("." + e for e in definition["extensions"])
    help_text = common.pop("help_text")
    limits = _("Accepted: %(types)s; at most %(size)s MB.") % {
        "types": ", ".join(definition["extensions"]),
        "size": definition["max_size_mb"],
    }
    if attachment_name:
        limits += " " + _("Current file: %(name)s.") % {"name": attachment_name}
    return CheckedFileField(
        definition=definition,
        widget=forms.FileInput(attrs={"accept": accept}),
        help_text=f"{help_text} {limits}".strip(),
        **common,
    )


class AnswersForm(forms.Form):
    """The applicant's answers; `answers()` gives them as the service expects them."""

    def __init__(self, definition, *args, choices_for, attachments=None, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.allowed = set(allowed)
        attachments = attachments or {}
        self.sections = []
        for section in definition.get("sections", []):
            names = []
            for field in section["fields"]:
                name = PREFIX + field["key"]
                self.fields[name] = _field(field, choices_for, attachments.get(field["key"]))
                self.fields[name].definition = field
                names.append(name)
            self.sections.append((label(section, "title"), label(section, "help"), names))

    def clean(self):
        data = super().clean()
        budgets = {f["key"]: f["max_rows"] for f in fields_of(self.definition) if f["type"] == "budget"}
        unknown = []
        for name in list(self.data) + list(self.files):
            if name in self.allowed or (name.startswith(PREFIX) and name in self.fields):
                continue
            match = BUDGET_NAME.match(name)
            if match and match[1] in budgets and int(match[2]) < budgets[match[1]]:
                continue
            unknown.append(name)
        if unknown:
            raise forms.ValidationError(
                _("The form was altered: %(names)s is not one of its fields. Nothing was saved.")
                % {"names": ", ".join(sorted(n[:60] for n in unknown)[:5])}
            )
        return data

    def answers(self) -> dict:
        result = {}
        for name, value in self.cleaned_data.items():
            field = self.fields[name].definition
            if field["type"] == "file":
                continue
            if field["type"] == "date" and value:
                value = value.isoformat()
            elif field["type"] == "number" and value is not None:
                value = str(value)
            elif field["type"] in ("person", "organisation") and value is not None:
                value = value.pk
            if value not in (None, "", []):
                result[field["key"]] = value
        return result

    def uploads(self) -> dict:
        return {
            self.fields[name].definition["key"]: value
            for name, value in self.cleaned_data.items()
            if self.fields[name].definition["type"] == "file" and value and hasattr(value, "read")
        }

    def add_service_errors(self, error) -> None:
        """Put a service's ValidationError on the right fields (``answers.<key>`` → ``a_<key>``)."""
        for key, messages in error.message_dict.items():
            name = PREFIX + key.removeprefix("answers.") if key.startswith("answers.") else None
            self.add_error(name if name in self.fields else None, messages)
