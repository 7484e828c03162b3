"""The cooperation rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff, platform_manager,
reviewer, administrator. International cooperation is the cluster staff's (any department)
and administrators': others are refused the lists and forms (403) and find no agreement,
soft landing, mission, membership or label (404).
"""

from biocluster.core.tests.admin_matrix import admin_rows

STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"
STAFF_SEES = "302 404 404 200 404 404 200"
STAFF_SEES_WRITES = "302 404 404 302 404 404 302"

PAGES = {
    ("cooperation:dashboard", None, "get"): STAFF_ONLY,
    ("cooperation:agreement_list", None, "get"): STAFF_ONLY,
    ("cooperation:agreement_create", None, "get"): STAFF_ONLY,
    ("cooperation:agreement_create", None, "post"): STAFF_WRITES,
    ("cooperation:agreement_detail", "agreement", "get"): STAFF_SEES,
    ("cooperation:agreement_edit", "agreement", "get"): STAFF_SEES,
    ("cooperation:agreement_edit", "agreement", "post"): STAFF_SEES_WRITES,
    ("cooperation:agreement_delete", "agreement", "post"): STAFF_SEES_WRITES,
    ("cooperation:agreement_document", "agreement", "get"): STAFF_SEES,
    ("cooperation:activity_create", "agreement", "get"): STAFF_SEES,
    ("cooperation:activity_create", "agreement", "post"): STAFF_SEES_WRITES,
    ("cooperation:activity_delete", "activity", "post"): STAFF_SEES_WRITES,
    ("cooperation:soft_landing_list", None, "get"): STAFF_ONLY,
    ("cooperation:soft_landing_create", None, "get"): STAFF_ONLY,
    ("cooperation:soft_landing_create", None, "post"): STAFF_WRITES,
    ("cooperation:soft_landing_detail", "soft_landing", "get"): STAFF_SEES,
    ("cooperation:soft_landing_edit", "soft_landing", "get"): STAFF_SEES,
    ("cooperation:soft_landing_edit", "soft_landing", "post"): STAFF_SEES_WRITES,
    ("cooperation:soft_landing_move", "soft_landing", "post"): STAFF_SEES_WRITES,
    ("cooperation:soft_landing_install", "soft_landing", "post"): STAFF_SEES_WRITES,
    ("cooperation:visa_create", "soft_landing", "get"): STAFF_SEES,
    ("cooperation:visa_create", "soft_landing", "post"): STAFF_SEES_WRITES,
    ("cooperation:visa_edit", "visa", "get"): STAFF_SEES,
    ("cooperation:visa_edit", "visa", "post"): STAFF_SEES_WRITES,
    ("cooperation:mission_list", None, "get"): STAFF_ONLY,
    ("cooperation:mission_create", None, "get"): STAFF_ONLY,
    ("cooperation:mission_create", None, "post"): STAFF_WRITES,
    ("cooperation:mission_detail", "mission", "get"): STAFF_SEES,
    ("cooperation:pack_create", "mission", "get"): STAFF_SEES,
    ("cooperation:pack_create", "mission", "post"): STAFF_SEES_WRITES,
    ("cooperation:pack_subscribe", "pack", "post"): STAFF_SEES_WRITES,
    ("cooperation:follow_up_create", "mission", "get"): STAFF_SEES,
    ("cooperation:follow_up_create", "mission", "post"): STAFF_SEES_WRITES,
    ("cooperation:membership_list", None, "get"): STAFF_ONLY,
    ("cooperation:membership_create", None, "get"): STAFF_ONLY,
    ("cooperation:membership_create", None, "post"): STAFF_WRITES,
    ("cooperation:membership_edit", "membership", "get"): STAFF_SEES,
    ("cooperation:membership_edit", "membership", "post"): STAFF_SEES_WRITES,
    ("cooperation:label_create", None, "get"): STAFF_ONLY,
    ("cooperation:label_create", None, "post"): STAFF_WRITES,
    ("cooperation:label_edit", "label", "get"): STAFF_SEES,
    ("cooperation:label_edit", "label", "post"): STAFF_SEES_WRITES,
    ("cooperation:delegation_list", None, "get"): STAFF_ONLY,
}

