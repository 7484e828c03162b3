"""The programmes' pages ask their named rules (not a predicate of their own)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "route"),
    [
        ("programmes.view_pipeline", "programmes:pipeline"),
        ("programmes.view_pipeline", "programmes:alerts"),
        ("programmes.manage_programmes", "programmes:programme_create"),
        ("programmes.manage_programmes", "programmes:expert_add"),
        ("programmes.view_experts", "programmes:expert_list"),
    ],
)
def test_the_page_asks_its_rule(client, programmes_staff, rule_denied, rule, route):
    client.force_login(programmes_staff)
    assert client.get(reverse(route)).status_code == 200
    rule_denied(rule)
    assert client.get(reverse(route)).status_code == 403


def test_the_experts_rule_says_what_the_page_does(member, enrolment):
    """Founders in a programme read the experts; other members do not (the rule said anyone)."""
    from biocluster.accounts.tests.factories import UserFactory

    assert member.has_perm("programmes.view_experts")
    assert not UserFactory().has_perm("programmes.view_experts")


def test_going_over_the_quota_asks_its_rule(client, programmes_staff, enrolment, rule_denied):
    url = reverse("programmes:session_add", args=[enrolment.pk])
    client.force_login(programmes_staff)
    assert "override_reason" in client.get(url).content.decode()
    rule_denied("programmes.override_quota")
    assert "override_reason" not in client.get(url).content.decode()


def test_cohorts_are_visible_to_staff_and_to_their_members(
    cohort, enrolment, member, programmes_staff, shaker
):
    from django.contrib.auth.models import AnonymousUser

    from biocluster.programmes.models import Cohort, Programme
    from biocluster.programmes.tests.factories import CohortFactory

    other = CohortFactory(programme=shaker, name="Shaker autumn")
    assert set(Cohort.objects.visible_to(programmes_staff)) == {cohort, other}
    assert list(Cohort.objects.visible_to(member)) == [cohort]
    assert not Cohort.objects.visible_to(AnonymousUser()).exists()
    assert shaker in Programme.objects.visible_to(AnonymousUser())


def test_a_child_is_fetched_through_its_visible_parent(enrolment, member, programmes_staff, shaker):
    from django.http import Http404

    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.core.access import get_child_or_404
    from biocluster.programmes.models import Renewal

    renewal = Renewal.objects.create(enrolment=enrolment, requested_end_date=enrolment.end_date)
    assert get_child_or_404(Renewal.objects, member, through="enrolment", pk=renewal.pk) == renewal
    assert get_child_or_404(Renewal.objects, programmes_staff, through="enrolment", pk=renewal.pk) == renewal
    for user, pk in ((UserFactory(), renewal.pk), (member, "not a number"), (member, renewal.pk + 1)):
        with pytest.raises(Http404):
            get_child_or_404(Renewal.objects, user, through="enrolment", pk=pk)


def test_the_enrolment_page_shows_its_history_to_staff_only(client, programmes_staff, member, enrolment):
    url = reverse("programmes:enrolment_detail", args=[enrolment.pk])
    client.force_login(programmes_staff)
    page = client.get(url).content.decode()
    assert 'id="history-heading"' in page
    client.force_login(member)
    assert 'id="history-heading"' not in client.get(url).content.decode()
