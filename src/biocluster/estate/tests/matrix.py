"""The estate's rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator. The estate (offer, units, buildings) is
public; the search, occupancy and agreements are cluster staff's; a tenant's members read
their own organisation's agreement (`agreement`, the member organisation's) but not
another's (`agreement_other`), and change neither (403 on their own, 404 on another's).
"""

from biocluster.core.tests.admin_matrix import admin_rows

PUBLIC = "200 200 200 200 200 200 200"
STAFF_ONLY = "302 403 403 200 403 403 200"
STAFF_WRITES = "302 403 403 302 403 403 302"

PAGES = {
    ("estate:offer", None, "get"): PUBLIC,
    ("estate:search", None, "get"): STAFF_ONLY,
    ("estate:occupancy", None, "get"): STAFF_ONLY,
    ("estate:unit_detail", "estate_unit", "get"): PUBLIC,
    ("estate:unit_status", "estate_unit", "post"): STAFF_WRITES,
    ("estate:building_detail", "estate_building", "get"): PUBLIC,
    ("estate:agreement_list", None, "get"): STAFF_ONLY,
    ("estate:agreement_create", None, "get"): STAFF_ONLY,
    ("estate:agreement_create", None, "post"): STAFF_WRITES,
    ("estate:agreement_detail", "agreement", "get"): "302 200 200 200 404 404 200",
    ("estate:agreement_detail", "agreement_other", "get"): "302 404 404 200 404 404 200",
    ("estate:agreement_notice", "agreement", "get"): "302 200 200 200 404 404 200",
    ("estate:agreement_notice", "agreement_other", "get"): "302 404 404 200 404 404 200",
    ("estate:agreement_terminate", "agreement", "post"): "302 403 403 302 404 404 302",
    ("estate:agreement_terminate", "agreement_other", "post"): "302 404 404 302 404 404 302",
    ("estate:unit_divide", "estate_unit", "post"): STAFF_WRITES,
    ("estate:unit_combine", "estate_unit", "post"): STAFF_WRITES,
    ("estate:tenant_request_list", None, "get"): "302 200 200 200 200 200 200",
    ("estate:tenant_request_create", None, "get"): "302 200 200 200 200 403 200",
    ("estate:tenant_request_create", None, "post"): "302 200 200 200 200 403 200",
    ("estate:tenant_request_detail", "tenant_request", "get"): "302 200 200 200 404 404 200",
    ("estate:tenant_request_detail", "tenant_request_other", "get"): "302 404 404 200 404 404 200",
    ("estate:tenant_request_assign", "tenant_request", "post"): "302 403 403 302 404 404 302",
    ("estate:tenant_request_assign", "tenant_request_other", "post"): "302 404 404 302 404 404 302",
    ("estate:tenant_request_close", "tenant_request", "post"): "302 403 403 302 404 404 302",
    ("estate:tenant_request_close", "tenant_request_other", "post"): "302 404 404 302 404 404 302",
    ("estate:tenant_request_photo", "tenant_request", "get"): "302 200 200 200 404 404 200",
    ("estate:tenant_request_photo", "tenant_request_other", "get"): "302 404 404 200 404 404 200",
    ("estate:rent_roll", None, "get"): STAFF_ONLY,
    ("estate:rent_roll_issue", None, "post"): STAFF_WRITES,
    ("estate:accounting_export", None, "get"): STAFF_ONLY,
    ("estate:agreement_account", "agreement", "get"): "302 200 200 200 404 404 200",
    ("estate:agreement_account", "agreement_other", "get"): "302 404 404 200 404 404 200",
    ("estate:agreement_payment", "agreement", "post"): "302 403 403 302 404 404 302",
    ("estate:notice_pdf", "notice", "get"): "302 200 200 200 404 404 200",
    ("estate:notice_pdf", "notice_other", "get"): "302 404 404 200 404 404 200",
    ("estate:credit_note", "credit_note", "get"): "302 200 200 200 404 404 200",
    ("estate:credit_note", "credit_note_other", "get"): "302 404 404 200 404 404 200",
    ("estate:agreement_payment", "agreement_other", "post"): "302 404 404 302 404 404 302",
    ("estate:agreement_move", "agreement", "get"): "302 403 403 200 404 404 200",
    ("estate:agreement_move", "agreement", "post"): "302 403 403 200 404 404 200",
    ("estate:request_list", None, "get"): "302 200 200 200 200 403 200",
    ("estate:request_create", None, "get"): "302 200 200 200 200 403 200",
    ("estate:request_detail", "space_request", "get"): "302 200 200 200 404 404 200",
    ("estate:request_visit", "space_request", "post"): "302 403 403 302 404 404 302",
    ("estate:request_offer", "space_request", "post"): "302 403 403 302 404 404 302",
    ("estate:request_sign", "space_request", "post"): "302 403 403 302 404 404 302",
    ("estate:request_lose", "space_request", "post"): "302 403 403 302 404 404 302",
}

