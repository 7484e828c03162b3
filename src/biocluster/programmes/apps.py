from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "biocluster.programmes"
    label = "programmes"
    verbose_name = _("Entrepreneurship programmes")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.calls.kinds import CallKind, register_kind
        from biocluster.core import registry

        from . import rules  # noqa: F401 - registers the permissions
        from .services.intake import check_application, enrol_from_award
        from .todo import renewals_to_ask, staff_todos

        # An intake pays nothing: no instalments and no reports; the award is the acceptance.
        register_kind(
            CallKind(
                "programme_intake",
                _("Programme intake"),
                on_award=enrol_from_award,
                check_application=check_application,
                instalments=0,
                pays=False,
                duration_months=6,
                reports=(),
            )
        )
        registry.add_menu_entry(_("Programmes"), "programmes:programme_list", order=40)
        registry.add_account_entry(_("My programme"), "programmes:enrolment_list", order=40)
        registry.add_todo(staff_todos, order=40)
        registry.add_todo(renewals_to_ask, order=41)
        from .summary import organisation_summary

        registry.add_organisation_summary(organisation_summary, order=10)
