"""The audit trail's rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator.
"""

from biocluster.core.tests.admin_matrix import admin_rows

# The Django admin (see core/tests/admin_matrix.py): the trail is for administrators, read only.
ADMIN = admin_rows("audit.auditevent", "event")


def world(request) -> dict:
    from biocluster.audit.models import AuditEvent
    from biocluster.directory import services

    services.create_organisation(
        actor=request.getfixturevalue("staff_user"), name="Audited Bio", kind="startup"
    )
    return {"event": AuditEvent.objects.latest("pk")}
