"""Pages: the form builder's errors, the applicant's draft (autosave, tampering, files), committee pages."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from biocluster.calls.models import Call, Proposal
from biocluster.calls.tests.factories import CallFactory, ProposalFactory, closed_call, scored, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def test_staff_create_a_call_with_dates_in_its_zone(staff, staff_user):
    response = staff.post(
        reverse("calls:call_create"),
        {
            "kind": "team_leader",
            "title_en": "ATIGE 2027",
            "title_fr": "ATIGE 2027",
            "time_zone": "Europe/Paris",
            "opens_at": "2027-01-05T09:00:00",
            "closes_at": "2027-03-15T12:00:00",
            "budget_envelope": "600000",
            "reference_prefix": "AT27",
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302 and response.url == reverse("calls:call_form", args=[call.pk])
    assert call.closes_at.isoformat() == "2027-03-15T11:00:00+00:00"


def test_the_builder_adds_sections_and_fields(staff, staff_user):
    call = CallFactory(managers=[staff_user], form_definition={"sections": []}, status="draft")
    url = reverse("calls:call_form", args=[call.pk])
    staff.post(
        url,
        {
            "action": "add_section",
            "section-key": "project",
            "section-title_en": "Project",
            "section-title_fr": "Projet",
        },
    )
    response = staff.post(
        url,
        {
            "action": "add_field",
            "field-section": "project",
            "field-key": "quote",
            "field-type": "file",
            "field-label_en": "Quote",
            "field-label_fr": "Devis",
            "field-extensions": ["pdf", "xlsx"],
            "field-max_size_mb": "5",
        },
    )
    assert response.status_code == 302
    call.refresh_from_db()
    (field,) = call.form_definition["sections"][0]["fields"]
    assert field["extensions"] == ["pdf", "xlsx"] and field["max_size_mb"] == 5


def test_a_malformed_definition_shows_its_errors_and_saves_nothing(staff, staff_user):
    call = CallFactory(managers=[staff_user], status="draft")
    before = call.form_definition
    bad = {
        "sections": [
            {
                "key": "s",
                "title_en": "S",
                "title_fr": "S",
                "fields": [
                    {"key": "f", "type": "file", "label_en": "F", "label_fr": "F", "max_size_mb": 900}
                ],
            }
        ]
    }
    response = staff.post(
        reverse("calls:call_form", args=[call.pk]),
        {"action": "replace_json", "json-definition": json.dumps(bad)},
    )
    assert response.status_code == 200
    assert (
        "sections[0].fields[0].max_size_mb: must be more than 0 and at most 25" in response.content.decode()
    )
    call.refresh_from_db()
    assert call.form_definition == before
    broken = staff.post(
        reverse("calls:call_form", args=[call.pk]),
        {"action": "replace_json", "json-definition": "{sections:"},
    )
    assert "This is not valid JSON" in broken.content.decode()


def test_a_repeated_field_key_from_the_builder_is_refused(staff, staff_user):
    call = CallFactory(managers=[staff_user], status="draft")
    response = staff.post(
        reverse("calls:call_form", args=[call.pk]),
        {
            "action": "add_field",
            "field-section": "project",
            "field-key": "abstract",
            "field-type": "text",
            "field-label_en": "A",
            "field-label_fr": "A",
        },
    )
    assert "repeats abstract" in response.content.decode()


@pytest.fixture
def applicant(client, member):
    client.force_login(member)
    return client


def draft_data(**extra):
    return {
        "title": "Sequencer",
        "summary": "Shared sequencer.",
        "language": "en",
        "a_abstract": "We buy it.",
        **extra,
    }


def test_the_draft_autosaves(applicant, member):
    proposal = ProposalFactory(applicant=member)
    response = applicant.post(
        reverse("calls:proposal_autosave", args=[proposal.pk]),
        draft_data(a_theme="genomics"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    proposal.refresh_from_db()
    assert (
        proposal.answers == {"abstract": "We buy it.", "theme": "genomics"} and proposal.title == "Sequencer"
    )


def test_a_tampered_field_name_saves_nothing(applicant, member):
    proposal = ProposalFactory(applicant=member, title="Kept")
    response = applicant.post(
        reverse("calls:proposal_autosave", args=[proposal.pk]), draft_data(a_decision="funded")
    )
    assert response.status_code == 422
    assert (
        "The form was altered: a_decision is not one of its fields. Nothing was saved."
        in response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.title == "Kept"


def test_budget_lines_are_read_from_the_page(applicant, member):
    proposal = ProposalFactory(applicant=member)
    data = draft_data(
        **{
            "a_budget-0-category": "equipment",
            "a_budget-0-description": "Sequencer",
            "a_budget-0-amount": "120000",
        }
    )
    applicant.post(reverse("calls:proposal_edit", args=[proposal.pk]), data)
    proposal.refresh_from_db()
    assert proposal.answers["budget"] == [
        {"category": "equipment", "description": "Sequencer", "amount": "120000.00"}
    ]
    out_of_range = draft_data(**{"a_budget-7-amount": "1"})
    response = applicant.post(reverse("calls:proposal_edit", args=[proposal.pk]), out_of_range)
    assert "a_budget-7-amount is not one of its fields" in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("quote.exe", b"MZ\x90\x00", "application/octet-stream"),
            "quote.exe is not an accepted type",
        ),
        (
            SimpleUploadedFile("quote.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024), "application/pdf"),
            "the limit is 1 MB",
        ),
        (
            SimpleUploadedFile("quote.pdf", b"GIF89a", "application/pdf"),
            "does not contain what its extension says",
        ),
    ],
)
def test_wrong_files_are_refused_on_the_page_and_nothing_is_saved(applicant, member, upload, message):
    proposal = ProposalFactory(applicant=member, title="Kept")
    response = applicant.post(reverse("calls:proposal_edit", args=[proposal.pk]), draft_data(a_quote=upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Kept" and proposal.attachments.count() == 0


def test_a_good_file_is_stored_and_served_only_to_who_may_see_it(applicant, member, client):
    proposal = ProposalFactory(applicant=member)
    upload = SimpleUploadedFile("quote.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    applicant.post(reverse("calls:proposal_edit", args=[proposal.pk]), draft_data(a_quote=upload))
    attachment = proposal.attachments.get()
    response = applicant.get(reverse("calls:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'attachment; filename="quote.pdf"' in response["Content-Disposition"]


def test_a_late_submission_from_the_page_says_why(applicant, member):
    proposal = ProposalFactory(applicant=member, call=closed_call())
    response = applicant.post(reverse("calls:proposal_submit", args=[proposal.pk]), follow=True)
    assert "The call closed on" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_the_ranking_page_and_an_htmx_decision(staff, staff_user, django_assert_max_num_queries):
    call = closed_call(managers=[staff_user])
    proposal = submitted(call=call, requested_amount=None)
    for score in (4, 5, 1):
        scored(proposal, score)
    for _ in range(30):
        scored(submitted(call=call), 3)
    # The budget holds whatever the number of proposals: the session, the user, the call and
    # its managers, the table's fingerprint, decisions and reviews; the ranking, from the cache.
    staff.get(reverse("calls:call_ranking", args=[call.pk]))
    with django_assert_max_num_queries(12):
        page = staff.get(reverse("calls:call_ranking", args=[call.pk])).content.decode()
    assert "⚑" in page and "3.333" in page
    response = staff.post(
        reverse("calls:proposal_decide", args=[proposal.pk]),
        {"outcome": "funded", "amount": "500000"},
        HTTP_HX_REQUEST="true",
    )
    refused = response.content.decode()
    assert response.status_code == 200 and "exceeds the envelope" in refused
    # The refused row keeps what was typed, so the staff member corrects the amount only.
    assert '<option value="funded" selected>' in refused and 'value="500000"' in refused
    response = staff.post(
        reverse("calls:proposal_decide", args=[proposal.pk]),
        {"outcome": "funded", "amount": "30000"},
        HTTP_HX_REQUEST="true",
    )
    assert (
        response.status_code == 200
        and 'id="envelope" class="envelope" hx-swap-oob="true"' in response.content.decode()
    )


def test_the_ranking_preselects_no_decision_and_shows_labels_not_codes(staff, staff_user):
    from biocluster.calls import services

    call = closed_call(managers=[staff_user])
    undecided, funded = submitted(call=call), submitted(call=call, requested_amount=40000)
    services.decide(actor=staff_user, proposal=funded, outcome="funded", amount=35000)
    page = staff.get(reverse("calls:call_ranking", args=[call.pk])).content.decode()
    undecided_row = page.split(f'id="row-{undecided.pk}"')[1].split("</tr>")[0]
    assert '<option value="" selected>' in undecided_row and 'funded" selected' not in undecided_row
    assert "€40,000" in page  # the requested amount, formatted
    services.decide(actor=staff_user, proposal=undecided, outcome="waiting_list", amount=0)
    services.publish_decisions(actor=staff_user, call=call)  # decided: the table only reads
    page = staff.get(reverse("calls:call_ranking", args=[call.pk])).content.decode()
    funded_row = page.split(f'id="row-{funded.pk}"')[1].split("</tr>")[0]
    assert "Funded €35,000" in funded_row and "funded " not in funded_row
    assert "Waiting list" in page and "waiting_list<" not in page


def test_the_awards_export(staff, staff_user):
    from biocluster.calls import services

    call = closed_call(managers=[staff_user])
    proposal = submitted(call=call)
    services.decide(actor=staff_user, proposal=proposal, outcome="funded", amount=30000)
    services.publish_decisions(actor=staff_user, call=call)
    response = staff.get(reverse("calls:call_awards_export", args=[call.pk]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("reference,call,beneficiary")
    assert f"{proposal.reference}," in lines[1] and ",30000.00," in lines[1]


def test_my_proposals_lists_only_mine(applicant, member):
    mine, other = ProposalFactory(applicant=member), ProposalFactory()
    page = applicant.get(reverse("calls:my_proposals")).content.decode()
    assert mine.title in page and other.title not in page
    assert Proposal.objects.count() == 2


def test_person_and_organisation_answers_are_searched_not_listed(applicant, member):
    from biocluster.calls.formdef.schema import clean_definition
    from biocluster.directory.models import Organisation
    from biocluster.directory.tests.factories import OrganisationFactory, PersonFactory

    definition = {
        "sections": [
            {
                "key": "host",
                "title_en": "Host",
                "title_fr": "Accueil",
                "fields": [
                    {
                        "key": "lab",
                        "type": "organisation",
                        "label_en": "Host lab",
                        "label_fr": "Labo",
                        "kinds": ["research_lab"],
                    },
                    {"key": "mentor", "type": "person", "label_en": "Mentor", "label_fr": "Mentor"},
                ],
            }
        ]
    }
    call = CallFactory(form_definition=clean_definition(definition))
    Organisation.objects.bulk_create(
        Organisation(name=f"Filler lab {n}", kind="research_lab", source="synthetic") for n in range(300)
    )
    lab = OrganisationFactory(name="Chosen Lab", kind="research_lab")
    mentor = PersonFactory(first_name="Hélène", last_name="Mentor", public_consent=True)
    proposal = ProposalFactory(call=call, applicant=member, answers={})
    url = reverse("calls:proposal_edit", args=[proposal.pk])

    html = applicant.get(url).content.decode()
    assert "Filler lab" not in html
    assert 'data-autocomplete-url="/directory/organisations/choices.json?kind=research_lab"' in html
    assert 'data-autocomplete-url="/directory/people/choices.json"' in html
    assert "core/autocomplete.js" in html

    response = applicant.post(
        reverse("calls:proposal_autosave", args=[proposal.pk]),
        {"title": "T", "summary": "S", "language": "en", "a_lab": lab.pk, "a_mentor": mentor.pk},
        HTTP_HX_REQUEST="true",
    )
    assert "Saved at" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.answers == {"lab": lab.pk, "mentor": mentor.pk}
    html = applicant.get(url).content.decode()
    assert f'<option value="{lab.pk}" selected>Chosen Lab</option>' in html
    assert f'<option value="{mentor.pk}" selected>Hélène Mentor</option>' in html
    assert "Filler lab" not in html
