"""The pages' forms. Dates and times are typed in the event's time zone and stored in UTC."""

from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.forms import organisation_picker, organisations_picker
from biocluster.directory.models import Organisation

from .models import AttendanceMode, DelegationVisit, Event, Room, Session
from .services.events import EVENT_FIELDS

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LANGUAGES = [("en", "English"), ("fr", "Français")]


def _zones():
    return [
        (zone, zone) for zone in sorted(available_timezones()) if "/" in zone and not zone.startswith("Etc/")
    ]


class EventForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=_zones, initial="Europe/Paris")

    class Meta:
        model = Event
        fields = [*EVENT_FIELDS[:-2], "visiting_organisations", *EVENT_FIELDS[-2:]]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_opens_at": DATETIME,
            "registration_closes_at": DATETIME,
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_fr": forms.Textarea(attrs={"rows": 4}),
            "visitors_note": forms.Textarea(attrs={"rows": 3}),
            "organiser": organisation_picker(),
            "visiting_organisations": organisations_picker(),
        }
        help_texts = {"starts_at": _("In the event's time zone.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        self.fields["organiser"].queryset = organisations
        self.fields["visiting_organisations"].queryset = organisations

    def service_fields(self) -> tuple[dict, list]:
        data = dict(self.cleaned_data)
        visiting = list(data.pop("visiting_organisations", []) or [])
        return data, visiting


class RegisterForm(forms.Form):
    mode = forms.ChoiceField(label=_("Attendance"), choices=AttendanceMode.choices)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )
    language = forms.ChoiceField(label=_("Language of the emails"), choices=LANGUAGES)

    def __init__(self, *args, event, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        modes = event.modes()
        self.fields["mode"].choices = [
            (value, label) for value, label in AttendanceMode.choices if value in modes
        ]
        self.fields["organisation"].queryset = organisations
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the registrants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class CheckInForm(forms.Form):
    token = forms.CharField(
        label=_("Badge code"),
        max_length=300,
        help_text=_("Scan the badge's QR code or type the code under it."),
    )


class SessionForm(forms.ModelForm):
    room = forms.ModelChoiceField(label=_("room"), queryset=Room.objects.all(), required=False)

    class Meta:
        model = Session
        fields = [
            "title_en",
            "title_fr",
            "description_en",
            "description_fr",
            "starts_at",
            "ends_at",
            "room",
            "speakers",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "description_fr": forms.Textarea(attrs={"rows": 2}),
        }


class VisitForm(forms.ModelForm):
    class Meta:
        model = DelegationVisit
        fields = ["organisation", "starts_at", "ends_at", "notes_en", "notes_fr"]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "notes_en": forms.Textarea(attrs={"rows": 2}),
            "notes_fr": forms.Textarea(attrs={"rows": 2}),
            "organisation": organisation_picker(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
