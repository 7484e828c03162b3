from django.contrib import admin

from biocluster.audit.admin import AuditedAdminMixin

from .models import Location, Meeting, MeetingRequest, PartneringSettings, Profile, ScheduleRun


@admin.register(PartneringSettings)
class PartneringSettingsAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["event", "slot_minutes", "first_day", "last_day", "request_cap", "is_published"]


@admin.register(Location)
class LocationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "event", "capacity", "is_virtual"]
    list_filter = ["is_virtual"]


@admin.register(Profile)
class ProfileAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "event", "kind"]
    list_filter = ["kind"]
    search_fields = ["registration__name", "registration__organisation__name"]
    raw_id_fields = ["registration"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "event", "priority", "status", "created_at"]
    list_filter = ["status", "priority"]
    raw_id_fields = ["sender", "recipient", "proposed_slot"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "event", "slot", "location", "status", "locked", "sequence", "attendance"]
    list_filter = ["status", "locked", "attendance"]
    raw_id_fields = ["request", "slot", "location", "participants"]
    readonly_fields = ["uid", "sequence"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
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
    readonly_fields = [f.name for f in ScheduleRun._meta.fields]
