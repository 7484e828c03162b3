"""Figures the companies declare (sales, export sales): registered here, not yet computed.

They come from the annual company survey, which is not built yet: until it is, their value
is unknown ("—") and only the figures published before the system existed (historical
values, with their source) are shown. The survey app will register its computations under
the same codes from its `AppConfig.ready()`, replacing these (a code registered again is
replaced), and raise their `version`.
"""

from django.utils.translation import gettext_lazy as _

from biocluster.core import indicators as ind


def not_collected_yet(period, by=None) -> ind.Result:
    return ind.Result(None, ind.Records(), {} if by else None)


def register() -> None:
    for code, name, definition, order in (
        (
            "survey.sales",
            _("Sales declared by the companies"),
            _(
                "Sales of the year declared by the cluster's companies in the annual survey (not collected yet)."
            ),
            80,
        ),
        (
            "survey.export_sales",
            _("Export sales declared by the companies"),
            _(
                "Sales outside France declared by the cluster's companies in the annual survey (not collected yet)."
            ),
            81,
        ),
    ):
        ind.register(
            ind.Indicator(
                code=code,
                name=name,
                definition=definition,
                unit=ind.EUR,
                period_kind=ind.YEAR,
                additive=False,  # nothing to add up until the survey collects the answers
                compute=not_collected_yet,
                order=order,
            )
        )
