"""Core draws the menu and the home page's figures from what the apps register, importing none of them."""

from django.urls import reverse

from biocluster.core import registry
from biocluster.directory.tests.factories import OrganisationFactory


def _menu(client) -> str:
    page = client.get(reverse("home")).content.decode()
    start = page.index('aria-label="Main"')
    return page[start : page.index("</nav>", start)]


def test_the_menu_lists_each_app_s_entries_to_those_who_may_see_them(client, member, staff_user):
    anonymous = _menu(client)
    for route in ("directory:organisation_list", "calls:call_list", "events:event_list"):
        assert f'href="{reverse(route)}"' in anonymous
    assert reverse("partnering:home") not in anonymous
    assert reverse("directory:organisation_manage") not in anonymous
    client.force_login(member)
    assert reverse("partnering:home") in _menu(client)
    assert reverse("directory:organisation_manage") not in _menu(client)
    client.force_login(staff_user)
    assert reverse("directory:organisation_manage") in _menu(client)


def test_a_registered_entry_appears_in_its_place(client, db, monkeypatch):
    monkeypatch.setattr(registry, "_menu", dict(registry._menu))
    registry.add_menu_entry("Real estate", "home", order=65)
    menu = _menu(client)
    assert menu.index(">Platforms<") < menu.index(">Real estate<") < menu.index(">Events<")


def test_the_home_page_shows_the_registered_figures(client, db, monkeypatch):
    OrganisationFactory(kind="startup", is_listed=True)
    page = client.get(reverse("home")).content.decode()
    assert '<p class="figure">1</p><p>companies</p>' in page
    monkeypatch.setattr(registry, "_figures", dict(registry._figures))
    registry.add_home_figures(lambda: [("buildings", 12)], order=10)
    assert '<p class="figure">12</p><p>buildings</p>' in client.get(reverse("home")).content.decode()


def _account_menu(client, url: str) -> str:
    page = client.get(url).content.decode()
    start = page.index('class="dropdown account-menu"')
    return page[start : page.index("</details>", start)]


def test_a_person_s_own_pages_are_in_the_account_menu_on_every_page(client, member):
    """ "My bookings" used to appear only on the platforms' pages, "My proposals" only on the calls'."""
    client.force_login(member)
    own = ("calls:my_proposals", "calls:review_list", "platforms:my_bookings", "events:my_registrations")
    for url in (reverse("home"), reverse("directory:organisation_list"), reverse("events:event_list")):
        account = _account_menu(client, url)
        assert all(f'href="{reverse(route)}"' in account for route in own), url
    assert reverse("platforms:my_bookings") not in _menu(client)
    client.logout()
    assert 'class="dropdown account-menu"' not in client.get(reverse("home")).content.decode()
