from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "biocluster.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.platforms import calendar

        from . import holds

        if holds.describe not in calendar.HOLD_DESCRIBERS:
            calendar.HOLD_DESCRIBERS.append(holds.describe)
        from biocluster.core import registry

        registry.add_menu_entry(_("Events"), "events:event_list", order=70)
        registry.add_account_entry(_("My registrations"), "events:my_registrations", order=70)
