"""The filters of the API's lists (the same filter sets a page would use)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import (
    ActivityKind,
    AgreementActivity,
    AgreementKind,
    AgreementStatus,
    Direction,
    Membership,
    PartnershipAgreement,
    SoftLanding,
    Stage,
)


class AgreementFilter(django_filters.FilterSet):
    partner = django_filters.NumberFilter(label=_("Partner"), field_name="partner_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgreementKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    country = django_filters.CharFilter(
        label=_("Country"), field_name="partner__country", lookup_expr="iexact"
    )

    class Meta:
        model = PartnershipAgreement
        fields = ["partner", "kind", "status", "country"]


class ActivityFilter(django_filters.FilterSet):
    agreement = django_filters.NumberFilter(label=_("Agreement"), field_name="agreement_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices)
    organisation = django_filters.NumberFilter(
        label=_("Organisation involved"), field_name="organisations__id", distinct=True
    )

    class Meta:
        model = AgreementActivity
        fields = ["agreement", "kind", "organisation"]


class SoftLandingFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    direction = django_filters.ChoiceFilter(label=_("Direction"), choices=Direction.choices)
    agreement = django_filters.NumberFilter(label=_("Agreement"), field_name="agreement_id")
    country = django_filters.CharFilter(label=_("Country"), field_name="country", lookup_expr="iexact")

    class Meta:
        model = SoftLanding
        fields = ["stage", "direction", "agreement", "country"]


class MembershipFilter(django_filters.FilterSet):
    network = django_filters.NumberFilter(label=_("Network"), field_name="network_id")
    current = django_filters.BooleanFilter(label=_("Current"), field_name="ended_on", lookup_expr="isnull")

    class Meta:
        model = Membership
        fields = ["network", "current"]
