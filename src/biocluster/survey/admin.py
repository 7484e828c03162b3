"""The survey in the Django admin (administrators only), written through the services.

Questions are added and changed there (the catalogue); campaigns change their deadline and
questions; responses and answers are read only (companies answer on their pages, staff
validate there)."""

from django.contrib import admin

from biocluster.core.admin import ReadOnlyInlineMixin, ServiceModelAdmin

from . import services
from .models import Answer, Campaign, Question, Response


@admin.register(Question)
class QuestionAdmin(ServiceModelAdmin):
    list_display = ["code", "label_en", "kind", "required", "prefill", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "label_en", "label_fr"]
    fields = [
        "code",
        "label_en",
        "label_fr",
        "help_en",
        "help_fr",
        "kind",
        "minimum",
        "maximum",
        "required",
        "prefill",
        "order",
        "is_active",
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []  # the indicators read the code

    def create_object(self, request, data):
        return services.add_question(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_question(actor=request.user, question=obj, **changes)


@admin.register(Campaign)
class CampaignAdmin(ServiceModelAdmin):
    list_display = ["year", "state", "deadline", "source"]
    list_filter = ["state"]
    fields = ["year", "state", "deadline", "questions", "opened_at", "closed_at", "source"]
    readonly_fields = ["year", "state", "opened_at", "closed_at", "source"]
    filter_horizontal = ["questions"]

    def update_object(self, request, obj, changes):
        services.update_campaign(actor=request.user, campaign=obj, **changes)


class AnswerInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Answer
    fields = ["question", "number", "flag", "text", "prefilled_value", "prefilled_from", "prefill_detail"]


@admin.register(Response)
class ResponseAdmin(ServiceModelAdmin):
    list_display = ["organisation", "campaign", "reason", "state", "submitted_at", "reviewed_at"]
    list_filter = ["state", "campaign"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "campaign"]
    inlines = [AnswerInline]
