"""How partnering's audit trail reads."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import register

register(
    "partnering.meeting.inserted", gettext_lazy("%(actor)s placed %(object)s into the published schedule")
)
register("partnering.meeting.attendance", gettext_lazy("%(actor)s recorded the attendance of %(object)s"))
