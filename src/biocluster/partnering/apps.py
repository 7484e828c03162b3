from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "biocluster.partnering"
    label = "partnering"
    verbose_name = _("B2B partnering")

    def ready(self):
        from biocluster.core import registry
        from biocluster.events.models import Registration

        from . import rules  # noqa: F401 - registers the permissions
        from .signals import registration_saved

        post_save.connect(registration_saved, sender=Registration, dispatch_uid="partnering_registration")
        registry.add_menu_entry(_("Partnering"), "partnering:home", order=80, shown_to=registry.authenticated)
