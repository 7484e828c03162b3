"""The staff's pages of international cooperation: thin, every write through `services`."""

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core import rows
from biocluster.core.access import get_visible_or_404, require
from biocluster.events.models import Event, EventKind, EventStatus

from . import services
from .apps import alerts
from .forms import (
    ActivityForm,
    AgreementForm,
    FollowUpForm,
    InstallForm,
    LabelForm,
    MembershipForm,
    MissionForm,
    MoveForm,
    PackForm,
    SoftLandingForm,
    SubscribeForm,
    VisaForm,
)
from .models import (
    OPEN_STAGES,
    AgreementActivity,
    AgreementStatus,
    Label,
    Membership,
    Mission,
    Pack,
    PackSubscription,
    PartnershipAgreement,
    SoftLanding,
    Stage,
    TalentVisa,
)

VIEW = "cooperation.view_cooperation"


def _get(model_or_queryset, request, pk: int, permission: str = VIEW):
    queryset = getattr(model_or_queryset, "objects", model_or_queryset)
    obj = get_visible_or_404(queryset.all(), request.user, pk=pk)
    require(request.user, permission, obj)
    return obj


def _form_page(request, form, *, title: str, write, done, cancel: str, message: str, context=None):
    return rows.form_page(
        request,
        form,
        template="cooperation/form.html",
        write=write,
        done=done,
        message=message,
        context={"title": title, "cancel": cancel, **(context or {})},
        refused_status=422,
    )


def _refused(request, form, back: str):
    """A form of one button or two (no page of its own): its errors said on the page it came from."""
    messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect(back)


def _values(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names if name in data}


# -- the dashboard


@login_required
def dashboard(request):
    require(request.user, VIEW)
    from .dashboard import figures

    today = timezone.localdate()
    return render(
        request,
        "cooperation/dashboard.html",
        {**figures(today), "todos": alerts(request.user, today=today), "today": today},
    )


# -- agreements


@login_required
def agreement_list(request):
    require(request.user, VIEW)
    today = timezone.localdate()
    agreements = (
        PartnershipAgreement.objects.visible_to(request.user)
        .select_related("partner")
        .annotate(activity_count=Count("activities"))
    )
    status = request.GET.get("status", "")
    if status == "in_force":
        agreements = (
            agreements.exclude(status=AgreementStatus.DRAFT)
            .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
            .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=today))
        )
    agreements = list(agreements)
    for agreement in agreements:
        agreement.state = agreement.state_on(today)
    return render(
        request,
        "cooperation/agreement_list.html",
        {"agreements": agreements, "today": today, "status": status},
    )


@login_required
def agreement_create(request):
    require(request.user, "cooperation.add_agreement")
    form = AgreementForm(request.POST or None, request.FILES or None)

    def write(data):
        document = data.pop("document", None)
        return services.create_agreement(actor=request.user, document=document, **data)

    return _form_page(
        request,
        form,
        title=_("New partnership agreement"),
        write=write,
        done=lambda agreement: reverse("cooperation:agreement_detail", args=[agreement.pk]),
        cancel=reverse("cooperation:agreement_list"),
        message=_("Agreement saved."),
        context={"multipart": True},
    )


@login_required
def agreement_detail(request, pk: int):
    agreement = _get(PartnershipAgreement.objects.select_related("partner"), request, pk)
    today = timezone.localdate()
    activities = agreement.activities.prefetch_related("organisations")
    expiring = services.expiring_agreements(today=today).filter(pk=agreement.pk).exists()
    dormant = any(a.pk == agreement.pk for a in services.dormant_agreements(today=today))
    return render(
        request,
        "cooperation/agreement_detail.html",
        {
            "agreement": agreement,
            "activities": activities,
            "soft_landings": agreement.soft_landings.all(),
            "state": agreement.state_on(today),
            "expiring": expiring,
            "dormant": dormant,
            "can_change": request.user.has_perm("cooperation.change_agreement", agreement),
        },
    )


@login_required
def agreement_edit(request, pk: int):
    agreement = _get(PartnershipAgreement, request, pk, "cooperation.change_agreement")
    form = AgreementForm(
        request.POST or None, request.FILES or None, initial=AgreementForm.initial_of(agreement)
    )

    def write(data):
        document = data.pop("document", None)
        return services.update_agreement(actor=request.user, agreement=agreement, document=document, **data)

    url = reverse("cooperation:agreement_detail", args=[pk])
    return _form_page(
        request,
        form,
        title=_("Change the agreement"),
        write=write,
        done=lambda _obj: url,
        cancel=url,
        message=_("Changes saved."),
        context={"multipart": True},
    )


