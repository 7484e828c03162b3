from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_search_triggers(sender, using="default", **kwargs):
    from django.db import connections

    from .search_sql import ensure_sqlite_triggers

    connection = connections[using]
    if connection.vendor == "sqlite":
        ensure_sqlite_triggers(connection)


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("accounts.is_cluster_staff")


def _key_figures() -> list[tuple[str, int]]:
    from .stats import directory_key_figures

    figures = directory_key_figures()
    return [
        (_("companies"), figures["companies"]),
        (_("research labs"), figures["labs"]),
        (_("technology platforms"), figures["platforms"]),
        (_("people"), figures["people"]),
    ]


class DirectoryConfig(AppConfig):
    name = "biocluster.directory"
    label = "directory"
    verbose_name = _("Ecosystem directory")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.core import registry

        registry.add_menu_entry(_("Directory"), "directory:organisation_list", order=10)
        registry.add_menu_entry(_("People"), "directory:person_list", order=20)
        registry.add_menu_entry(
            _("Staff"), "directory:organisation_manage", order=90, shown_to=_is_cluster_staff
        )
        registry.add_account_entry(_("My consents"), "directory:my_consents", order=90)
        registry.add_home_figures(_key_figures, order=0)
        from . import caching

        post_migrate.connect(_restore_search_triggers, sender=self)
        caching.connect_signals()
