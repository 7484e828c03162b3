"""The catalogue: platforms, their instruments, services and tariffs; editing them; training records."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.core.access import get_child_or_404, require
from biocluster.directory.models import Affiliation, Person

from .. import services
from ..filters import PlatformFilter
from ..forms import ClosureForm, InstrumentForm, PlatformForm, QualificationForm
from ..models import Booking, Platform, Qualification, Tariff, UserCategory
from .common import add_error, instrument_or_404, platform_or_404, render_in

PAGE_SIZE = 30


def platform_list(request):
    """The catalogue, filtered as `/api/platforms` is (`PlatformFilter`), in pages."""
    filters = PlatformFilter(request.GET, queryset=Platform.objects.visible_to(request.user))
    platforms = (
        filters.qs.select_related("organisation__campus")
        .annotate(instrument_count=Count("instruments", filter=Q(instruments__is_active=True)))
        .order_by("organisation__name", "pk")
    )
    page = Paginator(platforms, PAGE_SIZE).get_page(request.GET.get("page"))
    query = filters.form.cleaned_data.get("q") or "" if filters.is_valid() else ""
    template = "platforms/platform_list.html#results" if request.htmx else "platforms/platform_list.html"
    return render(request, template, {"platforms": page, "page": page, "q": query})


def _tariff_table(platform, instruments, services_):
    """Rows of current prices: (item, unit, {category: price}) for each instrument and service."""
    today = timezone.localdate()
    latest: dict = {}
    for tariff in Tariff.objects.filter(platform=platform, valid_from__lte=today).order_by("valid_from"):
        latest[(tariff.instrument_id, tariff.service_id, tariff.category)] = tariff
    rows = []
    for item, key in [(i, (i.pk, None)) for i in instruments] + [(s, (None, s.pk)) for s in services_]:
        prices = [latest.get((*key, category)) for category in UserCategory.values]
        if any(prices):
            unit = next(p for p in prices if p).get_unit_display()
            rows.append({"item": item, "unit": unit, "prices": prices})
    return rows


def platform_detail(request, pk: int):
    platform = platform_or_404(request, pk)
    instruments = list(platform.instruments.filter(is_active=True).prefetch_related("opening_hours"))
    offered = list(platform.services.filter(is_active=True))
    managers = list(
        Affiliation.objects.current()
        .filter(organisation=platform.organisation, is_administrator=True)
        .select_related("person")
    )
    user = request.user
    # A manager's page is linked only for a visitor who may open it (the directory's rule).
    openable_people = set(
        Person.objects.visible_to(user)
        .filter(pk__in=[a.person_id for a in managers])
        .values_list("pk", flat=True)
    )
    return render_in(
        request,
        platform.tz,
        "platforms/platform_detail.html",
        {
            "platform": platform,
            "instruments": instruments,
            "services": offered,
            "managers": managers,
            "openable_people": openable_people,
            "categories": UserCategory.choices,
            "tariffs": _tariff_table(platform, instruments, offered),
            "can_manage": user.has_perm("platforms.manage_platform", platform),
            "can_see_stats": user.has_perm("platforms.view_platform_stats", platform),
        },
    )


@login_required
def platform_edit(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.change_platform", platform)
    form = PlatformForm(request.POST or None, request.FILES or None, instance=platform)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_platform(
                actor=request.user, platform=Platform.objects.get(pk=pk), **form.cleaned_data
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("platforms:platform_detail", pk=pk)
    return render(request, "platforms/form.html", {"form": form, "title": platform.name, "back": platform})


def instrument_detail(request, pk: int):
    instrument = instrument_or_404(request, pk)
    user = request.user
    qualification = None
    upcoming = []
    if user.is_authenticated:
        qualification = (
            Qualification.objects.filter(instrument=instrument, user=user).order_by("-qualified_on").first()
        )
        upcoming = list(
            Booking.objects.active()
            .filter(instrument=instrument, user=user, end__gte=timezone.now())
            .order_by("start")[:10]
        )
    can_manage = user.has_perm("platforms.manage_platform", instrument.platform)
    return render_in(
        request,
        instrument.platform.tz,
        "platforms/instrument_detail.html",
        {
            "instrument": instrument,
            "platform": instrument.platform,
            "qualification": qualification,
            "upcoming": upcoming,
            "tariffs": _tariff_table(instrument.platform, [instrument], []),
            "categories": UserCategory.choices,
            "can_manage": can_manage,
            "can_book": user.has_perm("platforms.book_instrument", instrument),
            "outages": instrument.outages.filter(resolved_at__isnull=True)
            if can_manage or instrument.is_down
            else [],
        },
    )


@login_required
def instrument_edit(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.manage_platform", instrument.platform)
    form = InstrumentForm(request.POST or None, request.FILES or None, instance=instrument)
    current = _current_tariffs(instrument)
    form.add_tariff_fields(current)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in InstrumentForm.Meta.fields}
        try:
            with transaction.atomic():
                saved = services.update_instrument(actor=request.user, instrument=instrument, **data)
                services.set_opening_hours(actor=request.user, instrument=saved, hours=form.opening_hours())
                _save_tariffs(request.user, saved, current, form.tariffs(), form.cleaned_data["tariff_unit"])
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("platforms:instrument_detail", pk=pk)
    return render(
        request,
        "platforms/form.html",
        {"form": form, "title": instrument.name, "back_instrument": instrument},
    )


def _current_tariffs(instrument) -> dict:
    today = timezone.localdate()
    current = {}
    for tariff in instrument.tariffs.filter(valid_from__lte=today).order_by("valid_from"):
        current[tariff.category] = tariff
    return current


def _save_tariffs(actor, instrument, current: dict, prices: dict, unit: str) -> None:
    """A changed price (or unit) becomes a new tariff from today; earlier uses keep theirs."""
    for category, price in prices.items():
        tariff = current.get(category)
        if tariff is None or tariff.price != price or tariff.unit != unit:
            services.set_tariff(
                actor=actor,
                platform=instrument.platform,
                instrument=instrument,
                category=category,
                price=price,
                unit=unit,
                valid_from=timezone.localdate(),
            )


def _bookings_in(closure) -> int:
    from .. import timeutils

    tz = closure.platform.tz
    since = timeutils.at(closure.start_date, timeutils.MIDNIGHT, tz)
    until = timeutils.at(closure.end_date + timedelta(days=1), timeutils.MIDNIGHT, tz)
    bookings = Booking.objects.active().filter(
        instrument__platform=closure.platform, start__lt=until, end__gt=since
    )
    if closure.instrument_id:
        bookings = bookings.filter(instrument_id=closure.instrument_id)
    return bookings.count()


@login_required
def closures(request, pk: int):
    platform = platform_or_404(request, pk)
    require(request.user, "platforms.manage_platform", platform)
    form = ClosureForm(request.POST or None, platform=platform)
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.add_closure(actor=request.user, platform=platform, **form.cleaned_data)
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Closure recorded."))
            affected = _bookings_in(closure)
            if affected:
                messages.warning(
                    request,
                    _(
                        "%(count)s booking(s) fall on these days: schedule maintenance over them to cancel and tell them."
                    )
                    % {"count": affected},
                )
            return redirect("platforms:closures", pk=pk)
    return render(
        request,
        "platforms/closures.html",
        {
            "platform": platform,
            "form": form,
            "closures": platform.closures.filter(end_date__gte=timezone.localdate()).select_related(
                "instrument"
            ),
        },
    )


@login_required
def qualifications(request, pk: int):
    instrument = instrument_or_404(request, pk)
    require(request.user, "platforms.manage_platform", instrument.platform)
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and "withdraw" in request.POST:
        qualification = get_child_or_404(
            Qualification.objects.filter(instrument=instrument),
            request.user,
            through="instrument",
            pk=request.POST.get("withdraw"),
        )
        services.withdraw_qualification(actor=request.user, qualification=qualification)
        messages.success(request, _("Training record withdrawn."))
        return redirect("platforms:qualifications", pk=pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.qualify(
                actor=request.user,
                instrument=instrument,
                user=data["email"],
                qualified_on=data["qualified_on"],
                expires_on=data["expires_on"],
                notes=data["notes"],
            )
        except ValidationError as error:
            add_error(form, error)
        else:
            messages.success(request, _("Training recorded."))
            return redirect("platforms:qualifications", pk=pk)
    return render(
        request,
        "platforms/qualifications.html",
        {
            "instrument": instrument,
            "form": form,
            "qualifications": instrument.qualifications.select_related("user", "granted_by"),
            "today": timezone.localdate(),
        },
    )
