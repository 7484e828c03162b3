"""Partnering is run from its pages (settings, locations, requests, the scheduler's runs):
the admin shows it only, since each of those writes notifies participants or moves meetings."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from .models import Location, Meeting, MeetingRequest, PartneringSettings, Profile, ScheduleRun


@admin.register(PartneringSettings)
class PartneringSettingsAdmin(ServiceModelAdmin):
    list_display = ["event", "slot_minutes", "first_day", "last_day", "request_cap", "is_published"]


@admin.register(Location)
class LocationAdmin(ServiceModelAdmin):
    list_display = ["name", "event", "capacity", "is_virtual"]
    list_filter = ["is_virtual"]


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
