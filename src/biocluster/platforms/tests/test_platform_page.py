"""The platform's page: its words once, and links to people only for visitors who may open them."""

import pytest
from django.urls import reverse

from biocluster.directory.models import Person
from biocluster.platforms.tests.factories import member_of

pytestmark = pytest.mark.django_db

ABOUT = "Sequencing for the labs of the cluster, from library preparation to analysis."


def test_a_description_that_repeats_the_summary_is_shown_once(client, platform):
    # As the demo does: the summary is the directory's description, the platform has none of its own.
    platform.organisation.description_en = ABOUT + " Runs every week on three instruments."
    platform.organisation.save()
    platform.summary_en, platform.description_en = ABOUT, ""
    platform.save()
    page = client.get(reverse("platforms:platform_detail", args=[platform.pk])).content.decode()
    assert page.count(ABOUT) == 1
    assert "Runs every week on three instruments." in page


def test_a_summary_equal_to_the_description_is_shown_once(client, platform):
    platform.summary_en = platform.description_en = ABOUT
    platform.save()
    page = client.get(reverse("platforms:platform_detail", args=[platform.pk])).content.decode()
    assert page.count(ABOUT) == 1


def test_different_summary_and_description_are_both_shown(client, platform):
    platform.summary_en, platform.description_en = "Short-read sequencing.", ABOUT
    platform.save()
    page = client.get(reverse("platforms:platform_detail", args=[platform.pk])).content.decode()
    assert "Short-read sequencing." in page and ABOUT in page


def test_a_manager_is_linked_only_for_visitors_who_may_open_their_page(
    client, platform, manager, lab, staff_user
):
    person = Person.objects.get(user=manager)
    person_url = reverse("directory:person_detail", args=[person.pk])
    url = reverse("platforms:platform_detail", args=[platform.pk])
    name = str(person)

    # Without consent, the public and a member of another organisation see the name, not a link.
    for visitor in (None, member_of(lab)):
        if visitor is None:
            client.logout()
        else:
            client.force_login(visitor)
        page = client.get(url).content.decode()
        assert name in page and person_url not in page
        assert client.get(person_url).status_code == 404  # the rule the link follows

    # Staff and the manager's colleagues may open the page: linked.
    for visitor in (staff_user, manager):
        client.force_login(visitor)
        assert person_url in client.get(url).content.decode()
        assert client.get(person_url).status_code == 200

    # Once the person consents to be public, everyone gets the link.
    Person.objects.filter(pk=person.pk).update(public_consent=True)
    client.logout()
    assert person_url in client.get(url).content.decode()