API = {
    ("/api/partnership-agreements", None, "get"): "401 403 403 200 403 403 200",
    ("/api/partnership-agreements", None, "post"): "401 403 403 201 403 403 201",
    ("/api/partnership-agreements/{pk}", "agreement", "get"): "404 404 404 200 404 404 200",
    ("/api/partnership-agreements/{pk}", "agreement", "patch"): "401 404 404 200 404 404 200",
    ("/api/partnership-agreements/{pk}", "agreement", "delete"): "401 404 404 204 404 404 204",
    ("/api/agreement-activities", None, "get"): "401 403 403 200 403 403 200",
    ("/api/agreement-activities", None, "post"): "401 403 403 201 403 403 201",
    ("/api/agreement-activities/{pk}", "activity", "get"): "404 404 404 200 404 404 200",
    ("/api/agreement-activities/{pk}", "activity", "delete"): "401 404 404 204 404 404 204",
    ("/api/soft-landings", None, "get"): "401 403 403 200 403 403 200",
    ("/api/soft-landings", None, "post"): "401 403 403 201 403 403 201",
    ("/api/soft-landings/{pk}", "soft_landing", "get"): "404 404 404 200 404 404 200",
    ("/api/soft-landings/{pk}", "soft_landing", "patch"): "401 404 404 200 404 404 200",
    ("/api/soft-landings/{pk}/move", "soft_landing", "post"): "401 404 404 200 404 404 200",
    ("/api/soft-landings/{pk}/install", "soft_landing", "post"): "401 404 404 200 404 404 200",
    ("/api/memberships", None, "get"): "401 403 403 200 403 403 200",
    ("/api/memberships", None, "post"): "401 403 403 201 403 403 201",
    ("/api/memberships/{pk}", "membership", "get"): "404 404 404 200 404 404 200",
    ("/api/memberships/{pk}", "membership", "patch"): "401 404 404 200 404 404 200",
    ("/api/memberships/{pk}", "membership", "delete"): "401 404 404 204 404 404 204",
}

BODIES = {
    ("cooperation:agreement_create", "post"): {
        "partner": 0,
        "title": "Memorandum with BioM",
        "kind": "mou",
        "scopes": ["benchmarking"],
        "status": "draft",
        "renewal": "none",
    },
    ("cooperation:agreement_edit", "post"): {
        "partner": 0,
        "title": "Cooperation agreement, renewed",
        "kind": "cooperation",
        "scopes": ["soft_landing", "joint_rd"],
        "status": "signed",
        "signed_on": "2024-03-01",
        "expires_on": "2028-02-29",
        "renewal": "on_request",
    },
    ("cooperation:activity_create", "post"): {
        "kind": "webinar",
        "happened_on": "2025-05-06",
        "title": "Webinar",
    },
    ("cooperation:soft_landing_create", "post"): {
        "name": "Maple Genomics",
        "country": "CA",
        "direction": "inbound",
    },
    ("cooperation:soft_landing_edit", "post"): {
        "name": "Landing Bio",
        "country": "US",
        "direction": "inbound",
    },
    ("cooperation:soft_landing_move", "post"): {"stage": "first_contact"},
    ("cooperation:soft_landing_install", "post"): {"kind": "sme"},
    ("cooperation:visa_create", "post"): {
        "person_name": "Ada Founder",
        "kind": "founder",
        "status": "preparing",
    },
    ("cooperation:visa_edit", "post"): {
        "person_name": "Ada Founder",
        "kind": "founder",
        "status": "submitted",
        "submitted_on": "2025-10-02",
    },
    ("cooperation:mission_create", "post"): {"event": 0, "kind": "mission"},
    ("cooperation:pack_create", "post"): {"name": "Fund Raising Strategy", "price": "3000"},
    ("cooperation:pack_subscribe", "post"): {"organisation": 0},
    ("cooperation:follow_up_create", "post"): {
        "organisation": 0,
        "months": "6",
        "leads": "3",
        "agreements": "1",
        "deals": "0",
    },
    ("cooperation:membership_create", "post"): {"network": 0, "role": "Member", "since": "2019-01-01"},
    ("cooperation:membership_edit", "post"): {"network": 0, "role": "Board member", "since": "2019-01-01"},
    ("cooperation:label_create", "post"): {"scheme": "ESCA", "level": "Silver", "awarded_on": "2022-05-01"},
    ("cooperation:label_edit", "post"): {"scheme": "ESCA", "level": "Gold", "awarded_on": "2018-06-01"},
    ("/api/partnership-agreements", "post"): {
        "partner": 0,
        "title": "Memorandum",
        "kind": "mou",
        "scopes": ["benchmarking"],
    },
    ("/api/partnership-agreements/{pk}", "patch"): {"notes": "Renewal discussed."},
    ("/api/agreement-activities", "post"): {
        "agreement": 0,
        "kind": "visit",
        "happened_on": "2025-05-06",
        "title": "Visit of a delegation",
    },
    ("/api/soft-landings", "post"): {"name": "Maple Genomics", "country": "CA"},
    ("/api/soft-landings/{pk}", "patch"): {"needs": "120 m² of lab space"},
    ("/api/soft-landings/{pk}/move", "post"): {"stage": "visit"},
    ("/api/soft-landings/{pk}/install", "post"): {"kind": "sme"},
    ("/api/memberships", "post"): {"network": 0, "role": "Member"},
    ("/api/memberships/{pk}", "patch"): {"role": "Board member"},
}


