from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _record_definitions(sender, **kwargs):
    from .services import record_definitions

    record_definitions()


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("indicators.view_indicators")


class IndicatorsConfig(AppConfig):
    name = "biocluster.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from biocluster.core import registry

        from . import audit_log, declared, rules  # noqa: F401 - registers the permissions and the audit sentences

        declared.register()

        registry.add_menu_entry(_("Indicators"), "indicators:dashboard", order=95, shown_to=_is_cluster_staff)
        post_migrate.connect(_record_definitions, sender=self)