@login_required
@require_POST
def agreement_delete(request, pk: int):
    agreement = _get(PartnershipAgreement, request, pk, "cooperation.delete_agreement")
    try:
        services.delete_agreement(actor=request.user, agreement=agreement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cooperation:agreement_detail", pk=pk)
    messages.success(request, _("Agreement deleted."))
    return redirect("cooperation:agreement_list")


@login_required
def agreement_document(request, pk: int):
    """The signed document, to the staff only; never served from a public path."""
    agreement = _get(PartnershipAgreement, request, pk, "cooperation.view_agreement_document")
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=agreement.document_name or "agreement.pdf",
        content_type="application/pdf",
    )


@login_required
def activity_create(request, pk: int):
    agreement = _get(PartnershipAgreement, request, pk, "cooperation.add_activity")
    form = ActivityForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    url = reverse("cooperation:agreement_detail", args=[pk])
    return _form_page(
        request,
        form,
        title=_("Log an activity under “%(title)s”") % {"title": agreement.title},
        write=lambda data: services.log_activity(actor=request.user, agreement=agreement, **data),
        done=lambda _obj: url,
        cancel=url,
        message=_("Activity logged."),
    )


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = _get(
        AgreementActivity.objects.select_related("agreement"), request, pk, "cooperation.delete_activity"
    )
    return rows.act_and_back(
        request,
        lambda: services.delete_activity(actor=request.user, activity=activity),
        message=_("Activity deleted."),
        back=reverse("cooperation:agreement_detail", args=[activity.agreement_id]),
    )


# -- prospecting and soft landing


@login_required
def soft_landing_list(request):
    """The pipeline: one column per stage, open stages first, then installed and lost."""
    require(request.user, VIEW)
    rows = SoftLanding.objects.visible_to(request.user).select_related(
        "organisation", "agreement__partner", "event"
    )
    direction = request.GET.get("direction", "")
    if direction in ("inbound", "outbound"):
        rows = rows.filter(direction=direction)
    by_stage = defaultdict(list)
    for row in rows:
        by_stage[row.stage].append(row)
    columns = [(stage, by_stage.get(stage.value, [])) for stage in Stage]
    return render(
        request,
        "cooperation/soft_landing_list.html",
        {"columns": columns, "direction": direction, "count": sum(len(v) for v in by_stage.values())},
    )


@login_required
def soft_landing_create(request):
    require(request.user, "cooperation.add_soft_landing")
    initial = {"agreement": request.GET.get("agreement") or None, "direction": "inbound"}
    form = SoftLandingForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form,
        title=_("New lead"),
        write=lambda data: services.create_soft_landing(actor=request.user, **data),
        done=lambda obj: reverse("cooperation:soft_landing_detail", args=[obj.pk]),
        cancel=reverse("cooperation:soft_landing_list"),
        message=_("Lead saved."),
    )


@login_required
def soft_landing_detail(request, pk: int):
    soft_landing = _get(
        SoftLanding.objects.select_related("organisation", "agreement__partner", "event"), request, pk
    )
    return render(
        request,
        "cooperation/soft_landing_detail.html",
        {
            "soft_landing": soft_landing,
            "visas": soft_landing.visas.all(),
            "move_form": MoveForm(),
            "install_form": InstallForm(),
            "existing": None
            if soft_landing.organisation_id
            else services.existing_organisation(soft_landing),
            "is_open": soft_landing.stage in OPEN_STAGES,
            "can_change": request.user.has_perm("cooperation.change_soft_landing", soft_landing),
        },
    )


@login_required
def soft_landing_edit(request, pk: int):
    soft_landing = _get(SoftLanding, request, pk, "cooperation.change_soft_landing")
    initial = {name: getattr(soft_landing, name) for name in SoftLandingForm.base_fields}
    initial.update(
        organisation=soft_landing.organisation_id,
        agreement=soft_landing.agreement_id,
        event=soft_landing.event_id,
    )
    form = SoftLandingForm(request.POST or None, initial=initial)
    if soft_landing.stage == Stage.INSTALLED:
        form.fields["organisation"].disabled = True
    url = reverse("cooperation:soft_landing_detail", args=[pk])

    def write(data):
        if soft_landing.stage == Stage.INSTALLED:
            data.pop("organisation", None)
        return services.update_soft_landing(actor=request.user, soft_landing=soft_landing, **data)

    return _form_page(
        request,
        form,
        title=_("Change “%(name)s”") % {"name": soft_landing.name},
        write=write,
        done=lambda _obj: url,
        cancel=url,
        message=_("Changes saved."),
    )