def world(request) -> dict:
    from django.core.files.base import ContentFile

    from biocluster.cooperation.models import MissionFollowUp
    from biocluster.directory.tests.factories import OrganisationFactory
    from biocluster.events.tests.factories import EventFactory

    from .factories import (
        ActivityFactory,
        AgreementFactory,
        LabelFactory,
        MembershipFactory,
        MissionFactory,
        PackFactory,
        SoftLandingFactory,
        SubscriptionFactory,
        VisaFactory,
    )

    settings = request.getfixturevalue("settings")
    settings.COOPERATION_PRIVATE_ROOT = request.getfixturevalue("tmp_path") / "private"
    agreement = AgreementFactory(document_name="signed.pdf")
    # The signed document, so that its download answers 200 to those who may see it.
    agreement.document.save("signed.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    mission = MissionFactory()
    pack = PackFactory(mission=mission)
    company = OrganisationFactory(name="Mission Bio", kind="startup")
    other = OrganisationFactory(name="Other Bio", kind="startup")
    subscription = SubscriptionFactory(pack=pack, organisation=company)
    soft_landing = SoftLandingFactory(name="Landing Bio")
    free_event = EventFactory(kind="abroad", country="SG", title_en="ITAP")
    membership = MembershipFactory()
    partner = agreement.partner.pk
    for key in (("cooperation:agreement_create", "post"), ("cooperation:agreement_edit", "post")):
        BODIES[key]["partner"] = partner
    BODIES[("/api/partnership-agreements", "post")]["partner"] = partner
    BODIES[("/api/agreement-activities", "post")]["agreement"] = agreement.pk
    BODIES[("cooperation:mission_create", "post")]["event"] = free_event.pk
    BODIES[("cooperation:pack_subscribe", "post")]["organisation"] = other.pk
    BODIES[("cooperation:follow_up_create", "post")]["organisation"] = company.pk
    for key in (
        ("cooperation:membership_create", "post"),
        ("cooperation:membership_edit", "post"),
        ("/api/memberships", "post"),
    ):
        BODIES[key]["network"] = membership.network_id
    return {
        "agreement": agreement,
        "activity": ActivityFactory(agreement=agreement),
        "soft_landing": soft_landing,
        "visa": VisaFactory(soft_landing=soft_landing),
        "mission": mission,
        "pack": pack,
        "subscription": subscription,
        "follow_up": MissionFollowUp.objects.create(
            mission=mission, organisation=company, months=12, leads=2
        ),
        "membership": membership,
        "label": LabelFactory(),
    }


ADMIN = (
    admin_rows("cooperation.partnershipagreement", "agreement", add=True, change=True, delete=True)
    | admin_rows("cooperation.agreementactivity", "activity", delete=True)
    | admin_rows("cooperation.softlanding", "soft_landing", change=True)
    | admin_rows("cooperation.talentvisa", "visa", change=True)
    | admin_rows("cooperation.mission", "mission")
    | admin_rows("cooperation.pack", "pack")
    | admin_rows("cooperation.packsubscription", "subscription", delete=True)
    | admin_rows("cooperation.missionfollowup", "follow_up")
    | admin_rows("cooperation.membership", "membership", add=True, change=True, delete=True)
    | admin_rows("cooperation.label", "label", add=True, change=True, delete=True)
)


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py)."""
    from .factories import (
        ActivityFactory,
        AgreementFactory,
        MembershipFactory,
        SoftLandingFactory,
        SubscriptionFactory,
    )

    for _ in range(3):
        agreement = AgreementFactory()
        ActivityFactory(agreement=agreement)
        SoftLandingFactory()
        MembershipFactory()
        SubscriptionFactory()
