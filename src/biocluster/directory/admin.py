from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from biocluster.audit.admin import AuditedAdminMixin

from .models import (
    Affiliation,
    Campus,
    Organisation,
    OrganisationLink,
    Person,
    Tag,
    TechnologyField,
    ValueChainStage,
)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "campus", "is_listed", "source"]
    list_filter = ["kind", "is_listed", "campus", "value_chain_stages"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["technology_fields", "tags"]
    inlines = [AffiliationInline]


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "public_consent", "source"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["user"]
    inlines = [AffiliationInline]


@admin.register(OrganisationLink)
class OrganisationLinkAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "kind", "object", "project", "source"]
    list_filter = ["kind"]
    autocomplete_fields = ["subject", "object"]


@admin.register(TechnologyField)
class TechnologyFieldAdmin(AuditedAdminMixin, TreeAdmin):
    form = movenodeform_factory(TechnologyField)
    list_display = ["name_en", "name_fr", "code"]


@admin.register(Campus)
class CampusAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "city", "source"]


admin.site.register(ValueChainStage)
admin.site.register(Tag)
