import pytest
from django.core.exceptions import ValidationError

from biocluster.audit.models import AuditEvent
from biocluster.directory import services
from biocluster.directory.models import (
    Affiliation,
    Organisation,
    OrganisationLink,
    TechnologyField,
    ValueChainStage,
)
from biocluster.directory.tests.factories import AffiliationFactory, LinkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_create_organisation_records_every_field_and_classification(staff_user):
    field = TechnologyField.objects.get(code="synthetic-biology")
    organisation = services.create_organisation(
        actor=staff_user, name="Abolis", kind="startup", technology_fields=[field]
    )
    event = AuditEvent.objects.get(action="directory.organisation.created")
    assert event.actor == staff_user
    assert event.object_id == str(organisation.pk)
    assert event.changes["name"] == [None, "Abolis"]
    assert event.changes["technology_fields"] == [None, ["Synthetic biology"]]


def test_update_records_before_and_after_of_changed_fields_only(staff_user):
    organisation = OrganisationFactory(name="Old", headcount=5)
    services.update_organisation(actor=staff_user, organisation=organisation, name="New", headcount=5)
    event = AuditEvent.objects.get(action="directory.organisation.updated")
    assert event.changes == {"name": ["Old", "New"]}


def test_update_with_no_change_records_nothing(staff_user):
    organisation = OrganisationFactory(name="Same")
    services.update_organisation(actor=staff_user, organisation=organisation, name="Same")
    assert not AuditEvent.objects.filter(action="directory.organisation.updated").exists()


def test_invalid_update_saves_nothing(staff_user):
    organisation = OrganisationFactory(name="Valid", website="")
    with pytest.raises(ValidationError) as error:
        services.update_organisation(actor=staff_user, organisation=organisation, website="not a url")
    assert "website" in error.value.message_dict
    organisation.refresh_from_db()
    assert organisation.website == ""
    assert not AuditEvent.objects.filter(action__startswith="directory.").exists()


def test_delete_keeps_the_last_values_in_the_trail(staff_user):
    organisation = OrganisationFactory(name="Gone")
    pk = organisation.pk
    services.delete_organisation(actor=staff_user, organisation=organisation)
    event = AuditEvent.objects.get(action="directory.organisation.deleted")
    assert event.object_id == str(pk)
    assert event.changes["name"] == ["Gone", None]
    assert not Organisation.objects.filter(pk=pk).exists()


def test_keys_for_duplicate_detection_follow_name_and_website():
    organisation = OrganisationFactory(name="Généthon SAS", website="https://www.genethon.fr/en")
    assert organisation.name_key == "genethon"
    assert organisation.website_domain == "genethon.fr"


def test_merge_moves_people_links_and_classifications(staff_user):
    keep = OrganisationFactory(name="Synsight", website="")
    duplicate = OrganisationFactory(name="SYNSIGHT SAS", website="https://synsight.example")
    stage = ValueChainStage.objects.get(code="research-development")
    duplicate.value_chain_stages.add(stage)
    AffiliationFactory(organisation=duplicate, role="CEO")
    partner = OrganisationFactory(name="Partner")
    LinkFactory(subject=duplicate, object=partner, kind="partner_of")
    LinkFactory(subject=keep, object=partner, kind="partner_of")  # already there: not duplicated
    LinkFactory(subject=partner, object=duplicate, kind="client_of")

    services.merge_organisations(actor=staff_user, keep=keep, duplicate=duplicate)

    keep.refresh_from_db()
    assert keep.website == "https://synsight.example"
    assert list(keep.value_chain_stages.all()) == [stage]
    assert Affiliation.objects.get(role="CEO").organisation == keep
    assert OrganisationLink.objects.filter(subject=keep, object=partner, kind="partner_of").count() == 1
    assert OrganisationLink.objects.filter(subject=partner, object=keep, kind="client_of").exists()
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert AuditEvent.objects.filter(action="directory.organisation.merged", object_id=str(keep.pk)).exists()
    assert AuditEvent.objects.filter(action="directory.organisation.merged_away").exists()


def test_an_organisation_cannot_be_merged_into_itself(staff_user):
    organisation = OrganisationFactory()
    with pytest.raises(ValueError, match="itself"):
        services.merge_organisations(actor=staff_user, keep=organisation, duplicate=organisation)


def test_a_collaboration_names_its_project(staff_user):
    first, second = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValidationError):
        services.link_organisations(actor=staff_user, subject=first, kind="collaborates_with", object=second)
    link = services.link_organisations(
        actor=staff_user, subject=first, kind="collaborates_with", object=second, project="COBIOE"
    )
    assert str(link).endswith("(COBIOE)")
    assert AuditEvent.objects.filter(action="directory.link.created").count() == 1


def test_an_organisation_is_not_linked_to_itself(staff_user):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.link_organisations(
            actor=staff_user, subject=organisation, kind="partner_of", object=organisation
        )


def test_a_link_ends_after_it_starts(staff_user):
    import datetime

    first, second = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(ValidationError):
        services.link_organisations(
            actor=staff_user,
            subject=first,
            kind="partner_of",
            object=second,
            start_date=datetime.date(2022, 1, 1),
            end_date=datetime.date(2021, 1, 1),
        )
    assert not OrganisationLink.objects.exists()


def test_ended_affiliations_no_longer_make_a_member(staff_user, member, member_organisation):
    import datetime

    from biocluster.directory.querysets import organisation_ids_of

    assert member_organisation.pk in organisation_ids_of(member)
    affiliation = Affiliation.objects.get(person__user=member)
    services.end_affiliation(actor=staff_user, affiliation=affiliation, end_date=datetime.date(2020, 1, 1))
    member._biocluster_affiliations = None
    assert member_organisation.pk not in organisation_ids_of(member)
    assert AuditEvent.objects.filter(action="directory.affiliation.ended").exists()


def test_an_organisation_others_still_refer_to_is_kept_with_a_clear_error(staff_user):
    from django.db import models

    from biocluster.directory.models import Person

    organisation = OrganisationFactory(name="Referenced Bio")
    protected = Affiliation._meta.get_field("organisation")
    original = protected.remote_field.on_delete
    protected.remote_field.on_delete = models.PROTECT
    try:
        AffiliationFactory(
            organisation=organisation, person=Person.objects.create(first_name="A", last_name="B")
        )
        with pytest.raises(ValidationError, match="Referenced Bio cannot be deleted"):
            services.delete_organisation(actor=staff_user, organisation=organisation)
    finally:
        protected.remote_field.on_delete = original
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert not AuditEvent.objects.filter(action="directory.organisation.deleted").exists()
