"""The survey's pages: staff run the campaigns; each company's administrators answer on their own page.

Thin: every write is a service; who may see or do what is `rules.py` and `visible_to`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404, require
from biocluster.core.forms import add_error
from biocluster.directory.querysets import administered_organisation_ids_of

from . import services
from .forms import AnswersForm, CampaignForm, CompanyForm, ReturnForm
from .models import Campaign, Response, ResponseState

PAGE_SIZE = 50


def _save(form, write) -> bool:
    """Call the service; its refusal goes on the form."""
    try:
        write()
    except ValidationError as error:
        add_error(form, error)
        return False
    return True


def _act(request, write, message: str) -> bool:
    """An action without a form (open, close, validate...): its refusal is a message."""
    try:
        write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, message)
    return True


# -- campaigns (staff)


@login_required
def campaign_list(request):
    require(request.user, "survey.manage_campaigns")
    campaigns = list(services.with_completion(Campaign.objects.visible_to(request.user)).order_by("-year"))
    rows = [(campaign, services.completion(campaign)) for campaign in campaigns]
    return render(request, "survey/campaign_list.html", {"rows": rows})


@login_required
def campaign_create(request):
    require(request.user, "survey.manage_campaigns")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = []
        if _save(
            form,
            lambda: created.append(
                services.create_campaign(
                    actor=request.user,
                    year=data["year"],
                    deadline=data["deadline"],
                    questions=list(data["questions"]) or None,
                )
            ),
        ):
            messages.success(request, _("Campaign created: check the companies asked, then open it."))
            return redirect("survey:campaign_detail", pk=created[0].pk)
    return render(request, "survey/campaign_form.html", {"form": form, "title": _("New survey campaign")})


def _campaign(request, pk: int, permission: str) -> Campaign:
    campaign = get_visible_or_404(Campaign.objects, request.user, pk=pk)
    require(request.user, permission, campaign)
    return campaign


def _progress_context(campaign: Campaign) -> dict:
    completion = services.completion(campaign)
    states = [(value, label, completion.by_state[value]) for value, label in ResponseState.choices]
    return {"campaign": campaign, "completion": completion, "states": states}


@login_required
def campaign_detail(request, pk: int):
    campaign = _campaign(request, pk, "survey.view_campaign")
    state = request.GET.get("state", "")
    responses = campaign.responses.select_related("organisation").order_by("organisation__name", "pk")
    if state in ResponseState.values:
        responses = responses.filter(state=state)
    page = Paginator(responses, PAGE_SIZE).get_page(request.GET.get("page"))
    questions = list(campaign.questions.all())
    totals = services.validated_totals(campaign)
    context = _progress_context(campaign) | {
        "page": page,
        "state": state,
        "totals": [(q, totals.get(q.code, 0)) for q in questions if q.is_numeric] if totals else [],
        "can_change": request.user.has_perm("survey.change_campaign", campaign),
        "company_form": CompanyForm(),
    }
    return render(request, "survey/campaign_detail.html", context)


@login_required
def campaign_progress(request, pk: int):
    """The completion counts alone, refreshed by htmx every few seconds on the campaign's page."""
    campaign = _campaign(request, pk, "survey.view_campaign")
    return render(request, "survey/_progress.html", _progress_context(campaign))


@login_required
def campaign_edit(request, pk: int):
    campaign = _campaign(request, pk, "survey.change_campaign")
    initial = {
        "deadline": campaign.deadline,
        "questions": list(campaign.questions.values_list("pk", flat=True)),
    }
    form = CampaignForm(request.POST or None, campaign=campaign, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.update_campaign(
                actor=request.user,
                campaign=campaign,
                deadline=form.cleaned_data["deadline"],
                questions=form.cleaned_data.get("questions"),
            ),
        )
    ):
        messages.success(request, _("Changes saved."))
        return redirect("survey:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "survey/campaign_form.html",
        {"form": form, "campaign": campaign, "title": _("Change the campaign")},
    )


