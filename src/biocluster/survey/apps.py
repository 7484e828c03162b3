from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "biocluster.survey"
    label = "survey"
    verbose_name = _("The annual company survey")
