from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, OrganisationLink, PublicField


class OrganisationForm(forms.ModelForm):
    public_fields = forms.MultipleChoiceField(
        label=_("Shown in the public directory"),
        choices=PublicField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "kind",
            "description_en",
            "description_fr",
            "website",
            "founded_year",
            "headcount",
            "campus",
            "address",
            "city",
            "country",
            "eu_pic",
            "vat_number",
            "national_id",
            "technology_fields",
            "value_chain_stages",
            "tags",
            "logo",
            "is_listed",
            "public_fields",
            "source",
        ]
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
