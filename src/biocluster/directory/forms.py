from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from biocluster.core.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from .fields import by_name, form_fields
from .models import Organisation, OrganisationLink, Person, PublicField
from .search import search_organisations, search_people

# The pickers' searches (core/widgets.py), among what the user may see.
ORGANISATION_CHOICES = reverse_lazy("directory:organisation_choices")
PERSON_CHOICES = reverse_lazy("directory:person_choices")


def organisation_picker(**params) -> AutocompleteSelect:
    """A picker of one organisation; `params` narrow the search (`kind`, `exclude`)."""
    return AutocompleteSelect(ORGANISATION_CHOICES, params=params, search=search_organisations)


def organisations_picker(**params) -> AutocompleteSelectMultiple:
    return AutocompleteSelectMultiple(ORGANISATION_CHOICES, params=params, search=search_organisations)


def person_picker() -> AutocompleteSelect:
    return AutocompleteSelect(PERSON_CHOICES, search=search_people)


def people_picker() -> AutocompleteSelectMultiple:
    return AutocompleteSelectMultiple(PERSON_CHOICES, search=search_people)


class OrganisationForm(forms.ModelForm):
    public_fields = forms.MultipleChoiceField(
        label=by_name()["public_fields"].label,
        choices=PublicField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = form_fields()  # the declaration in fields.py
        widgets = {
            "technology_fields": forms.SelectMultiple(attrs={"size": 8}),
            "value_chain_stages": forms.CheckboxSelectMultiple,
            "tags": forms.SelectMultiple(attrs={"size": 5}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_fr": forms.Textarea(attrs={"rows": 4}),
        }


class SitePresenceForm(forms.ModelForm):
    """When it was on the cluster's site: cluster staff, beside the organisation's form."""

    prefix = "site"

    class Meta:
        model = Organisation
        fields = ["on_site_since", "left_site_on", "left_site_reason"]
        widgets = {
            "on_site_since": forms.DateInput(attrs={"type": "date"}),
            "left_site_on": forms.DateInput(attrs={"type": "date"}),
        }

    def _post_clean(self):
        # The model's other fields are the organisation form's: only the stay's dates are checked here.
        since, left = self.cleaned_data.get("on_site_since"), self.cleaned_data.get("left_site_on")
        if left and not since:
            self.add_error("on_site_since", _("Give the date it arrived on site before the one it left."))
        elif left and since and left < since:
            self.add_error("left_site_on", _("It cannot leave the site before it arrived."))


class OrganisationLinkForm(forms.ModelForm):
    class Meta:
        model = OrganisationLink
        fields = ["kind", "object", "project", "start_date", "end_date", "source"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "object": organisation_picker(),
        }
        labels = {"object": _("Organisation")}

    def __init__(self, *args, subject=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        organisations = self.fields["object"].queryset
        if user is not None:
            organisations = Organisation.objects.visible_to(user)
        if subject is not None:
            self.instance.subject = subject
            organisations = organisations.exclude(pk=subject.pk)
            self.fields["object"].widget.params["exclude"] = subject.pk
        self.fields["object"].queryset = organisations.only("name")


class ConsentForm(forms.ModelForm):
    """The two consents a person gives or withdraws themselves (their dates are the service's)."""

    class Meta:
        model = Person
        fields = ["public_consent", "contact_consent"]
