from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("publishing.manage_snapshots")


class PublishingConfig(AppConfig):
    name = "biocluster.publishing"
    label = "publishing"
    verbose_name = _("Published figures and reports")

    def ready(self):
        from biocluster.core import registry

        from . import audit_log, rules  # noqa: F401 - registers the permissions and the audit sentences

        registry.add_menu_entry(_("Key figures"), "publishing:key_figures", order=96)
        registry.add_menu_entry(_("Snapshots"), "publishing:snapshots", order=97, shown_to=_is_cluster_staff)
