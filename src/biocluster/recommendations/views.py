"""Where people see suggestions: an organisation's page, a partnering participant's event page,
the staff's page of suggested connections for the network, and the model's build page.

The sections on other areas' pages are loaded by htmx after the page (a link without
JavaScript), so that those pages cost nothing more to draw; each section is also a page
of its own. Every write goes through `services`.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from biocluster.core import formatting
from biocluster.core.access import get_visible_or_404, require
from biocluster.directory.filters import OrganisationFilter
from biocluster.directory.models import Organisation, OrganisationKind, OrganisationLink, ValueChainStage
from biocluster.directory.normalise import folded

from . import services, words
from .models import ModelBuild

PER_PAGE = 10
NETWORK_SUGGESTIONS = 3
PARTICIPANT_SUGGESTIONS = 5


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _posted_id(request, name: str) -> int:
    """The id posted as `name` (the suggestion acted on): 404 when missing or not a number."""
    value = request.POST.get(name, "")
    if not value.isdigit() or not 0 < int(value) < 2**63:
        raise Http404
    return int(value)


def _back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _organisation(request, pk: int, permission: str) -> Organisation:
    """The organisation if the user may see it and its suggestions: 404 otherwise."""
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    if not request.user.has_perm(permission, organisation):
        raise Http404
    return organisation


def _build_state() -> dict:
    build = services.running_build()
    return {"build": build}


# -- an organisation's suggested partners


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Any kind")), *OrganisationKind.choices],
    )
    country = forms.RegexField(
        label=gettext_lazy("Country"),
        required=False,
        regex=r"^[A-Za-z]{2}$",
        max_length=2,
        error_messages={"invalid": gettext_lazy("Two letters, e.g. FR.")},
    )
    k = forms.IntegerField(required=False, min_value=1, max_value=services.MAX_K, widget=forms.HiddenInput)

    def __init__(self, *args, countries=(), **kwargs):
        # Ids of its own: the section sits on the organisation's page beside other areas' forms.
        super().__init__(*args, auto_id="suggestions_%s", **kwargs)
        # A menu of the countries there are candidates in, by name in the reader's language; the
        # field still takes any two letters (a link from elsewhere, the API's habit).
        named = sorted(
            ((code, formatting.country(code)) for code in countries), key=lambda c: folded(c[1]).casefold()
        )
        self.fields["country"].widget = forms.Select(choices=[("", gettext_lazy("Any country")), *named])


def _organisation_context(request, organisation) -> dict:
    model = services.current_model()
    data = None
    if request.GET:
        data = request.GET.copy()
        if "country" in data:
            data["country"] = data["country"].upper()  # "fr" as "FR", so that the menu shows it chosen
    form = FilterForm(data, countries=sorted(model.countries) if model else ())
    options = form.cleaned_data if form.is_bound and form.is_valid() else {}
    suggestions = None
    if not form.is_bound or form.is_valid():
        suggestions = services.suggestions_for(
            user=request.user,
            organisation=organisation,
            k=options.get("k") or 10,
            kind=options.get("kind") or "",
            country=options.get("country") or "",
        )
    return {
        "organisation": organisation,
        "form": form,
        "suggestions": suggestions,
        "can_introduce": request.user.has_perm("recommendations.send_introduction", organisation),
        "here": request.get_full_path(),
        "page_url": reverse("directory:organisation_detail", args=[organisation.pk]) + "#suggestions",
        **_build_state(),
    }


@login_required
def organisation_suggestions(request, pk: int):
    organisation = _organisation(request, pk, "recommendations.view_suggestions")
    context = _organisation_context(request, organisation)
    if _is_htmx(request):
        return render(request, "recommendations/_organisation.html", context)
    return render(request, "recommendations/organisation.html", context)


def organisation_section(request, organisation) -> str:
    """The section on the organisation's page: loaded by htmx, a link without JavaScript."""
    if not request.user.is_authenticated or not request.user.has_perm(
        "recommendations.view_suggestions", organisation
    ):
        return ""
    return render_to_string(
        "recommendations/_organisation_slot.html", {"organisation": organisation}, request
    )


@login_required
@require_POST
def decline(request, pk: int):
    organisation = _organisation(request, pk, "recommendations.decline_suggestion")
    partner = get_visible_or_404(Organisation.objects, request.user, pk=_posted_id(request, "candidate"))
    services.decline(actor=request.user, organisation=organisation, candidate=partner)
    if _is_htmx(request):
        context = _organisation_context(request, organisation)
        context["notice"] = _("Suggestion declined: it will not be shown to you again.")
        return render(request, "recommendations/_organisation.html", context)
    messages.success(request, _("Suggestion declined: it will not be shown to you again."))
    return redirect(_back(request, reverse("recommendations:organisation", args=[pk])))


