"""Partner recommendation in the Django admin (administrators only): read-only.

Builds are started from the model's page, suggestions declined and introductions sent
from the pages and the API, each through its service; the admin shows what was done.
"""

from django.contrib import admin

from biocluster.core.admin import ServiceModelAdmin

from .models import Decline, Introduction, ModelBuild


@admin.register(ModelBuild)
class ModelBuildAdmin(ServiceModelAdmin):
    list_display = ["pk", "status", "created_at", "finished_at", "organisations", "links", "seconds"]
    list_filter = ["status"]
    list_select_related = ["requested_by"]
    autocomplete_fields = ["requested_by"]


@admin.register(Decline)
class DeclineAdmin(ServiceModelAdmin):
    list_display = ["organisation", "candidate", "user", "created_at"]
    search_fields = ["organisation__name", "candidate__name", "user__email"]
    list_select_related = ["organisation", "candidate", "user"]
    autocomplete_fields = ["organisation", "candidate", "user"]


@admin.register(Introduction)
class IntroductionAdmin(ServiceModelAdmin):
    list_display = ["organisation", "partner", "sent_by", "recipients", "created_at"]
    search_fields = ["organisation__name", "partner__name"]
    list_select_related = ["organisation", "partner", "sent_by"]
    autocomplete_fields = ["organisation", "partner", "sent_by"]
