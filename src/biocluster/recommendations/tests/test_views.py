"""The pages: an organisation's suggested partners, the network's suggested connections, the
model's page with its progress, and the forms' bad input."""

import pytest
from django.urls import reverse

from biocluster.audit.models import AuditEvent
from biocluster.directory.models import ValueChainStage
from biocluster.directory.tests.factories import AffiliationFactory, PersonFactory
from biocluster.recommendations.models import BuildStatus, Decline, Introduction, ModelBuild

pytestmark = pytest.mark.django_db


def test_the_organisation_page_loads_its_suggested_partners_for_its_members(
    client, member, member_organisation
):
    client.force_login(member)
    page = client.get(reverse("directory:organisation_detail", args=[member_organisation.pk]))
    assert reverse("recommendations:organisation", args=[member_organisation.pk]) in page.text
    assert "Suggested partners" in page.text


def test_the_organisation_page_has_no_suggestions_for_another_organisations_member(client, member, model):
    client.force_login(member)
    page = client.get(reverse("directory:organisation_detail", args=[model["query"].pk]))
    assert page.status_code == 200
    assert reverse("recommendations:organisation", args=[model["query"].pk]) not in page.text


def test_suggested_partners_with_reasons_and_filters(client, staff_user, model):
    client.force_login(staff_user)
    url = reverse("recommendations:organisation", args=[model["query"].pk])
    page = client.get(url)
    assert "Friend Pharma" in page.text and "2 shared partners" in page.text
    assert (
        "Hub One" not in page.text.split("suggestion-list")[1].split("<strong>")[0]
    )  # partners are not suggested
    filtered = client.get(url, {"kind": "sme"}, headers={"HX-Request": "true"})
    assert "Stranger SA" in filtered.text and "Friend Pharma" not in filtered.text
    assert "<html" not in filtered.text  # the section only, for htmx


def test_the_country_filter_is_a_menu_of_the_candidates_countries_by_name(client, staff_user, model):
    client.force_login(staff_user)
    url = reverse("recommendations:organisation", args=[model["query"].pk])
    page = client.get(url, headers={"Accept-Language": "fr"})
    menu = page.text.split('name="country"')[1].split("</select>")[0]
    options = [part.split("</option>")[0].split(">")[-1] for part in menu.split("<option")[1:]]
    assert options == ["Tous les pays", "Allemagne", "Belgique", "France"]
    filtered = client.get(url, {"country": "de"})  # two letters, any case, as before
    assert filtered.context["form"].cleaned_data["country"] == "DE"
    assert 'value="DE" selected' in filtered.text
    assert "Friend Pharma" in filtered.text and "Stranger SA" not in filtered.text


def test_a_bad_filter_is_shown_on_the_form(client, staff_user, model):
    client.force_login(staff_user)
    page = client.get(
        reverse("recommendations:organisation", args=[model["query"].pk]), {"country": "France"}
    )
    assert page.status_code == 200
    assert "Two letters" in page.text
    assert "Friend Pharma" not in page.text


