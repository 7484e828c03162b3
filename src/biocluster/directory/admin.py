from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin

from . import services
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


class AffiliationInline(ReadOnlyTabularInline):
    """Affiliations start and end through `affiliate` and `end_affiliation`, on the directory's pages."""

    model = Affiliation
    fields = ["person", "organisation", "role", "start_date", "end_date", "is_administrator"]


def _site_changes(data: dict) -> dict:
    """The stay's dates, taken out of `data`: they go through the site's own service."""
    return {name: data.pop(name) for name in services.SITE_FIELDS if name in data}


def _correct_site(request, organisation, site: dict):
    if site:
        values = {name: site.get(name, getattr(organisation, name)) for name in services.SITE_FIELDS}
        services.correct_site_dates(organisation, by=request.user, **values)
    return organisation


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    list_display = ["name", "kind", "campus", "is_listed", "source"]
    list_filter = ["kind", "is_listed", "campus", "value_chain_stages"]
    search_fields = ["name", "acronym"]
    filter_horizontal = ["technology_fields", "tags"]
    inlines = [AffiliationInline]

    def create_object(self, request, data):
        site = _site_changes(data)
        organisation = services.create_organisation(actor=request.user, **data)
        return _correct_site(request, organisation, site)

    def update_object(self, request, obj, changes):
        site = _site_changes(changes)
        if changes:
            services.update_organisation(actor=request.user, organisation=obj, **changes)
        _correct_site(request, obj, site)

    def delete_object(self, request, obj):
        services.delete_organisation(actor=request.user, organisation=obj)


@admin.register(Person)
class PersonAdmin(ServiceModelAdmin):
    list_display = ["last_name", "first_name", "email", "public_consent", "contact_consent", "source"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["user"]
    inlines = [AffiliationInline]

    def create_object(self, request, data):
        return services.create_person(actor=request.user, **data)

    def update_object(self, request, obj, changes):
        services.update_person(actor=request.user, person=obj, **changes)


@admin.register(OrganisationLink)
class OrganisationLinkAdmin(ServiceModelAdmin):
    list_display = ["subject", "kind", "object", "project", "source"]
    list_filter = ["kind"]
    autocomplete_fields = ["subject", "object"]

    def create_object(self, request, data):
        return services.link_organisations(actor=request.user, **data)

    def delete_object(self, request, obj):
        services.remove_link(actor=request.user, link=obj)


@admin.register(TechnologyField)
class TechnologyFieldAdmin(ServiceModelAdmin, TreeAdmin):
    """The taxonomy comes from a data migration; no service edits it, so it is shown only."""

    form = movenodeform_factory(TechnologyField)
    list_display = ["name_en", "name_fr", "code"]


@admin.register(Campus)
class CampusAdmin(ServiceModelAdmin):
    list_display = ["name", "city", "source"]


@admin.register(ValueChainStage)
class ValueChainStageAdmin(ServiceModelAdmin):
    list_display = ["__str__"]


@admin.register(Tag)
class TagAdmin(ServiceModelAdmin):
    list_display = ["__str__"]
    search_fields = ["name"]
