from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("accounts.is_cluster_staff")


def _is_partner(user) -> bool:
    """A member of an organisation in some project's consortium (staff have the menu entry)."""
    if not user.is_authenticated or _is_cluster_staff(user):
        return False
    from biocluster.directory.querysets import flagged_organisation_ids_of

    return bool(flagged_organisation_ids_of(user, "euprojects_partner"))


def _partner(organisation: str):
    """An organisation in some project's consortium (read with the person's affiliations)."""
    from django.db.models import Exists, OuterRef

    from .models import Participant

    return Exists(Participant.objects.filter(organisation_id=OuterRef(organisation)))


def _todos(user):
    from .todo import deliverables_due

    return deliverables_due(user)


def _summary(user, organisation):
    from .summary import organisation_summary

    return organisation_summary(user, organisation)


class EuprojectsConfig(AppConfig):
    name = "biocluster.euprojects"
    label = "euprojects"
    verbose_name = _("EU and international projects")

    def ready(self):
        from biocluster.core import registry

        from . import indicators, rules  # noqa: F401 - registers the permissions

        indicators.register()
        registry.add_menu_entry(
            _("EU projects"), "euprojects:project_list", order=88, shown_to=_is_cluster_staff
        )
        registry.add_affiliation_flag("euprojects_partner", _partner)
        registry.add_account_entry(
            _("My EU projects"), "euprojects:project_list", order=88, shown_to=_is_partner
        )
        registry.add_todo(_todos, order=45)
        registry.add_organisation_summary(_summary, order=55)