def test_declining_on_the_page_hides_it_for_good(client, staff_user, model):
    client.force_login(staff_user)
    url = reverse("recommendations:organisation", args=[model["query"].pk])
    response = client.post(
        reverse("recommendations:decline", args=[model["query"].pk]),
        {"candidate": model["friend"].pk},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "will not be shown to you again" in response.text
    assert "Friend Pharma" not in response.text
    assert "Friend Pharma" not in client.get(url).text
    assert Decline.objects.filter(user=staff_user, candidate=model["friend"]).count() == 1


def test_declining_without_a_candidate_saves_nothing(client, staff_user, model):
    client.force_login(staff_user)
    for body in ({}, {"candidate": "x"}, {"candidate": "99999999"}):
        response = client.post(reverse("recommendations:decline", args=[model["query"].pk]), body)
        assert response.status_code == 404
    assert Decline.objects.count() == 0


def test_the_network_lists_isolated_actors_with_suggested_connections(client, staff_user, model):
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:network"))
    assert page.status_code == 200
    assert "<strong>Loner Labs</strong>" in page.text  # the only organisation without a link
    assert "<p>1 actor</p>" in page.text
    assert page.text.count("<strong>") - page.text.split("network-suggestions")[0].count("<strong>") == 1
    assert "Introduce them by e-mail" in page.text


def test_the_network_names_the_stages_where_no_actor_has_a_link_and_lists_their_actors(
    client, staff_user, model
):
    stages = list(ValueChainStage.objects.order_by("position"))
    covered, uncovered = stages[0], stages[1]
    model["hub1"].value_chain_stages.add(covered)
    model["loner"].value_chain_stages.add(covered, uncovered)  # the loner has no link
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:network"), {"view": "stages"}).text
    named = page.split("Stages where no actor has a link:</strong>")[1].split("</p>")[0]
    assert uncovered.name in named and covered.name not in named
    assert all(stage.name in named for stage in stages[2:])  # held by nobody
    assert "<strong>Loner Labs</strong>" in page and "<p>1 actor</p>" in page


def test_the_directory_network_links_staff_to_the_suggested_connections(client, staff_user, member, model):
    client.force_login(staff_user)
    assert reverse("recommendations:network") in client.get(reverse("directory:network")).text
    client.force_login(member)
    assert reverse("recommendations:network") not in client.get(reverse("directory:network")).text


def test_staff_introduce_two_organisations_from_the_network(
    client, staff_user, model, mailoutbox, django_capture_on_commit_callbacks
):
    AffiliationFactory(
        person=PersonFactory(email="ceo@loner.example"), organisation=model["loner"], role="CEO"
    )
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recommendations:introduce", args=[model["loner"].pk]),
            {"candidate": model["friend"].pk, "reasons": "both in Evry", "next": "/recommendations/network/"},
        )
    assert response.status_code == 302 and response.url == "/recommendations/network/"
    introduction = Introduction.objects.get()
    assert (introduction.organisation, introduction.partner) == (model["loner"], model["friend"])
    assert [m.to for m in mailoutbox] == [["ceo@loner.example"]]
    assert "both in Evry" in mailoutbox[0].body


def test_an_introduction_never_leaves_for_another_site(client, staff_user, model):
    AffiliationFactory(
        person=PersonFactory(email="ceo@loner.example"), organisation=model["loner"], role="CEO"
    )
    client.force_login(staff_user)
    response = client.post(
        reverse("recommendations:introduce", args=[model["loner"].pk]),
        {"candidate": model["friend"].pk, "next": "https://evil.example/"},
    )
    assert response.url == reverse("recommendations:organisation", args=[model["loner"].pk])


def test_staff_build_the_model_again_and_follow_its_progress(
    client, staff_user, small_world, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build"))
    assert "No model is built yet" in page.text
    response = client.post(reverse("recommendations:build"))
    assert response.status_code == 302
    build = ModelBuild.objects.get()
    assert build.status == BuildStatus.QUEUED and build.requested_by == staff_user
    progress = client.get(reverse("recommendations:build_progress", args=[build.pk]))
    assert 'hx-trigger="every 1s"' in progress.text  # polled while it runs
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("recommendations:build"))  # already queued: the same build
    assert ModelBuild.objects.count() == 1
    assert AuditEvent.objects.filter(action="recommendations.build.started").count() == 1


def test_the_build_page_shows_a_finished_build(client, staff_user, model):
    client.force_login(staff_user)
    build = ModelBuild.objects.get()
    progress = client.get(reverse("recommendations:build_progress", args=[build.pk]))
    assert "every 1s" not in progress.text and "100% done" in progress.text
    assert "6 organisations and 5 links" in progress.text


def test_a_silent_build_is_given_up_and_may_be_started_again(client, staff_user, small_world, time_machine):
    import datetime

    from django.utils import timezone

    client.force_login(staff_user)
    client.post(reverse("recommendations:build"))  # queued; the worker never comes
    build = ModelBuild.objects.get()
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=1))
    progress = client.get(reverse("recommendations:build_progress", args=[build.pk]))
    assert "Failed" in progress.text
    client.post(reverse("recommendations:build"))
    assert ModelBuild.objects.count() == 2


