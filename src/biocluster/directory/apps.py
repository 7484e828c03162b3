from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_search_triggers(sender, using="default", **kwargs):
    from django.db import connections

    from .search_sql import ensure_sqlite_triggers

    connection = connections[using]
    if connection.vendor == "sqlite":
        ensure_sqlite_triggers(connection)


class DirectoryConfig(AppConfig):
    name = "biocluster.directory"
    label = "directory"
    verbose_name = _("Ecosystem directory")

    def ready(self):
        from . import caching

        post_migrate.connect(_restore_search_triggers, sender=self)
        caching.connect_signals()
