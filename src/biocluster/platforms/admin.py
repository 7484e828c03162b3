from django.contrib import admin

from biocluster.audit.admin import AuditedAdminMixin

from .models import (
    Badge,
    Booking,
    Closure,
    Instrument,
    OpeningHours,
    Outage,
    Platform,
    Qualification,
    Service,
    ServiceRequest,
    Statement,
    Tariff,
    UsageRecord,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class TariffInline(admin.TabularInline):
    model = Tariff
    extra = 0
    fields = ["category", "unit", "price", "valid_from"]


@admin.register(Platform)
class PlatformAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "location", "is_published", "source"]
    list_filter = ["is_published"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation", "host_organisation"]


@admin.register(Instrument)
class InstrumentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "platform", "is_active", "is_down", "requires_qualification", "requires_approval"]
    list_filter = ["platform", "is_active", "is_down"]
    search_fields = ["name", "make_and_model"]
    inlines = [OpeningHoursInline, TariffInline]


@admin.register(Service)
class ServiceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "platform", "is_active"]
    list_filter = ["platform"]


@admin.register(Tariff)
class TariffAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "category", "unit", "price", "valid_from"]
    list_filter = ["platform", "category"]


@admin.register(Qualification)
class QualificationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "instrument", "qualified_on", "expires_on"]
    list_filter = ["instrument__platform"]
    raw_id_fields = ["user", "granted_by"]


@admin.register(Booking)
class BookingAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Read-mostly: bookings change through the pages, which apply the rules."""

    list_display = ["instrument", "start", "end", "user", "status", "kind"]
    list_filter = ["status", "kind", "instrument__platform"]
    date_hierarchy = "start"
    raw_id_fields = ["user", "created_by", "cancelled_by", "decided_by", "series", "organisation"]
    readonly_fields = ["blocked_until"]


admin.site.register(Closure)
admin.site.register(Badge)
admin.site.register(Outage)
admin.site.register(ServiceRequest)
admin.site.register(Statement)
admin.site.register(UsageRecord)
