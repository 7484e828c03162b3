from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core import registry
from biocluster.core.access import get_child_or_404, get_visible_or_404, require
from biocluster.core.widgets import choices_response, search_text

from .. import caching, fields, search, services
from ..facets import facets
from ..filters import OrganisationFilter
from ..forms import OrganisationForm, OrganisationLinkForm, SitePresenceForm
from ..models import Affiliation, Organisation, OrganisationKind, OrganisationLink, TechnologyField
from ..search import search_organisations

PAGE_SIZE = 25


class CountedPaginator(Paginator):
    """A paginator told its count, so that turning pages does not count the results again.

    A search counted up to a `limit` (`OrganisationFilter.extent`) pages through that
    many results, and says "more than" (`more`).
    """

    def __init__(self, object_list, per_page, *, count: int, limit: int | None = None):
        super().__init__(object_list, per_page)
        self.more = limit is not None and count > limit
        self.known_count = limit if self.more else count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _filtered(request):
    base = Organisation.objects.visible_to(request.user)
    filterset = OrganisationFilter(request.GET, queryset=base)
    results = filterset.qs if filterset.is_valid() else base.none()
    return filterset, results


def filters_of(request) -> str:
    """The query without `page`: all the count and the facets depend on."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _render_results(request, template: str, current: int) -> str:
    filterset, results = _filtered(request)
    valid = filterset.is_valid()
    count, among = caching.cached_for(
        request.user,
        "organisation-extent",
        filters_of(request),
        filterset.extent if valid else lambda: (results.count(), None),
        current=current,
    )
    ranked = filterset.ranked(among) if valid else results
    limit = search.SEARCH_LIMIT if valid and filterset.text else None
    paginator = CountedPaginator(ranked.select_related("campus"), PAGE_SIZE, count=count, limit=limit)
    page = paginator.get_page(request.GET.get("page"))
    organisations = list(page.object_list)
    fields = TechnologyField.objects.only("code", "name_en", "name_fr", "depth", "path")
    prefetch_related_objects(
        organisations, Prefetch("technology_fields", queryset=fields), "value_chain_stages"
    )
    context = {"filterset": filterset, "page": page, "organisations": organisations}
    return render_to_string(f"{template}#results", context, request)


def _render_facets(request, template: str) -> str:
    filterset, results = _filtered(request)
    context = {"filterset": filterset, "facets": facets(results)}
    return render_to_string(f"{template}#facets", context, request)


def _fragments(request, template: str, partials: tuple[str, ...], current: int) -> dict[str, str]:
    """The page's fragments, cached until the next change of the directory.

    A page of results is cached per full query; the count and the facets, the
    costly part on a large directory, depend on the filters only and are
    cached without `page`, so that turning pages does not compute them again.
    """
    user = request.user
    fragments = {
        "results": caching.cached_for(
            user,
            f"results:{template}",
            request.GET.urlencode(),
            lambda: _render_results(request, template, current),
            current=current,
        )
    }
    if "facets" in partials:
        fragments["facets"] = caching.cached_for(
            user,
            f"facets:{template}",
            filters_of(request),
            lambda: _render_facets(request, template),
            current=current,
        )
    return fragments


# The whole page of an anonymous visitor is cached, with this in place of the request's
# CSRF token (in the header's forms), put back in every response.
CSRF_PLACEHOLDER = "csrf-token-of-the-request-0b9e6f"


def _directory_page(request, template: str, partials: tuple[str, ...] = ("results",)):
    current = caching.version()
    fragment = request.htmx and request.htmx.target == "results"
    if not fragment and not request.user.is_authenticated and not len(messages.get_messages(request)):
        html = caching.cached_for(
            request.user,
            f"page:{template}",
            request.get_full_path(),
            lambda: _render_page(request, template, partials, current, CSRF_PLACEHOLDER),
            current=current,
        )
        return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
    if not fragment:
        return HttpResponse(_render_page(request, template, partials, current))
    fragments = _fragments(request, template, partials, current)
    oob = "".join(
        f'<div class="facets" id="{name}" hx-swap-oob="true">{html}</div>'
        for name, html in fragments.items()
        if name != "results"
    )
    return HttpResponse(fragments["results"] + oob)


def _render_page(request, template: str, partials: tuple[str, ...], current: int, csrf=None) -> str:
    fragments = _fragments(request, template, partials, current)
    context = {"fragments": {k: mark_safe(v) for k, v in fragments.items()}}
    if csrf is not None:
        context["csrf_token"] = csrf
    # The page around the fragments reads the query's values from `request.GET`: building
    # a filter set (it deep-copies its filters and form) cost more than the rest of it.
    return render_to_string(template, context, request)


def organisation_list(request):
    return _directory_page(request, "directory/organisation_list.html", ("results", "facets"))


@login_required
def organisation_manage(request):
    require(request.user, "directory.manage_directory")
    return _directory_page(request, "directory/organisation_manage.html")


def organisation_detail(request, pk: int):
    organisation = get_visible_or_404(
        Organisation.objects.select_related("campus").prefetch_related(*fields.MANY_TO_MANY),
        request.user,
        pk=pk,
    )
    user = request.user
    reader = fields.Reader.of(user, organisation)
    affiliations = Affiliation.objects.current().filter(organisation=organisation).select_related("person")
    if not reader.sees_everything:
        affiliations = affiliations.filter(person__public_consent=True)
    visible = Organisation.objects.visible_to(user)
    links_out = OrganisationLink.objects.filter(subject=organisation, object__in=visible).select_related(
        "object"
    )
    links_in = OrganisationLink.objects.filter(object=organisation, subject__in=visible).select_related(
        "subject"
    )
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            # The declared fields `user` may read, section by section (fields.py).
            "sections": fields.page_sections(organisation, reader),
            "sees_everything": reader.sees_everything,
            "can_edit": user.has_perm("directory.change_organisation", organisation),
            "affiliations": affiliations,
            "links_out": links_out,
            "links_in": links_in,
            # What the other areas know of it (programmes, accreditation, bookings...), for staff.
            "summary": registry.organisation_summary(user, organisation)
            if user.has_perm("directory.view_organisation_summary", organisation)
            else [],
            # The sections other areas add to the page (the staff's interactions and tasks...).
            "extra_sections": registry.organisation_sections(request, organisation),
        },
    )


def _site_form(request, organisation=None) -> SitePresenceForm | None:
    """The stay's dates, for cluster staff only (the organisation's administrators do not set them)."""
    if not request.user.has_perm("directory.record_site_presence", organisation):
        return None
    instance = Organisation.objects.get(pk=organisation.pk) if organisation else Organisation()
    return SitePresenceForm(request.POST or None, instance=instance)


def _save_organisation(request, form, site_form=None, organisation=None):
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if organisation is None:
                organisation = services.create_organisation(actor=request.user, **data)
            else:
                organisation = services.update_organisation(
                    actor=request.user, organisation=organisation, **data
                )
            if site_form is not None:
                services.correct_site_dates(organisation, by=request.user, **site_form.cleaned_data)
            return organisation
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _valid(form, site_form) -> bool:
    return all([form.is_valid(), site_form is None or site_form.is_valid()])


@login_required
def organisation_create(request):
    require(request.user, "directory.add_organisation")
    form = OrganisationForm(request.POST or None, request.FILES or None)
    site_form = _site_form(request)
    if request.method == "POST" and _valid(form, site_form):
        organisation = _save_organisation(request, form, site_form)
        if organisation is not None:
            messages.success(request, _("Organisation created."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(request, "directory/organisation_form.html", {"form": form, "site_form": site_form})


@login_required
def organisation_edit(request, pk: int):
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    require(request.user, "directory.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    site_form = _site_form(request, organisation)
    if request.method == "POST" and _valid(form, site_form):
        saved = _save_organisation(request, form, site_form, Organisation.objects.get(pk=pk))
        if saved is not None:
            messages.success(request, _("Changes saved."))
            return redirect("directory:organisation_detail", pk=pk)
    context = {"form": form, "site_form": site_form, "organisation": organisation}
    return render(request, "directory/organisation_form.html", context)


@login_required
@require_POST
def organisation_delete(request, pk: int):
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    require(request.user, "directory.delete_organisation", organisation)
    try:
        services.delete_organisation(actor=request.user, organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("directory:organisation_detail", pk=pk)
    messages.success(request, _("Organisation deleted."))
    return redirect("directory:organisation_manage")


@login_required
def link_create(request, pk: int):
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    require(request.user, "directory.change_organisation", organisation)
    form = OrganisationLinkForm(request.POST or None, subject=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_organisations(actor=request.user, subject=organisation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Link added."))
            return redirect("directory:organisation_detail", pk=pk)
    return render(request, "directory/link_form.html", {"form": form, "organisation": organisation})


@login_required
@require_POST
def link_delete(request, pk: int):
    link = get_child_or_404(OrganisationLink.objects, request.user, through="subject", pk=pk)
    organisation = link.subject
    require(request.user, "directory.change_organisation", organisation)
    services.remove_link(actor=request.user, link=link)
    messages.success(request, _("Link removed."))
    return redirect("directory:organisation_detail", pk=organisation.pk)


def organisation_choices(request):
    """The pickers' search (core/widgets.py): organisations the user may see, best match first.

    `kind` (repeatable) keeps those kinds, `exclude` leaves one out (the organisation being linked).
    """
    organisations = Organisation.objects.visible_to(request.user)
    kinds = [kind for kind in request.GET.getlist("kind") if kind in OrganisationKind.values]
    if kinds:
        organisations = organisations.filter(kind__in=kinds)
    excluded = request.GET.get("exclude", "")
    if excluded.isdigit():
        organisations = organisations.exclude(pk=int(excluded))
    return choices_response(search_organisations(organisations.only("name"), search_text(request)))
