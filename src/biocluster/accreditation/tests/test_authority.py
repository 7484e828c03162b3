"""The committee notes are read under their own rule, on the page, in the API and in the export."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_shows_the_notes_under_their_rule(api, register, staff_user, rule_denied):
    def notes():
        data = api(staff_user, "get", "/api/accreditations?limit=200").json()
        return next(i for i in data["items"] if i["organisation_name"] == "Listed Genomics")[
            "committee_notes"
        ]

    assert notes() == "Secret plan"
    rule_denied("accreditation.view_committee_notes")
    assert notes() == ""


def test_the_page_and_the_export_show_the_notes_under_their_rule(client, register, staff_user, rule_denied):
    from django.urls import reverse

    from biocluster.accreditation.models import Accreditation

    listed = Accreditation.objects.get(organisation__name="Listed Genomics")
    client.force_login(staff_user)
    assert "Secret plan" in client.get(reverse("accreditation:detail", args=[listed.pk])).content.decode()
    rule_denied("accreditation.view_committee_notes")
    assert "Secret plan" not in client.get(reverse("accreditation:detail", args=[listed.pk])).content.decode()
    assert "Secret plan" not in client.get(reverse("accreditation:export_csv")).content.decode()
