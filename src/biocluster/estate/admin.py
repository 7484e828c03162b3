"""The estate in the Django admin (administrators only), written through the services.

Units are created with their first status, and agreements signed, in the pages and the API
(the availability search, the no-overlap guarantee's message): here they are changed or read.
"""

from django.contrib import admin

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin

from . import services
from .models import (
    Agreement,
    AgreementEvent,
    AgreementUnit,
    Building,
    CampusEstate,
    IndexValue,
    SpaceRequest,
    Unit,
    UnitStatus,
)


@admin.register(CampusEstate)
class CampusEstateAdmin(ServiceModelAdmin):
    list_display = ["campus", "opens_on", "source"]
    fields = ["campus", "opens_on", "description_en", "description_fr", "source"]

    def update_object(self, request, obj, changes):
        values = {
            name: changes.get(name, getattr(obj, name))
            for name in ("opens_on", "description_en", "description_fr", "source")
        }
        services.describe_campus(actor=request.user, campus=obj.campus, **values)


@admin.register(Building)
class BuildingAdmin(ServiceModelAdmin):
    list_display = ["name", "campus", "delivered_on", "source"]
    list_filter = ["campus"]
    search_fields = ["name"]
    list_select_related = ["campus"]
    fields = ["campus", "name", "address", "delivered_on", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["campus", "source"] if obj is not None else []

    def create_object(self, request, data):
        return services.create_building(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_building(actor=request.user, building=obj, **changes)


class UnitStatusInline(ReadOnlyTabularInline):
    model = UnitStatus
    fields = ["status", "since", "delivery_on", "from_agreements", "note"]


@admin.register(Unit)
class UnitAdmin(ServiceModelAdmin):
    list_display = ["code", "building", "kind", "area", "furnished", "source"]
    list_filter = ["kind", "furnished"]
    search_fields = ["code", "building__name"]
    list_select_related = ["building__campus"]
    fields = [
        "building",
        "floor",
        "code",
        "kind",
        "area",
        "furnished",
        "fume_hoods",
        "gases",
        "waste_removal",
        "capacity",
        "description",
        "source",
    ]
    readonly_fields = ["building", "floor", "source"]
    inlines = [UnitStatusInline]

    def update_object(self, request, obj, changes):
        services.update_unit(actor=request.user, unit=obj, **changes)


class LineInline(ReadOnlyTabularInline):
    model = AgreementUnit
    fields = ["unit", "start", "end", "active", "service_charges"]


class EventInline(ReadOnlyTabularInline):
    model = AgreementEvent
    fields = ["kind", "on", "summary"]


@admin.register(Agreement)
class AgreementAdmin(ServiceModelAdmin):
    list_display = ["__str__", "organisation", "kind", "status", "start", "end", "source"]
    list_filter = ["kind", "status"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    inlines = [LineInline, EventInline]


@admin.register(IndexValue)
class IndexValueAdmin(ServiceModelAdmin):
    list_display = ["index", "published_on", "value", "source"]
    list_filter = ["index"]
    fields = ["index", "published_on", "value", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["index", "published_on"] if obj is not None else []

    def create_object(self, request, data):
        return services.record_index_value(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        values = {
            "index": obj.index,
            "published_on": obj.published_on,
            "value": obj.value,
            "source": obj.source,
        }
        values |= changes
        services.record_index_value(actor=request.user, **values)


@admin.register(SpaceRequest)
class SpaceRequestAdmin(ServiceModelAdmin):
    list_display = ["__str__", "status", "wanted_from", "months", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
