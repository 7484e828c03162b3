"""Funder contracts in the Django admin (administrators only), written through the services."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from . import services
from .models import FundedProject, FunderContract, Instalment, Objective, ReportingDeadline, Target


@admin.register(FunderContract)
class FunderContractAdmin(ServiceModelAdmin):
    list_display = ["title", "reference", "funder", "start_year", "end_year", "amount", "language"]
    list_filter = ["language", "start_year"]
    search_fields = ["title", "reference", "funder__name"]
    list_select_related = ["funder"]
    autocomplete_fields = ["funder"]
    fields = [
        "funder",
        "title",
        "reference",
        "amount",
        "start_year",
        "end_year",
        "language",
        "notes",
        "source",
    ]
    readonly_fields = ["source"]

    def create_object(self, request, data):
        return services.create_contract(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_contract(actor=request.user, contract=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_contract(actor=request.user, contract=obj)


@admin.register(Objective)
class ObjectiveAdmin(ServiceModelAdmin):
    list_display = ["__str__", "contract"]
    search_fields = ["title_en", "title_fr", "contract__title"]
    list_select_related = ["contract"]
    fields = ["contract", "number", "title_en", "title_fr", "description_en", "description_fr"]

    def get_readonly_fields(self, request, obj=None):
        # The number follows the contract's last objective; an objective stays with its contract.
        return ["contract", "number"] if obj is not None else ["number"]

    def create_object(self, request, data):
        return services.add_objective(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_objective(actor=request.user, objective=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_objective(actor=request.user, objective=obj)


@admin.register(Target)
class TargetAdmin(ServiceModelAdmin):
    """Read here; set on the contract's page (an indicator's targets for every year at once)."""

    list_display = ["objective", "indicator", "year", "value"]
    list_filter = ["year"]
    search_fields = ["indicator", "objective__title_en"]
    list_select_related = ["objective"]

    def delete_object(self, request, obj):
        services.remove_target(actor=request.user, target=obj)


@admin.register(FundedProject)
class FundedProjectAdmin(ServiceModelAdmin):
    list_display = ["__str__", "contract", "amount"]
    search_fields = ["title", "contract__title"]
    list_select_related = ["contract", "award__proposal__call"]
    raw_id_fields = ["award"]
    fields = ["contract", "award", "title", "amount", "source"]
    readonly_fields = ["source"]

    def create_object(self, request, data):
        return services.add_project(actor=request.user, **data)

    def delete_object(self, request, obj):
        services.remove_project(actor=request.user, project=obj)


@admin.register(Instalment)
class InstalmentAdmin(ServiceModelAdmin):
    list_display = ["contract", "expected_on", "amount", "received_on", "received_amount"]
    list_filter = ["expected_on", "received_on"]
    search_fields = ["contract__title"]
    list_select_related = ["contract"]
    fields = ["contract", "expected_on", "amount", "received_on", "received_amount", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["contract", "source"] if obj is not None else ["source"]

    def create_object(self, request, data):
        return services.add_instalment(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_instalment(actor=request.user, instalment=obj, **changes)

    def delete_object(self, request, obj):
        services.remove_instalment(actor=request.user, instalment=obj)


@admin.register(ReportingDeadline)
class ReportingDeadlineAdmin(ServiceModelAdmin):
    list_display = ["what", "contract", "due_on", "done_on"]
    list_filter = ["due_on", "done_on"]
    search_fields = ["what", "contract__title"]
    list_select_related = ["contract"]
    fields = ["contract", "due_on", "what", "done_on", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["contract", "source"] if obj is not None else ["source"]

    def create_object(self, request, data):
        return services.add_deadline(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_deadline(actor=request.user, deadline=obj, **changes)

    def delete_object(self, request, obj):
        services.remove_deadline(actor=request.user, deadline=obj)
