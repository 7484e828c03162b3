"""A prospect arriving through soft landing: its space request is linked to its case (a walk-in
is still named in free text), and the case's page shows its space requests to the staff."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from biocluster.estate import services
from biocluster.estate.models import SpaceRequest

from .conftest import day
from .test_api_requests import caller

pytestmark = pytest.mark.django_db


def case(**values):
    SoftLanding = apps.get_model("cooperation", "SoftLanding")  # no cooperation import from the estate
    return SoftLanding.objects.create(
        **({"name": "Maple Genomics", "country": "CA", "direction": "inbound", "stage": "visit"} | values)
    )


def ask(staff_user, **who):
    return services.request_space(
        actor=staff_user, kind="office", area=40, wanted_from=day("2026-09-01"), months=24, **who
    )


def test_a_soft_landing_prospect_is_linked_to_its_case_and_a_walk_in_named(staff_user):
    maple = case()
    linked = ask(staff_user, soft_landing=maple)
    assert (linked.soft_landing, linked.prospect, linked.organisation) == (maple, "Maple Genomics", None)
    assert str(linked).startswith("Maple Genomics: Office")
    walk_in = ask(staff_user, prospect="Walk-in Bio")
    assert (walk_in.soft_landing, walk_in.prospect) == (None, "Walk-in Bio")
    assert list(maple.space_requests.all()) == [linked]


@pytest.mark.parametrize("values", [{"direction": "outbound"}, {"stage": "lost"}])
def test_a_case_going_abroad_or_lost_is_refused(staff_user, values):
    with pytest.raises(ValidationError) as refused:
        ask(staff_user, soft_landing=case(**values))
    assert "soft_landing" in refused.value.message_dict
    assert not SpaceRequest.objects.exists()


def test_the_api_links_the_case(client, staff_user):
    maple, gone = case(), case(name="Gone Bio", stage="lost")
    call = caller(client, staff_user)
    body = {"soft_landing": maple.pk, "kind": "office", "area": 40, "wanted_from": "2026-09-01", "months": 24}
    created = call("post", "/api/space-requests", body)
    assert created.status_code == 201, created.content
    assert (created.json()["soft_landing"], created.json()["prospect"]) == (maple.pk, "Maple Genomics")
    refused = call("post", "/api/space-requests", body | {"soft_landing": gone.pk})
    assert refused.status_code == 422 and "soft_landing" in str(refused.json())
    assert SpaceRequest.objects.count() == 1


def test_staff_ask_from_the_case_and_its_page_shows_the_requests(client, staff_user, member):
    maple = case()
    client.force_login(staff_user)
    page = client.get(reverse("cooperation:soft_landing_detail", args=[maple.pk])).content.decode()
    assert "No space request for this company yet." in page
    new = f"{reverse('estate:request_create')}?soft_landing={maple.pk}"
    assert new in page.replace("&amp;", "&")
    form = client.get(new).content.decode()
    assert f'<option value="{maple.pk}" selected>Maple Genomics</option>' in form
    response = client.post(
        new,
        {
            "soft_landing": maple.pk,
            "kind": "bsl2_lab",
            "area": "60",
            "wanted_from": "2026-09-01",
            "months": "24",
        },
    )
    row = SpaceRequest.objects.get()
    assert response.status_code == 302 and (row.soft_landing, row.prospect) == (maple, "Maple Genomics")
    page = client.get(reverse("cooperation:soft_landing_detail", args=[maple.pk])).content.decode()
    assert reverse("estate:request_detail", args=[row.pk]) in page and "BSL2 laboratory" in page
    detail = client.get(reverse("estate:request_detail", args=[row.pk])).content.decode()
    assert reverse("cooperation:soft_landing_detail", args=[maple.pk]) in detail


def test_the_demo_links_its_prospect_to_cooperations_case_once(staff_user):
    from biocluster.core.demo import DemoContext
    from biocluster.estate import demo_flow, demo_soft_landing

    asked = ask(staff_user, prospect=demo_flow.PROSPECT, source="synthetic")
    demo_soft_landing.load(DemoContext(verbosity=0))  # no case yet (cooperation's demo not loaded)
    asked.refresh_from_db()
    assert asked.soft_landing is None
    maple = case()
    context = DemoContext(verbosity=0)
    demo_soft_landing.load(context)
    asked.refresh_from_db()
    assert (asked.soft_landing, asked.prospect) == (maple, "Maple Genomics")
    assert context.counts == {"space requests linked to their soft-landing case": 1}
    again = DemoContext(verbosity=0)
    demo_soft_landing.load(again)
    assert again.counts == {}
