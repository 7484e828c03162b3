"""How snapshots, restatements and the report's sections read in the audit trail; cluster staff read it."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import FrozenValue, Restatement, Section, Snapshot

register("publishing.snapshot.frozen", gettext_lazy("%(actor)s froze the figures of %(object)s"))
register("publishing.snapshot.published", gettext_lazy("%(actor)s published the figures of %(object)s"))
register("publishing.snapshot.withdrawn", gettext_lazy("%(actor)s withdrew the publication of %(object)s"))
register("publishing.value.restated", gettext_lazy("%(actor)s restated the frozen figure %(object)s"))
register("publishing.restatement.decided", gettext_lazy("%(actor)s decided a restatement: %(object)s"))
register("publishing.section.written", gettext_lazy("%(actor)s wrote the report section “%(object)s”"))
register("publishing.section.changed", gettext_lazy("%(actor)s changed the report section “%(object)s”"))
register("publishing.section.deleted", gettext_lazy("%(actor)s deleted the report section “%(object)s”"))

for model in (Snapshot, FrozenValue, Restatement, Section):
    history_rule(model, "publishing.manage_snapshots")
