"""Partnering is run from its pages: the admin edits an event's settings and locations through
the services (which keep the slots in step and detach meetings); requests, meetings, profiles
and the scheduler's runs are shown only, since their writes notify participants or move meetings."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from . import services
from .models import Location, Meeting, MeetingRequest, PartneringSettings, Profile, ScheduleRun
from .services.settings import SETTING_FIELDS


@admin.register(PartneringSettings)
class PartneringSettingsAdmin(ServiceModelAdmin):
    list_display = ["event", "slot_minutes", "first_day", "last_day", "request_cap", "is_published"]
    fields = ["event", *SETTING_FIELDS]
    readonly_fields = ["event"]

    def update_object(self, request, obj, changes):
        services.configure(actor=request.user, event=obj.event, **changes)


@admin.register(Location)
class LocationAdmin(ServiceModelAdmin):
    list_display = ["name", "event", "capacity", "is_virtual"]
    list_filter = ["is_virtual"]
    fields = ["event", "name", "capacity", "is_virtual", "online_url"]

    def create_object(self, request, data):
        return services.add_location(actor=request.user, **data)

    def delete_object(self, request, obj):
        services.remove_location(actor=request.user, location=obj)


@admin.register(Profile)
class ProfileAdmin(ServiceModelAdmin):
    list_display = ["__str__", "event", "kind"]
    list_filter = ["kind"]
    search_fields = ["registration__name", "registration__organisation__name"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ServiceModelAdmin):
    list_display = ["__str__", "event", "priority", "status", "created_at"]
    list_filter = ["status", "priority"]


@admin.register(Meeting)
class MeetingAdmin(ServiceModelAdmin):
    list_display = ["pk", "event", "slot", "location", "status", "locked", "sequence", "attendance"]
    list_filter = ["status", "locked", "attendance"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(ServiceModelAdmin):
    list_display = [
        "event",
        "created_at",
        "status",
        "placed",
        "meetings",
        "objective",
        "upper_bound",
        "moved",
    ]
