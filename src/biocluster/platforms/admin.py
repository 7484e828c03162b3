"""Platforms and instruments are edited through the catalogue's services; the rest is shown only.

Bookings, usage, statements, service requests, outages, closures, tariffs and badges change
through the pages and the API, where the booking rules, billing and notifications apply.
"""

from django.contrib import admin

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin

from . import services
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


class OpeningHoursInline(ReadOnlyTabularInline):
    model = OpeningHours


class TariffInline(ReadOnlyTabularInline):
    model = Tariff
    fields = ["category", "unit", "price", "valid_from"]


@admin.register(Platform)
class PlatformAdmin(ServiceModelAdmin):
    list_display = ["__str__", "location", "is_published", "source"]
    list_filter = ["is_published"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation", "host_organisation"]

    def create_object(self, request, data):
        return services.create_platform(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_platform(actor=request.user, platform=obj, **changes)


@admin.register(Instrument)
class InstrumentAdmin(ServiceModelAdmin):
    list_display = ["name", "platform", "is_active", "is_down", "requires_qualification", "requires_approval"]
    list_filter = ["platform", "is_active", "is_down"]
    search_fields = ["name", "make_and_model"]
    inlines = [OpeningHoursInline, TariffInline]

    def create_object(self, request, data):
        return services.create_instrument(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_instrument(actor=request.user, instrument=obj, **changes)


@admin.register(Service)
class ServiceAdmin(ServiceModelAdmin):
    list_display = ["name_en", "platform", "is_active"]
    list_filter = ["platform"]


@admin.register(Tariff)
class TariffAdmin(ServiceModelAdmin):
    list_display = ["__str__", "category", "unit", "price", "valid_from"]
    list_filter = ["platform", "category"]


@admin.register(Qualification)
class QualificationAdmin(ServiceModelAdmin):
    list_display = ["user", "instrument", "qualified_on", "expires_on"]
    list_filter = ["instrument__platform"]


@admin.register(Booking)
class BookingAdmin(ServiceModelAdmin):
    list_display = ["instrument", "start", "end", "user", "status", "kind"]
    list_filter = ["status", "kind", "instrument__platform"]
    date_hierarchy = "start"


@admin.register(Closure)
class ClosureAdmin(ServiceModelAdmin):
    list_display = ["__str__", "start_date", "end_date"]


@admin.register(Badge)
class BadgeAdmin(ServiceModelAdmin):
    list_display = ["__str__"]


@admin.register(Outage)
class OutageAdmin(ServiceModelAdmin):
    list_display = ["__str__"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(ServiceModelAdmin):
    list_display = ["__str__", "platform", "status"]


@admin.register(Statement)
class StatementAdmin(ServiceModelAdmin):
    list_display = ["number", "platform", "organisation", "month", "total"]
    list_filter = ["platform"]


@admin.register(UsageRecord)
class UsageRecordAdmin(ServiceModelAdmin):
    list_display = ["__str__", "platform", "organisation", "day"]
    list_filter = ["platform"]
