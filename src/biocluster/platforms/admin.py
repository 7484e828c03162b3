"""The catalogue (platforms, instruments, tariffs, closures, qualifications, badges) is written
through the catalogue's services; the rest is shown only.

Bookings, usage, statements, service requests and outages change through the pages and the
API, where the booking rules, billing and notifications apply.
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
    """A price from a date: a later price is a new tariff; a tariff's own price and unit may be corrected."""

    list_display = ["__str__", "category", "unit", "price", "valid_from"]
    list_filter = ["platform", "category"]
    fields = ["platform", "instrument", "service", "category", "valid_from", "unit", "price"]

    def get_readonly_fields(self, request, obj=None):
        return ["platform", "instrument", "service", "category", "valid_from"] if obj else []

    def create_object(self, request, data):
        return services.set_tariff(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.set_tariff(
            actor=request.user,
            platform=obj.platform,
            instrument=obj.instrument,
            service=obj.service,
            category=obj.category,
            valid_from=obj.valid_from,
            unit=changes.get("unit", obj.unit),
            price=changes.get("price", obj.price),
        )


@admin.register(Qualification)
class QualificationAdmin(ServiceModelAdmin):
    list_display = ["user", "instrument", "qualified_on", "expires_on"]
    list_filter = ["instrument__platform"]
    fields = ["instrument", "user", "qualified_on", "expires_on", "notes"]
    autocomplete_fields = ["user"]

    def create_object(self, request, data):
        return services.qualify(actor=request.user, **data)

    def delete_object(self, request, obj):
        services.withdraw_qualification(actor=request.user, qualification=obj)


@admin.register(Booking)
class BookingAdmin(ServiceModelAdmin):
    list_display = ["instrument", "start", "end", "user", "status", "kind"]
    list_filter = ["status", "kind", "instrument__platform"]
    date_hierarchy = "start"


@admin.register(Closure)
class ClosureAdmin(ServiceModelAdmin):
    list_display = ["__str__", "start_date", "end_date"]
    fields = ["platform", "instrument", "start_date", "end_date", "reason_en", "reason_fr"]

    def create_object(self, request, data):
        return services.add_closure(actor=request.user, **data)


@admin.register(Badge)
class BadgeAdmin(ServiceModelAdmin):
    list_display = ["__str__"]
    fields = ["user", "number"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        return ["user"] if obj else []

    def create_object(self, request, data):
        return services.set_badge(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.set_badge(actor=request.user, user=obj.user, number=changes.get("number", obj.number))


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
