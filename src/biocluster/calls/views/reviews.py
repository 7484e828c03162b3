"""The reviewer's pages: their assignments, the declaration of interest, the scoring form.

Until a reviewer declares no conflict, an assignment shows only the proposal's title
and public summary; a conflicted reviewer gets a 404 for the proposal and its files.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biocluster.core.access import get_visible_or_404
from biocluster.core.forms import add_error

from .. import services
from ..access import require_own, review_to_write_or_404
from ..display import label, shown_answers
from ..forms import DeclarationForm, ReviewForm
from ..models import Conflict, Review, ReviewStatus
from .common import errors_of


@login_required
def review_list(request):
    reviews = (
        Review.objects.filter(reviewer=request.user)
        .exclude(status=ReviewStatus.CANCELLED)
        .select_related("proposal__call")
        .order_by("status", "due_at", "pk")
    )
    return render(request, "calls/review_list.html", {"reviews": reviews})


def _review(request, pk) -> Review:
    review = get_visible_or_404(
        Review.objects.select_related("proposal__call", "reviewer"), request.user, pk=pk
    )
    if review.reviewer_id != request.user.pk and not request.user.has_perm("calls.manage_review", review):
        raise Http404
    return review


@login_required
def review_detail(request, pk: int):
    review = _review(request, pk)
    return render(
        request,
        "calls/review_detail.html",
        {
            "review": review,
            "proposal": review.proposal,
            "call": review.proposal.call,
            "own": review.reviewer_id == request.user.pk,
            "runs": request.user.has_perm("calls.manage_review", review),
            "form": DeclarationForm(),
            "due_at": review.proposal.call.local(review.due_at),
        },
    )


@login_required
@require_POST
def review_declare(request, pk: int):
    review = _review(request, pk)
    require_own(request.user, "calls.declare_conflict", review)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Answer whether you have a conflict of interest."))
        return redirect("calls:review_detail", pk=pk)
    try:
        review = services.declare_conflict(actor=request.user, review=review, **form.cleaned_data)
    except ValidationError as error:
        for message in errors_of(error):
            messages.error(request, message)
        return redirect("calls:review_detail", pk=pk)
    if review.conflict == Conflict.NONE:
        messages.success(request, _("Thank you. You can now read the proposal and score it."))
        return redirect("calls:review_edit", pk=pk)
    messages.info(request, _("Your conflict of interest is recorded; this proposal is closed to you."))
    return redirect("calls:review_list")


@login_required
def review_edit(request, pk: int):
    review = review_to_write_or_404(request.user, pk)
    call = review.proposal.call
    initial = {"score_" + k: v for k, v in review.scores.items()}
    initial.update(
        comment_to_committee=review.comment_to_committee, comment_to_applicant=review.comment_to_applicant
    )
    form = ReviewForm(call.rubric, request.POST or None, initial=initial, language_label=label)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            review = services.save_review(
                actor=request.user,
                review=review,
                scores=form.scores(),
                comment_to_committee=form.cleaned_data["comment_to_committee"],
                comment_to_applicant=form.cleaned_data["comment_to_applicant"],
                submit=submit,
            )
        except ValidationError as error:
            for key, messages_ in (error.message_dict if hasattr(error, "error_dict") else {}).items():
                name = "score_" + key.removeprefix("scores.") if key.startswith("scores.") else key
                form.add_error(name if name in form.fields else None, messages_)
            if not hasattr(error, "error_dict"):
                add_error(form, error)
        else:
            if review.conflict == Conflict.DECLARED:
                messages.error(request, review.conflict_reason)
                return redirect("calls:review_list")
            messages.success(request, _("Review submitted.") if submit else _("Review saved."))
            return redirect("calls:review_list") if submit else redirect("calls:review_edit", pk=pk)
    return render(
        request,
        "calls/review_edit.html",
        {
            "review": review,
            "proposal": review.proposal,
            "call": call,
            "form": form,
            "sections": shown_answers(review.proposal),
        },
    )
