"""How the EU projects read in the audit trail, and who reads it: whoever sees the project's plan."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Deliverable, Participant, Project, WorkPackage

history_rule(Project, "euprojects.view_project")
history_rule(Deliverable, "euprojects.view_project")
history_rule(Participant, "euprojects.view_project")
history_rule(WorkPackage, "euprojects.view_project")

register(
    "euprojects.deliverable.moved",
    gettext_lazy(
        "%(actor)s moved the deliverable “%(object)s” from “%(before_status)s” to “%(after_status)s”"
    ),
)
register("euprojects.participant.added", gettext_lazy("%(actor)s added “%(object)s” to the consortium"))
register("euprojects.participant.removed", gettext_lazy("%(actor)s removed “%(object)s” from the consortium"))
register("euprojects.effort.recorded", gettext_lazy("%(actor)s recorded the effort of “%(object)s”"))
