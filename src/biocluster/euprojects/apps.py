from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EuprojectsConfig(AppConfig):
    name = "biocluster.euprojects"
    label = "euprojects"
    verbose_name = _("EU and international projects")
