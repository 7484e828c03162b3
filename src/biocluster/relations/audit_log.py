"""How the staff's relations read in the audit trail, and who reads it: cluster staff."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Interaction, Segment, Task

history_rule(Interaction, "relations.change_interaction")
history_rule(Task, "relations.change_task")
history_rule(Segment, "relations.change_segment")

register("relations.interaction.logged", gettext_lazy("%(actor)s logged the interaction “%(object)s”"))
register("relations.task.completed", gettext_lazy("%(actor)s marked the task “%(object)s” done"))
register("relations.task.reopened", gettext_lazy("%(actor)s reopened the task “%(object)s”"))
