"""How partner recommendation reads in the audit trail."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import register

register(
    "recommendations.build.started", gettext_lazy("%(actor)s started a build of the partner recommender")
)
register(
    "recommendations.suggestion.declined", gettext_lazy("%(actor)s declined the suggestion “%(object)s”")
)
register("recommendations.introduction.sent", gettext_lazy("%(actor)s sent the introduction “%(object)s”"))
