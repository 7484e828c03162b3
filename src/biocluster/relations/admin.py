"""The staff's relations in the Django admin (administrators only), written through the services."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from . import services
from .models import Interaction, Segment, Task


@admin.register(Interaction)
class InteractionAdmin(ServiceModelAdmin):
    list_display = ["organisation", "kind", "happened_on", "author", "source"]
    list_filter = ["kind", "happened_on"]
    search_fields = ["organisation__name", "notes"]
    list_select_related = ["organisation", "author"]
    autocomplete_fields = ["organisation", "people"]
    fields = ["organisation", "kind", "happened_on", "people", "notes", "author", "source"]

    def get_readonly_fields(self, request, obj=None):
        # The author is whoever logs it; the organisation and the source stay as logged.
        return ["author", "organisation", "source"] if obj is not None else ["author"]

    def create_object(self, request, data):
        return services.log_interaction(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_interaction(actor=request.user, interaction=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_interaction(actor=request.user, interaction=obj)


@admin.register(Task)
class TaskAdmin(ServiceModelAdmin):
    list_display = ["title", "organisation", "due_on", "owner", "done_at", "source"]
    list_filter = ["due_on", "done_at"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation", "owner"]
    autocomplete_fields = ["organisation", "owner"]
    raw_id_fields = ["interaction"]
    fields = ["organisation", "title", "due_on", "owner", "interaction", "done_at", "done_by", "source"]

    def get_readonly_fields(self, request, obj=None):
        # Done and undone are the pages' and the API's actions (complete_task, reopen_task).
        fixed = ["done_at", "done_by"]
        return [*fixed, "organisation", "source"] if obj is not None else fixed

    def create_object(self, request, data):
        return services.add_task(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_task(actor=request.user, task=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_task(actor=request.user, task=obj)


@admin.register(Segment)
class SegmentAdmin(ServiceModelAdmin):
    list_display = ["name", "owner", "is_shared", "updated_at"]
    list_filter = ["is_shared"]
    search_fields = ["name"]
    list_select_related = ["owner"]
    fields = ["name", "query", "is_shared", "owner"]
    readonly_fields = ["owner"]  # whoever saves it

    def create_object(self, request, data):
        return services.save_segment(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_segment(actor=request.user, segment=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_segment(actor=request.user, segment=obj)
