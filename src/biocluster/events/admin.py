from django.contrib import admin

from biocluster.audit.admin import AuditedAdminMixin

from .models import DelegationVisit, Event, Registration, Room, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title_en", "title_fr", "starts_at", "ends_at", "room", "speakers"]


class VisitInline(admin.TabularInline):
    model = DelegationVisit
    extra = 0
    fields = ["organisation", "starts_at", "ends_at", "notes_en", "notes_fr", "source"]
    autocomplete_fields = ["organisation"]


@admin.register(Event)
class EventAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title_en", "kind", "status", "starts_at", "city", "country", "has_partnering", "source"]
    list_filter = ["kind", "status", "has_partnering", "country"]
    search_fields = ["title_en", "title_fr", "city", "delegation_origin"]
    autocomplete_fields = ["organiser", "visiting_organisations"]
    date_hierarchy = "starts_at"
    inlines = [SessionInline, VisitInline]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Status changes belong to the services (waiting list, emails): the admin shows them read-only."""

    list_display = ["name", "email", "event", "status", "mode", "checked_in_at"]
    list_filter = ["status", "mode", "event"]
    search_fields = ["name", "email", "event__title_en"]
    autocomplete_fields = ["organisation", "person", "user"]
    readonly_fields = ["status", "checked_in_at", "badge_token"]


@admin.register(Room)
class RoomAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "building", "campus", "seats", "source"]
    search_fields = ["name", "building"]
