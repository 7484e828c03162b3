"""The staff's forms for international cooperation. The rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from biocluster.directory.forms import organisation_picker, organisations_picker, person_picker
from biocluster.directory.models import Organisation, Person
from biocluster.events.models import Event, EventKind

from .models import (
    ActivityKind,
    AgreementKind,
    AgreementStatus,
    Direction,
    MissionKind,
    PartnershipAgreement,
    Renewal,
    Scope,
    Stage,
    VisaKind,
    VisaStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
COMPANY_KINDS = [("startup", _("Start-up")), ("sme", _("SME")), ("large_company", _("Large company"))]


def _organisation(label, *, required=True, help_text=""):
    return forms.ModelChoiceField(
        label=label,
        queryset=Organisation.objects.all(),
        required=required,
        widget=organisation_picker(),
        help_text=help_text,
    )


def _person(label):
    return forms.ModelChoiceField(
        label=label, queryset=Person.objects.all(), required=False, widget=person_picker()
    )


def _date(label, *, required=False):
    return forms.DateField(label=label, required=required, widget=DATE)


def _text(label, *, required=False, max_length=10000):
    return forms.CharField(label=label, required=required, max_length=max_length, widget=TEXT)


class AgreementForm(forms.Form):
    partner = _organisation(
        _("Partner"), help_text=_("The foreign cluster, park or institute: type its name.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    scopes = forms.MultipleChoiceField(
        label=_("Scope"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    signed_on = _date(_("Signed on"))
    expires_on = _date(_("Expires on"))
    terminated_on = _date(_("Terminated on"))
    renewal = forms.ChoiceField(label=_("Renewal"), choices=Renewal.choices)
    our_signatory = _person(_("Our signatory"))
    partner_signatory = _person(_("Partner's signatory"))
    our_contact = _person(_("Our contact"))
    partner_contact = _person(_("Partner's contact"))
    document = forms.FileField(
        label=_("Signed document (PDF)"), required=False, help_text=_("Only the staff can open it.")
    )
    notes = _text(_("Notes"))

    @classmethod
    def initial_of(cls, agreement: PartnershipAgreement) -> dict:
        return {
            name: getattr(agreement, name + "_id", None)
            if name.endswith(("signatory", "contact")) or name == "partner"
            else getattr(agreement, name)
            for name in cls.base_fields
            if name != "document"
        }


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    happened_on = _date(_("Date"), required=True)
    title = forms.CharField(label=_("What"), max_length=200)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations involved"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=organisations_picker(),
    )
    notes = _text(_("Notes"))


class SoftLandingForm(forms.Form):
    name = forms.CharField(label=_("Company"), max_length=200)
    country = forms.CharField(label=_("Country"), max_length=2, help_text=_("ISO 3166 code, e.g. US or FR"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    organisation = _organisation(
        _("Organisation in the directory"),
        required=False,
        help_text=_("If the company is in the directory already; else it is added on installation."),
    )
    agreement = forms.ModelChoiceField(
        label=_("Through the agreement"),
        queryset=PartnershipAgreement.objects.select_related("partner"),
        required=False,
    )
    event = forms.ModelChoiceField(
        label=_("Through the event"),
        queryset=Event.objects.exclude(kind=EventKind.ON_SITE).order_by("-starts_at"),
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    needs = _text(_("Needs (space, services, introductions)"))
    services_delivered = _text(_("Services delivered"))
    follow_up_plan = _text(_("Follow-up plan after installation"))
    next_follow_up_on = _date(_("Next follow-up"))

    def clean_country(self):
        return self.cleaned_data["country"].strip().upper()


class MoveForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Move to"), choices=[(s.value, s.label) for s in Stage if s != Stage.INSTALLED]
    )
    lost_reason = forms.CharField(label=_("Reason, if lost"), required=False, max_length=10000)


class InstallForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of company"), choices=COMPANY_KINDS, initial="sme")


class VisaForm(forms.Form):
    person_name = forms.CharField(label=_("Person"), max_length=200)
    kind = forms.ChoiceField(label=_("Route"), choices=VisaKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=VisaStatus.choices)
    submitted_on = _date(_("Submitted on"))
    decided_on = _date(_("Decided on"))
    valid_until = _date(_("Valid until"))


class MissionForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Event abroad"), queryset=Event.objects.filter(kind=EventKind.ABROAD).order_by("-starts_at")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=MissionKind.choices)
    framework = forms.CharField(label=_("Framework"), max_length=200, required=False)
    co_exhibitors = forms.ModelMultipleChoiceField(
        label=_("Co-exhibitors"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=organisations_picker(),
    )
    notes = _text(_("Notes"))


class PackForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    price = forms.DecimalField(
        label=_("Price (EUR)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    content = _text(_("Content"))


class SubscribeForm(forms.Form):
    organisation = _organisation(_("Company"))


class FollowUpForm(forms.Form):
    organisation = _organisation(_("Company"), help_text=_("A company that took a pack of this mission."))
    months = forms.TypedChoiceField(
        label=_("After"), choices=[(6, _("6 months")), (12, _("12 months"))], coerce=int
    )
    leads = forms.IntegerField(label=_("Leads"), min_value=0, max_value=10000, initial=0)
    agreements = forms.IntegerField(label=_("Agreements"), min_value=0, max_value=10000, initial=0)
    deals = forms.IntegerField(label=_("Deals"), min_value=0, max_value=10000, initial=0)
    notes = _text(_("Notes"))


class MembershipForm(forms.Form):
    network = _organisation(_("Network"))
    role = forms.CharField(label=_("Role"), max_length=200)
    since = _date(_("Since"))
    fee = forms.DecimalField(
        label=_("Yearly fee (EUR)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    renewal_on = _date(_("Next renewal"))
    ended_on = _date(_("Ended on"))
    notes = _text(_("Notes"))


class LabelForm(forms.Form):
    scheme = forms.CharField(label=_("Scheme"), max_length=200)
    awarded_by = _organisation(_("Awarded by"), required=False)
    level = forms.CharField(label=_("Level"), max_length=100, required=False)
    awarded_on = _date(_("Awarded on"), required=True)
    valid_until = _date(_("Valid until"))
    next_audit_on = _date(_("Next audit"))
    notes = _text(_("Notes"))
