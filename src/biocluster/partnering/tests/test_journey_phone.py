"""On a phone (390 px) the agenda is a list of cards: nothing wider than the window, no word cut."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from biocluster.core.tests.phone import BROKEN_WORDS, OVERFLOW, PHONE
from biocluster.partnering import services
from biocluster.partnering.tests.factories import EventFactory, participant, setup_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "when"), [("en", '"When"'), ("fr", '"Quand"')])
def test_the_agenda_is_cards_on_a_phone(browser_as, live_server, language, when):
    event = setup_event(EventFactory())
    alice = participant(event, organisation__name="Thérapies géniques de Grenoble", organisation__kind="sme")
    bob = participant(
        event, organisation__name="Laboratoires Pharmaceutiques Réunis", organisation__kind="large_company"
    )
    request = services.send_request(sender=alice, recipient=bob, actor=alice.registration.user, priority=2)
    services.accept(request=request, actor=bob.registration.user)
    services.schedule_now(event=event, actor=None)

    page = browser_as(alice.registration.user)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.set_viewport_size(PHONE)
    page.goto(f"/partnering/profiles/{alice.pk}/agenda/")
    card = page.locator("table.agenda tbody tr").first
    expect(card).to_be_visible()
    assert card.evaluate("(row) => getComputedStyle(row).display") == "block"
    expect(page.locator("table.agenda thead")).not_to_be_in_viewport()
    assert card.locator("td").first.evaluate("(td) => getComputedStyle(td, '::before').content") == when
    assert page.evaluate(OVERFLOW) <= 0
    assert page.evaluate(BROKEN_WORDS, "main") == []
    # On a laptop it is a table again.
    page.set_viewport_size({"width": 1366, "height": 768})
    assert card.evaluate("(row) => getComputedStyle(row).display") == "table-row"
