"""The register in the Django admin, for reading only.

Decisions and status changes go through the register's pages or API, where the
services apply the rules (dates in order, one accreditation per company) and
only the Entreprises department may act; the admin would bypass both.
"""

from django.contrib import admin

from .models import Accreditation, AccreditationStatus


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusInline(admin.TabularInline):
    model = AccreditationStatus
    extra = 0
    fields = ["since", "status", "note", "evidence"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Accreditation)
class AccreditationAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "decided_on", "decision", "decided_by", "source"]
    list_filter = ["decision", "decided_on"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
    inlines = [StatusInline]


@admin.register(AccreditationStatus)
class AccreditationStatusAdmin(ReadOnlyAdmin):
    list_display = ["accreditation", "status", "since"]
    list_filter = ["status"]
    list_select_related = ["accreditation__organisation"]
