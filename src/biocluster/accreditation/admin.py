"""The register in the Django admin, for reading only.

Decisions and status changes go through the register's pages or API, where the services apply
the rules (dates in order, one accreditation per company) and only the Entreprises department acts.
"""

from django.contrib import admin

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin

from .models import Accreditation, AccreditationStatus


class StatusInline(ReadOnlyTabularInline):
    model = AccreditationStatus
    fields = ["since", "status", "note", "evidence"]


@admin.register(Accreditation)
class AccreditationAdmin(ServiceModelAdmin):
    list_display = ["organisation", "decided_on", "decision", "decided_by", "source"]
    list_filter = ["decision", "decided_on"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
    inlines = [StatusInline]


@admin.register(AccreditationStatus)
class AccreditationStatusAdmin(ServiceModelAdmin):
    list_display = ["accreditation", "status", "since"]
    list_filter = ["status"]
    list_select_related = ["accreditation__organisation"]
