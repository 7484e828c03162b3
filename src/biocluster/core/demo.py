"""Demo data of every area, loaded by `biocluster load_demo`.

Each area registers a loader from its own `demo` module, which `load_demo` finds
the way the admin finds `admin` modules (`autodiscover_modules("demo")`)::

    # biocluster/events/demo.py
    from biocluster.core.demo import register

    def flush(context):                      # optional: empty this area
        Event.objects.all().delete()

    @register("events", order=40, flush=flush)
    def load(context):
        genopole = Organisation.objects.get(name="Genopole")
        ...                                  # upsert by a natural key: loading twice changes nothing
        context.count("events", created)
        context.add_login(...)               # or demo_user(context, ...) for a new login

Loaders run in `order`, lowest first: the directory's is 0, since every other
area points at its organisations and people; ties keep registration order. The
whole load runs in one transaction. `load_demo --flush` first runs the flushes
in reverse order, so an area empties before the areas it points at.

Demo data is the project's own: loaders read files shipped in the package, never
anything outside it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "demo-biocluster"  # noqa: S105 - printed on purpose: demo logins only
DEMO_EMAIL_DOMAIN = "demo.biocluster"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str


@dataclass
class DemoContext:
    """What loaders share: an output, the logins to print and counts for the summary."""

    write: Callable[[str], None] = print
    verbosity: int = 1
    logins: list[DemoLogin] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    _password_hash: str = ""

    def log(self, message: str) -> None:
        if self.verbosity >= 1:
            self.write(message)

    def count(self, label: str, value: int) -> None:
        """Add `value` to what this run made under `label` (zeros are not reported)."""
        if value:
            self.counts[label] = self.counts.get(label, 0) + value

    def add_login(self, email: str, name: str, role: str) -> None:
        if all(login.email != email for login in self.logins):
            self.logins.append(DemoLogin(email, name, role))

    def password_hash(self) -> str:
        """One hash of the demo password for every demo login: hashing is slow on purpose."""
        if not self._password_hash:
            from django.contrib.auth.hashers import make_password

            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash


Loader = Callable[[DemoContext], None]


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Loader
    flush: Loader | None = None
    order: int = 100


DEMO_LOADERS: list[DemoLoader] = []


def register(name: str, *, order: int = 100, flush: Loader | None = None) -> Callable[[Loader], Loader]:
    """Register `load` as the demo loader of an area (again under the same name: replaced)."""

    def decorator(load: Loader) -> Loader:
        DEMO_LOADERS[:] = [loader for loader in DEMO_LOADERS if loader.name != name]
        DEMO_LOADERS.append(DemoLoader(name=name, load=load, flush=flush, order=order))
        return load

    return decorator


def discover() -> None:
    autodiscover_modules("demo")


def ordered_loaders() -> list[DemoLoader]:
    discover()
    return sorted(DEMO_LOADERS, key=lambda loader: loader.order)


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_EMAIL_DOMAIN}"


def demo_user(
    context: DemoContext,
    local_part: str,
    first_name: str,
    last_name: str,
    role: str,
    *,
    is_staff: bool = False,
    is_superuser: bool = False,
):
    """The demo login `local_part@demo.biocluster`, created once with the demo password."""
    from django.contrib.auth import get_user_model

    email = demo_email(local_part)
    user, created = get_user_model().objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "password": context.password_hash(),
            "is_staff": is_staff or is_superuser,
            "is_superuser": is_superuser,
        },
    )
    if created:
        context.count("demo logins", 1)
    context.add_login(email, f"{first_name} {last_name}", role)
    return user
