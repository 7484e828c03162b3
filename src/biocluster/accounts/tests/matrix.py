"""The accounts' rows of the permission matrix (see core/tests/test_permission_matrix.py).

Statuses are for: anonymous, member, organisation_administrator, staff,
platform_manager, reviewer, administrator.
"""

from biocluster.core.tests.admin_matrix import admin_rows

# The Django admin (see core/tests/admin_matrix.py): a login's roles are granted and revoked
# through the services (a change of the login); tokens are shown only.
# allauth's email addresses and second factors are shown only (see core.admin.take_over).
ADMIN = (
    admin_rows("accounts.user", "member", change=True)
    | admin_rows("accounts.apitoken", "token")
    | admin_rows("account.emailaddress", "email_address")
    | admin_rows("mfa.authenticator", "authenticator")
)


def world(request) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from biocluster.accounts.models import ApiToken

    member = request.getfixturevalue("member")
    return {
        "member": member,
        "token": ApiToken.issue(member)[0],
        "email_address": EmailAddress.objects.create(
            user=member, email=member.email, verified=True, primary=True
        ),
        "authenticator": Authenticator.objects.create(user=member, type="recovery_codes", data={}),
    }
