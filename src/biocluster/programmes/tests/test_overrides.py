"""The quota override decisions (who, when, why, hours over) in the ledger of both the start-up's
page and the staff's view of it, and read-only in the API's enrolment."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from biocluster.accounts.models import ApiToken
from biocluster.programmes import services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
REASON = "Series A preparation, decided at the steering committee"


@pytest.fixture
def overridden(programmes_staff, booster_enrolment):
    programmes_staff.first_name, programmes_staff.last_name = "Claire", "Vidal"
    programmes_staff.save()
    for days in (10, 10):
        services.log_session(
            actor=programmes_staff,
            enrolment=booster_enrolment,
            date=TODAY(),
            kind="coaching",
            topic="Plan",
            days=days,
        )
    return services.log_session(
        actor=programmes_staff,
        enrolment=booster_enrolment,
        date=TODAY(),
        kind="training",
        topic="Finance",
        hours="3.5",
        override_reason=REASON,
    )


def test_both_pages_show_who_when_why_and_how_many_hours(client, member, programmes_staff, overridden):
    url = reverse("programmes:enrolment_detail", args=[overridden.enrolment_id])
    for user in (member, programmes_staff):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Over the quota by 3.50 hours, decided by Claire Vidal on" in page, user
        assert REASON in page
        assert str(overridden.override.decided_at.year) in page


def test_the_api_shows_the_overrides_read_only(client, member, overridden):
    headers = {"Authorization": f"Bearer {ApiToken.issue(member)[1]}"}
    data = client.get(f"/api/enrolments/{overridden.enrolment_id}", headers=headers).json()
    [item] = data["quota_overrides"]
    assert item["session"] == overridden.pk and item["decided_by"] == "Claire Vidal"
    assert Decimal(item["hours_over"]) == Decimal("3.5") and item["reason"] == REASON
    assert item["decided_at"].startswith(str(TODAY().year))
    listed = client.get("/api/enrolments", headers=headers).json()["items"][0]
    assert listed["quota_overrides"] == data["quota_overrides"]
    # No operation changes an override: the decision is made only by logging the session.
    path = f"/api/enrolments/{overridden.enrolment_id}/quota_overrides"
    assert client.post(path, {}, content_type="application/json", headers=headers).status_code in (404, 405)
