from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_survey_staff(user) -> bool:
    from .querysets import is_survey_staff

    return is_survey_staff(user)


def _administers_a_company(user) -> bool:
    from biocluster.directory.querysets import administered_organisation_ids_of

    return bool(administered_organisation_ids_of(user))


class SurveyConfig(AppConfig):
    name = "biocluster.survey"
    label = "survey"
    verbose_name = _("The annual company survey")

    def ready(self):
        from biocluster.core import registry

        from . import audit_log, indicators, rules, summary, todo  # noqa: F401 - permissions, audit sentences

        indicators.register()  # after the indicators app's placeholders (INSTALLED_APPS order): replaces them
        registry.add_menu_entry(_("Survey"), "survey:campaign_list", order=88, shown_to=_is_survey_staff)
        registry.add_account_entry(
            _("Company survey"), "survey:my_responses", order=40, shown_to=_administers_a_company
        )
        registry.add_todo(todo.answers_to_give, order=45)
        registry.add_todo(todo.answers_to_validate, order=46)
        registry.add_organisation_summary(summary.organisation_summary, order=45)
