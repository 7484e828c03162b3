"""The Django admin's site: for administrators (superusers) only.

Staff work in the pages and the API, where each department's rules decide what they see and do;
the admin knows none of those rules, so it is closed to them rather than filtered.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def is_administrator(user) -> bool:
    return bool(user.is_active and user.has_perm("accounts.is_administrator"))


class AdministratorLoginForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "not_administrator": _("The administration site is for administrators only."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not is_administrator(user):
            raise ValidationError(self.error_messages["not_administrator"], code="not_administrator")


class AdministratorsAdminSite(admin.AdminSite):
    login_form = AdministratorLoginForm

    def has_permission(self, request):
        return is_administrator(request.user)
