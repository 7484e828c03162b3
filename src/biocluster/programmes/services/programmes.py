"""Programmes and cohorts, configured by the entreprises staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from ..models import Cohort, Programme
from .common import full_clean, require_staff

PROGRAMME_FIELDS = (
    "code",
    "name_en",
    "name_fr",
    "summary_en",
    "summary_fr",
    "description_en",
    "description_fr",
    "target",
    "duration_months",
    "renewal_months",
    "days_quota",
    "shared_lab_access",
    "office_or_lab_space",
    "fund_raising_support",
    "is_active",
    "position",
    "source",
)


@transaction.atomic
def save_programme(*, actor, programme: Programme | None = None, **data) -> Programme:
    require_staff(actor)
    unknown = set(data) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    creating = programme is None
    programme = programme or Programme()
    before = None if creating else audit.snapshot(programme)
    for name, value in data.items():
        setattr(programme, name, value)
    full_clean(programme)
    clash = Programme.objects.filter(code=programme.code).exclude(pk=programme.pk)
    if clash.exists():
        raise ValidationError({"code": [_("Another programme has this code.")]})
    programme.save()
    if creating:
        audit.record_create(actor=actor, obj=programme, action="programmes.programme.created")
    else:
        audit.record_update(actor=actor, obj=programme, action="programmes.programme.changed", before=before)
    return programme


@transaction.atomic
def create_cohort(
    *, actor, programme: Programme, name: str, start_date, intake_call=None, source=""
) -> Cohort:
    require_staff(actor)
    cohort = Cohort(
        programme=programme, name=name, start_date=start_date, intake_call=intake_call, source=source
    )
    full_clean(cohort)
    if Cohort.objects.filter(programme=programme, name=cohort.name).exists():
        raise ValidationError({"name": [_("This programme already has a cohort of this name.")]})
    if intake_call is not None and intake_call.kind != "programme_intake":
        raise ValidationError({"intake_call": [_("Choose a call of the kind “Programme intake”.")]})
    cohort.save()
    audit.record_create(actor=actor, obj=cohort, action="programmes.cohort.created")
    return cohort
