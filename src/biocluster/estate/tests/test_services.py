"""The estate's rules, through the services: letting, overlaps, bad input, statuses."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from biocluster.audit.models import AuditEvent
from biocluster.directory.tests.factories import CampusFactory
from biocluster.estate import services
from biocluster.estate.models import Agreement, AgreementUnit, Unit, UnitStatus
from biocluster.programmes.tests.factories import EnrolmentFactory

from .conftest import day
from .factories import BuildingFactory, UnitFactory

pytestmark = pytest.mark.django_db


def let(staff, tenant, units, start="2026-01-01", end="2026-12-31", kind="lease", **extra):
    return services.create_agreement(
        actor=staff, organisation=tenant, units=units, start=day(start), end=day(end), kind=kind, **extra
    )


def test_letting_units_writes_the_agreement_its_lines_history_statuses_and_audit(
    staff_user, tenant, unit, other_unit
):
    agreement = let(
        staff_user, tenant, [unit, other_unit], rent_per_m2=Decimal("180"), charges_per_m2=Decimal("40")
    )
    lines = list(AgreementUnit.objects.filter(agreement=agreement).order_by("unit__code"))
    assert [(line.unit, line.start, line.end) for line in lines] == [
        (unit, day("2026-01-01"), day("2026-12-31")),
        (other_unit, day("2026-01-01"), day("2026-12-31")),
    ]
    assert [line.service_charges for line in lines] == [Decimal("1600.00"), Decimal("2400.00")]
    assert agreement.events.get().kind == "signed"
    assert list(unit.statuses.filter(from_agreements=True).values_list("status", "since")) == [
        ("let", day("2026-01-01")),
        ("available", day("2027-01-01")),
    ]
    assert AuditEvent.objects.filter(action="estate.agreement.signed", object_id=str(agreement.pk)).exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-06-01", "2027-05-31"),
        ("2025-01-01", "2026-01-01"),
        ("2026-12-31", "2027-12-31"),
        ("2026-03-01", "2026-03-01"),
    ],
)
def test_a_unit_let_for_part_of_the_period_is_refused_naming_the_agreement(
    staff_user, tenant, unit, start, end
):
    first = let(staff_user, tenant, [unit])
    with pytest.raises(services.LetTwice) as refused:
        let(staff_user, tenant, [unit], start=start, end=end)
    assert refused.value.conflict == first
    assert first.reference in refused.value.message_dict["units"][0]
    assert Agreement.objects.count() == 1
    assert AgreementUnit.objects.count() == 1


def test_periods_that_only_touch_are_both_accepted(staff_user, tenant, unit):
    let(staff_user, tenant, [unit], start="2026-01-01", end="2026-06-30")
    let(staff_user, tenant, [unit], start="2026-07-01", end="2026-12-31")
    assert AgreementUnit.objects.filter(unit=unit).count() == 2
    assert list(unit.statuses.filter(from_agreements=True).values_list("status", "since")) == [
        ("let", day("2026-01-01")),
        ("available", day("2027-01-01")),
    ]


def test_a_refused_combined_lease_saves_nothing_for_its_free_units(staff_user, tenant, unit, other_unit):
    let(staff_user, tenant, [unit])
    with pytest.raises(services.LetTwice):
        let(staff_user, tenant, [other_unit, unit], start="2026-06-01", end="2027-05-31")
    assert not AgreementUnit.objects.filter(unit=other_unit).exists()
    assert not other_unit.statuses.filter(from_agreements=True).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "2026-05-01", "end": "2026-04-30"}, "end"),
        ({"kind": "rent"}, "kind"),
        ({"kind": "free", "rent_per_m2": Decimal("10")}, "rent_per_m2"),
        ({"rent_per_m2": Decimal("-1")}, "rent_per_m2"),
        ({"index": "ILAT"}, "base_index"),
        ({"language": "de"}, "language"),
        ({"break_dates": ["2030-01-01"]}, "break_dates"),
        ({"deposit": Decimal("1000"), "deposit_state": "kept_in_part"}, "deposit_kept"),
    ],
)
def test_bad_input_is_a_field_error_and_nothing_is_saved(staff_user, tenant, unit, changes, field):
    arguments = {"start": "2026-01-01", "end": "2026-12-31", "kind": "lease"} | changes
    with pytest.raises(ValidationError) as refused:
        let(staff_user, tenant, [unit], **arguments)
    assert field in refused.value.message_dict
    assert not Agreement.objects.exists()
    assert not AgreementUnit.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="estate.agreement").exists()


def test_units_of_two_campuses_cannot_be_combined(staff_user, tenant, unit):
    elsewhere = UnitFactory(building=BuildingFactory(campus=CampusFactory(name="Campus 4")))
    with pytest.raises(ValidationError) as refused:
        let(staff_user, tenant, [unit, elsewhere])
    assert "one campus" in refused.value.message_dict["units"][0]
    assert not Agreement.objects.exists()


def test_rooms_are_booked_not_let_and_a_unit_is_listed_once(staff_user, tenant, building, unit):
    room = UnitFactory(building=building, kind="meeting_room")
    with pytest.raises(ValidationError) as refused:
        let(staff_user, tenant, [room])
    assert "units" in refused.value.message_dict
    with pytest.raises(ValidationError):
        let(staff_user, tenant, [unit, unit])
    with pytest.raises(ValidationError):
        let(staff_user, tenant, [])


def test_a_unit_planned_or_under_works_during_the_period_is_not_let(staff_user, tenant, building):
    planned = UnitFactory(building=building, status="planned")
    with pytest.raises(ValidationError):
        let(staff_user, tenant, [planned])
    works = UnitFactory(building=building)
    services.set_unit_status(actor=staff_user, unit=works, status="under_works", since=day("2026-06-01"))
    with pytest.raises(ValidationError):
        let(staff_user, tenant, [works])
    let(staff_user, tenant, [works], end="2026-05-31")


def test_a_unit_has_an_area_above_zero(staff_user, building):
    for area in ("0", "-5", "abc"):
        with pytest.raises(ValidationError) as refused:
            services.create_unit(
                actor=staff_user,
                building=building,
                code="X1",
                kind="office",
                area=area,
                since=day("2026-01-01"),
            )
        assert "area" in refused.value.message_dict
    assert not Unit.objects.filter(code="X1").exists()


def test_a_planned_unit_becomes_available_on_its_delivery_date(staff_user, building):
    unit = services.create_unit(
        actor=staff_user,
        building=building,
        code="P1",
        kind="mixed",
        area="120",
        status="planned",
        since=day("2026-01-01"),
        delivery_on=day("2027-03-01"),
    )
    assert list(UnitStatus.objects.filter(unit=unit).values_list("status", "since")) == [
        ("planned", day("2026-01-01")),
        ("available", day("2027-03-01")),
    ]
    assert list(services.units_free(first=day("2027-03-01"), last=day("2027-12-31"))) == [unit]
    assert list(services.units_free(first=day("2027-02-01"), last=day("2027-12-31"))) == []
    with pytest.raises(ValidationError) as refused:
        services.create_unit(
            actor=staff_user,
            building=building,
            code="P2",
            kind="mixed",
            area="1",
            status="planned",
            since=day("2026-01-01"),
        )
    assert "delivery_on" in refused.value.message_dict


def test_the_availability_search_answers_units_free_for_the_whole_period(
    staff_user, tenant, building, unit, other_unit
):
    big = UnitFactory(building=building, code="B1", kind="office", area="300")
    let(staff_user, tenant, [unit], start="2026-06-01", end="2026-08-31")
    free = services.units_free(first=day("2026-01-01"), last=day("2026-12-31"))
    assert set(free) == {other_unit, big}
    assert set(services.units_free(first=day("2026-09-01"), last=day("2026-12-31"), kind="bsl2_lab")) == {
        unit
    }
    assert set(
        services.units_free(first=day("2026-01-01"), last=day("2026-03-31"), min_area=50, max_area=100)
    ) == {other_unit}


def test_a_free_occupation_ends_with_the_enrolment_that_grants_it(staff_user, tenant, unit):
    enrolment = EnrolmentFactory(
        organisation=tenant, start_date=day("2026-01-01"), end_date=day("2026-12-31")
    )
    with pytest.raises(ValidationError) as refused:
        let(staff_user, tenant, [unit], kind="free", end="2027-06-30", enrolment=enrolment)
    assert "end" in refused.value.message_dict
    let(staff_user, tenant, [unit], kind="free", enrolment=enrolment)


def test_renewal_and_termination_keep_the_history_and_free_the_unit(staff_user, tenant, unit):
    agreement = let(staff_user, tenant, [unit])
    services.renew_agreement(actor=staff_user, agreement=agreement, end=day("2027-12-31"))
    assert AgreementUnit.objects.get().end == day("2027-12-31")
    services.terminate_agreement(
        actor=staff_user,
        agreement=agreement,
        on=day("2027-03-31"),
        reason="Outgrew the space",
        notice_given_on=day("2026-12-31"),
    )
    agreement.refresh_from_db()
    assert agreement.last_day == day("2027-03-31") and agreement.move_out_reason == "Outgrew the space"
    assert [e.kind for e in agreement.events.all()] == ["signed", "renewal", "termination"]
    assert list(services.units_free(first=day("2027-04-01"), last=day("2027-12-31"))) == [unit]


def test_a_renewal_over_another_agreement_is_refused(staff_user, tenant, unit):
    agreement = let(staff_user, tenant, [unit])
    let(staff_user, tenant, [unit], start="2027-03-01", end="2027-12-31")
    with pytest.raises(services.LetTwice):
        services.renew_agreement(actor=staff_user, agreement=agreement, end=day("2027-06-30"))
    assert AgreementUnit.objects.get(agreement=agreement).end == day("2026-12-31")


def test_a_cancelled_agreement_frees_its_units(staff_user, tenant, unit):
    agreement = let(staff_user, tenant, [unit])
    services.cancel_agreement(actor=staff_user, agreement=agreement)
    let(staff_user, tenant, [unit])
    assert unit.statuses.filter(from_agreements=True, status="let").count() == 1


def test_no_status_by_hand_while_let(staff_user, tenant, unit):
    let(staff_user, tenant, [unit])
    with pytest.raises(ValidationError) as refused:
        services.set_unit_status(actor=staff_user, unit=unit, status="under_works", since=day("2026-05-01"))
    assert "since" in refused.value.message_dict


def test_index_values_are_recorded_then_corrected(staff_user):
    services.record_index_value(
        actor=staff_user, index="ILAT", published_on=day("2025-10-01"), value="135.30"
    )
    row = services.record_index_value(
        actor=staff_user, index="ILAT", published_on=day("2025-10-01"), value="135.31"
    )
    assert row.value == Decimal("135.31")
    with pytest.raises(ValidationError):
        services.record_index_value(actor=staff_user, index="ILAT", published_on=day("2025-10-01"), value="0")


def test_today_is_never_asked_of_the_clock_here():
    assert datetime.date(2026, 1, 1)  # every date above is given


def test_a_space_request_is_offered_units_from_the_search_then_signed(staff_user, tenant, unit, other_unit):
    enrolment = EnrolmentFactory(
        organisation=tenant, start_date=day("2026-01-01"), end_date=day("2026-12-31")
    )
    asked = services.request_space(
        actor=staff_user,
        organisation=tenant,
        enrolment=enrolment,
        kind="bsl2_lab",
        area=Decimal("42"),
        wanted_from=day("2026-02-01"),
        months=6,
        needs="A BSL2 lab with a fume hood",
    )
    assert list(services.candidates(asked)) == [unit]
    services.offer_units(actor=staff_user, space_request=asked, units=[unit])
    agreement = services.sign_request(actor=staff_user, space_request=asked, kind="licence")
    asked.refresh_from_db()
    assert asked.status == "signed" and asked.agreement == agreement
    assert (agreement.start, agreement.end, agreement.enrolment) == (
        day("2026-02-01"),
        day("2026-07-31"),
        enrolment,
    )
    with pytest.raises(ValidationError):
        services.lose_request(actor=staff_user, space_request=asked, reason="Too late")


def test_a_space_request_needs_someone_and_a_positive_area_and_is_lost_with_a_reason(staff_user):
    with pytest.raises(ValidationError) as refused:
        services.request_space(
            actor=staff_user, kind="office", area=10, wanted_from=day("2026-01-01"), months=3
        )
    assert "organisation" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.request_space(
            actor=staff_user,
            prospect="Soft landing Inc.",
            kind="office",
            area=0,
            wanted_from=day("2026-01-01"),
            months=3,
        )
    assert "area" in refused.value.message_dict
    prospect = services.request_space(
        actor=staff_user,
        prospect="Soft landing Inc.",
        kind="office",
        area=10,
        wanted_from=day("2026-01-01"),
        months=3,
    )
    with pytest.raises(ValidationError) as refused:
        services.lose_request(actor=staff_user, space_request=prospect, reason=" ")
    assert "reason" in refused.value.message_dict
    services.lose_request(actor=staff_user, space_request=prospect, reason="Went to another cluster")
    prospect.refresh_from_db()
    assert prospect.status == "lost" and prospect.lost_reason == "Went to another cluster"
