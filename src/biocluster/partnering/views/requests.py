"""Meeting requests: the participant's inbox and outbox, and answering one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import services
from ..filters import MeetingRequestFilter
from ..forms import CounterForm
from ..models import MeetingRequest
from .common import event_or_404, own_profile, request_or_404

PAGE_SIZE = 50


@login_required
def request_list(request, pk: int):
    event = event_or_404(request, pk)
    profile = own_profile(request, event)
    related = (
        "sender__registration__organisation",
        "recipient__registration__organisation",
        "proposed_slot__event",
    )
    # The event's requests one may see, filtered as `/api/meeting-requests` is (`MeetingRequestFilter`).
    filters = MeetingRequestFilter(
        request.GET,
        queryset=MeetingRequest.objects.visible_to(request.user).filter(event=event),
        request=request,
    )
    requests = filters.qs.select_related(*related).order_by("-created_at", "-pk")
    if profile is None:
        requests = requests.none()
    received = Paginator(requests.filter(recipient=profile), PAGE_SIZE).get_page(request.GET.get("received"))
    sent = Paginator(requests.filter(sender=profile), PAGE_SIZE).get_page(request.GET.get("sent"))
    now = timezone.now()
    for row in (*received, *sent):  # shown as read now; the sweep writes it (no write on a read)
        row.status = row.status_at(now)
    return render(
        request,
        "partnering/request_list.html",
        {"event": event, "profile": profile, "received": received, "sent": sent},
    )


@login_required
def request_detail(request, pk: int):
    meeting_request = request_or_404(request, pk)
    return render(
        request,
        "partnering/request_detail.html",
        {
            "meeting_request": meeting_request,
            "event": meeting_request.event,
            "counter_form": CounterForm(event=meeting_request.event),
            "is_recipient": request.user.has_perm("partnering.answer_request", meeting_request),
            "is_sender": request.user.has_perm("partnering.withdraw_request", meeting_request),
        },
    )


# action -> (permission, service, message)
ACTIONS = {
    "accept": (
        "partnering.answer_request",
        services.accept,
        gettext_lazy("Accepted: the meeting will be scheduled."),
    ),
    "decline": ("partnering.answer_request", services.decline, gettext_lazy("Declined.")),
    "counter": ("partnering.answer_request", services.counter, gettext_lazy("Another time proposed.")),
    "accept_counter": (
        "partnering.withdraw_request",
        services.accept_counter,
        gettext_lazy("Agreed: the meeting is placed."),
    ),
    "decline_counter": ("partnering.withdraw_request", services.decline_counter, gettext_lazy("Declined.")),
    "withdraw": ("partnering.withdraw_request", services.withdraw, gettext_lazy("Request withdrawn.")),
}


@login_required
@require_POST
def request_answer(request, pk: int):
    meeting_request = request_or_404(request, pk)
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("partnering:request_detail", pk)
    permission, service, done = ACTIONS[action]
    if not request.user.has_perm(permission, meeting_request):
        raise PermissionDenied
    kwargs = {}
    if action in ("accept", "decline"):
        kwargs["response"] = request.POST.get("response", "")[:2000]
    if action == "counter":
        form = CounterForm(request.POST, event=meeting_request.event)
        if not form.is_valid():
            messages.error(request, _("Choose a time to propose."))
            return redirect("partnering:request_detail", pk)
        kwargs.update(form.cleaned_data)
    try:
        service(request=meeting_request, actor=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect("partnering:request_detail", pk)
