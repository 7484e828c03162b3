"""What the apps put on the shared pages: menu entries and the home page's key figures.

Core knows no app: each registers its entries in its `AppConfig.ready()`::

    from biocluster.core import registry

    registry.add_menu_entry(_("Events"), "events:event_list", order=70)
    registry.add_home_figures(key_figures, order=0)  # a callable returning [(label, number)]

The base template draws the menu (in `order`, those the user may see) and the home
page the figures, so that a new area appears without editing core.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    route: str
    order: int
    shown_to: Callable  # user -> bool

    @property
    def url(self) -> str:
        return reverse(self.route)


def everyone(user) -> bool:
    return True


def authenticated(user) -> bool:
    return user.is_authenticated


_menu: dict[str, MenuEntry] = {}
_figures: dict[Callable, int] = {}


def add_menu_entry(label: str, route: str, *, order: int, shown_to: Callable = everyone) -> None:
    """Registering the same route again replaces its entry (ready() may run twice in tests)."""
    _menu[route] = MenuEntry(label, route, order, shown_to)


def add_home_figures(figures: Callable[[], list[tuple[str, int]]], *, order: int) -> None:
    _figures[figures] = order


def menu_for(user) -> list[MenuEntry]:
    entries = sorted(_menu.values(), key=lambda entry: (entry.order, entry.route))
    return [entry for entry in entries if entry.shown_to(user)]


def home_figures() -> list[tuple[str, int]]:
    return [figure for provider in sorted(_figures, key=_figures.get) for figure in provider()]
