"""Programmes and experts are edited and cohorts created through the services; enrolments and
their ledger (overlaps, renewal, quota) change on the pages only."""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from . import services
from .models import Cohort, Enrolment, Expert, Milestone, Programme, Session
from .services.programmes import PROGRAMME_FIELDS


@admin.register(Programme)
class ProgrammeAdmin(ServiceModelAdmin):
    list_display = ["name_en", "target", "duration_months", "renewal_months", "days_quota", "is_active"]
    fields = list(PROGRAMME_FIELDS)

    def create_object(self, request, data):
        return services.save_programme(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.save_programme(actor=request.user, programme=obj, **changes)


@admin.register(Cohort)
class CohortAdmin(ServiceModelAdmin):
    list_display = ["__str__", "start_date", "intake_call"]
    list_filter = ["programme"]
    raw_id_fields = ["intake_call"]
    fields = ["programme", "name", "start_date", "intake_call", "source"]

    def create_object(self, request, data):
        return services.create_cohort(actor=request.user, **data)


@admin.register(Expert)
class ExpertAdmin(ServiceModelAdmin):
    list_display = ["__str__", "kind", "is_active"]
    fields = ["person", "kind", "fields", "expertise_en", "expertise_fr", "source"]
    autocomplete_fields = ["person"]

    def get_readonly_fields(self, request, obj=None):
        return ["person"] if obj else []

    def create_object(self, request, data):
        return services.save_expert(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        # `save_expert` sets every value it is given or defaults: give it the current ones too.
        current = {
            "kind": obj.kind,
            "fields": list(obj.fields.all()),
            "expertise_en": obj.expertise_en,
            "expertise_fr": obj.expertise_fr,
            "source": obj.source,
        }
        services.save_expert(actor=request.user, person=obj.person, **(current | changes))


@admin.register(Enrolment)
class EnrolmentAdmin(ServiceModelAdmin):
    list_display = ["organisation", "cohort", "start_date", "end_date", "status"]
    list_filter = ["status", "cohort__programme"]
    search_fields = ["organisation__name"]


@admin.register(Session)
class SessionAdmin(ServiceModelAdmin):
    list_display = ["enrolment", "date", "kind", "hours"]


@admin.register(Milestone)
class MilestoneAdmin(ServiceModelAdmin):
    list_display = ["enrolment", "kind", "date", "amount", "status", "source"]
    list_filter = ["kind", "status"]
