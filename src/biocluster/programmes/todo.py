"""What the programmes give a person to do, for their home page (`core.registry.add_todo`).

The staff running the programmes: plan reviews past their date, renewals to decide,
milestones to validate and enrolments past their planned end, each one line with its count
(one query each), leading to the alerts page. A member of an enrolled company: the renewal
to ask for while the enrolment ends within `pipeline.ALERT_DAYS` days.
"""

from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biocluster.core.formatting import number
from biocluster.core.registry import ToDo

from . import pipeline
from .models import Enrolment, EnrolmentStatus, Renewal, RenewalStatus
from .querysets import is_programmes_staff

MAX_LINES = 5


def _area() -> str:
    return _("Programmes")


def _count(queryset, date_field: str | None) -> tuple[int, object]:
    """How many, and the earliest date among them (None without a date to show)."""
    if date_field is None:
        return queryset.order_by().count(), None
    result = queryset.order_by().aggregate(count=Count("pk"), first=Min(date_field))
    return result["count"], result["first"]


def staff_todos(user) -> list[ToDo]:
    if not is_programmes_staff(user):
        return []
    today = timezone.localdate()
    alerts = reverse("programmes:alerts")
    lines = (
        (pipeline.reviews_overdue(), "due_date", _plan_reviews, "#plan-reviews", True),
        (pipeline.renewals_to_decide(), "enrolment__end_date", _renewals, "#renewals", None),
        (pipeline.milestones_to_validate(), None, _milestones, "#milestones", False),
        (pipeline.overdue(), "end_date", _past_their_end, "", True),
    )
    todos = []
    for queryset, date_field, title, anchor, overdue in lines:
        count, first = _count(queryset, date_field)
        if count:
            late = overdue if overdue is not None else first < today
            text = title(count) % {"count": number(count)}
            todos.append(ToDo(_area(), text, alerts + anchor, count=count, due=first, overdue=late))
    return todos


def _plan_reviews(count: int) -> str:
    return ngettext("%(count)s plan review past its date", "%(count)s plan reviews past their date", count)


def _renewals(count: int) -> str:
    return ngettext("%(count)s renewal awaiting a decision", "%(count)s renewals awaiting a decision", count)


def _milestones(count: int) -> str:
    return ngettext("%(count)s milestone to validate", "%(count)s milestones to validate", count)


def _past_their_end(count: int) -> str:
    return ngettext(
        "%(count)s enrolment past its planned end: graduate, exit or renew",
        "%(count)s enrolments past their planned end: graduate, exit or renew",
        count,
    )


def renewals_to_ask(user) -> list[ToDo]:
    """The active enrolments of the user's organisations ending soon, renewable and not renewed yet."""
    if not user.is_authenticated or is_programmes_staff(user):
        return []  # staff see every enrolment: asking for a renewal is the companies' part
    today = timezone.localdate()
    asked = Renewal.objects.filter(
        enrolment=OuterRef("pk"), status__in=(RenewalStatus.REQUESTED, RenewalStatus.GRANTED)
    )
    enrolments = (
        Enrolment.objects.visible_to(user)
        .filter(
            status=EnrolmentStatus.ACTIVE,
            end_date__gte=today,
            end_date__lte=today + timedelta(days=pipeline.ALERT_DAYS),
            cohort__programme__renewal_months__gt=0,
        )
        .exclude(Exists(asked))
        .select_related("organisation", "cohort__programme")
        .order_by("end_date", "pk")
    )
    return [
        ToDo(
            _area(),
            _("%(organisation)s's enrolment in %(programme)s ends: ask for the renewal")
            % {"organisation": enrolment.organisation.name, "programme": enrolment.cohort.programme.name},
            reverse("programmes:renewal_request", args=[enrolment.pk]),
            due=enrolment.end_date,
        )
        for enrolment in enrolments[:MAX_LINES]
    ]
