from django.contrib import admin

from . import services
from .models import AuditEvent


class AuditedAdminMixin:
    """Changes made in the Django admin enter the same audit trail as the pages'."""

    def _action(self, obj, verb: str) -> str:
        meta = obj._meta
        return f"{meta.app_label}.{meta.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        before = services.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if change:
            services.record_update(
                actor=request.user,
                obj=obj,
                action=self._action(obj, "updated"),
                before=before,
                data={"via": "admin"},
            )
        else:
            services.record_create(
                actor=request.user, obj=obj, action=self._action(obj, "created"), data={"via": "admin"}
            )

    def delete_model(self, request, obj):
        services.record_delete(
            actor=request.user, obj=obj, action=self._action(obj, "deleted"), data={"via": "admin"}
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "action", "actor__email"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
