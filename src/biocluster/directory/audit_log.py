"""How the directory's audit trail reads, and who reads it (cluster staff)."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Organisation, Person

register("directory.organisation.created", gettext_lazy("%(actor)s added %(object)s to the directory"))
register("directory.organisation.merged", gettext_lazy("%(actor)s merged a duplicate entry into %(object)s"))
register("directory.organisation.merged_away", gettext_lazy("%(actor)s merged %(object)s into another entry"))
register("directory.export.restarted", gettext_lazy("%(actor)s started the export %(object)s again"))
register("directory.person.created", gettext_lazy("%(actor)s added %(object)s to the directory"))

for model in (Organisation, Person):
    history_rule(model, "directory.view_organisation_history")
register(
    "directory.organisation.arrived_on_site", gettext_lazy("%(actor)s recorded %(object)s arriving on site")
)
register("directory.organisation.left_site", gettext_lazy("%(actor)s recorded %(object)s leaving the site"))
register(
    "directory.organisation.site_corrected",
    gettext_lazy("%(actor)s corrected the dates %(object)s was on site"),
)