@login_required
@require_POST
def soft_landing_move(request, pk: int):
    soft_landing = _get(SoftLanding, request, pk, "cooperation.change_soft_landing")
    form = MoveForm(request.POST)
    back = reverse("cooperation:soft_landing_detail", args=[pk])
    if not form.is_valid():
        return _refused(request, form, back)
    return rows.act_and_back(
        request,
        lambda: services.move_soft_landing(
            actor=request.user, soft_landing=soft_landing, **form.cleaned_data
        ),
        message=_("Stage changed."),
        back=back,
    )


@login_required
@require_POST
def soft_landing_install(request, pk: int):
    soft_landing = _get(SoftLanding, request, pk, "cooperation.install_soft_landing")
    form = InstallForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, reverse("cooperation:soft_landing_detail", args=[pk]))
    try:
        soft_landing = services.install_soft_landing(
            actor=request.user, soft_landing=soft_landing, kind=form.cleaned_data["kind"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is installed and in the directory.") % {"name": soft_landing.organisation.name},
        )
    return redirect("cooperation:soft_landing_detail", pk=pk)


@login_required
def visa_create(request, pk: int):
    soft_landing = _get(SoftLanding, request, pk, "cooperation.change_soft_landing")
    form = VisaForm(request.POST or None)
    url = reverse("cooperation:soft_landing_detail", args=[pk])
    return _form_page(
        request,
        form,
        title=_("Talent visa supported for %(name)s") % {"name": soft_landing.name},
        write=lambda data: services.add_visa(actor=request.user, soft_landing=soft_landing, **data),
        done=lambda _obj: url,
        cancel=url,
        message=_("Talent visa saved."),
    )


@login_required
def visa_edit(request, pk: int):
    visa = _get(
        TalentVisa.objects.select_related("soft_landing"), request, pk, "cooperation.change_soft_landing"
    )
    initial = {name: getattr(visa, name) for name in VisaForm.base_fields}
    form = VisaForm(request.POST or None, initial=initial)
    url = reverse("cooperation:soft_landing_detail", args=[visa.soft_landing_id])
    return _form_page(
        request,
        form,
        title=_("Talent visa of %(person)s") % {"person": visa.person_name},
        write=lambda data: services.update_visa(actor=request.user, visa=visa, **data),
        done=lambda _obj: url,
        cancel=url,
        message=_("Talent visa saved."),
    )


# -- missions abroad


def _meetings_by_organisation(mission: Mission) -> Counter:
    """Partnering meetings held or placed at the mission's event, per organisation of a participant."""
    from biocluster.partnering.models import Meeting, MeetingStatus

    counter: Counter = Counter()
    rows = Meeting.objects.filter(event=mission.event, status=MeetingStatus.CONFIRMED).values_list(
        "pk", "participants__registration__organisation_id"
    )
    for _pk, organisation_id in rows:
        if organisation_id:
            counter[organisation_id] += 1
    return counter


@login_required
def mission_list(request):
    require(request.user, VIEW)
    missions = (
        Mission.objects.visible_to(request.user)
        .select_related("event")
        .annotate(companies=Count("packs__subscriptions", distinct=True))
    )
    return render(request, "cooperation/mission_list.html", {"missions": missions})


@login_required
def mission_create(request):
    require(request.user, "cooperation.add_mission")
    form = MissionForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New mission abroad"),
        write=lambda data: services.create_mission(actor=request.user, **data),
        done=lambda obj: reverse("cooperation:mission_detail", args=[obj.pk]),
        cancel=reverse("cooperation:mission_list"),
        message=_("Mission saved."),
    )


@login_required
def mission_detail(request, pk: int):
    mission = _get(Mission.objects.select_related("event"), request, pk)
    packs = mission.packs.prefetch_related(
        Prefetch("subscriptions", queryset=PackSubscription.objects.select_related("organisation"))
    )
    meetings = _meetings_by_organisation(mission)
    follow_ups = defaultdict(dict)
    for row in mission.follow_ups.all():
        follow_ups[row.organisation_id][row.months] = row
    companies = []
    seen = set()
    for pack in packs:
        for subscription in pack.subscriptions.all():
            if subscription.organisation_id in seen:
                continue
            seen.add(subscription.organisation_id)
            companies.append(
                {
                    "organisation": subscription.organisation,
                    "meetings": meetings.get(subscription.organisation_id, 0),
                    "six": follow_ups[subscription.organisation_id].get(6),
                    "twelve": follow_ups[subscription.organisation_id].get(12),
                }
            )
    return render(
        request,
        "cooperation/mission_detail.html",
        {
            "mission": mission,
            "packs": packs,
            "companies": companies,
            "meetings_total": sum(meetings.values()),
            "co_exhibitors": mission.co_exhibitors.all(),
            "subscribe_form": SubscribeForm(),
            "can_change": request.user.has_perm("cooperation.change_mission", mission),
        },
    )