ROUTE_ARGS = {"estate:agreement_move": ("in",)}

API = {
    ("/api/buildings", None, "get"): PUBLIC,
    ("/api/units", None, "get"): PUBLIC,
    ("/api/units/{pk}", "estate_unit", "get"): PUBLIC,
    ("/api/leases", None, "get"): "401 200 200 200 200 200 200",
    ("/api/leases", None, "post"): "401 403 403 201 403 403 201",
    ("/api/leases/{pk}", "agreement", "get"): "404 200 200 200 404 404 200",
    ("/api/leases/{pk}", "agreement_other", "get"): "404 404 404 200 404 404 200",
    ("/api/occupancy", None, "get"): "401 403 403 200 403 403 200",
    ("/api/space-requests", None, "get"): "401 403 403 200 403 403 200",
    ("/api/space-requests", None, "post"): "401 403 403 201 403 403 201",
    ("/api/space-requests/{pk}", "space_request", "get"): "404 200 200 200 404 404 200",
    ("/api/space-requests/{pk}/visits", "space_request", "get"): "404 403 403 200 404 404 200",
    ("/api/space-requests/{pk}/visits", "space_request", "post"): "401 403 403 201 404 404 201",
    ("/api/space-requests/{pk}/offer", "space_request", "post"): "401 403 403 200 404 404 200",
    # Nothing offered yet: staff pass the permission and meet the rule (422).
    ("/api/space-requests/{pk}/sign", "space_request", "post"): "401 403 403 422 404 404 422",
    ("/api/space-requests/{pk}/lose", "space_request", "post"): "401 403 403 200 404 404 200",
    ("/api/units/{pk}/lineage", "estate_unit", "get"): PUBLIC,
    ("/api/units/{pk}/divide", "estate_unit", "post"): "401 403 403 201 403 403 201",
    ("/api/unit-combinations", None, "post"): "401 403 403 201 403 403 201",
    ("/api/tenant-requests", None, "get"): "401 200 200 200 200 200 200",
    ("/api/tenant-requests", None, "post"): "401 422 422 422 422 403 422",
    ("/api/tenant-requests/{pk}", "tenant_request", "get"): "404 200 200 200 404 404 200",
    ("/api/tenant-requests/{pk}", "tenant_request_other", "get"): "404 404 404 200 404 404 200",
    ("/api/tenant-requests/{pk}/assign", "tenant_request", "post"): "401 403 403 200 404 404 200",
    ("/api/tenant-requests/{pk}/assign", "tenant_request_other", "post"): "401 404 404 200 404 404 200",
    ("/api/tenant-requests/{pk}/close", "tenant_request", "post"): "401 403 403 200 404 404 200",
    ("/api/tenant-requests/{pk}/close", "tenant_request_other", "post"): "401 404 404 200 404 404 200",
    ("/api/notices", None, "get"): "401 200 200 200 200 200 200",
    ("/api/notices/issue", None, "post"): "401 403 403 201 403 403 201",
    ("/api/credit-notes", None, "get"): "401 200 200 200 200 200 200",
    ("/api/payments", None, "get"): "401 200 200 200 200 200 200",
    ("/api/payments", None, "post"): "401 403 403 201 403 403 201",
    ("/api/arrears", None, "get"): "401 403 403 200 403 403 200",
    ("/api/accounting-export", None, "get"): "401 403 403 200 403 403 200",
}

