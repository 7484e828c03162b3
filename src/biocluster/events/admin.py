from django.contrib import admin

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin

from . import services
from .models import DelegationVisit, Event, Registration, Room, Session
from .services.events import EVENT_FIELDS


class SessionInline(ReadOnlyTabularInline):
    model = Session
    fields = ["title_en", "title_fr", "starts_at", "ends_at", "room", "speakers"]


class VisitInline(ReadOnlyTabularInline):
    model = DelegationVisit
    fields = ["organisation", "starts_at", "ends_at", "notes_en", "notes_fr", "source"]


@admin.register(Event)
class EventAdmin(ServiceModelAdmin):
    """The fields the services edit; publishing and cancelling (which tell the registered) are on the pages."""

    list_display = ["title_en", "kind", "status", "starts_at", "city", "country", "has_partnering", "source"]
    list_filter = ["kind", "status", "has_partnering", "country"]
    search_fields = ["title_en", "title_fr", "city", "delegation_origin"]
    autocomplete_fields = ["organiser", "visiting_organisations"]
    date_hierarchy = "starts_at"
    fields = [*EVENT_FIELDS, "visiting_organisations"]
    inlines = [SessionInline, VisitInline]

    def create_object(self, request, data):
        return services.create_event(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_event(actor=request.user, event=obj, **changes)


@admin.register(Registration)
class RegistrationAdmin(ServiceModelAdmin):
    """Registrations, the waiting list and check-in move through the services, with their emails."""

    list_display = ["name", "email", "event", "status", "mode", "checked_in_at"]
    list_filter = ["status", "mode", "event"]
    search_fields = ["name", "email", "event__title_en"]


@admin.register(Room)
class RoomAdmin(ServiceModelAdmin):
    list_display = ["name", "building", "campus", "seats", "source"]
    search_fields = ["name", "building"]
