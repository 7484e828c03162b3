"""Forms of the programmes' pages. They only read input: the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.forms import person_picker
from biocluster.directory.models import Person, TechnologyField

from .models import (
    Action,
    ActionStatus,
    Cohort,
    ExitReason,
    Expert,
    ExpertKind,
    MilestoneKind,
    Objective,
    PlanReview,
    Programme,
    Round,
    SessionKind,
)
from .services.programmes import PROGRAMME_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = list(PROGRAMME_FIELDS)


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    intake_call = forms.ModelChoiceField(label=_("Intake call"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from biocluster.calls.models import Call

        self.fields["intake_call"].queryset = Call.objects.filter(kind="programme_intake")


class PlanForm(forms.Form):
    diagnosis = forms.CharField(label=_("Diagnosis"), widget=forms.Textarea, max_length=10000, required=False)
    review_date = forms.DateField(label=_("Add a review date"), widget=DATE, required=False)


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=200)


class ActionForm(forms.Form):
    objective = forms.ModelChoiceField(label=_("Objective"), queryset=Objective.objects.none())
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.CharField(label=_("Owner"), max_length=120)
    due_date = forms.DateField(label=_("Due"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = enrolment.objectives.all()


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    expert = forms.ModelChoiceField(
        label=_("Expert or mentor"),
        queryset=Expert.objects.filter(is_active=True).select_related("person"),
        required=False,
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), required=False, min_value=0, max_digits=6, decimal_places=2)
    days = forms.DecimalField(label=_("or days"), required=False, min_value=0, max_digits=5, decimal_places=2)
    override_reason = forms.CharField(
        label=_("Reason to go over the quota (staff only)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["override_reason"]


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("What"), max_length=200)
    evidence = forms.CharField(
        label=_("Evidence"),
        max_length=500,
        required=False,
        help_text=_("A link or a reference; or attach a file below."),
    )
    evidence_upload = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("PDF, image or office document (pdf, png, jpg, docx, xlsx, odt, ods), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods"}),
    )
    amount = forms.DecimalField(label=_("Amount (EUR)"), required=False, max_digits=14, decimal_places=2)
    round = forms.ChoiceField(label=_("Round"), choices=[("", "—"), *Round.choices], required=False)
    investors = forms.CharField(label=_("Investors"), max_length=500, required=False)
    count = forms.IntegerField(
        label=_("Number (hires, patents)"), required=False, min_value=1, max_value=10000
    )


class RenewalForm(forms.Form):
    requested_end_date = forms.DateField(label=_("New end"), widget=DATE)
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("graduate", _("Graduates")), ("exit", _("Leaves"))]
    )
    on = forms.DateField(label=_("On"), widget=DATE)
    into_cohort = forms.ModelChoiceField(
        label=_("Then joins the cohort"), queryset=Cohort.objects.select_related("programme"), required=False
    )
    reason = forms.ChoiceField(
        label=_("Reason (leaving)"), choices=[("", "—"), *ExitReason.choices], required=False
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=3000, required=False
    )


class ExpertForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person of the directory"),
        queryset=Person.objects.all(),
        widget=person_picker(),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ExpertKind.choices)
    fields_ = forms.ModelMultipleChoiceField(
        label=_("Fields"), queryset=TechnologyField.objects.all(), required=False
    )
    expertise_en = forms.CharField(label=_("Expertise (English)"), max_length=300, required=False)
    expertise_fr = forms.CharField(label=_("Expertise (French)"), max_length=300, required=False)


class ReviewForm(forms.Form):
    """A plan review held: which scheduled review, when, notes, each action's status, the next date."""

    review = forms.ModelChoiceField(
        label=_("Scheduled review"),
        queryset=PlanReview.objects.none(),
        required=False,
        empty_label=_("Not scheduled"),
    )
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    next_review = forms.DateField(label=_("Next review"), widget=DATE, required=False)

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = enrolment.plan_reviews.filter(held_on__isnull=True)
        self.actions = list(Action.objects.filter(objective__enrolment=enrolment).select_related("objective"))
        for action in self.actions:
            self.fields[self.status_field(action)] = forms.ChoiceField(
                label=f"{action.objective.title} — {action.title}",
                choices=ActionStatus.choices,
                initial=action.status,
            )

    @staticmethod
    def status_field(action) -> str:
        return f"action_{action.pk}"

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "review": data["review"],
            "held_on": data["held_on"],
            "notes": data["notes"],
            "next_review": data["next_review"],
            "statuses": {action.pk: data[self.status_field(action)] for action in self.actions},
        }
