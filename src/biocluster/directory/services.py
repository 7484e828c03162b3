"""Every write to the directory goes through these functions.

Each takes the acting user, runs in a transaction and records its audit event,
whether called by a page, the API, the admin, an import or a command.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from biocluster.audit import services as audit

from . import fields
from .models import SYMMETRIC_LINK_KINDS, Affiliation, Organisation, OrganisationLink, Person, Tag

ORGANISATION_M2M = fields.MANY_TO_MANY


def _assign(obj, data: dict) -> dict:
    """Set plain fields on `obj`; return the many-to-many values for after the save."""
    m2m = {}
    for name, value in data.items():
        if name in ORGANISATION_M2M:
            m2m[name] = value
        else:
            setattr(obj, name, value)
    return m2m


def _set_m2m(obj, m2m: dict, actor) -> None:
    for name, values in m2m.items():
        if name == "tags":
            values = _tags(actor, values)
        getattr(obj, name).set(values)


def _tags(actor, values) -> list[Tag]:
    """Tags may be given by name: a new one is made (and audited) in the organisation's transaction."""
    tags = []
    for value in values:
        if not isinstance(value, Tag):
            name = str(value).strip()
            value = Tag.objects.filter(name=name).first()
            if value is None:
                value = Tag(name=name)
                value.full_clean()
                value.save()
                audit.record_create(actor=actor, obj=value, action="directory.tag.created")
        tags.append(value)
    return tags


@transaction.atomic
def create_organisation(*, actor, action: str = "directory.organisation.created", **data) -> Organisation:
    """`action` names a creation with a particular origin (e.g. from an application)."""
    organisation = Organisation()
    m2m = _assign(organisation, data)
    organisation.full_clean()
    organisation.save()
    _set_m2m(organisation, m2m, actor)
    audit.record_create(actor=actor, obj=organisation, action=action, m2m=ORGANISATION_M2M)
    return organisation


@transaction.atomic
def update_organisation(*, actor, organisation: Organisation, **data) -> Organisation:
    before = audit.snapshot(Organisation.objects.get(pk=organisation.pk), ORGANISATION_M2M)
    m2m = _assign(organisation, data)
    organisation.full_clean()
    organisation.save()
    _set_m2m(organisation, m2m, actor)
    audit.record_update(
        actor=actor,
        obj=organisation,
        action="directory.organisation.updated",
        before=before,
        m2m=ORGANISATION_M2M,
    )
    return organisation


@transaction.atomic
def delete_organisation(*, actor, organisation: Organisation) -> None:
    """Delete, unless other areas still hold records of it (bookings, proposals...): those are kept."""
    audit.record_delete(
        actor=actor, obj=organisation, action="directory.organisation.deleted", m2m=ORGANISATION_M2M
    )
    try:
        with transaction.atomic():
            organisation.delete()
    except ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            _("%(name)s cannot be deleted: other records still refer to it (%(kinds)s)."),
            code="protected",
            params={"name": organisation.name, "kinds": ", ".join(kinds)},
        ) from error


@transaction.atomic
def merge_organisations(*, actor, keep: Organisation, duplicate: Organisation) -> Organisation:
    """Fold `duplicate` into `keep`: its people, links and classifications move over.

    Each field is merged as `fields.py` declares it: kept, filled when empty, or united."""
    if keep.pk == duplicate.pk:
        raise ValueError("An organisation cannot be merged into itself.")
    before = audit.snapshot(keep, ORGANISATION_M2M)
    for name in fields.merged(fields.Merge.UNION):
        getattr(keep, name).add(*getattr(duplicate, name).all())
    fields.fill_empty(keep, lambda name: getattr(duplicate, name))
    keep.save()
    Affiliation.objects.filter(organisation=duplicate).update(organisation=keep)
    existing = set(
        OrganisationLink.objects.filter(subject=keep).values_list("kind", "object_id", "project")
    ) | set(OrganisationLink.objects.filter(object=keep).values_list("kind", "subject_id", "project"))
    for link in OrganisationLink.objects.filter(subject=duplicate).exclude(object=keep):
        if (link.kind, link.object_id, link.project) not in existing:
            link.subject = keep
            link.save(update_fields=["subject"])
    for link in OrganisationLink.objects.filter(object=duplicate).exclude(subject=keep):
        if (link.kind, link.subject_id, link.project) not in existing:
            link.object = keep
            link.save(update_fields=["object"])
    audit.record_update(
        actor=actor,
        obj=keep,
        action="directory.organisation.merged",
        before=before,
        m2m=ORGANISATION_M2M,
        data={"merged": {"id": duplicate.pk, "name": duplicate.name}},
    )
    audit.record_delete(
        actor=actor,
        obj=duplicate,
        action="directory.organisation.merged_away",
        data={"into": {"id": keep.pk, "name": keep.name}},
    )
    duplicate.delete()
    return keep


def same_link(*, subject, kind, object, project: str = ""):
    """The link already recording this relation, if any (either way round for symmetric kinds)."""
    links = OrganisationLink.objects.filter(kind=kind, project=project)
    same = Q(subject=subject, object=object)
    if kind in SYMMETRIC_LINK_KINDS:
        same |= Q(subject=object, object=subject)
    return links.filter(same).first()


@transaction.atomic
def link_organisations(*, actor, subject, kind, object, **data) -> OrganisationLink:
    existing = same_link(subject=subject, kind=kind, object=object, project=data.get("project", ""))
    if existing is not None:
        raise ValidationError(
            {
                "object": ValidationError(
                    _("This link is already recorded: %(link)s."),
                    code="duplicate_link",
                    params={"link": existing},
                )
            }
        )
    link = OrganisationLink(subject=subject, kind=kind, object=object, **data)
    link.full_clean()
    link.save()
    audit.record_create(actor=actor, obj=link, action="directory.link.created")
    return link


