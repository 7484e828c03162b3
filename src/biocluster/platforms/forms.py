"""The pages' forms. Dates and times are typed in the platform's zone and stored in UTC."""

from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import timeutils
from .models import (
    Closure,
    Frequency,
    Instrument,
    OpeningHours,
    OutageKind,
    Platform,
    TariffUnit,
    UserCategory,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def plausible_date(value: date) -> None:
    if not timeutils.plausible(value):
        raise forms.ValidationError(_("Choose a date between 2000 and 2100."))


def _bounded(field: forms.Field) -> forms.Field:
    field.validators.append(plausible_date)
    return field


class MomentField(forms.DateTimeField):
    """A date and time, read in the active (the platform's) time zone, between 2000 and 2100."""

    def validate(self, value):
        super().validate(value)
        if value is not None:
            plausible_date(value.date())


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _time_widget(step_minutes: int = 30):
    return forms.TimeInput(attrs={"type": "time", "step": step_minutes * 60}, format="%H:%M")


class PeriodMixin:
    """`day`, `start_time`, `end_time` (and an optional `end_day` for overnight use) → aware start and end."""

    tz = None

    def period(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        day, end_day = data["day"], data.get("end_day") or data["day"]
        start = timeutils.at(day, data["start_time"], self.tz)
        end_time = data["end_time"]
        if end_time == time(0) and end_day == day:
            end_day = day + timedelta(days=1)  # ends at midnight
        return start, timeutils.at(end_day, end_time, self.tz)


class BookingForm(PeriodMixin, forms.Form):
    day = _bounded(forms.DateField(label=_("Date"), widget=DATE))
    start_time = forms.TimeField(label=_("From"))
    end_time = forms.TimeField(label=_("To"))
    end_day = forms.DateField(
        label=_("Ending on another day"),
        required=False,
        widget=DATE,
        help_text=_("For use through the night."),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)
    organisation = forms.TypedChoiceField(label=_("Billed to"), coerce=int, required=False)
    for_email = forms.EmailField(
        label=_("On behalf of (email)"), required=False, help_text=_("Managers may book for someone else.")
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"), choices=[("", _("Does not repeat")), *Frequency.choices], required=False
    )
    interval = forms.IntegerField(label=_("Every"), min_value=1, max_value=12, initial=1, required=False)
    count = forms.IntegerField(label=_("Times"), min_value=1, max_value=104, required=False)
    until = _bounded(forms.DateField(label=_("Until"), required=False, widget=DATE))
    skip_conflicts = forms.BooleanField(label=_("Skip the dates that are not free"), required=False)

    def __init__(self, *args, instrument: Instrument, organisations, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.tz = instrument.platform.tz
        self.fields["start_time"].widget = _time_widget(instrument.slot_minutes)
        self.fields["end_time"].widget = _time_widget(instrument.slot_minutes)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) <= 1:
            self.fields["organisation"].widget = forms.HiddenInput()
        if not manager:
            del self.fields["for_email"]

    def clean_for_email(self):
        email = self.cleaned_data.get("for_email")
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has a login with this email address."))
        return user

    def clean(self):
        data = super().clean()
        if data.get("repeat") and not (data.get("count") or data.get("until")):
            self.add_error("count", _("Say how many times, or until when."))
        return data


class BookingEditForm(PeriodMixin, forms.Form):
    day = _bounded(forms.DateField(label=_("Date"), widget=DATE))
    start_time = forms.TimeField(label=_("From"))
    end_time = forms.TimeField(label=_("To"))
    end_day = _bounded(forms.DateField(label=_("Ending on another day"), required=False, widget=DATE))
    following = forms.BooleanField(label=_("Also move the rest of the series"), required=False)

    def __init__(self, *args, booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.tz = booking.instrument.platform.tz
        slot = booking.instrument.slot_minutes
        self.fields["start_time"].widget = _time_widget(slot)
        self.fields["end_time"].widget = _time_widget(slot)
        if booking.series_id is None:
            del self.fields["following"]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)
    following = forms.BooleanField(label=_("Also cancel the rest of the series"), required=False)


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        coerce=lambda v: v == "1", choices=[("1", _("Approve")), ("0", _("Decline"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class BookingIdsField(forms.Field):
    """The bookings ticked in a list: their ids, each once."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return sorted({int(item) for item in value or ()})
        except (TypeError, ValueError) as error:
            raise forms.ValidationError(_("Choose bookings from the list.")) from error

    def validate(self, value):
        if not value:
            raise forms.ValidationError(_("Choose at least one booking."))


class BulkDecideForm(DecideForm):
    """Several requests approved, or declined with one reason, at once."""

    bookings = BookingIdsField()


class WaitlistForm(forms.Form):
    start = MomentField()
    end = MomentField()


class OutageForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=OutageKind.choices)
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    expected_end = MomentField(label=_("Expected back (if known)"), required=False, widget=DATETIME)


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("What was done"), max_length=2000, required=False)


class MaintenanceForm(forms.Form):
    start = MomentField(label=_("From"), widget=DATETIME)
    end = MomentField(label=_("Until"), widget=DATETIME)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class UsageForm(forms.Form):
    start = MomentField(label=_("Used from"), widget=DATETIME)
    end = MomentField(label=_("Until"), widget=DATETIME)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class BadgeForm(forms.Form):
    badge = forms.CharField(label=_("Badge number"), max_length=40)


class QualificationForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person trained"))
    qualified_on = forms.DateField(label=_("Trained on"), widget=DATE, initial=date.today)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def clean_email(self):
        user = (
            get_user_model().objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        )
        if user is None:
            raise forms.ValidationError(_("Nobody has a login with this email address."))
        return user


class MonthForm(forms.Form):
    month = _bounded(
        forms.DateField(
            label=_("Month"),
            input_formats=["%Y-%m"],
            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        )
    )


class ServiceRequestForm(forms.Form):
    description = forms.CharField(
        label=_("Samples and what you need"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    quantity = forms.DecimalField(
        label=_("Number of samples or units"), min_value=1, max_digits=10, decimal_places=2
    )
    organisation = forms.TypedChoiceField(label=_("Billed to"), coerce=int)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class ServiceStepForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a, a) for a in ("quote", "accept", "decline", "cancel", "start", "deliver")]
    )
    quote_amount = forms.DecimalField(
        label=_("Quote (EUR, excl. VAT)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("Details"), max_length=2000, required=False)


class PlatformForm(forms.ModelForm):
    class Meta:
        model = Platform
        fields = [
            "summary_en",
            "summary_fr",
            "description_en",
            "description_fr",
            "location",
            "contact_email",
            "contact_phone",
            "photo",
            "time_zone",
            "is_published",
            "cancellation_notice_hours",
            "late_cancellation_charge",
            "no_show_minutes",
            "no_show_charge",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_fr": forms.Textarea(attrs={"rows": 4}),
        }


class InstrumentForm(forms.ModelForm):
    """The instrument and its rules, with one opening period per weekday."""

    class Meta:
        model = Instrument
        fields = [
            "name",
            "make_and_model",
            "description_en",
            "description_fr",
            "location",
            "photo",
            "is_active",
            "requires_qualification",
            "training_en",
            "training_fr",
            "slot_minutes",
            "min_minutes",
            "max_minutes",
            "buffer_minutes",
            "max_days_ahead",
            "requires_approval",
            "weekly_cap_hours",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "training_en": forms.Textarea(attrs={"rows": 2}),
            "training_fr": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = {}
        if self.instance.pk:
            for row in self.instance.opening_hours.all():
                current.setdefault(row.weekday, row)
        for weekday, label in OpeningHours.WEEKDAYS:
            row = current.get(weekday)
            self.fields[f"opens_{weekday}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": label},
                required=False,
                widget=_time_widget(),
                initial=row and row.opens,
            )
            self.fields[f"closes_{weekday}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": label},
                required=False,
                widget=_time_widget(),
                initial=row and row.closes,
            )

    def add_tariff_fields(self, current: dict) -> None:
        """One price per user category (the tariff in force today), and the unit they are in."""
        unit = next((t.unit for t in current.values()), "hour")
        self.fields["tariff_unit"] = forms.ChoiceField(
            label=_("Tariffs are"), choices=TariffUnit.choices, initial=unit
        )
        for category, label in UserCategory.choices:
            tariff = current.get(category)
            self.fields[f"price_{category}"] = forms.DecimalField(
                label=_("Price for: %(category)s (EUR, excl. VAT)") % {"category": label},
                required=False,
                min_value=0,
                max_digits=10,
                decimal_places=2,
                initial=tariff.price if tariff else None,
            )

    def tariffs(self) -> dict[str, object]:
        return {
            category: self.cleaned_data[f"price_{category}"]
            for category in UserCategory.values
            if self.cleaned_data.get(f"price_{category}") is not None
        }

    def opening_hours(self) -> list[tuple[int, time, time]]:
        rows = []
        for weekday, _label in OpeningHours.WEEKDAYS:
            opens, closes = (
                self.cleaned_data.get(f"opens_{weekday}"),
                self.cleaned_data.get(f"closes_{weekday}"),
            )
            if opens is not None and closes is not None:
                rows.append((weekday, opens, closes))
        return rows


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["start_date", "end_date", "instrument", "reason_en", "reason_fr"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, platform, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = platform.instruments.all()


__all__ = [
    "BadgeForm",
    "BookingEditForm",
    "BookingForm",
    "CancelForm",
    "ClosureForm",
    "DecideForm",
    "InstrumentForm",
    "MaintenanceForm",
    "MonthForm",
    "OutageForm",
    "PlatformForm",
    "QualificationForm",
    "ResolveForm",
    "ServiceRequestForm",
    "ServiceStepForm",
    "UsageForm",
    "WaitlistForm",
]
