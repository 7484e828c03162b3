from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "biocluster.partnering"
    label = "partnering"
    verbose_name = _("B2B partnering")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.core import registry
        from biocluster.events.signals import event_changed, registration_changed

        from . import rules  # noqa: F401 - registers the permissions
        from .signals import event_changed as follow_event
        from .signals import registration_changed as follow_registration
        from .todo import requests_to_answer

        registration_changed.connect(follow_registration, dispatch_uid="partnering_registration")
        event_changed.connect(follow_event, dispatch_uid="partnering_event")
        registry.add_menu_entry(_("Partnering"), "partnering:home", order=80, shown_to=registry.authenticated)
        registry.add_todo(requests_to_answer, order=80)
        from .summary import organisation_summary

        registry.add_organisation_summary(organisation_summary, order=40)
