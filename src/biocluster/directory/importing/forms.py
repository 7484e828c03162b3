"""The forms of the import pages: upload, column mapping, decisions on duplicates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models_import import DuplicateDecision, ImportJob
from . import links
from .columns import columns
from .mapping import IGNORE, mapping_errors

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "The first row holds the column headers, in English or French. CSV: comma, semicolon or tab, "
            "UTF-8 or Windows-1252. Up to 50 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class ReplaceFileForm(forms.Form):
    file = forms.FileField(
        label=_("Corrected file"),
        help_text=_("The same file with the errors fixed; the check runs again at once."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


def field_choices(job: ImportJob | None = None):
    if job is not None and job.is_links:
        return [(IGNORE, _("— do not import —")), *((code, links.field_label(code)) for code in links.FIELDS)]
    return [(IGNORE, _("— do not import —")), *((c.code, c.label) for c in columns())]


class MappingForm(forms.Form):
    """One select per column of the file: which field it fills."""

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        choices = field_choices(job)
        for index, column in enumerate(job.columns):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=column["header"] or _("(no header)"),
                choices=choices,
                required=False,
                initial=job.mapping[index] if index < len(job.mapping) else IGNORE,
            )

    def rows(self):
        """(column, bound field) pairs, for the mapping table."""
        return [(column, self[f"column_{i}"]) for i, column in enumerate(self.job.columns)]

    def clean(self):
        cleaned = super().clean()
        self.mapping = [cleaned.get(f"column_{i}") or IGNORE for i in range(len(self.job.columns))]
        problems = links.full_mapping_errors if self.job.is_links else mapping_errors
        for error in problems(self.job.headers, self.mapping):
            self.add_error(None, error)
        return cleaned


class DecisionsForm(forms.Form):
    """A decision per likely duplicate shown, and one for the others."""

    default_decision = forms.ChoiceField(
        label=_("For the likely duplicates not listed here"), choices=DuplicateDecision.choices
    )

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        self.fields["default_decision"].initial = job.default_decision
        for duplicate in (job.report or {}).get("duplicates", []):
            row = str(duplicate["row"])
            self.fields[f"row_{row}"] = forms.ChoiceField(
                label=duplicate["name"],
                choices=DuplicateDecision.choices,
                initial=job.decisions.get(row, job.default_decision),
                widget=forms.RadioSelect,
            )

    def rows(self):
        return [
            (duplicate, self[f"row_{duplicate['row']}"])
            for duplicate in (self.job.report or {}).get("duplicates", [])
        ]

    def decisions(self) -> dict[str, str]:
        return {
            name.removeprefix("row_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("row_") and value
        }

    @property
    def has_hidden_duplicates(self) -> bool:
        counts = (self.job.report or {}).get("counts", {})
        return counts.get("duplicates", 0) > len((self.job.report or {}).get("duplicates", []))
