"""An issued notice and a credit note print the heading they were issued with (the tenant's name
and address, the agreement's reference and kind, the units let), whatever the organisation or
the agreement says later; a draft reads the agreement as it is."""

import importlib
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from biocluster.accounts.models import ApiToken
from biocluster.estate import credit_notes, notices, rent_roll, services
from biocluster.estate.models import Agreement, AgreementUnit, CreditNote, Notice

from .conftest import day

pytestmark = pytest.mark.django_db
ISSUED = day("2026-01-01")
BOTH_UNITS = [{"label": "Incubator L101", "area": "40 m²"}, {"label": "Incubator L102", "area": "60 m²"}]
HEADING = ("tenant", "tenant_address", "reference", "kind", "units")


@pytest.fixture
def agreement(staff_user, tenant, unit, other_unit):
    tenant.address, tenant.city = "1 rue Pierre Fontaine", "Évry"
    tenant.save()
    return services.create_agreement(
        actor=staff_user,
        organisation=tenant,
        units=[unit, other_unit],  # 40 and 60 m²
        start=day("2026-01-01"),
        end=day("2028-12-31"),
        kind="lease",
        rent_per_m2=Decimal("300"),
        payment_frequency="quarterly",
        language="en",
    )


@pytest.fixture
def notice(staff_user, agreement):
    """The third quarter's notice, issued in advance on 1 January 2026 (with the first two)."""
    rent_roll.issue_notices(
        actor=staff_user, up_to=day("2026-07-01"), issued_on=ISSUED, agreements=[agreement]
    )
    return agreement.notices.get(first=day("2026-07-01"))


def _end_early(staff_user, agreement):
    """Ended on 15 August 2026: the third quarter's notice is credited from the 16th."""
    services.terminate_agreement(
        actor=staff_user, agreement=agreement, on=day("2026-08-15"), reason="Left", early_release="Negotiated"
    )


def _heading(data: dict) -> dict:
    return {key: data[key] for key in HEADING}


def _issued(notice: Notice) -> dict:
    notice.refresh_from_db()
    with translation.override("en"):
        return _heading(notices.as_issued(notice))


def _draft(agreement: Agreement) -> dict:
    """What a draft heads with: the agreement as it is."""
    agreement = Agreement.objects.get(pk=agreement.pk)
    with translation.override("en"):
        return _heading(notices.parties_and_units(agreement))


def _as_issued(reference: str) -> dict:
    return {
        "tenant": "Booster Bio",
        "tenant_address": "1 rue Pierre Fontaine Évry",
        "reference": reference,
        "kind": "Lease",
        "units": BOTH_UNITS,
    }


def _rename_move_and_rereference(tenant, agreement, monkeypatch):
    """The tenant renamed and moved; the agreement made a licence and its references numbered
    anew (a reference is its number today: as if the series were renamed)."""
    tenant.name, tenant.address, tenant.city = "Booster Therapeutics", "9 avenue du Génopole", "Corbeil"
    tenant.save()
    Agreement.objects.filter(pk=agreement.pk).update(kind="licence")
    monkeypatch.setattr(Agreement, "reference", property(lambda self: "BAIL-2026-NEW"))


def test_the_issued_notice_keeps_its_heading_when_the_tenant_and_the_agreement_change(
    tenant, agreement, notice, other_unit, monkeypatch
):
    reference = agreement.reference
    assert _issued(notice) == _draft(agreement) == _as_issued(reference)
    _rename_move_and_rereference(tenant, agreement, monkeypatch)
    AgreementUnit.objects.filter(agreement=agreement, unit=other_unit).update(active=False)
    assert _issued(notice) == _as_issued(reference)
    assert _draft(agreement) == {
        "tenant": "Booster Therapeutics",
        "tenant_address": "9 avenue du Génopole Corbeil",
        "reference": "BAIL-2026-NEW",
        "kind": "Licence",
        "units": BOTH_UNITS[:1],
    }
    fresh = Agreement.objects.get(pk=agreement.pk)
    with translation.override("en"):
        draft = notices.document(fresh, notices.due_on(fresh, day("2026-10-01")), issued=ISSUED)
    assert _heading(draft) == _draft(agreement)
    assert notices.issued_pdf(notice).startswith(b"%PDF")
    with translation.override("en"):
        document = notices.issued_document(notice)
    assert _heading(document) == _as_issued(reference)  # the notice's PDF prints it