@transaction.atomic
def remove_link(*, actor, link: OrganisationLink) -> None:
    audit.record_delete(actor=actor, obj=link, action="directory.link.deleted")
    link.delete()


CONSENTS = ("public_consent", "contact_consent")


def _date_consents(person: Person, before: Person | None = None) -> None:
    """A consent carries the moment it was given, set here: cleared when withdrawn, kept while it holds."""
    for consent in CONSENTS:
        given, at = getattr(person, consent), f"{consent}_at"
        if not given:
            setattr(person, at, None)
        elif getattr(person, at) is None or (before is not None and not getattr(before, consent)):
            setattr(person, at, timezone.now())


@transaction.atomic
def create_person(*, actor, action: str = "directory.person.created", **data) -> Person:
    person = Person(**data)
    _date_consents(person)
    person.full_clean()
    person.save()
    audit.record_create(actor=actor, obj=person, action=action)
    return person


@transaction.atomic
def update_person(*, actor, person: Person, **data) -> Person:
    stored = Person.objects.get(pk=person.pk)
    before = audit.snapshot(stored)
    for name, value in data.items():
        setattr(person, name, value)
    _date_consents(person, stored)
    person.full_clean()
    person.save()
    audit.record_update(actor=actor, obj=person, action="directory.person.updated", before=before)
    return person


@transaction.atomic
def affiliate(
    *, actor, person, organisation, role, action: str = "directory.affiliation.created", **data
) -> Affiliation:
    affiliation = Affiliation(person=person, organisation=organisation, role=role, **data)
    affiliation.full_clean()
    affiliation.save()
    audit.record_create(actor=actor, obj=affiliation, action=action)
    return affiliation


@transaction.atomic
def end_affiliation(*, actor, affiliation: Affiliation, end_date) -> Affiliation:
    before = audit.snapshot(affiliation)
    affiliation.end_date = end_date
    affiliation.full_clean()
    affiliation.save(update_fields=["end_date", "updated_at"])
    audit.record_update(actor=actor, obj=affiliation, action="directory.affiliation.ended", before=before)
    return affiliation


# --------------------------------------------------------------------------- on the cluster's site
# One stay per organisation: its arrival and, once it has left, its departure. An organisation that
# comes back starts a new stay; the earlier one stays in its audit history (not in the counts).
SITE_FIELDS = ("on_site_since", "left_site_on", "left_site_reason")


def _locked(organisation: Organisation) -> Organisation:
    """The stored organisation, locked until the transaction ends: two moves never interleave."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _record_site(
    actor, organisation: Organisation, stored: Organisation, action: str, note: str = "", **values
) -> Organisation:
    before = audit.snapshot(stored)
    for name, value in values.items():
        setattr(stored, name, value)
    stored.full_clean()
    stored.save(update_fields=[*values, "updated_at"])
    data = {"note": note} if note else None
    audit.record_update(actor=actor, obj=stored, action=action, before=before, data=data)
    for name in SITE_FIELDS:  # the caller's instance reads what was recorded
        setattr(organisation, name, getattr(stored, name))
    return organisation


@transaction.atomic
def record_site_arrival(organisation: Organisation, day, *, by) -> Organisation:
    """It moved onto the site on `day`. Already on site since then or before: nothing changes
    (a second lease is no arrival). Gone: a new stay starts, unless `day` is before it left."""
    stored = _locked(organisation)
    since, left = stored.on_site_since, stored.left_site_on
    if since is not None and left is None and since <= day:
        return organisation
    if left is not None and day < left:
        raise ValidationError(
            {
                "on_site_since": ValidationError(
                    _("It left the site on %(left)s: an earlier arrival is a correction of its dates."),
                    code="arrival_before_departure",
                    params={"left": left.isoformat()},
                )
            }
        )
    return _record_site(
        by,
        organisation,
        stored,
        "directory.organisation.arrived_on_site",
        on_site_since=day,
        left_site_on=None,
        left_site_reason="",
    )


@transaction.atomic
def record_site_departure(organisation: Organisation, day, reason: str, *, by) -> Organisation:
    """It left the site on `day` (its first day away), for `reason`."""
    stored = _locked(organisation)
    if stored.left_site_on == day and stored.left_site_reason == reason:
        return organisation
    if stored.on_site_since is None or stored.left_site_on is not None:
        raise ValidationError(
            {
                "left_site_on": ValidationError(
                    _("It is not on site: record its arrival first."), code="not_on_site"
                )
            }
        )
    return _record_site(
        by,
        organisation,
        stored,
        "directory.organisation.left_site",
        left_site_on=day,
        left_site_reason=reason.strip(),
    )


@transaction.atomic
def correct_site_dates(
    organisation: Organisation, *, by, on_site_since, left_site_on, left_site_reason: str = "", note: str = ""
) -> Organisation:
    """Staff set the stay's dates as they were (the site form, the admin): audited as a correction,
    with `note` saying where they come from (a lease; "synthetic" in the demo)."""
    stored = _locked(organisation)
    values = {
        "on_site_since": on_site_since,
        "left_site_on": left_site_on,
        "left_site_reason": (left_site_reason or "").strip() if left_site_on else "",
    }
    if all(getattr(stored, name) == value for name, value in values.items()):
        return organisation
    return _record_site(by, organisation, stored, "directory.organisation.site_corrected", note, **values)
