"""The audit trail, for administrators only (the site admits no one else): it holds what staff
may not see elsewhere, such as members' draft proposals and declared conflicts of interest."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ServiceModelAdmin):
    list_display = ["at", "actor", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "action", "actor__email"]
