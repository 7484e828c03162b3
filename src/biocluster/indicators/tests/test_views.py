"""The staff pages: the dashboard, a drill-down, its exports; refused to everyone else."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import caches
from django.tasks import task_backends
from django.urls import reverse

from biocluster.accreditation.tests.factories import AccreditationFactory
from biocluster.core import indicators as ind
from biocluster.directory.tests.factories import OrganisationFactory
from biocluster.indicators import computed, services

pytestmark = pytest.mark.django_db

CODE = "accreditation.new_companies"


@pytest.fixture
def accredited_2017(staff_user):
    AccreditationFactory(organisation=OrganisationFactory(name="Alpha Genomics"), decided_on=date(2017, 3, 1))
    AccreditationFactory(organisation=OrganisationFactory(name="=Beta"), decided_on=date(2017, 4, 1))
    services.enter_historical_value(
        actor=staff_user, code=CODE, year=2017, value=Decimal(5), source="Activity report 2017"
    )


def test_the_dashboard_shows_values_provenance_and_the_difference(client, staff_user, accredited_2017):
    client.force_login(staff_user)
    response = client.get(reverse("indicators:dashboard"), {"year": 2017})
    assert response.status_code == 200
    assert f'hx-get="/indicators/{CODE}/row/?year=2017"' in response.content.decode()
    html = client.get(reverse("indicators:figure_row", args=[CODE]), {"year": 2017}).content.decode()
    assert "New accredited companies" in html
    assert "Activity report 2017" in html
    assert "computed minus published: -3" in html
    assert f'href="/indicators/{CODE}/?year=2017"' in html
    assert "<svg" in html  # the trends


@pytest.fixture
def nothing_drawn(settings):
    """No process has drawn a chart yet, and the tasks wait for a worker (run by hand)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    for alias in ("local", "default"):
        caches[alias].clear()


def _run_the_worker(queued) -> None:
    queued[0].task.call(*queued[0].args, **queued[0].kwargs)
    caches["local"].clear()  # the page's process reads what the worker drew


def test_a_trend_no_process_has_drawn_is_drawn_by_the_worker_while_the_row_says_so(
    client, staff_user, accredited_2017, nothing_drawn
):
    """A fresh process would start the renderer in the row's request (seconds): the worker draws it."""
    client.force_login(staff_user)
    row = reverse("indicators:figure_row", args=[CODE])
    html = client.get(row, {"year": 2017}).content.decode()
    assert "<svg" not in html and 'class="drawing"' in html
    assert f'<a href="/indicators/{CODE}/?year=2017">2</a>' in html  # the value meanwhile
    assert "Figures of this chart" in html  # and the trend's figures
    assert f'hx-get="{row}?year=2017" hx-trigger="load delay:2s" hx-swap="outerHTML"' in html
    queued = list(task_backends["default"].results)
    assert [result.task.name for result in queued] == ["draw_chart"]
    client.get(row, {"year": 2017})  # asked again before the worker drew it: not queued twice
    assert len(task_backends["default"].results) == 1
    _run_the_worker(queued)
    html = client.get(row, {"year": 2017}).content.decode()
    assert "<svg" in html and 'class="drawing"' not in html and "hx-get" not in html


def test_a_drill_down_answers_before_its_trend_is_drawn_and_fetches_the_drawing(
    client, staff_user, accredited_2017, nothing_drawn
):
    """The drill-down drew its trend in its own request (seconds in a fresh process): the worker does."""
    client.force_login(staff_user)
    page = client.get(reverse("indicators:detail", args=[CODE]), {"year": 2017}).content.decode()
    trend = f"{reverse('indicators:trend', args=[CODE])}?year=2017"
    assert "<svg" not in page and 'class="drawing"' in page
    assert f'hx-get="{trend}" hx-trigger="load delay:2s" hx-swap="outerHTML"' in page
    assert "Alpha Genomics" in page  # the records meanwhile
    queued = list(task_backends["default"].results)
    assert [result.task.name for result in queued] == ["draw_chart"]
    assert 'class="drawing"' in client.get(trend).content.decode()  # not drawn yet, not queued twice
    assert len(task_backends["default"].results) == 1
    _run_the_worker(queued)
    html = client.get(trend).content.decode()
    assert html.startswith('<div id="trend">') and "<svg" in html and "hx-get" not in html
    assert "<svg" in client.get(reverse("indicators:detail", args=[CODE]), {"year": 2017}).content.decode()