@login_required
@require_POST
def campaign_open(request, pk: int):
    campaign = _campaign(request, pk, "survey.change_campaign")
    _act(
        request,
        lambda: services.open_campaign(actor=request.user, campaign=campaign),
        _("The campaign is open: the companies' answers are prefilled."),
    )
    return redirect("survey:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_close(request, pk: int):
    campaign = _campaign(request, pk, "survey.change_campaign")
    _act(
        request, lambda: services.close_campaign(actor=request.user, campaign=campaign), _("Campaign closed.")
    )
    return redirect("survey:campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_add_company(request, pk: int):
    campaign = _campaign(request, pk, "survey.change_campaign")
    form = CompanyForm(request.POST)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        _act(
            request,
            lambda: services.add_company(actor=request.user, campaign=campaign, organisation=organisation),
            _("%(organisation)s is asked.") % {"organisation": organisation.name},
        )
    else:
        messages.error(request, _("Choose an organisation of the directory."))
    return redirect("survey:campaign_detail", pk=campaign.pk)


# -- responses


def _response(request, pk: int, permission: str) -> Response:
    response = get_visible_or_404(
        Response.objects.select_related("campaign", "organisation", "submitted_by", "reviewed_by"),
        request.user,
        pk=pk,
    )
    require(request.user, permission, response)
    return response


@login_required
def my_responses(request):
    """The survey responses of the companies the user administers."""
    rows = (
        Response.objects.visible_to(request.user)
        .filter(organisation_id__in=administered_organisation_ids_of(request.user))
        .select_related("campaign", "organisation")
        .order_by("-campaign__year", "organisation__name")
    )
    return render(request, "survey/my_responses.html", {"responses": rows})


@login_required
def response_detail(request, pk: int):
    """The company's page: its administrators answer (save a draft, submit); staff read it, and
    validate or return it once submitted."""
    response = _response(request, pk, "survey.view_response")
    can_answer = request.user.has_perm("survey.answer_response", response)
    answers = services.answers_of(response)
    jumps = services.jumps_of(response, answers)
    for answer in answers:
        answer.jump = jumps.get(answer.question.code)
    form = AnswersForm(
        request.POST if request.method == "POST" else None, answers=answers, disabled=not can_answer
    )
    if request.method == "POST":
        require(request.user, "survey.answer_response", response)
        submit = "submit" in request.POST
        write = services.submit_response if submit else services.save_answers
        if form.is_valid() and _save(
            form, lambda: write(actor=request.user, response=response, values=form.values())
        ):
            messages.success(
                request, _("Your answers are submitted: thank you.") if submit else _("Draft saved.")
            )
            return redirect("survey:response_detail", pk=response.pk)
    return render(
        request,
        "survey/response_detail.html",
        {
            "response": response,
            "form": form,
            "can_answer": can_answer,
            "can_review": request.user.has_perm("survey.review_response", response),
            "is_staff": request.user.has_perm("survey.view_campaign", response.campaign),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def response_validate(request, pk: int):
    response = _response(request, pk, "survey.review_response")
    _act(
        request,
        lambda: services.validate_response(actor=request.user, response=response),
        _("Response validated."),
    )
    return redirect(reverse("survey:campaign_detail", args=[response.campaign_id]) + "?state=submitted")


@login_required
def response_return(request, pk: int):
    response = _response(request, pk, "survey.review_response")
    form = ReturnForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.return_response(
                actor=request.user, response=response, comment=form.cleaned_data["comment"]
            ),
        )
    ):
        messages.success(request, _("Response returned to the company."))
        return redirect(reverse("survey:campaign_detail", args=[response.campaign_id]) + "?state=submitted")
    return render(request, "survey/response_return.html", {"response": response, "form": form})


@login_required
@require_POST
def response_remove(request, pk: int):
    response = _response(request, pk, "survey.remove_response")
    _act(
        request,
        lambda: services.remove_company(actor=request.user, response=response),
        _("%(organisation)s is no longer asked.") % {"organisation": response.organisation.name},
    )
    return redirect("survey:campaign_detail", pk=response.campaign_id)
