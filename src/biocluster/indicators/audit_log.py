"""The indicators' sentences in the audit trail."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import HistoricalValue

register(
    "indicators.historical_value.entered", gettext_lazy("%(actor)s entered a historical figure: %(object)s")
)
register(
    "indicators.historical_value.changed", gettext_lazy("%(actor)s changed a historical figure: %(object)s")
)

history_rule(HistoricalValue, "indicators.view_indicators")