@login_required
@require_POST
def introduce(request, pk: int):
    organisation = get_visible_or_404(Organisation.objects, request.user, pk=pk)
    require(request.user, "recommendations.send_introduction", organisation)
    partner = get_visible_or_404(Organisation.objects, request.user, pk=_posted_id(request, "candidate"))
    try:
        services.introduce(
            actor=request.user,
            organisation=organisation,
            partner=partner,
            message=request.POST.get("message", "")[:2000],
            reasons=request.POST.get("reasons", "")[:2000],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Introduction sent to %(first)s and %(second)s.") % {"first": organisation, "second": partner},
        )
    return redirect(_back(request, reverse("recommendations:organisation", args=[pk])))


# -- partnering: "Suggested for you"


def _own_profile(request, pk: int):
    """The user's own partnering profile (404 for anyone else's, organisers' included)."""
    from biocluster.partnering.models import Profile
    from biocluster.partnering.querysets import own_profile_ids

    if pk not in own_profile_ids(request.user):
        raise Http404
    profile = (
        Profile.objects.active()
        .select_related("registration__organisation", "event")
        .filter(pk=pk, event__has_partnering=True)
        .first()
    )
    if profile is None:
        raise Http404
    require(request.user, "partnering.send_request", profile)
    return profile


def _participant_context(request, profile) -> dict:
    return {
        "profile": profile,
        "event": profile.event,
        "suggestions": services.participant_suggestions(
            user=request.user, profile=profile, k=PARTICIPANT_SUGGESTIONS
        ),
        **_build_state(),
    }


@login_required
def participant_suggestions(request, pk: int):
    profile = _own_profile(request, pk)
    context = _participant_context(request, profile)
    if _is_htmx(request):
        return render(request, "recommendations/_participant.html", context)
    return render(request, "recommendations/participant.html", context)


def _other_profile(profile, pk: int):
    from biocluster.partnering.models import Profile

    other = (
        Profile.objects.active()
        .select_related("registration__organisation")
        .filter(pk=pk, event_id=profile.event_id)
        .exclude(pk=profile.pk)
        .first()
    )
    if other is None or other.registration.organisation is None:
        raise Http404
    return other


def _participant_done(request, profile, *, notice: str = "", error: str = ""):
    """After a click: the section again (htmx, with what happened), or back to the event's page."""
    if _is_htmx(request):
        context = {**_participant_context(request, profile), "notice": notice, "error": error}
        return render(request, "recommendations/_participant.html", context)
    if notice:
        messages.success(request, notice)
    if error:
        messages.error(request, error)
    return redirect(reverse("partnering:event", args=[profile.event_id]) + "#suggestions")


@login_required
@require_POST
def participant_decline(request, pk: int):
    profile = _own_profile(request, pk)
    if profile.registration.organisation is None:
        raise Http404
    candidate = _other_profile(profile, _posted_id(request, "other"))
    services.decline(
        actor=request.user,
        organisation=profile.registration.organisation,
        candidate=candidate.registration.organisation,
    )
    return _participant_done(
        request, profile, notice=_("Suggestion declined: it will not be shown to you again.")
    )


@login_required
@require_POST
def participant_request(request, pk: int):
    profile = _own_profile(request, pk)
    candidate = _other_profile(profile, _posted_id(request, "other"))
    try:
        services.request_meeting(actor=request.user, sender=profile, recipient=candidate)
    except ValidationError as refusal:
        return _participant_done(request, profile, error=" ".join(refusal.messages))
    notice = _("Meeting request sent to %(name)s.") % {"name": candidate.registration.name}
    return _participant_done(request, profile, notice=notice)


# -- the network: suggested connections for isolated actors and uncovered stages


def _linked() -> Q:
    """Organisations with a link, either end: two lists of ids the database hashes once, where a
    correlated EXISTS with an OR tried every link for each organisation (60 to 130 ms a query
    at 37,000 organisations on PostgreSQL, 30 to 80 ms this way)."""
    links = OrganisationLink.objects.all()
    return Q(pk__in=links.values("subject_id")) | Q(pk__in=links.values("object_id"))


