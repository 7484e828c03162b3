from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import by_name, form_fields
from .models import Organisation, OrganisationLink, PublicField


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


class OrganisationLinkForm(forms.ModelForm):
    class Meta:
        model = OrganisationLink
        fields = ["kind", "object", "project", "start_date", "end_date", "source"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"object": _("Organisation")}

    def __init__(self, *args, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        if subject is not None:
            self.instance.subject = subject
            self.fields["object"].queryset = Organisation.objects.exclude(pk=subject.pk).only("name")
