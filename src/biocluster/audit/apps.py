from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "biocluster.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import display, rules  # noqa: F401 - registers the permission

        display.discover()  # each app's audit_log.py: how its actions read
