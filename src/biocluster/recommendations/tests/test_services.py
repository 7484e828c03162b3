"""The rules of suggestion as the application applies them, on a small directory."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from biocluster.recommendations import services
from biocluster.recommendations.models import BuildStatus, Decline, ModelBuild

from .conftest import link

pytestmark = pytest.mark.django_db


def _ids(shown):
    return [s.organisation.pk for s in shown]


def test_a_first_read_builds_the_model_in_the_background_and_records_its_progress(
    small_world, staff_user, django_capture_on_commit_callbacks
):
    assert ModelBuild.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.suggestions_for(user=staff_user, organisation=small_world["query"]) is None
    build = ModelBuild.objects.get()
    assert build.status == BuildStatus.DONE
    assert build.processed_rows == build.total_rows == 1000
    assert build.organisations == 6 and build.links == 5
    assert build.file and (services.store.directory() / build.file).exists()
    assert AuditEvent.objects.filter(action="recommendations.build.started").count() == 1
    # Once the worker is done, the model answers.
    assert services.suggestions_for(user=staff_user, organisation=small_world["query"]) is not None


def test_the_progress_is_written_as_the_fit_goes(small_world, monkeypatch, build):
    seen = []
    original = ModelBuild.beat

    def spy(self, done=None):
        seen.append(done)
        return original(self, done)

    monkeypatch.setattr(ModelBuild, "beat", spy)
    monkeypatch.setattr(services.time, "monotonic", iter(range(0, 10_000, 1)).__next__)
    job = build()
    assert len(seen) >= 3, "the build beat too rarely to show progress"
    assert seen == sorted(seen) and seen[-1] >= 900
    assert job.processed_rows == job.total_rows == 1000


def test_never_self_never_a_current_partner(model, staff_user):
    small_world = model
    query = small_world["query"]
    ids = _ids(services.suggestions_for(user=staff_user, organisation=query, k=10))
    assert query.pk not in ids
    assert small_world["hub1"].pk not in ids and small_world["hub2"].pk not in ids
    assert small_world["friend"].pk in ids


def test_a_partner_linked_after_the_fit_is_not_suggested(model, staff_user):
    small_world = model
    query, friend = small_world["query"], small_world["friend"]
    assert friend.pk in _ids(services.suggestions_for(user=staff_user, organisation=query))
    link(friend, query, kind="client_of")  # the model does not know it yet
    assert friend.pk not in _ids(services.suggestions_for(user=staff_user, organisation=query))


def test_a_declined_suggestion_is_never_shown_to_that_person_again(model, staff_user, other_staff, build):
    small_world = model
    query, friend = small_world["query"], small_world["friend"]
    services.decline(actor=staff_user, organisation=query, candidate=friend)
    assert friend.pk not in _ids(services.suggestions_for(user=staff_user, organisation=query))
    build(staff_user)  # a new model does not bring it back
    assert friend.pk not in _ids(services.suggestions_for(user=staff_user, organisation=query))
    # Another person still sees it.
    assert friend.pk in _ids(services.suggestions_for(user=other_staff, organisation=query))


def test_declining_is_audited_and_declining_twice_is_one(small_world, staff_user):
    query, friend = small_world["query"], small_world["friend"]
    services.decline(actor=staff_user, organisation=query, candidate=friend)
    services.decline(actor=staff_user, organisation=query, candidate=friend)
    assert Decline.objects.count() == 1
    assert AuditEvent.objects.filter(action="recommendations.suggestion.declined").count() == 1


def test_declining_itself_is_refused(small_world, staff_user):
    with pytest.raises(ValidationError) as refusal:
        services.decline(actor=staff_user, organisation=small_world["query"], candidate=small_world["query"])
    assert "candidate" in refusal.value.message_dict
    assert Decline.objects.count() == 0


def test_an_organisation_the_reader_may_not_see_is_never_suggested(model, member):
    small_world = model
    query, friend = small_world["query"], small_world["friend"]
    friend.is_listed = False
    friend.save()
    assert friend.pk not in _ids(services.suggestions_for(user=member, organisation=query))


def test_a_shared_partner_the_reader_may_not_see_is_counted_not_named(model, member):
    from biocluster.directory.models import Organisation

    Organisation.objects.filter(pk=model["hub1"].pk).update(is_listed=False)
    shown = services.suggestions_for(user=member, organisation=model["query"])
    friend = next(s for s in shown if s.organisation.pk == model["friend"].pk)
    text = " ".join(friend.reasons)
    assert "2 shared partners" in text and "Hub Two" in text
    assert "Hub One" not in text


def test_the_reasons_say_what_the_data_says(model, staff_user):
    small_world = model
    shown = services.suggestions_for(user=staff_user, organisation=small_world["query"])
    friend = next(s for s in shown if s.organisation.pk == small_world["friend"].pk)
    text = " ".join(friend.reasons)
    # Friend Pharma shares exactly two partners with Query Bio: Hub One and Hub Two.
    assert "2 shared partners" in text
    assert "Hub One" in text or "Hub Two" in text


def test_filters_by_kind_and_country(model, staff_user):
    small_world = model
    query = small_world["query"]
    only_large = services.suggestions_for(user=staff_user, organisation=query, kind="large_company")
    assert _ids(only_large) == [small_world["friend"].pk]
    in_belgium = services.suggestions_for(user=staff_user, organisation=query, country="BE")
    assert in_belgium and all(s.organisation.country == "BE" for s in in_belgium)
    assert services.suggestions_for(user=staff_user, organisation=query, country="JP") == []


def test_candidates_restrict_the_ranking(model, staff_user):
    small_world = model
    query = small_world["query"]
    shown = services.suggestions_for(
        user=staff_user, organisation=query, candidates={small_world["stranger"].pk, small_world["loner"].pk}
    )
    assert set(_ids(shown)) <= {small_world["stranger"].pk, small_world["loner"].pk}


def test_a_stale_model_is_built_again_and_answers_meanwhile(
    model, staff_user, settings, django_capture_on_commit_callbacks
):
    import datetime

    small_world = model
    first = services.latest_build()
    assert not services.is_stale(first)
    settings.RECOMMENDATIONS_MIN_AGE = datetime.timedelta(0)
    link(small_world["loner"], small_world["stranger"])  # the data changed
    assert services.is_stale(first)
    cache.delete(services.FRESHNESS_KEY)  # the data is checked again a few minutes later
    with django_capture_on_commit_callbacks(execute=True):
        services.ensure_fresh()
    assert services.latest_build().pk != first.pk
    assert services.latest_build().links == 6


def test_accepted_and_held_meetings_become_links_at_the_next_fit(db):
    from biocluster.partnering import services as partnering
    from biocluster.partnering.models import Attendance, Meeting
    from biocluster.partnering.tests.factories import EventFactory, participant, setup_event

    event = setup_event(EventFactory())
    alice = participant(event, organisation__name="Alice Bio")
    bob = participant(event, organisation__name="Bob Pharma")
    carol = participant(event, organisation__name="Carol Capital")
    dave = participant(event, organisation__name="Dave Devices")
    accepted = partnering.send_request(sender=alice, recipient=bob, actor=None)
    partnering.accept(request=accepted, actor=None)
    declined = partnering.send_request(sender=alice, recipient=carol, actor=None)
    partnering.decline(request=declined, actor=None)
    held = partnering.send_request(sender=carol, recipient=dave, actor=None)
    meeting = partnering.accept(request=held, actor=None)
    Meeting.objects.filter(pk=meeting.pk).update(attendance=Attendance.HELD)

    _organisations, links = services.engine_input()
    pairs = {(frozenset((link.source, link.target)), link.kind) for link in links}
    org = {p: str(p.registration.organisation_id) for p in (alice, bob, carol, dave)}
    assert (frozenset((org[alice], org[bob])), "request_accepted") in pairs
    assert (frozenset((org[carol], org[dave])), "meeting_held") in pairs
    assert not any(pair == frozenset((org[alice], org[carol])) for pair, _kind in pairs), (
        "a declined request is no link"
    )


def test_the_input_carries_the_profile_of_each_organisation(db):
    from biocluster.directory.models import TechnologyField, ValueChainStage

    organisation = OrganisationFactory(name="Profiled", kind="sme", country="DE", city="Berlin")
    field = TechnologyField.objects.first()
    stage = ValueChainStage.objects.order_by("position").last()
    organisation.technology_fields.add(field)
    organisation.value_chain_stages.add(stage)
    organisations, _links = services.engine_input()
    row = next(o for o in organisations if o.id == str(organisation.pk))
    assert (row.kind, row.country, row.city) == ("sme", "DE", "Berlin")
    assert row.fields == (field.code,) and row.stage == stage.code


def test_an_introduction_emails_both_organisations_and_is_audited(
    small_world, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    query, friend = small_world["query"], small_world["friend"]
    AffiliationFactory(person=PersonFactory(email="ceo@query.example"), organisation=query, role="CEO")
    AffiliationFactory(person=PersonFactory(email="bd@friend.example"), organisation=friend, role="BD")
    with django_capture_on_commit_callbacks(execute=True):
        services.introduce(actor=staff_user, organisation=query, partner=friend, message="Meet at BIO?")
    assert sorted(m.to[0] for m in mailoutbox) == ["bd@friend.example", "ceo@query.example"]
    to_query = next(m for m in mailoutbox if m.to == ["ceo@query.example"])
    assert "Friend Pharma" in to_query.subject and "Meet at BIO?" in to_query.body
    assert AuditEvent.objects.filter(action="recommendations.introduction.sent").count() == 1


def test_an_introduction_to_nobody_is_refused(small_world, staff_user, mailoutbox):
    with pytest.raises(ValidationError) as refusal:
        services.introduce(actor=staff_user, organisation=small_world["query"], partner=small_world["friend"])
    assert "partner" in refusal.value.message_dict
    assert mailoutbox == []


def test_a_failed_fit_is_recorded(small_world, monkeypatch, build):
    from biocluster.recommendations import engine

    def broken(*args, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(engine.Recommender, "fit", classmethod(lambda cls, *a, **k: broken()))
    job = build()
    assert job.status == BuildStatus.FAILED and "out of memory" in job.failure
    assert services.current_model() is None


def _dated(world, years):
    """The small world's links dated: query-hub1 and hub1-friend 2018, hub2-friend and
    hub1-stranger 2019, hub2-query 2021 (a new partnership of two organisations that existed)."""
    from biocluster.directory.models import OrganisationLink

    def date(a, b, year):
        pair = OrganisationLink.objects.filter(
            subject__in=[world[a], world[b]], object__in=[world[a], world[b]]
        )
        assert pair.update(start_date=datetime.date(year, 1, 1)) == 1

    import datetime

    for (a, b), year in zip(
        [("query", "hub1"), ("hub1", "friend"), ("hub2", "friend"), ("hub1", "stranger"), ("hub2", "query")],
        years,
        strict=True,
    ):
        date(a, b, year)


def test_a_build_measures_the_model_on_the_directorys_own_recent_partnerships(small_world, build):
    _dated(small_world, [2018, 2018, 2019, 2019, 2021])
    job = build()
    measured = job.measured
    # Three dated years: the last one held out, the split the year before it.
    assert measured["split_year"] == 2020
    assert measured["queries"] == 2  # query and hub2 found each other after 2020
    assert set(measured["recall"]) == {
        "method",
        "popularity",
        "common neighbours",
        "Adamic-Adar",
        "personalised PageRank",
    }
    # Three candidates each (every organisation that existed, but itself and its partner): the
    # one new partner is always in the first 10; at most 1.
    assert all(recall["10"] == 1.0 for recall in measured["recall"].values())
    assert job.status == BuildStatus.DONE and "sampled_from" not in measured


def test_a_directory_with_one_year_of_links_cannot_be_measured(model):
    assert ModelBuild.objects.get().measured == {}


def test_measuring_on_a_sample_of_the_organisations(monkeypatch, small_world, build):
    _dated(small_world, [2018, 2018, 2019, 2019, 2021])
    monkeypatch.setattr(services, "MEASURED_QUERIES", 1)
    measured = build().measured
    assert measured["queries"] == 1 and measured["sampled_from"] == 2


def test_a_failed_measure_keeps_the_model(small_world, monkeypatch, build):
    def broken(*args, **kwargs):
        raise RuntimeError("measure broke")

    monkeypatch.setattr(services, "measure", broken)
    job = build()
    assert job.status == BuildStatus.DONE and job.measured is None
    assert services.current_model() is not None
