"""Pages: the public key figures and frozen records, the annual report (web and PDF), and the
staff's snapshots (freeze, compare and restate, publish, write the report), the ECCP profile."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from biocluster.core.access import get_child_or_404, get_visible_or_404, require
from biocluster.core.forms import add_error

from . import eccp as eccp_profile
from . import eccp_document, services
from . import report as annual
from .forms import FreezeForm, RestateForm, SectionForm
from .models import FreezeJob, FreezeStatus, FrozenValue, Section, Snapshot

RECORDS_PER_PAGE = 50
TREND_YEARS = 5


def _snapshot(request, year: int) -> Snapshot:
    """The year's snapshot if the user may read it (published, or staff): 404 otherwise."""
    return get_visible_or_404(Snapshot.objects.all(), request.user, year=year)


def _managed(request, year: int) -> Snapshot:
    require(request.user, "publishing.manage_snapshots")
    return get_visible_or_404(Snapshot.objects.all(), request.user, year=year)


def _is_staff(user) -> bool:
    return user.has_perm("publishing.manage_snapshots")


# ----------------------------------------------------------------------------- public


def key_figures(request):
    """The published figures of the last published year (or the one asked), anyone may read."""
    published = Snapshot.objects.published().order_by("-year")
    years = list(published.values_list("year", flat=True))
    year = request.GET.get("year")
    snapshot = published.filter(year=year).first() if year and year.isdigit() else published.first()
    values = [row for row in snapshot.values.all() if row.value is not None] if snapshot else []
    return render(
        request,
        "publishing/key_figures.html",
        {"snapshot": snapshot, "values": values, "years": years},
    )


def _value(request, pk: int) -> FrozenValue:
    """A frozen value whose snapshot the user may read (published, or staff): 404 otherwise."""
    return get_child_or_404(FrozenValue.objects.all(), request.user, through="snapshot", pk=pk)


def figure(request, pk: int):
    """A frozen figure and the records behind it; the public reads the public-safe fields only."""
    value = _value(request, pk)
    snapshot, code, year = value.snapshot, value.code, value.snapshot.year
    staff = _is_staff(request.user)
    page = Paginator(value.records.all(), RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "snapshot": snapshot,
        "value": value,
        "page": page,
        "staff": staff,
        "trend": services.frozen_years(code, published_only=not staff, until=year)[-TREND_YEARS:],
        "restatements": value.restatements.select_related("decided_by") if staff else [],
    }
    return render(request, "publishing/figure.html", context)


def report(request, year: int):
    """The annual report's web version: each figure links to its records."""
    snapshot = _snapshot(request, year)
    sections = annual.sections(snapshot)
    for section in sections:
        for item in section.figures:
            item.chart_view = item.chart() if section.display == Section.CHART else None
    return render(
        request,
        "publishing/report.html",
        {"snapshot": snapshot, "sections": sections, "staff": _is_staff(request.user)},
    )


