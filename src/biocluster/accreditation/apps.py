from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "biocluster.accreditation"
    label = "accreditation"
    verbose_name = _("Company accreditation")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.core import registry

        registry.add_menu_entry(_("Accredited companies"), "accreditation:register_list", order=50)

        from .summary import organisation_summary

        registry.add_organisation_summary(organisation_summary, order=20)
