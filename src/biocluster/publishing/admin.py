"""Snapshots in the Django admin (administrators only): read-only, since freezing, restating and
publishing are the staff's pages' decisions; the report's sections written through the services."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from . import services
from .models import Restatement, Section, Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(ServiceModelAdmin):
    list_display = ["year", "frozen_at", "frozen_by", "published_at"]
    fields = ["year", "frozen_at", "frozen_by", "published_at", "published_by"]
    readonly_fields = fields


@admin.register(Restatement)
class RestatementAdmin(ServiceModelAdmin):
    list_display = ["value", "decided_at", "decided_by", "value_before", "value_after"]
    list_select_related = ["value__snapshot", "decided_by"]
    fields = [
        "value",
        "decided_at",
        "decided_by",
        "reason",
        "value_before",
        "value_after",
        "version_before",
        "version_after",
        "added",
        "removed",
        "changed",
    ]
    readonly_fields = fields


@admin.register(Section)
class SectionAdmin(ServiceModelAdmin):
    list_display = ["title_en", "snapshot", "order", "display"]
    list_filter = ["snapshot"]
    fields = ["snapshot", "order", "title_en", "title_fr", "body_en", "body_fr", "codes", "display"]

    def get_readonly_fields(self, request, obj=None):
        return ["snapshot"] if obj is not None else []

    def create_object(self, request, data):
        return services.create_section(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_section(actor=request.user, section=obj, **changes)

    def delete_object(self, request, obj):
        services.delete_section(actor=request.user, section=obj)
