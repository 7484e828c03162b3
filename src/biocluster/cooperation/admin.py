"""International cooperation in the Django admin (administrators only), written through the services."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from . import services
from .models import (
    AgreementActivity,
    Label,
    Membership,
    Mission,
    MissionFollowUp,
    Pack,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
    TalentVisa,
)


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(ServiceModelAdmin):
    list_display = ["title", "partner", "kind", "status", "signed_on", "expires_on", "source"]
    list_filter = ["kind", "status", "renewal"]
    search_fields = ["title", "partner__name"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner", "our_signatory", "partner_signatory", "our_contact", "partner_contact"]
    fields = [
        "partner",
        "title",
        "kind",
        "scopes",
        "status",
        "signed_on",
        "expires_on",
        "terminated_on",
        "renewal",
        "our_signatory",
        "partner_signatory",
        "our_contact",
        "partner_contact",
        "notes",
        "document_name",
        "source",
    ]
    readonly_fields = ["document_name", "source"]  # the signed document is uploaded on the page

    def create_object(self, request, data):
        return services.create_agreement(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_agreement(actor=request.user, agreement=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_agreement(actor=request.user, agreement=obj)


@admin.register(AgreementActivity)
class AgreementActivityAdmin(ServiceModelAdmin):
    list_display = ["title", "agreement", "kind", "happened_on", "source"]
    list_filter = ["kind"]
    search_fields = ["title", "agreement__title"]
    list_select_related = ["agreement"]
    fields = ["agreement", "kind", "happened_on", "title", "organisations", "notes", "source"]
    readonly_fields = fields  # logged on the agreement's page

    def delete_object(self, request, obj):
        services.delete_activity(actor=request.user, activity=obj)


@admin.register(SoftLanding)
class SoftLandingAdmin(ServiceModelAdmin):
    list_display = ["name", "country", "direction", "stage", "organisation", "installed_on", "source"]
    list_filter = ["stage", "direction"]
    search_fields = ["name"]
    list_select_related = ["organisation"]
    fields = [
        "name",
        "country",
        "website",
        "direction",
        "stage",
        "organisation",
        "contact_name",
        "contact_email",
        "needs",
        "services_delivered",
        "follow_up_plan",
        "next_follow_up_on",
        "installed_on",
        "source",
    ]
    # The stage moves, and installation links the directory, on the pipeline's page.
    readonly_fields = ["stage", "organisation", "installed_on", "source"]

    def update_object(self, request, obj, changes):
        services.update_soft_landing(actor=request.user, soft_landing=obj, **changes)


@admin.register(TalentVisa)
class TalentVisaAdmin(ServiceModelAdmin):
    list_display = ["person_name", "soft_landing", "kind", "status", "submitted_on", "decided_on"]
    list_filter = ["kind", "status"]
    list_select_related = ["soft_landing"]
    fields = [
        "soft_landing",
        "person_name",
        "kind",
        "status",
        "submitted_on",
        "decided_on",
        "valid_until",
        "source",
    ]
    readonly_fields = ["soft_landing", "source"]

    def update_object(self, request, obj, changes):
        services.update_visa(actor=request.user, visa=obj, **changes)


@admin.register(Mission)
class MissionAdmin(ServiceModelAdmin):
    list_display = ["event", "kind", "framework", "source"]
    fields = ["event", "kind", "framework", "co_exhibitors", "notes", "source"]
    readonly_fields = fields


@admin.register(Pack)
class PackAdmin(ServiceModelAdmin):
    list_display = ["name", "mission", "price", "source"]
    fields = ["mission", "name", "price", "content", "source"]
    readonly_fields = fields


@admin.register(PackSubscription)
class PackSubscriptionAdmin(ServiceModelAdmin):
    list_display = ["organisation", "pack", "source"]
    list_select_related = ["organisation", "pack"]
    fields = ["pack", "organisation", "source"]
    readonly_fields = fields

    def delete_object(self, request, obj):
        services.unsubscribe(actor=request.user, subscription=obj)


@admin.register(MissionFollowUp)
class MissionFollowUpAdmin(ServiceModelAdmin):
    list_display = ["organisation", "mission", "months", "leads", "agreements", "deals"]
    fields = ["mission", "organisation", "months", "leads", "agreements", "deals", "notes", "source"]
    readonly_fields = fields


@admin.register(Membership)
class MembershipAdmin(ServiceModelAdmin):
    list_display = ["network", "role", "since", "fee", "renewal_on", "ended_on", "source"]
    search_fields = ["network__name", "role"]
    list_select_related = ["network"]
    autocomplete_fields = ["network"]
    fields = ["network", "role", "since", "fee", "renewal_on", "ended_on", "notes", "source"]
    readonly_fields = ["source"]

    def create_object(self, request, data):
        return services.create_membership(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_membership(actor=request.user, membership=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_membership(actor=request.user, membership=obj)


@admin.register(Label)
class LabelAdmin(ServiceModelAdmin):
    list_display = ["scheme", "level", "awarded_on", "valid_until", "next_audit_on", "source"]
    search_fields = ["scheme"]
    autocomplete_fields = ["awarded_by"]
    fields = [
        "scheme",
        "awarded_by",
        "level",
        "awarded_on",
        "valid_until",
        "next_audit_on",
        "notes",
        "source",
    ]
    readonly_fields = ["source"]

    def create_object(self, request, data):
        return services.create_label(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_label(actor=request.user, label=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_label(actor=request.user, label=obj)
