"""Browser journeys: staff log an activity under an agreement and see its expiry alert; a soft-landing
lead is taken to installed and appears in the directory."""

import datetime

import pytest
from django.tasks.signals import task_enqueued
from django.utils import timezone
from playwright.sync_api import expect

from .factories import AgreementFactory, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_an_activity_under_an_agreement_and_see_the_expiry_alert(browser_as, staff_user):
    today = timezone.localdate()  # the server's date: the agreement expires in 30 days from it
    agreement = AgreementFactory(
        partner=PartnerFactory(name="Génome Québec", country="CA"),
        title="Cooperation with Génome Québec",
        signed_on=today - datetime.timedelta(days=700),
        expires_on=today + datetime.timedelta(days=30),
    )

    page = browser_as(staff_user)
    page.goto(f"/cooperation/agreements/{agreement.pk}/")
    expect(page.locator(".alert.expiring")).to_contain_text("within 90 days")
    page.get_by_role("button", name="Log an activity").click()
    page.get_by_label("Kind").select_option("webinar")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("What").fill("Webinar on genomics start-ups")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".activities")).to_contain_text("Webinar on genomics start-ups")

    page.goto("/")
    todo = page.locator(".todo-list li", has_text="Cooperation with Génome Québec")
    expect(todo).to_contain_text("expires")
    todo.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cooperation with Génome Québec")


def test_a_soft_landing_lead_is_installed_and_appears_in_the_directory(browser_as, staff_user):
    page = browser_as(staff_user)
    page.goto("/cooperation/soft-landings/new/")
    page.get_by_label("Company").fill("Maple Genomics")
    page.get_by_label("Country").fill("CA")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".stage")).to_have_text("Lead")

    page.get_by_label("Move to").select_option("visit")
    page.get_by_role("button", name="Move").click()
    expect(page.locator("hgroup .stage")).to_have_text("Visit")

    page.get_by_label("Kind of company").select_option("startup")
    page.get_by_role("button", name="Mark installed").click()
    expect(page.locator("hgroup .stage")).to_have_text("Installed")
    page.locator(".in-directory").get_by_role("link", name="Maple Genomics").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maple Genomics")


def test_the_dashboard_shows_the_map_once_the_worker_has_drawn_it(browser_as, staff_user, settings, request):
    """No process had drawn it: the page says so, then swaps the map in by itself (htmx)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    queued = []  # what the live server's thread enqueued (each thread has its own backend)

    def remember(sender, task_result, **kwargs):
        queued.append(task_result)

    task_enqueued.connect(remember)
    request.addfinalizer(lambda: task_enqueued.disconnect(remember))
    AgreementFactory(
        partner=PartnerFactory(name="Génome Québec", country="CA"),
        signed_on=datetime.date(2020, 1, 1),
        expires_on=None,
    )
    page = browser_as(staff_user)
    page.goto("/cooperation/")
    expect(page.locator("#world-map .drawing")).to_be_visible()
    expect(page.locator("#world-map table")).to_contain_text("Canada")
    assert sorted(result.task.name for result in queued) == ["draw_chart", "draw_map"]
    for result in queued:  # the worker
        result.task.call(*result.args, **result.kwargs)
    expect(page.locator("#world-map svg[aria-label='Partners and activities by country']")).to_be_visible(
        timeout=20_000
    )
    expect(page.locator(".drawing")).to_have_count(0)
    expect(page.locator("#drawings[hx-get]")).to_have_count(0)  # polling stopped
