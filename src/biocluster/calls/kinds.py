"""The kinds of call, and what happens when a proposal of a kind is awarded.

One call engine serves every way the cluster funds or selects: the shared-equipment
call, the ATIGE team-leader grants, the postdoc return allocations, and (registered
later by the programmes app) the intake of the incubation programmes. A kind says how
an award is laid out by default and may plug in an `on_award` callback, run inside the
transaction that creates the award, e.g. to enrol a company into a cohort::

    # biocluster/programmes/apps.py, in ready()
    from biocluster.calls.kinds import CallKind, register_kind

    register_kind(CallKind("programme_intake", _("Programme intake"), on_award=enrol_from_award,
                           instalments=0, duration_months=12))
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

AwardHook = Callable[..., None]  # called as hook(award=award, actor=actor)
# Called as hook(call=call, applicant=user, organisation=organisation) when an application is
# started (organisation None: not chosen yet), given its organisation, and submitted; raises
# ValidationError to refuse it (e.g. a company already enrolled in an overlapping programme).
ApplicationCheck = Callable[..., None]


@dataclass(frozen=True)
class CallKind:
    code: str
    label: object
    on_award: AwardHook | None = None
    check_application: ApplicationCheck | None = None
    # The default plan of an award: the amount is paid in `instalments` equal parts
    # over `duration_months`, with a report due after each part and a final report.
    instalments: int = 1
    duration_months: int = 12
    reports: tuple[str, ...] = field(default=("final",))
    # False where an award is a place rather than money (a programme's intake): a
    # funded decision may then carry no amount.
    pays: bool = True


_KINDS: dict[str, CallKind] = {}


def register_kind(kind: CallKind) -> CallKind:
    """Add a kind (again under the same code: replaced, so that reloading stays idempotent)."""
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> CallKind | None:
    return _KINDS.get(code)


def kind_choices() -> list[tuple[str, object]]:
    """The choices of `Call.kind`: a callable, so that a kind added later needs no migration."""
    return [(kind.code, kind.label) for kind in _KINDS.values()]


EQUIPMENT = register_kind(
    CallKind("equipment", _("Shared-equipment call"), instalments=1, duration_months=12, reports=("final",))
)
TEAM_LEADER = register_kind(
    CallKind(
        "team_leader",
        _("Team-leader grant (ATIGE)"),
        instalments=3,
        duration_months=36,
        reports=("interim", "final"),
    )
)
POSTDOC_RETURN = register_kind(
    CallKind(
        "postdoc_return",
        _("Postdoc return allocation"),
        instalments=4,
        duration_months=24,
        reports=("interim", "final"),
    )
)
