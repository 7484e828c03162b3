from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_staff(user) -> bool:
    return user.is_authenticated and user.has_perm("recommendations.build_model")


def _section(request, organisation) -> str:
    from .views import organisation_section

    return organisation_section(request, organisation)


class RecommendationsConfig(AppConfig):
    name = "biocluster.recommendations"
    label = "recommendations"
    verbose_name = _("Partner recommendation")

    def ready(self):
        from biocluster.core import registry

        from . import slots

        registry.add_organisation_section(_section, order=20)
        registry.add_slot_section("partnering.participant", slots.participant, order=10)
        registry.add_slot_section("cooperation.soft_landing", slots.soft_landing, order=10)
        registry.add_slot_section("calls.proposal", slots.proposal, order=10)
        registry.add_page_action(
            "directory:network",
            _("Suggested connections"),
            "recommendations:network",
            order=10,
            shown_to=_is_staff,
        )
        registry.add_menu_entry(
            _("Partner recommender"), "recommendations:build", order=93, shown_to=_is_staff
        )
