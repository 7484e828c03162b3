from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("accounts.is_cluster_staff")


def _follow_ups(user) -> list:
    """The user's open follow-up tasks, one line each, for their home page."""
    from biocluster.core.registry import ToDo

    from .services import open_tasks_of

    return [
        ToDo(
            area=str(_("Relations")),
            title=f"{task.title} — {task.organisation.name}",
            url=reverse("directory:organisation_detail", args=[task.organisation_id]) + "#relations",
            due=task.due_on,
            overdue=overdue,
        )
        for task, overdue in open_tasks_of(user)
    ]


def _section(request, organisation) -> str:
    from .views import organisation_section

    return organisation_section(request, organisation)


class RelationsConfig(AppConfig):
    name = "biocluster.relations"
    label = "relations"
    verbose_name = _("Relations with organisations")

    def ready(self):
        from biocluster.core import registry

        registry.add_menu_entry(_("Segments"), "relations:segment_list", order=92, shown_to=_is_cluster_staff)
        registry.add_todo(_follow_ups, order=30)
        registry.add_organisation_section(_section, order=10)
        for page in ("directory:organisation_list", "directory:organisation_manage"):
            registry.add_page_action(
                page, _("Save as segment"), "relations:segment_create", order=10, shown_to=_is_cluster_staff
            )
