from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_guarantee(sender, using, **kwargs):
    """Put the no-double-booking guarantee back if a migration rebuilt the bookings table.

    SQLite's schema editor alters a table by copying it into a new one, which
    drops its triggers; this re-creates them after every migrate (idempotent).
    """
    from django.db import connections

    from . import constraints

    connection = connections[using]
    if constraints.TABLE in connection.introspection.table_names():
        constraints.install(connection)


class PlatformsConfig(AppConfig):
    name = "biocluster.platforms"
    label = "platforms"
    verbose_name = _("Technology platforms")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.core import registry

        from . import todo

        registry.add_menu_entry(_("Platforms"), "platforms:platform_list", order=60)
        registry.add_account_entry(_("My bookings"), "platforms:my_bookings", order=60)
        registry.add_todo(todo.manager_todos, order=60)
        registry.add_todo(todo.expiring_trainings, order=61)
        from .summary import organisation_summary

        registry.add_organisation_summary(organisation_summary, order=30)
        post_migrate.connect(_ensure_guarantee, sender=self, dispatch_uid="platforms_no_double_booking")
