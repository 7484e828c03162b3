from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "biocluster.calls"
    label = "calls"
    verbose_name = _("Calls and grants")

    def ready(self):
        from . import indicators

        indicators.register()
        from biocluster.core import registry

        from . import todo

        registry.add_menu_entry(_("Calls"), "calls:call_list", order=30)
        registry.add_account_entry(_("My proposals"), "calls:my_proposals", order=30)
        registry.add_account_entry(_("My reviews"), "calls:review_list", order=31)
        registry.add_todo(todo.reviews_to_do, order=30)
        registry.add_todo(todo.drafts_to_submit, order=31)
        registry.add_todo(todo.decisions_to_record, order=32)