def test_the_trend_of_a_year_out_of_range_is_the_last_full_years(client, staff_user, monkeypatch):
    monkeypatch.setattr(services, "last_full_year", lambda: 2025)
    client.force_login(staff_user)
    for year in ("abc", "99999", ""):
        response = client.get(reverse("indicators:trend", args=[CODE]), {"year": year})
        assert response.status_code == 200
        assert "2025" in response.content.decode()


def test_the_year_field_shows_the_year_the_dashboard_shows(client, staff_user, monkeypatch):
    monkeypatch.setattr(services, "last_full_year", lambda: 2025)
    client.force_login(staff_user)
    page = client.get(reverse("indicators:dashboard")).content.decode()
    assert 'name="year" value="2025"' in page


def test_the_drill_down_lists_records_and_the_breakdown(client, staff_user, accredited_2017):
    client.force_login(staff_user)
    response = client.get(
        reverse("indicators:detail", args=[CODE]), {"year": 2017, "by": "organisation_kind"}
    )
    html = response.content.decode()
    assert "Alpha Genomics" in html and "2 records" in html
    assert "Start-up" in html  # the group
    assert response.context["figure"].result.groups == {"Start-up": 2}


def test_an_unknown_indicator_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("indicators:detail", args=["nothing.here"])).status_code == 404


def test_the_records_export_as_csv_without_formulas(client, staff_user, accredited_2017):
    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_csv", args=[CODE]), {"year": 2017})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Type", "Id", "Record"]
    assert {row[2] for row in rows[1:3]} == {"Alpha Genomics", "'=Beta"}
    assert rows[-1][0] == "Total" and rows[-1][5] == "2"


def test_the_records_export_as_xlsx(client, staff_user, accredited_2017):
    from openpyxl import load_workbook

    client.force_login(staff_user)
    response = client.get(reverse("indicators:export_xlsx", args=[CODE]), {"year": 2017})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 4 and values[-1][5] == 2


@pytest.mark.parametrize("role", ["member", "organisation_administrator", "platform_manager", "reviewer"])
def test_other_roles_are_refused(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("indicators:dashboard")).status_code == 403
    assert client.get(reverse("indicators:detail", args=[CODE])).status_code == 403


def test_the_menu_shows_indicators_to_staff_only(client, staff_user, member):
    client.force_login(member)
    assert 'href="/indicators/"' not in client.get("/").content.decode()
    client.force_login(staff_user)
    assert 'href="/indicators/"' in client.get("/").content.decode()


def test_staff_enter_a_published_figure_with_its_source(client, staff_user):
    client.force_login(staff_user)
    url = reverse("indicators:historical_value", args=["events.delegations"])
    response = client.post(
        url, {"year": 2017, "value": "14", "provenance": "historical", "source": "ECCP profile"}
    )
    assert response.status_code == 302 and response["Location"] == "/indicators/events.delegations/?year=2017"
    html = client.get(response["Location"]).content.decode()
    assert "ECCP profile" in html and "computed minus published: -14" in html


def test_a_published_figure_without_source_is_refused_and_nothing_saved(client, staff_user):
    from biocluster.indicators.models import HistoricalValue

    client.force_login(staff_user)
    url = reverse("indicators:historical_value", args=["events.delegations"])
    response = client.post(url, {"year": 2017, "value": "-3", "provenance": "historical", "source": " "})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"source"}
    assert not HistoricalValue.objects.exists()


def test_a_rate_is_drawn_out_of_100_and_a_figure_not_collected_has_no_chart(client, staff_user, monkeypatch):
    from biocluster.calls.tests.factories import DecisionFactory, ProposalFactory
    from biocluster.core import indicators as ind
    from biocluster.indicators.declared import not_collected_yet

    # A figure registered before its app collects it (as the survey's were): no value, no chart.
    placeholder = ind.Indicator(
        code="survey.not_collected",
        name="Not collected",
        definition="Not collected yet.",
        unit=ind.EUR,
        period_kind=ind.YEAR,
        additive=False,
        compute=not_collected_yet,
    )
    monkeypatch.setitem(ind._registry, placeholder.code, placeholder)

    for outcome in ("funded", "rejected", "rejected", "rejected"):
        proposal = ProposalFactory(status="submitted", submitted_at="2024-03-01T10:00:00Z")
        DecisionFactory(proposal=proposal, outcome=outcome)
    client.force_login(staff_user)
    rate = client.get(reverse("indicators:figure_row", args=["calls.success_rate"]), {"year": 2024})
    assert [(bar.label, bar.value) for bar in rate.context["chart"].bars][-1] == ("2024", 25.0)
    assert "25" in rate.content.decode()
    sales = client.get(reverse("indicators:figure_row", args=["survey.not_collected"]), {"year": 2024})
    assert sales.context["chart"].bars == []


