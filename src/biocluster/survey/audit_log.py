"""How the survey reads in the audit trail, and who reads it: staff, and a company's
administrators for their own response."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Campaign, Question, Response

history_rule(Campaign, "survey.view_campaign")
history_rule(Question, "survey.manage_campaigns")
history_rule(Response, "survey.view_response")

register(
    "survey.campaign.opened", gettext_lazy("%(actor)s opened the campaign “%(object)s” to the companies")
)
register("survey.campaign.closed", gettext_lazy("%(actor)s closed the campaign “%(object)s”"))
register("survey.campaign.reminders_sent", gettext_lazy("%(actor)s sent reminders for “%(object)s”"))
register("survey.response.added", gettext_lazy("%(actor)s asked “%(object)s”"))
register("survey.response.removed", gettext_lazy("%(actor)s stopped asking “%(object)s”"))
register("survey.response.saved", gettext_lazy("%(actor)s saved a draft of “%(object)s”"))
register("survey.response.submitted", gettext_lazy("%(actor)s submitted “%(object)s”"))
register("survey.response.validated", gettext_lazy("%(actor)s validated “%(object)s”"))
register("survey.response.returned", gettext_lazy("%(actor)s returned “%(object)s” to the company"))
