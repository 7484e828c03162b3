"""The EU projects in the Django admin (administrators only), written through the services."""

from django.contrib import admin

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin

from . import services
from .models import (
    Deliverable,
    DeliverableStep,
    Effort,
    Milestone,
    Participant,
    Project,
    ReportingPeriod,
    Task,
    WorkPackage,
)


@admin.register(Project)
class ProjectAdmin(ServiceModelAdmin):
    """Created on the pages or the API (with the cluster's participation); changed and deleted here too."""

    list_display = ["acronym", "title", "programme", "starts_on", "ends_on"]
    search_fields = ["acronym", "title", "programme", "call"]
    autocomplete_fields = ["staff"]
    fields = [
        "acronym",
        "title",
        "programme",
        "call",
        "starts_on",
        "ends_on",
        "signed_on",
        "objectives",
        "staff",
        "source",
    ]

    def update_object(self, request, obj, changes):
        services.update_project(actor=request.user, project=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_project(actor=request.user, project=obj)


@admin.register(Participant)
class ParticipantAdmin(ServiceModelAdmin):
    list_display = ["organisation", "project", "role", "is_cluster", "budget", "eu_contribution"]
    list_filter = ["role", "is_cluster"]
    search_fields = ["organisation__name", "project__acronym"]
    list_select_related = ["organisation", "project"]
    fields = ["project", "organisation", "role", "is_cluster", "budget", "eu_contribution", "source"]
    readonly_fields = ["project", "organisation", "is_cluster"]

    def update_object(self, request, obj, changes):
        services.update_participant(actor=request.user, participant=obj, **changes)

    def delete_object(self, request, obj):
        services.remove_participant(actor=request.user, participant=obj)


@admin.register(WorkPackage)
class WorkPackageAdmin(ServiceModelAdmin):
    list_display = ["__str__", "project", "leader", "start_month", "end_month"]
    search_fields = ["title", "project__acronym"]
    list_select_related = ["project", "leader"]
    autocomplete_fields = ["leader"]
    raw_id_fields = ["project"]
    fields = ["project", "number", "title", "leader", "start_month", "end_month", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["project"] if obj is not None else []

    def create_object(self, request, data):
        return services.add_work_package(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_work_package(actor=request.user, work_package=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_work_package(actor=request.user, work_package=obj)


@admin.register(Task)
class TaskAdmin(ServiceModelAdmin):
    list_display = ["__str__", "work_package", "start_month", "end_month"]
    search_fields = ["title"]
    list_select_related = ["work_package"]
    raw_id_fields = ["work_package"]
    fields = ["work_package", "number", "title", "start_month", "end_month", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["work_package"] if obj is not None else []

    def create_object(self, request, data):
        return services.add_task(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_task(actor=request.user, task=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_task(actor=request.user, task=obj)


class StepInline(ReadOnlyTabularInline):
    """The review chain's record, read-only (not a model of its own in the admin: deleting a
    deliverable or its project takes its steps along)."""

    model = DeliverableStep
    fields = ["status", "moved_on", "moved_by", "note"]
    readonly_fields = fields
    extra = 0


@admin.register(Deliverable)
class DeliverableAdmin(ServiceModelAdmin):
    """Its status moves on the project's page and through the API (the review chain), not here."""

    inlines = [StepInline]

    list_display = ["number", "title", "project", "due_month", "owner", "status"]
    list_filter = ["status", "dissemination"]
    search_fields = ["number", "title", "project__acronym"]
    list_select_related = ["project", "owner"]
    autocomplete_fields = ["owner"]
    raw_id_fields = ["work_package"]
    fields = [
        "project",
        "work_package",
        "number",
        "title",
        "due_month",
        "owner",
        "dissemination",
        "status",
        "source",
    ]
    readonly_fields = ["project", "status"]

    def update_object(self, request, obj, changes):
        services.update_deliverable(actor=request.user, deliverable=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_deliverable(actor=request.user, deliverable=obj)


@admin.register(Milestone)
class MilestoneAdmin(ServiceModelAdmin):
    list_display = ["__str__", "project", "month"]
    search_fields = ["title", "project__acronym"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]
    fields = ["project", "number", "title", "month", "verification", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["project"] if obj is not None else []

    def create_object(self, request, data):
        return services.add_milestone(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_milestone(actor=request.user, milestone=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_milestone(actor=request.user, milestone=obj)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ServiceModelAdmin):
    list_display = ["__str__", "project"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]
    fields = ["project", "number", "start_month", "end_month", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["project"] if obj is not None else []

    def create_object(self, request, data):
        return services.add_period(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_period(actor=request.user, period=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_period(actor=request.user, period=obj)


@admin.register(Effort)
class EffortAdmin(ServiceModelAdmin):
    list_display = ["__str__", "planned", "declared"]
    list_select_related = ["participant__organisation", "period"]
    raw_id_fields = ["participant", "period"]
    fields = ["participant", "period", "planned", "declared", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["participant", "period"] if obj is not None else []

    def create_object(self, request, data):
        return services.record_effort(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        values = {"planned": obj.planned, "declared": obj.declared, "source": obj.source} | changes
        services.record_effort(actor=request.user, participant=obj.participant, period=obj.period, **values)

    def delete_object(self, request, obj):
        services.delete_effort(actor=request.user, effort=obj)
