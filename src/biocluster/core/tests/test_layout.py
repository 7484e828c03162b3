"""Every page fits its window: at a laptop's 1,366 px and a phone's 390 px nothing scrolls sideways
but the tables and grids that scroll on purpose, and the menu, the account and the language switch
stay reachable."""

import pytest

from biocluster.directory.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": (1366, 768), "phone": (390, 844)}

# The page's own width beyond the window, scrolling containers (.overflow-auto, tables) excepted.
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def pages(organisation) -> list[str]:
    return [
        "/",
        "/directory/",
        f"/directory/organisations/{organisation.pk}/",
        "/calls/",
        "/platforms/",
        "/programmes/",
        "/accreditation/",
        "/events/",
    ]


@pytest.mark.parametrize("device", WIDTHS)
def test_no_page_is_wider_than_its_window(browser_as, administrator, device):
    organisation = OrganisationFactory(
        name="Laboratoire de génomique fonctionnelle des maladies rares et de la thérapie génique (synthetic)"
    )
    page = browser_as(administrator)
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[device], strict=True)))
    too_wide = {}
    for url in pages(organisation):
        page.goto(url)
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            too_wide[url] = overflow
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