def report_pdf(request, year: int):
    snapshot = _snapshot(request, year)
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    if language not in annual.LANGUAGES:
        raise Http404
    pdf = annual.report_pdf(snapshot, language, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "rapport-annuel" if language == "fr" else "annual-report"
    response["Content-Disposition"] = f'attachment; filename="{name}-{year}-{language}.pdf"'
    return response


# ----------------------------------------------------------------------------- staff


@login_required
def snapshots(request):
    """The frozen years, a form to freeze one, and the key figures' trends over them."""
    require(request.user, "publishing.manage_snapshots")
    form = FreezeForm(request.POST or None, initial={"year": services.latest_freezable_year()})
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_freeze(actor=request.user, year=form.cleaned_data["year"])
        except ValidationError as error:
            add_error(form, error)
        else:
            return redirect("publishing:freeze", pk=job.pk)
    rows = list(Snapshot.objects.order_by("-year"))
    years = sorted(row.year for row in rows)[-TREND_YEARS:]
    trends: dict[str, dict] = {}
    for value in FrozenValue.objects.filter(snapshot__year__in=years).select_related("snapshot"):
        entry = trends.setdefault(value.code, {"value": value, "years": {}})
        entry["years"][value.snapshot.year] = value
        if value.snapshot.year == years[-1]:
            entry["value"] = value
    table = [
        {"value": entry["value"], "cells": [entry["years"].get(year) for year in years]}
        for entry in sorted(trends.values(), key=lambda entry: (entry["value"].order, entry["value"].code))
    ]
    return render(
        request,
        "publishing/snapshots.html",
        {"form": form, "snapshots": rows, "years": years, "table": table},
    )


@login_required
def freeze(request, pk: int):
    """A freeze running in the background: its progress, polled by htmx every second while it runs;
    once done, on to the snapshot's page."""
    require(request.user, "publishing.manage_snapshots")
    job = FreezeJob.objects.filter(pk=pk).first()
    if job is None:
        raise Http404
    job.give_up_if_silent()
    if job.status == FreezeStatus.DONE:
        messages.success(request, _("The figures of %(year)s are frozen.") % {"year": job.year})
        url = reverse("publishing:snapshot", args=[job.year])
        if request.htmx:
            return HttpResponseClientRedirect(url)
        return redirect(url)
    template = "publishing/_freeze_progress.html" if request.htmx else "publishing/freeze.html"
    return render(request, template, {"job": job})


@login_required
def snapshot(request, year: int):
    snapshot = _managed(request, year)
    return render(
        request,
        "publishing/snapshot.html",
        {
            "snapshot": snapshot,
            "values": snapshot.values.all(),
            "sections": snapshot.sections.all(),
        },
    )


@login_required
@require_POST
def publish(request, year: int):
    snapshot = _managed(request, year)
    try:
        if request.POST.get("action") == "withdraw":
            services.unpublish(actor=request.user, snapshot=snapshot)
            messages.success(request, _("The figures of %(year)s are no longer public.") % {"year": year})
        else:
            services.publish(actor=request.user, snapshot=snapshot)
            messages.success(request, _("The figures of %(year)s are published.") % {"year": year})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("publishing:snapshot", year=year)


@login_required
def restate(request, pk: int):
    """What recomputing the figure would change, and the decision to restate it."""
    require(request.user, "publishing.manage_snapshots")
    value = get_child_or_404(FrozenValue.objects.all(), request.user, through="snapshot", pk=pk)
    snapshot = value.snapshot
    form = RestateForm(request.POST or None)
    try:
        comparison = services.compare(value)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("publishing:figure", pk=value.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.restate(actor=request.user, frozen=value, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The figure is restated."))
            return redirect("publishing:figure", pk=value.pk)
    return render(
        request,
        "publishing/restate.html",
        {"snapshot": snapshot, "value": value, "comparison": comparison, "form": form},
    )


def _section_form(request, snapshot: Snapshot, section: Section | None):
    initial = None
    if section is not None:
        initial = {name: getattr(section, name) for name in services.SECTION_FIELDS}
    form = SectionForm(request.POST or None, snapshot=snapshot, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if section is None:
                services.create_section(actor=request.user, snapshot=snapshot, **form.cleaned_data)
            else:
                services.update_section(actor=request.user, section=section, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(reverse("publishing:snapshot", args=[snapshot.year]) + "#sections")
    return render(
        request, "publishing/section_form.html", {"snapshot": snapshot, "section": section, "form": form}
    )


@login_required
def section_create(request, year: int):
    return _section_form(request, _managed(request, year), None)


@login_required
def section_edit(request, pk: int):
    require(request.user, "publishing.manage_snapshots")
    section = get_child_or_404(Section.objects.all(), request.user, through="snapshot", pk=pk)
    return _section_form(request, section.snapshot, section)


@login_required
@require_POST
def section_delete(request, pk: int):
    require(request.user, "publishing.manage_snapshots")
    section = get_child_or_404(Section.objects.all(), request.user, through="snapshot", pk=pk)
    services.delete_section(actor=request.user, section=section)
    messages.success(request, _("The section is deleted."))
    return redirect(reverse("publishing:snapshot", args=[section.snapshot.year]) + "#sections")


@login_required
def eccp(request):
    require(request.user, "publishing.view_eccp_profile")
    language = (get_language() or "en")[:2]
    return render(request, "publishing/eccp.html", {"profile": eccp_profile.profile(language)})


def _eccp_language(request) -> str:
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    return language if language in annual.LANGUAGES else "en"


@login_required
def eccp_pdf(request):
    require(request.user, "publishing.view_eccp_profile")
    language = _eccp_language(request)
    response = HttpResponse(eccp_document.eccp_pdf(language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="eccp-profile-{language}.pdf"'
    return response


@login_required
def eccp_json(request):
    require(request.user, "publishing.view_eccp_profile")
    language = _eccp_language(request)
    body = json.dumps(eccp_profile.profile(language), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="eccp-profile.json"'
    return response