BODIES = {
    ("estate:unit_status", "post"): {"status": "under_works", "since": "2031-01-01"},
    ("estate:agreement_create", "post"): {
        "organisation": 0,
        "units": 0,
        "kind": "licence",
        "start": "2030-01-01",
        "end": "2030-12-31",
        "rent_per_m2": "150",
        "charges_per_m2": "30",
        "free_months": "0",
        "notice_months": "3",
        "payment_frequency": "quarterly",
        "deposit": "0",
        "language": "fr",
    },
    ("estate:agreement_terminate", "post"): {
        "on": "2026-06-30",
        "reason": "Left the region",
        "early_release": "Negotiated",
    },
    ("/api/leases", "post"): {
        "organisation": 0,
        "units": [0],
        "start": "2030-01-01",
        "end": "2030-12-31",
        "kind": "lease",
    },
    ("/api/occupancy", "get"): {"at": "2026-06-01"},
    # A quarter not issued: its draft (the world's notices are December's; that period redirects).
    ("estate:agreement_notice", "get"): {"on": "2026-06-30"},
    ("estate:rent_roll_issue", "post"): {"up_to": "2026-03-31"},
    ("estate:tenant_request_assign", "post"): {"assigned_to": 0},
    ("estate:tenant_request_close", "post"): {"note": "Fixed"},
    ("/api/tenant-requests", "post"): {"unit": 0, "category": "heating", "description": "Cold"},
    ("/api/tenant-requests/{pk}/assign", "post"): {"assigned_to": 0},
    ("/api/tenant-requests/{pk}/close", "post"): {"note": "Fixed"},
    ("estate:unit_divide", "post"): {"divide-on": "2030-01-01", "divide-parts": "M3A 50\nM3B 25"},
    ("estate:unit_combine", "post"): {"combine-on": "2030-01-01", "combine-code": "M23", "combine-others": 0},
    ("/api/units/{pk}/divide", "post"): {
        "on": "2030-01-01",
        "parts": [{"code": "M3A", "area": 50}, {"code": "M3B", "area": 25}],
    },
    ("/api/unit-combinations", "post"): {"units": [0, 0], "on": "2030-01-01", "code": "M23"},
    ("estate:accounting_export", "get"): {"since": "2026-01-01", "until": "2026-12-31", "format": "xlsx"},
    ("estate:agreement_payment", "post"): {"amount": "10.00", "received_on": "2026-02-01"},
    ("/api/notices/issue", "post"): {"up_to": "2026-03-31"},
    ("/api/payments", "post"): {"agreement": 0, "amount": "10.00", "received_on": "2026-02-01"},
    ("/api/accounting-export", "get"): {"since": "2026-01-01", "until": "2026-12-31"},
    ("/api/space-requests", "post"): {
        "prospect": "Soft landing Inc.",
        "kind": "bsl2_lab",
        "area": 40,
        "wanted_from": "2030-01-01",
        "months": 12,
    },
    ("/api/units", "get"): {"free_from": "2030-01-01", "free_to": "2030-12-31", "min_area": 10},
    # The units are the world's free unit (world()).
    ("/api/space-requests/{pk}/visits", "post"): {"on": "2029-12-01", "visitors": "Matrix visitor"},
    ("/api/space-requests/{pk}/offer", "post"): {},
    ("/api/space-requests/{pk}/sign", "post"): {"kind": "licence"},
    ("/api/space-requests/{pk}/lose", "post"): {"reason": "Chose another site"},
}


def _credit_note(agreement, number: int):
    """A December notice of `agreement` and its credit note for the second half (written directly)."""
    import datetime
    from decimal import Decimal

    from biocluster.estate import credit_notes, notices
    from biocluster.estate.models import CreditNote, Notice

    december = datetime.date(2026, 12, 1)
    notice = Notice.objects.create(
        agreement=agreement,
        number=f"N2026-{number:05d}",
        first=december,
        last=december.replace(day=31),
        due_on=december,
        rent=Decimal("100.00"),
        charges=Decimal("0"),
        vat=Decimal("20.00"),
        vat_rate=Decimal("20"),
        heading=notices.heading(agreement),
        issued_on=december,
    )
    return CreditNote.objects.create(
        agreement=agreement,
        credits=notice,
        number=f"AV2026-{number:05d}",
        first=december.replace(day=16),
        last=notice.last,
        due_on=december,
        rent=Decimal("51.61"),
        charges=Decimal("0"),
        vat=Decimal("10.32"),
        vat_rate=Decimal("20"),
        heading=credit_notes.heading(notice),
        issued_on=december,
    )


