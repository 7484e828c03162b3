"""The staff's forms on an organisation's page and for segments. The rules live in the services."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from biocluster.accounts.roles import staff_users
from biocluster.directory.forms import people_picker
from biocluster.directory.models import Affiliation, Person

from .models import Interaction, InteractionKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InteractionKind.choices)
    happened_on = forms.DateField(label=_("Date"), widget=DATE)
    people = forms.ModelMultipleChoiceField(
        label=_("People of the organisation"),
        queryset=Person.objects.none(),  # its current people (__init__): a few rows
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others = forms.ModelMultipleChoiceField(
        label=_("Other people"),
        queryset=Person.objects.all(),
        required=False,
        widget=people_picker(),
        help_text=_("People of the directory from other organisations: type a name."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, organisation, interaction: Interaction | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = Affiliation.objects.current().filter(organisation=organisation).values("person_id")
        chosen = Q(pk__in=current)
        if interaction is not None:
            chosen |= Q(
                pk__in=interaction.people.filter(affiliations__organisation=organisation).values("pk")
            )
            ours = set(interaction.people.filter(chosen).values_list("pk", flat=True))
            self.initial.setdefault("kind", interaction.kind)
            self.initial.setdefault("happened_on", interaction.happened_on)
            self.initial.setdefault("notes", interaction.notes)
            self.initial.setdefault("people", list(ours))
            self.initial.setdefault(
                "others", list(interaction.people.exclude(pk__in=ours).values_list("pk", flat=True))
            )
        self.fields["people"].queryset = Person.objects.filter(chosen).order_by("last_name", "first_name")

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        others = data.pop("others")
        data["people"] = list(dict.fromkeys([*data["people"], *others]))
        return data


class TaskForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DATE)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none())
    interaction = forms.ModelChoiceField(
        label=_("Following the interaction"), queryset=Interaction.objects.none(), required=False
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["interaction"].queryset = Interaction.objects.filter(organisation=organisation)


class SegmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    query = forms.CharField(label=_("Filters"), max_length=2000, required=False, widget=forms.HiddenInput)
    is_shared = forms.BooleanField(label=_("Shared with the staff"), required=False)
