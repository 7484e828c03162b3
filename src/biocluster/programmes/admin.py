"""The admin: programmes, cohorts and experts are configuration; enrolments and their ledger are
read-only here, since their rules (overlaps, renewal, quota) live in the services and the pages."""

from django.contrib import admin

from biocluster.audit.admin import AuditedAdminMixin

from .models import Cohort, Enrolment, Expert, Milestone, Programme, Session


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name_en", "target", "duration_months", "renewal_months", "days_quota", "is_active"]


@admin.register(Cohort)
class CohortAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "start_date", "intake_call"]
    list_filter = ["programme"]
    raw_id_fields = ["intake_call"]


@admin.register(Expert)
class ExpertAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "kind", "is_active"]
    raw_id_fields = ["person"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "cohort", "start_date", "end_date", "status"]
    list_filter = ["status", "cohort__programme"]
    search_fields = ["organisation__name"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "date", "kind", "hours"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["enrolment", "kind", "date", "amount", "status", "source"]
    list_filter = ["kind", "status"]
