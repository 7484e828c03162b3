from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _is_cluster_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("funders.view_contract")


def _deadlines(user) -> list:
    """Reporting deadlines to funders not done yet, overdue or due within 30 days: one line each,
    on the home page of cluster staff (two queries whatever the rows)."""
    if not _is_cluster_staff(user):
        return []
    from django.utils import timezone

    from biocluster.core.registry import ToDo

    from .services import deadlines_to_do

    today = timezone.localdate()
    return [
        ToDo(
            area=str(_("Funder contracts")),
            title=f"{deadline.what} — {deadline.contract.funder.name}",
            url=reverse("funders:contract_detail", args=[deadline.contract_id]) + "#deadlines",
            due=deadline.due_on,
            overdue=deadline.is_overdue(today),
        )
        for deadline in deadlines_to_do(today)
    ]


class FundersConfig(AppConfig):
    name = "biocluster.funders"
    label = "funders"
    verbose_name = _("Funder contracts")

    def ready(self):
        from biocluster.core import registry

        registry.add_menu_entry(
            _("Funder contracts"), "funders:contract_list", order=96, shown_to=_is_cluster_staff
        )
        registry.add_todo(_deadlines, order=45)
