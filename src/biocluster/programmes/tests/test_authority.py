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
