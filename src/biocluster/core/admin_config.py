"""Django's admin app, with the site of `admin_site` (kept apart: app configs load before models)."""

from django.contrib.admin.apps import AdminConfig


class BioclusterAdminConfig(AdminConfig):
    default_site = "biocluster.core.admin_site.AdministratorsAdminSite"

    def ready(self):
        super().ready()  # every app's admin module is registered by now, third-party ones included
        from django.contrib import admin

        from .admin import take_over

        take_over(admin.site)
