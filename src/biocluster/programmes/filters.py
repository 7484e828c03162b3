"""One filter set per list of the programmes, shared by its page and its API list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Enrolment, EnrolmentStatus, Milestone, MilestoneKind, MilestoneStatus


class EnrolmentFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(label=_("Programme"), field_name="cohort__programme_id")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EnrolmentStatus.choices)

    class Meta:
        model = Enrolment
        fields = ["programme", "status"]


class MilestoneFilter(django_filters.FilterSet):
    enrolment = django_filters.NumberFilter(label=_("Enrolment"), field_name="enrolment_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MilestoneKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MilestoneStatus.choices)

    class Meta:
        model = Milestone
        fields = ["enrolment", "kind", "status"]
