from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundersConfig(AppConfig):
    name = "biocluster.funders"
    label = "funders"
    verbose_name = _("Funder contracts")