def test_a_row_keeps_its_value_says_when_it_was_computed_and_staff_recompute(
    client, staff_user, accredited_2017
):
    client.force_login(staff_user)
    row = reverse("indicators:figure_row", args=[CODE])
    assert "computed at" in client.get(row, {"year": 2017}).content.decode()
    assert (
        f'<a href="/indicators/{CODE}/?year=2017">2</a>' in client.get(row, {"year": 2017}).content.decode()
    )

    AccreditationFactory(organisation=OrganisationFactory(name="Gamma"), decided_on=date(2017, 5, 1))
    kept = client.get(row, {"year": 2017}).content.decode()
    assert f'<a href="/indicators/{CODE}/?year=2017">2</a>' in kept  # kept: the row says since when
    detail = client.get(reverse("indicators:detail", args=[CODE]), {"year": 2017}).content.decode()
    assert "Gamma" in detail  # the drill-down is always live

    response = client.post(reverse("indicators:recompute"), {"querystring": "year=2017"})
    assert response.status_code == 302 and response.url == "/indicators/?year=2017"
    fresh = client.get(row, {"year": 2017}).content.decode()
    assert f'<a href="/indicators/{CODE}/?year=2017">3</a>' in fresh


def test_a_kept_value_is_computed_again_once_it_has_expired(accredited_2017):
    indicator = ind.get(CODE)
    start = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert services.kept_figure(indicator, year=2017)[0].computed_at == start
    AccreditationFactory(organisation=OrganisationFactory(name="Gamma"), decided_on=date(2017, 5, 1))
    with time_machine.travel(start + timedelta(seconds=computed.KEPT - 1), tick=False):
        assert services.kept_figure(indicator, year=2017)[0].value == 2
    later = start + timedelta(seconds=computed.KEPT + 1)
    with time_machine.travel(later, tick=False):
        figure, trend = services.kept_figure(indicator, year=2017, trend_years=[2016, 2017])
    assert (figure.value, figure.computed_at, trend) == (3, later, [(2016, 0), (2017, 3)])


def test_a_record_links_to_its_page_only_for_those_who_may_open_it(client, staff_user, administrator):
    """Staff of every department read the calls' indicator and its proposals' titles; only those
    who may open a proposal get a link to it (found by crawling the demo's links as each role:
    the real-estate staff were sent to pages that do not exist for them)."""
    from biocluster.calls.tests.factories import ProposalFactory

    proposal = ProposalFactory(
        title="Phage cocktails", status="submitted", submitted_at=datetime(2025, 3, 1, tzinfo=UTC)
    )
    url = reverse("indicators:detail", args=["calls.proposals"])
    link = f'href="/calls/proposals/{proposal.pk}/"'
    client.force_login(staff_user)
    html = client.get(url, {"year": 2025}).content.decode()
    assert "Phage cocktails" in html and link not in html
    assert client.get(f"/calls/proposals/{proposal.pk}/").status_code == 404
    client.force_login(administrator)
    html = client.get(url, {"year": 2025}).content.decode()
    assert "Phage cocktails" in html and link in html
    assert client.get(f"/calls/proposals/{proposal.pk}/").status_code == 200


def test_a_record_of_what_belongs_to_another_model_is_checked_on_that_model():
    """`Source.url` may name the page of what the record belongs to (an agreement's line opens its
    agreement; a pack subscription its mission): the visibility asked is that model's."""
    from biocluster.calls.models import Proposal
    from biocluster.cooperation.models import Mission, PackSubscription
    from biocluster.estate.models import Agreement, AgreementUnit

    def model_of(model, path):
        return ind.Source("x.y", model.objects.none(), label="pk", date="pk", url=("r", path)).target_model()

    assert model_of(Proposal, "pk") is Proposal
    assert model_of(AgreementUnit, "agreement_id") is Agreement
    assert model_of(PackSubscription, "pack__mission_id") is Mission
