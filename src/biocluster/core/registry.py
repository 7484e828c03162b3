"""What the apps put on the shared pages: menu entries and the home page's key figures.

Core knows no app: each registers its entries in its `AppConfig.ready()`::

    from biocluster.core import registry

    registry.add_menu_entry(_("Events"), "events:event_list", order=70)
    registry.add_home_figures(key_figures, order=0)  # a callable returning [(label, number)]
    registry.add_todo(reviews_to_score, order=10)  # a callable: user -> [ToDo]
    registry.add_organisation_summary(enrolments_of, order=10)  # (user, organisation) -> [SummaryLine]
    registry.add_organisation_section(crm_panel, order=10)  # (request, organisation) -> HTML or ""
    registry.add_page_action("directory:organisation_list", _("Save as segment"), "relations:segment_create",
                             order=10, shown_to=is_staff)

The base template draws the menu (in `order`, those the user may see) and the home
page the figures and each person's to-do list, so that a new area appears without
editing core. An organisation's page (the directory's) shows what each area knows of
it to the staff (its summary lines) and the sections areas add; a page's actions link
to another area's pages with the page's query (its filters).
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


@dataclass(frozen=True)
class SummaryLine:
    """What one area knows of an organisation, in one line of its staff summary."""

    area: str  # the area, as staff read it ("Programmes", "Platforms")
    text: str  # e.g. "Booster, since 3 March 2025"
    url: str = ""  # where to read more, if anywhere


_summaries: dict[Callable, int] = {}
_sections: dict[Callable, int] = {}
_page_actions: dict[tuple[str, str], tuple[str, int, Callable]] = {}


def add_organisation_summary(provider: Callable[..., list[SummaryLine]], *, order: int) -> None:
    """A provider takes the user and an organisation and returns its lines (none if nothing to say).

    The organisation's page shows the summary to cluster staff only; real estate (leases)
    and later areas add their line the same way.
    """
    _summaries[provider] = order


def organisation_summary(user, organisation) -> list[SummaryLine]:
    return [
        line for provider in sorted(_summaries, key=_summaries.get) for line in provider(user, organisation)
    ]


def add_organisation_section(provider: Callable[..., str], *, order: int) -> None:
    """A provider takes the request and an organisation and returns a section of its page (safe
    HTML), or "" for a user who may not see it: providers check their own permissions."""
    _sections[provider] = order


def organisation_sections(request, organisation) -> list[str]:
    sections = (provider(request, organisation) for provider in sorted(_sections, key=_sections.get))
    return [section for section in sections if section]


@dataclass(frozen=True)
class PageAction:
    label: str
    route: str

    @property
    def url(self) -> str:
        return reverse(self.route)


def add_page_action(
    page: str, label: str, route: str, *, order: int, shown_to: Callable = authenticated
) -> None:
    """A link on `page` (a route name) to `route`, carrying the page's query (its filters)."""
    _page_actions[(page, route)] = (label, order, shown_to)


def page_actions(page: str, user) -> list[PageAction]:
    rows = sorted(
        (
            (order, route, label)
            for (on, route), (label, order, shown_to) in _page_actions.items()
            if on == page and shown_to(user)
        ),
    )
    return [PageAction(label, route) for _order, route, label in rows]


_slots: dict[str, dict[Callable, int]] = {}


def add_slot_section(slot: str, provider: Callable[..., str], *, order: int) -> None:
    """A section another area puts in a named slot of a page: `provider(request, obj)` returns safe
    HTML, or "" for a user who may not see it (providers check their own permissions).

    The page draws the slot with ``{% load slots %}{% slot "partnering.participant" profile %}``
    and knows nothing of who fills it. Slots: "partnering.participant" (a participant's event
    page, obj: the partnering profile), "cooperation.soft_landing" (a soft-landing case),
    "calls.proposal" (a proposal's page).
    """
    _slots.setdefault(slot, {})[provider] = order


def slot_sections(slot: str, request, obj) -> list[str]:
    providers = _slots.get(slot, {})
    sections = (provider(request, obj) for provider in sorted(providers, key=providers.get))
    return [section for section in sections if section]


# -- what an area knows of a person's organisations, read with their affiliations

_affiliation_flags: dict[str, Callable] = {}


def add_affiliation_flag(name: str, expression: Callable[[str], object]) -> None:
    """A yes/no an area asks of each organisation of the signed-in person on every page (its
    account entry: "is any of my organisations a partner?").

    `expression(organisation)` gives a boolean query expression (an `Exists` on the
    area's rows whose organisation is `OuterRef(organisation)`). The directory reads every
    flag in the one query that reads the person's affiliations, once a request, so that an
    account entry asking costs no query of its own (`directory.querysets.flagged_organisation_ids_of`).
    """
    _affiliation_flags[name] = expression


def affiliation_flags() -> dict[str, Callable]:
    return dict(_affiliation_flags)
