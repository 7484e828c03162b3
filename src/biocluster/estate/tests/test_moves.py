"""Visits of a space request, and the move-in and move-out checklists with what follows them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.audit.models import AuditEvent
from biocluster.estate import moves, services, space_requests
from biocluster.estate.models import Agreement, Move, UnitStatus, Visit

from .conftest import day

pytestmark = pytest.mark.django_db


def status_on(unit, text):
    row = UnitStatus.objects.filter(unit=unit, since__lte=day(text)).order_by("-since", "-id").first()
    return row.status


def lease(staff_user, tenant, units, start="2026-01-01", end="2026-12-31"):
    return services.create_agreement(
        actor=staff_user, organisation=tenant, units=units, start=day(start), end=day(end), kind="licence"
    )


def asked(staff_user, tenant):
    return services.request_space(
        actor=staff_user,
        organisation=tenant,
        kind="bsl2_lab",
        area=40,
        wanted_from=day("2026-02-01"),
        months=6,
    )


def test_a_visit_keeps_who_when_and_which_units_and_is_audited(staff_user, tenant, unit):
    space_request = asked(staff_user, tenant)
    visit = space_requests.record_visit(
        actor=staff_user,
        space_request=space_request,
        on=day("2026-01-10"),
        visitors="The founders; Anna from real estate",
        units=[unit],
        notes="Wants a second fume hood",
    )
    assert list(visit.units.all()) == [unit] and visit.visitors.startswith("The founders")
    assert AuditEvent.objects.filter(
        action="estate.space_request.visited", object_id=str(space_request.pk)
    ).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"visitors": " "}, "visitors"), ({"units": []}, "units"), ({"on": "2026-01-10"}, "on")],
)
def test_a_visit_without_who_units_or_a_date_is_refused_and_nothing_saved(
    staff_user, tenant, unit, change, field
):
    values = {"on": day("2026-01-10"), "visitors": "The founders", "units": [unit]} | change
    with pytest.raises(ValidationError) as refused:
        space_requests.record_visit(actor=staff_user, space_request=asked(staff_user, tenant), **values)
    assert field in refused.value.message_dict
    assert not Visit.objects.exists()


def test_no_visit_on_a_closed_request(staff_user, tenant, unit):
    space_request = asked(staff_user, tenant)
    services.lose_request(actor=staff_user, space_request=space_request, reason="Went elsewhere")
    with pytest.raises(ValidationError):
        space_requests.record_visit(
            actor=staff_user, space_request=space_request, on=day("2026-01-10"), visitors="X", units=[unit]
        )


def test_a_request_in_the_past_is_refused_to_a_requester():
    with pytest.raises(ValidationError) as refused:
        space_requests.check_not_in_the_past(day("2026-01-09"), today=day("2026-01-10"))
    assert "wanted_from" in refused.value.message_dict
    space_requests.check_not_in_the_past(day("2026-01-10"), today=day("2026-01-10"))


def test_a_prospect_entering_the_directory_can_then_sign(staff_user, tenant, unit):
    space_request = services.request_space(
        actor=staff_user,
        prospect="Soft landing Inc.",
        kind="bsl2_lab",
        area=40,
        wanted_from=day("2026-02-01"),
        months=6,
    )
    services.offer_units(actor=staff_user, space_request=space_request, units=[unit])
    with pytest.raises(ValidationError):
        services.sign_request(actor=staff_user, space_request=space_request, kind="licence")
    space_requests.link_prospect(actor=staff_user, space_request=space_request, organisation=tenant)
    agreement = services.sign_request(actor=staff_user, space_request=space_request, kind="licence")
    assert agreement.organisation == tenant


def test_the_move_in_keeps_its_checklist_and_the_unit_is_let(staff_user, tenant, unit, other_unit):
    agreement = lease(staff_user, tenant, [unit, other_unit])
    move = moves.record_move_in(
        actor=staff_user,
        agreement=agreement,
        on=day("2026-01-05"),
        keys=3,
        badges=2,
        inventory="Two benches, one fume hood",
        readings=[(unit, "electricity", "1520.5"), (other_unit, "water", 12)],
    )
    assert (move.kind, move.keys, move.badges) == ("in", 3, 2)
    assert sorted((r.unit.code, r.meter, r.value) for r in move.readings.all()) == [
        ("L101", "electricity", Decimal("1520.50")),
        ("L102", "water", Decimal("12.00")),
    ]
    assert status_on(unit, "2026-01-05") == "let"
    tenant.refresh_from_db()
    assert (tenant.on_site_since, tenant.left_site_on) == (day("2026-01-05"), None)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"on": day("2025-12-31")}, "on"),
        ({"keys": -1}, "keys"),
        ({"readings": [("unit", "electricity", "-1")]}, "readings"),
        ({"readings": [("other", "electricity", "1")]}, "readings"),
        ({"readings": [("unit", "steam", "1")]}, "readings"),
    ],
)
def test_a_bad_checklist_gets_a_field_error_and_nothing_saved(
    staff_user, tenant, unit, other_unit, change, field
):
    agreement = lease(staff_user, tenant, [unit])
    if "readings" in change:
        meter_unit = {"unit": unit, "other": other_unit}[change["readings"][0][0]]
        change = {"readings": [(meter_unit, *change["readings"][0][1:])]}
    with pytest.raises(ValidationError) as refused:
        moves.record_move_in(actor=staff_user, agreement=agreement, **{"on": day("2026-01-05"), **change})
    assert field in refused.value.message_dict
    assert not Move.objects.exists()


def test_one_move_in_per_agreement(staff_user, tenant, unit):
    agreement = lease(staff_user, tenant, [unit])
    moves.record_move_in(actor=staff_user, agreement=agreement, on=day("2026-01-05"))
    with pytest.raises(ValidationError):
        moves.record_move_in(actor=staff_user, agreement=agreement, on=day("2026-01-06"))
    assert Move.objects.count() == 1


def test_moving_out_early_ends_the_agreement_and_frees_the_unit_with_the_reason_kept(
    staff_user, tenant, unit
):
    agreement = lease(staff_user, tenant, [unit])
    moves.record_move_in(actor=staff_user, agreement=agreement, on=day("2026-01-05"), keys=3)
    with pytest.raises(ValidationError) as refused:
        moves.record_move_out(actor=staff_user, agreement=agreement, on=day("2026-01-04"), reason="outgrew")
    assert "on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        moves.record_move_out(actor=staff_user, agreement=agreement, on=day("2026-09-30"), reason="")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:  # no notice given: refused
        moves.record_move_out(actor=staff_user, agreement=agreement, on=day("2026-09-30"), reason="outgrew")
    assert "notice_given_on" in refused.value.message_dict
    moves.record_move_out(
        actor=staff_user,
        agreement=agreement,
        on=day("2026-09-30"),
        reason="outgrew",
        keys=2,
        notice_given_on=day("2026-06-30"),
    )
    agreement.refresh_from_db()
    assert (agreement.status, agreement.terminated_on) == ("terminated", day("2026-09-30"))
    assert agreement.move_out_reason == "Outgrew the space"
    assert status_on(unit, "2026-09-30") == "let" and status_on(unit, "2026-10-01") == "available"
    tenant.refresh_from_db()
    assert (tenant.on_site_since, tenant.left_site_on) == (day("2026-01-05"), day("2026-10-01"))
    assert tenant.left_site_reason == "Outgrew the space"
    left = AuditEvent.objects.get(action="directory.organisation.left_site")
    assert left.object_id == str(tenant.pk)


def test_moving_out_on_the_last_day_keeps_the_agreement_and_its_reason(staff_user, tenant, unit):
    agreement = lease(staff_user, tenant, [unit])
    moves.record_move_out(actor=staff_user, agreement=agreement, on=day("2026-12-31"), reason="left_region")
    agreement.refresh_from_db()
    assert agreement.status == "active" and agreement.move_out_reason == "Left the region"
    assert status_on(unit, "2027-01-01") == "available"
    tenant.refresh_from_db()  # never seen moving in: on site from the agreement's start
    assert (tenant.on_site_since, tenant.left_site_on) == (day("2026-01-01"), day("2027-01-01"))


def test_leaving_one_unit_while_keeping_another_is_no_departure_from_the_cluster(
    staff_user, tenant, unit, other_unit
):
    first = lease(staff_user, tenant, [unit])
    lease(staff_user, tenant, [other_unit], start="2026-06-01", end="2027-12-31")
    moves.record_move_out(
        actor=staff_user,
        agreement=first,
        on=day("2026-08-31"),
        reason="moved_on_site",
        early_release="Moved to the larger unit next door",
    )
    tenant.refresh_from_db()
    assert tenant.left_site_on is None
    assert Agreement.objects.get(pk=first.pk).move_out_reason == "Moved to other units of the cluster"


def test_no_move_on_a_cancelled_agreement(staff_user, tenant, unit):
    agreement = services.cancel_agreement(actor=staff_user, agreement=lease(staff_user, tenant, [unit]))
    with pytest.raises(ValidationError):
        moves.record_move_in(actor=staff_user, agreement=agreement, on=day("2026-01-05"))
