"""Every page fits its window: at a laptop's 1,366 px and a phone's 390 px, in English and in French,
nothing scrolls sideways but the tables and grids that scroll on purpose, and the menu, the account
and the language switch stay reachable.

With BIOCLUSTER_SCREENSHOTS=DIR (`make screenshots`), the width test also saves each page it
measures as DIR/LANGUAGE-DEVICE-PAGE.png, for a person to look at.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": (1366, 768), "phone": (390, 844)}
LANGUAGES = ("en", "fr")

# The page's own width beyond the window, scrolling containers (.overflow-auto, tables) excepted.
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
# The labels of buttons whose text runs on more than one line ("Searc" / "h").
SPLIT_BUTTONS = """() => Array.from(document.querySelectorAll(
    "main :is(button, [role=button], [type=submit], [type=button])"))
  .filter((button) => button.getClientRects().length && button.textContent.trim())
  .filter((button) => {
    const range = document.createRange();
    range.selectNodeContents(button);
    const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return lines.size > 1;
  })
  .map((button) => button.textContent.trim())"""

LONG_NAME = "Laboratoire de génomique fonctionnelle des maladies rares et de la thérapie génique (synthetic)"


def _a_booked_instrument(organisation):
    from biocluster.platforms.tests.factories import BookingFactory, InstrumentFactory

    instrument = InstrumentFactory(name="Séquenceur haut débit NovaSeq X Plus (synthetic)")
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    BookingFactory(
        instrument=instrument, organisation=organisation, start=starts, end=starts + timedelta(hours=2)
    )
    return instrument


def _a_call_under_review(organisation):
    from biocluster.calls.tests.factories import CallFactory, scored, submitted

    call = CallFactory(title_en=f"Call for {LONG_NAME}", title_fr=f"Appel pour {LONG_NAME}")
    for score in (4, 2):
        scored(submitted(call=call, title=f"Proposal by {LONG_NAME}"), score)
    return call


def _an_agenda():
    from biocluster.partnering import services
    from biocluster.partnering.tests.factories import EventFactory, participant, setup_event

    event = setup_event(EventFactory())
    alice = participant(event, organisation__name=LONG_NAME, organisation__kind="sme")
    bob = participant(event, organisation__name="Merck", organisation__kind="large_company")
    request = services.send_request(sender=alice, recipient=bob, actor=alice.registration.user, priority=2)
    services.accept(request=request, actor=bob.registration.user)
    services.schedule_now(event=event, actor=None)
    return alice


def pages() -> dict[str, str]:
    """The pages of the issue's screenshot set: home, directory, an organisation, a calendar, a call,
    the ranking and an agenda; and the other areas' front pages."""
    organisation = OrganisationFactory(name=LONG_NAME)
    instrument = _a_booked_instrument(organisation)
    call = _a_call_under_review(organisation)
    profile = _an_agenda()
    return {
        "home": "/",
        "directory": "/directory/",
        "organisation": f"/directory/organisations/{organisation.pk}/",
        "calendar": f"/platforms/instruments/{instrument.pk}/calendar/",
        "call": f"/calls/{call.pk}/",
        "ranking": f"/calls/{call.pk}/ranking/",
        "agenda": f"/partnering/profiles/{profile.pk}/agenda/",
        "calls": "/calls/",
        "platforms": "/platforms/",
        "programmes": "/programmes/",
        "accreditation": "/accreditation/",
        "events": "/events/",
    }


@pytest.mark.parametrize("device", WIDTHS)
def test_no_page_is_wider_than_its_window(browser_as, administrator, live_server, device):
    shots = os.environ.get("BIOCLUSTER_SCREENSHOTS")
    urls = pages()
    page = browser_as(administrator)
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[device], strict=True)))
    too_wide = {}
    for language in LANGUAGES:
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        for name, url in urls.items():
            response = page.goto(url)
            assert response.status == 200, (language, url)
            assert page.locator("html").get_attribute("lang") == language
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                too_wide[f"{language} {url}"] = overflow
            if split := page.evaluate(SPLIT_BUTTONS):
                too_wide[f"{language} {url} buttons"] = split
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=Path(shots) / f"{language}-{device}-{name}.png", full_page=True)
    assert too_wide == {}


def test_on_a_phone_the_menu_opens_and_the_account_and_language_stay_reachable(browser_as, administrator):
    page = browser_as(administrator)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    menu = page.get_by_role("link", name="Directory")
    assert not menu.is_visible()
    page.get_by_role("button", name="Menu").click()
    menu.click()
    page.wait_for_url("**/directory/")
    assert page.locator(".language-switch button").is_visible()
    page.locator(".account-menu summary").click()
    assert page.get_by_role("button", name="Log out").is_visible()
