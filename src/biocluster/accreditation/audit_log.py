"""Who reads the register's audit trail: those who read the whole register."""

from django.utils.translation import gettext_lazy

from biocluster.audit.display import history_rule, register

from .models import Accreditation

history_rule(Accreditation, "accreditation.view_register")

register("accreditation.status.changed", gettext_lazy("%(actor)s changed the status: %(object)s"))