def test_the_kind_prints_in_the_documents_language(notice):
    with translation.override("fr"):
        assert notices.as_issued(notice)["kind"] == "Bail"
        assert notices.as_issued(notice)["units"][0]["area"] == "40 m²"
    assert notice.heading["kind"] == "lease" and notice.heading["units"][0]["area"] == "40.0"


def test_after_an_early_end_the_credit_note_and_the_notice_still_print_their_units(
    staff_user, tenant, agreement, notice, monkeypatch
):
    reference = agreement.reference
    _end_early(staff_user, agreement)
    credit = CreditNote.objects.get(credits=notice)
    assert _issued(credit) == _as_issued(reference)
    AgreementUnit.objects.filter(agreement=agreement).update(active=False)  # the lines end for good
    _rename_move_and_rereference(tenant, agreement, monkeypatch)
    assert _draft(agreement)["units"] == []
    assert _issued(credit) == _issued(notice) == _as_issued(reference)
    with translation.override("en"):
        assert _heading(credit_notes.document(credit)) == _as_issued(reference)  # the credit note's PDF
    assert credit_notes.pdf(credit).startswith(b"%PDF")


def test_a_credit_note_names_the_tenant_as_when_credited_and_the_units_its_notice_billed(
    staff_user, tenant, agreement, notice, other_unit
):
    tenant.name = "Booster Therapeutics"
    tenant.save()
    AgreementUnit.objects.filter(agreement=agreement, unit=other_unit).update(active=False)
    _end_early(staff_user, agreement)
    credit = _issued(CreditNote.objects.get(credits=notice))
    assert credit["tenant"] == "Booster Therapeutics" and credit["units"] == BOTH_UNITS
    assert _issued(notice)["tenant"] == "Booster Bio"


def test_the_migration_fills_earlier_documents_with_their_agreements_heading_today(
    staff_user, tenant, agreement, notice, monkeypatch
):
    _end_early(staff_user, agreement)
    services.cancel_agreement(actor=staff_user, agreement=agreement)  # its lines are all voided
    _rename_move_and_rereference(tenant, agreement, monkeypatch)
    # Not empty: the constraint refuses that (below); the migration overwrites whatever is there.
    Notice.objects.update(heading={"tenant": "stale"})
    CreditNote.objects.update(heading={"tenant": "stale"})
    migration = importlib.import_module("biocluster.estate.migrations.0013_frozen_heading")
    # On the models as the migration sees them (no property, no method): the reference is the
    # number it gives.
    historical = MigrationExecutor(connection).loader.project_state(("estate", "0013_frozen_heading")).apps
    migration.headings_as_best_known(historical, None)
    expected = {
        "tenant": "Booster Therapeutics",
        "tenant_address": "9 avenue du Génopole Corbeil",
        "reference": f"A{agreement.pk:05d}",
        "kind": "licence",
        "units": [{"label": "Incubator L101", "area": "40.0"}, {"label": "Incubator L102", "area": "60.0"}],
    }
    assert Notice.objects.count() == 3 and CreditNote.objects.count() == 1
    assert [row.heading for row in Notice.objects.all()] == [expected] * 3
    assert CreditNote.objects.get().heading == expected


def test_the_api_gives_the_heading_as_issued(client, staff_user, tenant, agreement, notice):
    _end_early(staff_user, agreement)
    tenant.name = "Booster Therapeutics"
    tenant.save()
    headers = {"Authorization": f"Bearer {ApiToken.issue(staff_user)[1]}"}
    listed = client.get("/api/notices", {"agreement": agreement.pk}, headers=headers).json()["items"]
    (credit,) = client.get("/api/credit-notes", {"agreement": agreement.pk}, headers=headers).json()["items"]
    for row in [*listed, credit]:
        assert row["heading"]["tenant"] == "Booster Bio"
        assert row["heading"]["kind"] == "lease" and row["heading"]["reference"] == agreement.reference
        assert [(unit["label"], Decimal(unit["area"])) for unit in row["heading"]["units"]] == [
            ("Incubator L101", Decimal("40")),
            ("Incubator L102", Decimal("60")),
        ]


def test_a_document_without_its_heading_is_refused_where_it_is_saved(notice):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notice.objects.filter(pk=notice.pk).update(heading={})
    notice.refresh_from_db()
    assert notice.heading["tenant"]