def world(request) -> dict:
    import datetime

    from biocluster.directory.tests.factories import OrganisationFactory

    from .factories import AgreementFactory, BuildingFactory, UnitFactory, line

    request.getfixturevalue("staff_user")
    tenant = request.getfixturevalue("member_organisation")
    building = BuildingFactory(name="Matrix building")
    let_unit = UnitFactory(building=building, code="M1")
    other_unit = UnitFactory(building=building, code="M2")
    free_unit = UnitFactory(building=building, code="M3", area="75.0")
    agreement = AgreementFactory(organisation=tenant)
    line(agreement, let_unit)
    other = AgreementFactory(organisation=OrganisationFactory(name="Another tenant"))
    line(other, other_unit)
    BODIES[("estate:agreement_create", "post")] |= {"organisation": tenant.pk, "units": free_unit.pk}
    BODIES[("/api/leases", "post")] |= {"organisation": tenant.pk, "units": [free_unit.pk]}
    BODIES[("/api/space-requests/{pk}/visits", "post")] |= {"units": [free_unit.pk]}
    BODIES[("/api/space-requests/{pk}/offer", "post")] |= {"units": [free_unit.pk]}
    BODIES[("/api/payments", "post")] |= {"agreement": agreement.pk}
    BODIES[("estate:unit_combine", "post")] |= {"combine-others": other_unit.pk}
    staff = request.getfixturevalue("staff_user")
    BODIES[("estate:tenant_request_assign", "post")] |= {"assigned_to": staff.pk}
    BODIES[("/api/tenant-requests/{pk}/assign", "post")] |= {"assigned_to": staff.pk}
    # A unit no one occupies: the API refuses the report (422) to whoever may report.
    BODIES[("/api/tenant-requests", "post")] |= {"unit": free_unit.pk}
    BODIES[("/api/unit-combinations", "post")] |= {"units": [free_unit.pk, other_unit.pk]}
    assert agreement.start < datetime.date(2026, 6, 30) < agreement.end
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from biocluster.estate.models import CampusEstate, IndexValue, SpaceRequest

    request.getfixturevalue("settings").PRIVATE_ROOT = request.getfixturevalue("tmp_path") / "private"

    from biocluster.estate.models import TenantRequest

    own_request = TenantRequest.objects.create(
        unit=let_unit,
        organisation=tenant,
        category="heating",
        description="Cold",
        photo_content_type="image/png",
    )
    own_request.photo.save("cold.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    other_request = TenantRequest.objects.create(
        unit=other_unit, organisation=other.organisation, category="access", description="Badge"
    )
    other_request.photo.save("badge.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    credit_note, credit_note_other = _credit_note(agreement, 1), _credit_note(other, 2)
    return {
        "tenant_request": own_request,
        "tenant_request_other": other_request,
        "space_request": SpaceRequest.objects.create(
            organisation=tenant,
            kind="mixed",
            area=Decimal("60"),
            wanted_from=datetime.date(2030, 1, 1),
            months=12,
        ),
        "campus_estate": CampusEstate.objects.create(campus=building.campus, source="synthetic"),
        "index_value": IndexValue.objects.create(
            index="ILAT", published_on=datetime.date(2025, 10, 1), value=Decimal("135.30")
        ),
        "estate_unit": free_unit,
        "estate_building": building,
        "agreement": agreement,
        "agreement_other": other,
        "credit_note": credit_note,
        "credit_note_other": credit_note_other,
        "notice": credit_note.credits,
        "notice_other": credit_note_other.credits,
    }


ADMIN = (
    admin_rows("estate.campusestate", "campus_estate", change=True)
    | admin_rows("estate.building", "estate_building", add=True, change=True)
    | admin_rows("estate.unit", "estate_unit", change=True)
    | admin_rows("estate.agreement", "agreement")
    | admin_rows("estate.indexvalue", "index_value", add=True, change=True)
    | admin_rows("estate.spacerequest", "space_request")
)


def more(request, user) -> None:
    """A few more rows in each list (see core/tests/test_query_budgets.py)."""
    from .factories import AgreementFactory, UnitFactory, line

    tenant = request.getfixturevalue("member_organisation")
    for index in range(3):
        unit = UnitFactory(code=f"Q{index}")
        line(AgreementFactory(organisation=tenant), unit)