@login_required
def pack_create(request, pk: int):
    mission = _get(Mission, request, pk, "cooperation.change_mission")
    form = PackForm(request.POST or None)
    url = reverse("cooperation:mission_detail", args=[pk])
    return _form_page(
        request,
        form,
        title=_("New pack for %(mission)s") % {"mission": mission},
        write=lambda data: services.add_pack(actor=request.user, mission=mission, **data),
        done=lambda _obj: url,
        cancel=url,
        message=_("Pack saved."),
    )


@login_required
@require_POST
def pack_subscribe(request, pk: int):
    pack = _get(Pack.objects.select_related("mission"), request, pk, "cooperation.change_mission")
    form = SubscribeForm(request.POST)
    back = reverse("cooperation:mission_detail", args=[pack.mission_id])
    if not form.is_valid():
        return _refused(request, form, back)
    return rows.act_and_back(
        request,
        lambda: services.subscribe(
            actor=request.user, pack=pack, organisation=form.cleaned_data["organisation"]
        ),
        message=_("Subscription recorded."),
        back=back,
    )


@login_required
def follow_up_create(request, pk: int):
    mission = _get(Mission, request, pk, "cooperation.change_mission")
    form = FollowUpForm(
        request.POST or None, initial={"organisation": request.GET.get("organisation") or None}
    )
    url = reverse("cooperation:mission_detail", args=[pk])
    return _form_page(
        request,
        form,
        title=_("Follow-up of %(mission)s") % {"mission": mission},
        write=lambda data: services.record_follow_up(actor=request.user, mission=mission, **data),
        done=lambda _obj: url,
        cancel=url,
        message=_("Follow-up recorded."),
    )


# -- memberships and labels


@login_required
def membership_list(request):
    require(request.user, VIEW)
    return render(
        request,
        "cooperation/membership_list.html",
        {
            "memberships": Membership.objects.visible_to(request.user).select_related("network"),
            "labels": Label.objects.visible_to(request.user).select_related("awarded_by"),
            "today": timezone.localdate(),
        },
    )


def _network_row_page(request, form, *, title: str, write, message: str):
    """A membership's or a label's form: both are listed on the memberships page."""
    url = reverse("cooperation:membership_list")
    return _form_page(
        request, form, title=title, write=write, done=lambda _obj: url, cancel=url, message=message
    )


def _initial(row, form, *, related: str) -> dict:
    return {**{name: getattr(row, name) for name in form.base_fields}, related: getattr(row, f"{related}_id")}


@login_required
def membership_create(request):
    require(request.user, "cooperation.add_membership")
    return _network_row_page(
        request,
        MembershipForm(request.POST or None),
        title=_("New membership"),
        write=lambda data: services.create_membership(actor=request.user, **data),
        message=_("Membership saved."),
    )


@login_required
def membership_edit(request, pk: int):
    membership = _get(Membership, request, pk, "cooperation.change_membership")
    return _network_row_page(
        request,
        MembershipForm(request.POST or None, initial=_initial(membership, MembershipForm, related="network")),
        title=_("Change the membership"),
        write=lambda data: services.update_membership(actor=request.user, membership=membership, **data),
        message=_("Changes saved."),
    )


@login_required
def label_create(request):
    require(request.user, "cooperation.add_label")
    return _network_row_page(
        request,
        LabelForm(request.POST or None),
        title=_("New label"),
        write=lambda data: services.create_label(actor=request.user, **data),
        message=_("Label saved."),
    )


@login_required
def label_edit(request, pk: int):
    label = _get(Label, request, pk, "cooperation.change_label")
    return _network_row_page(
        request,
        LabelForm(request.POST or None, initial=_initial(label, LabelForm, related="awarded_by")),
        title=_("Change the label"),
        write=lambda data: services.update_label(actor=request.user, label=label, **data),
        message=_("Changes saved."),
    )


# -- delegations received (events of their own kind)


@login_required
def delegation_list(request):
    """Delegations received, by country (their origin) and year, with the organisations they visited."""
    require(request.user, VIEW)
    delegations = (
        Event.objects.filter(kind=EventKind.DELEGATION, status=EventStatus.PUBLISHED)
        .prefetch_related("visits__organisation", "visiting_organisations")
        .order_by("-starts_at", "id")
    )
    return render(request, "cooperation/delegation_list.html", {"delegations": delegations})
