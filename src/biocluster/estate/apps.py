from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_guarantee(sender, using, **kwargs):
    """Put the never-let-twice guarantee back if a migration rebuilt the lines' table (SQLite)."""
    from django.db import connections

    from . import constraints

    connection = connections[using]
    if constraints.TABLE in connection.introspection.table_names():
        constraints.install(connection)


def _may_report(user) -> bool:
    return user.is_authenticated and user.has_perm("estate.report_problem")


def _is_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("estate.manage_estate")


class EstateConfig(AppConfig):
    name = "biocluster.estate"
    label = "estate"
    verbose_name = _("Real estate")

    def ready(self):
        from biocluster.core import registry

        from . import indicators, slots
        from .summary import organisation_summary

        indicators.register()
        registry.add_menu_entry(_("Offices and labs"), "estate:offer", order=75)
        registry.add_menu_entry(_("Estate"), "estate:search", order=76, shown_to=_is_staff)
        registry.add_menu_entry(
            _("Tenant requests"), "estate:tenant_request_list", order=77, shown_to=_may_report
        )
        registry.add_organisation_summary(organisation_summary, order=40)
        registry.add_slot_section("cooperation.soft_landing", slots.soft_landing, order=20)
        post_migrate.connect(_ensure_guarantee, sender=self, dispatch_uid="estate_never_let_twice")