def test_the_build_page_names_the_fixed_weights_when_there_was_no_history_to_learn_from(
    client, staff_user, model
):
    build = ModelBuild.objects.get()
    assert build.learnt == {}  # every link of the small world is of one year
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build")).text
    assert "Fixed weights" in page
    rows = page[page.index("signal-weights") :]
    # The largest weight first: the ten-step random walk (1), then the profile's corrections.
    assert rows.index("a longer random walk, ten steps") < rows.index("shared technology fields")
    assert "+1" in rows and "+0.13" in rows and "+0.05" in rows


def test_the_build_page_shows_what_the_model_learnt_in_french(client, staff_user, model):
    ModelBuild.objects.update(
        learnt={
            "split": 2021,
            "positives": 41,
            "queries": 12,
            "weights": {"personalised PageRank": 1.0, "common neighbours": -0.25, "same city": 0.5},
            "gain over fixed weights": 0.0123,
        }
    )
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build"), headers={"accept-language": "fr"}).text
    assert "Appris du passé" in page and "2021" in page and "les 41 nouveaux partenariats" in page
    rows = page[page.index("signal-weights") :]
    assert (
        rows.index("proximité dans le réseau")
        < rows.index("même ville")
        < rows.index("partenaires en commun")
    )
    assert "-0,25" in rows and "+0,50" in rows and "Poids fixes" not in page
    assert "il a trouvé 1,2 points de plus" in page


def test_a_model_built_before_its_weights_were_recorded_claims_nothing_about_them(client, staff_user, model):
    ModelBuild.objects.update(learnt=None)
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build")).text
    assert "The model in use was built" in page
    assert "signal-weights" not in page and "Fixed weights" not in page


def test_the_build_page_says_when_what_was_learnt_did_not_beat_the_fixed_weights(client, staff_user, model):
    ModelBuild.objects.update(
        learnt={"split": 2022, "positives": 46, "queries": 20, "gain over fixed weights": -0.01}
    )
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build")).text
    assert "did not rank them better than these weights" in page and "2022" in page
    rows = page[page.index("signal-weights") :]
    assert "closeness in the network" in rows  # the fixed weights, as when nothing was learnt


def test_the_build_page_shows_how_well_the_model_ranks_in_french(client, staff_user, model):
    ModelBuild.objects.update(
        measured={
            "split_year": 2023,
            "queries": 1000,
            "sampled_from": 2345,
            "recall": {
                "method": {"10": 0.2134, "20": 0.3, "50": 0.5},
                "popularity": {"10": 0.1, "20": 0.2, "50": 0.4},
                "personalised PageRank": {"10": 0.2, "20": 0.3, "50": 0.45},
            },
        }
    )
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build"), headers={"accept-language": "fr"}).text
    table = page[page.index("measured-rankings") :]
    assert (
        table.index("ce moteur de recommandation")
        < table.index("(popularité)")
        < table.index("marche aléatoire")
    )
    assert "21,3" in table and "10,0" in table
    assert "les seuls liens jusqu\N{RIGHT SINGLE QUOTATION MARK}à 2023" in page and "parmi les 2345" in page
    assert "approximatifs" not in page


def test_the_build_page_says_few_organisations_make_rough_figures_and_when_nothing_could_be_measured(
    client, staff_user, model
):
    client.force_login(staff_user)
    page = client.get(reverse("recommendations:build")).text
    assert "cannot be measured on this directory yet" in page  # one year of links
    ModelBuild.objects.update(
        measured={"split_year": 2023, "queries": 2, "recall": {"method": {"10": 1.0, "20": 1.0, "50": 1.0}}}
    )
    page = client.get(reverse("recommendations:build")).text
    assert "the figures are rough" in page and "measured-rankings" in page
    ModelBuild.objects.update(measured=None)  # built before builds were measured
    page = client.get(reverse("recommendations:build")).text
    assert "measured-rankings" not in page and "cannot be measured" not in page
