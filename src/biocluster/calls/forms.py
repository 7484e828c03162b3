"""The page forms of the calls area (the applicant's answers form is in `formdef.forms`)."""

from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biocluster.accounts.models import Role
from biocluster.directory.forms import organisation_picker
from biocluster.directory.models import Organisation, OrganisationKind, TechnologyField

from .formdef.editing import parse_options
from .formdef.schema import FIELD_TYPES, FILE_EXTENSIONS
from .kinds import kind_choices
from .models import Language, Outcome

TIME_ZONES = [
    "Europe/Paris",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Montreal",
    "America/Los_Angeles",
    "Asia/Singapore",
    "Asia/Tokyo",
    "UTC",
]
MOMENT = "%Y-%m-%dT%H:%M:%S"


class MomentInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(attrs={"step": 1}, format=MOMENT)


class CallForm(forms.Form):
    """A call's settings. Dates are typed as wall-clock times in the call's own time zone."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=kind_choices)
    collaborative = forms.BooleanField(
        label=gettext_lazy("Call for collaborative projects"),
        required=False,
        help_text=gettext_lazy(
            "Proposals are made by a consortium: those who apply see suggested consortium partners."
        ),
    )
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=gettext_lazy("Title (French)"), max_length=200)
    summary_en = forms.CharField(
        label=gettext_lazy("Summary (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    summary_fr = forms.CharField(
        label=gettext_lazy("Summary (French)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    description_en = forms.CharField(
        label=gettext_lazy("Description (English)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=50_000,
    )
    description_fr = forms.CharField(
        label=gettext_lazy("Description (French)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=50_000,
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Themes"),
        queryset=TechnologyField.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    time_zone = forms.ChoiceField(label=gettext_lazy("Time zone"), choices=[(z, z) for z in TIME_ZONES])
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens"), widget=MomentInput(), input_formats=[MOMENT, "%Y-%m-%dT%H:%M"]
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes"),
        widget=MomentInput(),
        input_formats=[MOMENT, "%Y-%m-%dT%H:%M"],
        help_text=gettext_lazy("Submissions are accepted until this second, in the call's time zone."),
    )
    review_due_at = forms.DateTimeField(
        label=gettext_lazy("Reviews due"),
        widget=MomentInput(),
        input_formats=[MOMENT, "%Y-%m-%dT%H:%M"],
        required=False,
    )
    budget_envelope = forms.DecimalField(
        label=gettext_lazy("Budget envelope (EUR)"), min_value=0, max_digits=12, decimal_places=2
    )
    reference_prefix = forms.RegexField(
        label=gettext_lazy("Reference prefix"),
        regex=r"^[A-Z0-9]{1,12}$",
        help_text=gettext_lazy("Capital letters and digits, e.g. EQ26."),
    )
    managers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Staff running the call"),
        queryset=get_user_model().objects.filter(role_grants__role=Role.STAFF).distinct(),
        required=False,
    )

    MOMENTS = ("opens_at", "closes_at", "review_due_at")

    @classmethod
    def initial_for(cls, call) -> dict:
        zone = call.zone
        initial = {
            name: getattr(call, name) for name in cls.base_fields if name not in ("themes", "managers")
        }
        for name in cls.MOMENTS:
            value = getattr(call, name)
            initial[name] = timezone.localtime(value, zone).replace(tzinfo=None) if value else None
        initial["themes"] = list(call.themes.all())
        initial["managers"] = list(call.managers.all())
        return initial

    def clean(self):
        data = super().clean()
        zone = ZoneInfo(data.get("time_zone") or "Europe/Paris")
        for name in self.MOMENTS:
            value = data.get(name)
            if value is not None:
                # The field read the wall-clock time in the site's zone; read it in the call's.
                data[name] = timezone.make_aware(timezone.make_naive(value).replace(microsecond=0), zone)
        if not data.get("managers"):
            data.pop("managers", None)
        return data


class ProposalCoreForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250, required=False)
    summary = forms.CharField(
        label=gettext_lazy("Public summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
        help_text=gettext_lazy(
            "Reviewers read it before they declare whether they have a conflict of interest."
        ),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of correspondence"), choices=Language.choices)
    requested_amount = forms.DecimalField(
        label=gettext_lazy("Requested amount (EUR)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=organisation_picker(),
    )
    technology_fields = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Technology fields"),
        queryset=TechnologyField.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations=None, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        self.fields["technology_fields"].queryset = (
            themes if themes is not None else TechnologyField.objects.all()
        )


class ShareForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Co-applicant's email"))


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=gettext_lazy("Do you have a conflict of interest with this proposal?"),
        choices=[
            ("no", gettext_lazy("No, I have no conflict of interest")),
            ("yes", gettext_lazy("Yes, I have a conflict of interest")),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (if you have a conflict)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class ReviewForm(forms.Form):
    comment_to_committee = forms.CharField(
        label=gettext_lazy("Comment to the committee"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
    )
    comment_to_applicant = forms.CharField(
        label=gettext_lazy("Comment to the applicant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10_000,
        help_text=gettext_lazy("The applicant reads it with the decision, without your name."),
    )

    def __init__(self, rubric, *args, language_label, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = rubric["scale"]["min"], rubric["scale"]["max"]
        self.criteria = []
        for criterion in rubric["criteria"]:
            name = "score_" + criterion["key"]
            self.fields[name] = forms.TypedChoiceField(
                label=f"{language_label(criterion)} (x{criterion['weight']})",
                choices=[("", "—")] + [(str(n), str(n)) for n in range(low, high + 1)],
                coerce=int,
                required=False,
                empty_value=None,
                help_text=language_label(criterion, "help"),
            )
            self.criteria.append(name)

    def scores(self) -> dict:
        return {
            name.removeprefix("score_"): self.cleaned_data[name]
            for name in self.criteria
            if self.cleaned_data.get(name) is not None
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Decision"), choices=Outcome.choices)
    amount = forms.DecimalField(
        label=gettext_lazy("Amount (EUR)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    note_to_applicant = forms.CharField(
        label=gettext_lazy("Note to the applicant"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )


class AssignForm(forms.Form):
    reviewer = forms.TypedChoiceField(label=gettext_lazy("Reviewer"), coerce=int)

    def __init__(self, *args, reviewers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "—"), *reviewers]


class SectionForm(forms.Form):
    key = forms.CharField(
        label=gettext_lazy("Key"),
        max_length=40,
        help_text=gettext_lazy("Lower-case letters, digits and _, e.g. budget."),
    )
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=gettext_lazy("Title (French)"), max_length=200)
    help_en = forms.CharField(label=gettext_lazy("Help (English)"), max_length=2000, required=False)
    help_fr = forms.CharField(label=gettext_lazy("Help (French)"), max_length=2000, required=False)

    def section(self) -> dict:
        return dict(self.cleaned_data)


class FieldForm(forms.Form):
    """One field of the application form. Only the settings of its type are kept."""

    section = forms.ChoiceField(label=gettext_lazy("Section"))
    key = forms.CharField(
        label=gettext_lazy("Key"),
        max_length=40,
        help_text=gettext_lazy("Lower-case letters, digits and _, e.g. abstract."),
    )
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=[(t, t) for t in FIELD_TYPES])
    label_en = forms.CharField(label=gettext_lazy("Label (English)"), max_length=200)
    label_fr = forms.CharField(label=gettext_lazy("Label (French)"), max_length=200)
    help_en = forms.CharField(label=gettext_lazy("Help (English)"), max_length=2000, required=False)
    help_fr = forms.CharField(label=gettext_lazy("Help (French)"), max_length=2000, required=False)
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False)
    max_length = forms.IntegerField(label=gettext_lazy("Text: most characters"), required=False)
    multiline = forms.BooleanField(label=gettext_lazy("Text: several lines"), required=False)
    min = forms.CharField(label=gettext_lazy("Number or date: lowest"), required=False, max_length=20)
    max = forms.CharField(label=gettext_lazy("Number or date: highest"), required=False, max_length=20)
    decimals = forms.IntegerField(label=gettext_lazy("Number: decimal places"), required=False)
    options = forms.CharField(
        label=gettext_lazy("Choice or budget: options"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("One per line: value | English | Français"),
    )
    multiple = forms.BooleanField(label=gettext_lazy("Choice: several answers"), required=False)
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Organisation: accepted kinds"), choices=OrganisationKind.choices, required=False
    )
    max_rows = forms.IntegerField(label=gettext_lazy("Budget: most lines"), required=False)
    max_total = forms.DecimalField(label=gettext_lazy("Budget: highest total (EUR)"), required=False)
    extensions = forms.MultipleChoiceField(
        label=gettext_lazy("File: accepted types"),
        choices=[(e, e) for e in FILE_EXTENSIONS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_size_mb = forms.DecimalField(label=gettext_lazy("File: largest size (MB)"), required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s["key"], s.get("title_en") or s["key"]) for s in sections]

    def field(self) -> dict:
        data = self.cleaned_data
        kind = data["type"]
        result = {
            name: data[name]
            for name in ("key", "type", "label_en", "label_fr", "help_en", "help_fr", "required")
        }

        def number(value):
            try:
                return float(value) if "." in value else int(value)
            except ValueError:
                return value  # the schema names the problem

        if kind == "text":
            result["max_length"] = data["max_length"] or 2000
            result["multiline"] = data["multiline"]
        elif kind == "number":
            for name in ("min", "max"):
                if data[name]:
                    result[name] = number(data[name])
            result["decimals"] = data["decimals"] or 0
        elif kind == "date":
            for name in ("min", "max"):
                if data[name]:
                    result[name] = data[name]
        elif kind == "choice":
            result["choices"] = parse_options(data["options"])
            result["multiple"] = data["multiple"]
        elif kind == "organisation":
            result["kinds"] = data["kinds"]
        elif kind == "budget":
            result["categories"] = parse_options(data["options"])
            result["max_rows"] = data["max_rows"] or 10
            if data["max_total"] is not None:
                result["max_total"] = float(data["max_total"])
        elif kind == "file":
            result["extensions"] = data["extensions"] or ["pdf"]
            result["max_size_mb"] = float(data["max_size_mb"] or 10)
        return result


class DefinitionJsonForm(forms.Form):
    definition = forms.CharField(
        label=gettext_lazy("The form as JSON"), widget=forms.Textarea(attrs={"rows": 16}), max_length=500_000
    )

    def clean_definition(self):
        import json

        try:
            return json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON: %(error)s (line %(line)s).")
                % {"error": error.msg, "line": error.lineno}
            ) from error


class RubricForm(forms.Form):
    scale_min = forms.IntegerField(label=gettext_lazy("Lowest score"), min_value=0, max_value=99)
    scale_max = forms.IntegerField(label=gettext_lazy("Highest score"), min_value=1, max_value=100)
    criteria = forms.CharField(
        label=gettext_lazy("Criteria"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=gettext_lazy("One per line: key | weight | English | Français"),
    )

    def rubric(self) -> dict:
        criteria = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", ""]
            try:
                weight = float(parts[1]) if "." in parts[1] else int(parts[1])
            except ValueError:
                weight = parts[1]
            criteria.append({"key": parts[0], "weight": weight, "label_en": parts[2], "label_fr": parts[3]})
        return {
            "scale": {"min": self.cleaned_data["scale_min"], "max": self.cleaned_data["scale_max"]},
            "criteria": criteria,
        }


class EligibilityForm(forms.Form):
    permanent_position = forms.BooleanField(
        label=gettext_lazy("The applicant holds a permanent position"), required=False
    )
    affiliated_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("The applicant works in an organisation of these kinds"),
        choices=OrganisationKind.choices,
        required=False,
    )
    organisation_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("The applying organisation is of these kinds"),
        choices=OrganisationKind.choices,
        required=False,
    )
    organisation_max_age = forms.IntegerField(
        label=gettext_lazy("The applying organisation is under (years)"),
        required=False,
        min_value=1,
        max_value=100,
    )
    declarations = forms.CharField(
        label=gettext_lazy("Statements the applicant confirms"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=gettext_lazy("One per line: key | English | Français"),
    )

    @staticmethod
    def initial_for(rules: list[dict]) -> dict:
        initial = {"declarations": ""}
        lines = []
        for rule in rules:
            params = rule.get("params", {})
            if rule["type"] == "permanent_position":
                initial["permanent_position"] = True
            elif rule["type"] == "affiliated_with":
                initial["affiliated_kinds"] = params["kinds"]
            elif rule["type"] == "organisation_kind":
                initial["organisation_kinds"] = params["kinds"]
            elif rule["type"] == "organisation_max_age":
                initial["organisation_max_age"] = params["years"]
            elif rule["type"] == "declaration":
                lines.append(f"{params['key']} | {params['text_en']} | {params['text_fr']}")
        initial["declarations"] = "\n".join(lines)
        return initial

    def rules(self) -> list[dict]:
        data, rules = self.cleaned_data, []
        if data["permanent_position"]:
            rules.append({"type": "permanent_position"})
        if data["affiliated_kinds"]:
            rules.append({"type": "affiliated_with", "params": {"kinds": data["affiliated_kinds"]}})
        if data["organisation_kinds"]:
            rules.append({"type": "organisation_kind", "params": {"kinds": data["organisation_kinds"]}})
        if data["organisation_max_age"]:
            rules.append({"type": "organisation_max_age", "params": {"years": data["organisation_max_age"]}})
        for option in parse_options(data["declarations"]):
            rules.append(
                {
                    "type": "declaration",
                    "params": {
                        "key": option["value"],
                        "text_en": option["label_en"],
                        "text_fr": option["label_fr"],
                    },
                }
            )
        return rules
