"""Forms of the partnering pages; services do the checking that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.models import TechnologyField, ValueChainStage

from .models import Attendance, Location, PartneringSettings, Priority, Profile, Slot


class ProfileForm(forms.ModelForm):
    technology_fields = forms.ModelMultipleChoiceField(
        TechnologyField.objects.all(),
        required=False,
        label=_("Technology fields"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    value_chain_stages = forms.ModelMultipleChoiceField(
        ValueChainStage.objects.all(),
        required=False,
        label=_("Value-chain stages"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = ["kind", "headline", "offers", "seeks", "technology_fields", "value_chain_stages"]
        widgets = {"offers": forms.Textarea(attrs={"rows": 4}), "seeks": forms.Textarea(attrs={"rows": 4})}


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.MEDIUM
    )


class SlotChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, zone=None, **kwargs):
        self.zone = zone
        super().__init__(*args, **kwargs)

    def label_from_instance(self, slot):
        return str(slot)


class CounterForm(forms.Form):
    slot = SlotChoiceField(Slot.objects.none(), label=_("Proposed time"))
    response = forms.CharField(label=_("Message"), required=False, max_length=2000)

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = Slot.objects.filter(event=event).select_related("event")


class SettingsForm(forms.ModelForm):
    class Meta:
        model = PartneringSettings
        fields = [
            "slot_minutes",
            "first_day",
            "last_day",
            "day_starts",
            "day_ends",
            "request_cap",
            "request_expiry_days",
        ]
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "day_starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "day_ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "capacity", "is_virtual", "online_url"]


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        label=_("Attendance"), choices=[c for c in Attendance.choices if c[0]], widget=forms.RadioSelect
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was it?"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)], initial=4
    )
    follow_up = forms.BooleanField(label=_("We will follow up"), required=False)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
