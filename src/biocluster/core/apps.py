from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "biocluster.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import checks, lookups  # noqa: F401 - checks registers the deployment checks

        lookups.register()
        connection_created.connect(lookups.register_sqlite_functions)