def _uncovered_stages(organisations) -> list:
    """The stages of the value chain where no organisation of the view has a link."""
    linked = organisations.filter(_linked()).values("pk")
    # Asked stage by stage, each stopping at its first linked organisation: a join read a row per
    # linked organisation and stage (40 to 65 ms at 20,000 organisations on SQLite).
    through = Organisation.value_chain_stages.through
    held = through.objects.filter(valuechainstage_id=OuterRef("pk"), organisation_id__in=linked)
    stages = ValueChainStage.objects.order_by("position").annotate(covered=Exists(held))
    return [stage for stage in stages if not stage.covered]


@login_required
def network(request):
    require(request.user, "recommendations.view_network_suggestions")
    base = Organisation.objects.visible_to(request.user)
    filterset = OrganisationFilter(request.GET, queryset=base)
    organisations = filterset.qs if filterset.is_valid() else base.none()
    uncovered = _uncovered_stages(organisations)
    view = request.GET.get("view", "isolated")
    if view == "stages" and uncovered:
        actors = organisations.filter(value_chain_stages__in=uncovered).distinct()
    else:
        view = "isolated"
        actors = organisations.exclude(_linked())
    actors = actors.order_by("name", "pk")
    page = Paginator(actors, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for actor in page.object_list:
        suggestions = services.suggestions_for(user=request.user, organisation=actor, k=NETWORK_SUGGESTIONS)
        rows.append({"organisation": actor, "suggestions": suggestions})
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("view", None)
    return render(
        request,
        "recommendations/network.html",
        {
            "page": page,
            "rows": rows,
            "view": view,
            "uncovered": uncovered,
            "query": query.urlencode(),
            "here": request.get_full_path(),
            "filters_valid": filterset.is_valid(),
            **_build_state(),
        },
    )


# -- the model


@login_required
def build(request):
    """The model's state for the staff: the last build, the one at work (its progress), and a button."""
    require(request.user, "recommendations.build_model")
    if request.method == "POST":
        services.start_build(actor=request.user)
        messages.success(request, _("The partner recommender is being built again."))
        return redirect("recommendations:build")
    latest = services.latest_build()
    return render(
        request,
        "recommendations/build.html",
        {
            "latest": latest,
            "stale": services.is_stale(latest) if latest is not None else True,
            **_weighed(latest),
            **_measured(latest),
            "builds": ModelBuild.objects.select_related("requested_by")[:10],
            **_build_state(),
        },
    )


def _weighed(latest: ModelBuild | None) -> dict:
    """What the model in use weighs, for its page (nothing for a build made before it was kept)."""
    if latest is None or latest.learnt is None:
        return {}
    from .engine.recommender import learning_outcome

    learnt = latest.learnt
    outcome = learning_outcome(learnt)
    gain = learnt.get("gain over fixed weights") if outcome == "learnt" else None
    return {
        "outcome": outcome,
        "signals": [
            {"name": name, "weight": weight, "size": min(abs(weight), 2.0)}
            for name, weight in words.weighed_signals(learnt)
        ],
        # How much better the learnt weights found held-out organisations' new partners, in
        # points of recall (absent from models learnt before the check).
        "gain_points": 100 * float(gain) if gain is not None else None,
    }


# Fewer organisations than this found new partners in the years measured: the page says the
# figures are rough.
FEW_MEASURED = 30


def _measured(latest: ModelBuild | None) -> dict:
    """How well the model in use ranked the directory's own recent new partnerships, beside the
    baselines, for its page (nothing when it was not measured or could not be)."""
    measured = latest.measured if latest is not None else None
    if not measured:
        return {"measured": None, "unmeasurable": measured == {}}
    ks = ("10", "20", "50")
    rows = [
        {
            "name": words.MEASURED.get(name, name),
            "mine": name == "method",
            "recall": [recall[k] for k in ks],
        }
        for name, recall in measured["recall"].items()
    ]
    return {
        "measured": measured,
        "measured_rows": rows,
        "measured_scale": max(max(row["recall"][0] for row in rows), 0.01),
        "measured_few": measured["queries"] < FEW_MEASURED,
    }


@login_required
def build_progress(request, pk: int):
    """The progress of one build, polled by htmx every second while it runs."""
    require(request.user, "recommendations.build_model")
    job = ModelBuild.objects.filter(pk=pk).first()
    if job is None:
        raise Http404
    job.give_up_if_silent()
    return render(
        request, "recommendations/_progress.html", {"build": job, "reload": request.GET.get("reload", "")}
    )
