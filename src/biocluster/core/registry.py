"""What the apps put on the shared pages: menu entries and the home page's key figures.

Core knows no app: each registers its entries in its `AppConfig.ready()`::

    from biocluster.core import registry

    registry.add_menu_entry(_("Events"), "events:event_list", order=70)
    registry.add_home_figures(key_figures, order=0)  # a callable returning [(label, number)]
    registry.add_todo(reviews_to_score, order=10)  # a callable: user -> [ToDo]

The base template draws the menu (in `order`, those the user may see) and the home
page the figures and each person's to-do list, so that a new area appears without
editing core.
"""

import datetime
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


@dataclass(frozen=True)
class ToDo:
    """Something a person has to do, as their home page lists it.

    One line may stand for several items of the same kind (`count`), so that a reviewer
    with 40 proposals to score sees one line, not 40.
    """

    area: str  # the app, as the person reads it ("Calls", "Platforms")
    title: str  # what to do, in the person's words
    url: str  # where to do it
    count: int = 1
    due: datetime.date | datetime.datetime | None = None
    overdue: bool = False


_menu: dict[str, MenuEntry] = {}
_account_menu: dict[str, MenuEntry] = {}
_figures: dict[Callable, int] = {}
_todos: dict[Callable, int] = {}


def add_menu_entry(label: str, route: str, *, order: int, shown_to: Callable = everyone) -> None:
    """Registering the same route again replaces its entry (ready() may run twice in tests)."""
    _menu[route] = MenuEntry(label, route, order, shown_to)


def add_home_figures(figures: Callable[[], list[tuple[str, int]]], *, order: int) -> None:
    _figures[figures] = order


def add_account_entry(label: str, route: str, *, order: int, shown_to: Callable = authenticated) -> None:
    """A page of the person's own ("My bookings"), listed in the account menu on every page."""
    _account_menu[route] = MenuEntry(label, route, order, shown_to)


def _visible(entries: dict[str, MenuEntry], user) -> list[MenuEntry]:
    ordered = sorted(entries.values(), key=lambda entry: (entry.order, entry.route))
    return [entry for entry in ordered if entry.shown_to(user)]


def menu_for(user) -> list[MenuEntry]:
    return _visible(_menu, user)


def account_menu_for(user) -> list[MenuEntry]:
    return _visible(_account_menu, user) if user.is_authenticated else []


def home_figures() -> list[tuple[str, int]]:
    return [figure for provider in sorted(_figures, key=_figures.get) for figure in provider()]


def add_todo(provider: Callable[..., list[ToDo]], *, order: int) -> None:
    """A provider takes the user and returns what that user has to do (an empty list if none).

    Providers check their own permissions: they only list what the user may open.
    """
    _todos[provider] = order


def todos_for(user) -> list[ToDo]:
    if not user.is_authenticated:
        return []
    return [todo for provider in sorted(_todos, key=_todos.get) for todo in provider(user)]
