"""Logins in the admin: shown, and their cluster roles granted or revoked through the services.

No service edits a login itself (email, password, superuser flag): people change theirs through
their account pages, and administrators are made with `biocluster createsuperuser`.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from biocluster.core.admin import ReadOnlyTabularInline, ServiceModelAdmin, nothing_saved
from biocluster.core.admin_site import is_administrator

from . import services
from .models import ApiToken, RoleGrant, User


class RoleGrantInline(ReadOnlyTabularInline):
    """New rows are granted by `grant_role`, deleted rows revoked by `revoke_role` (see `UserAdmin`)."""

    model = RoleGrant
    fields = ["role", "department", "granted_at"]
    readonly_fields = ["granted_at"]

    def has_add_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)


@admin.register(User)
class UserAdmin(ServiceModelAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleGrantInline]
    fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Person"), {"fields": ("first_name", "last_name", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = [
        "email",
        "first_name",
        "last_name",
        "preferred_language",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    ]

    def update_object(self, request, obj, changes):
        """The login's own fields are read-only here: only its roles change, in `save_related`."""
        assert not changes, changes

    def save_related(self, request, form, formsets, change):
        user = form.instance
        for formset in formsets:
            nothing_saved(formset)
            if formset.model is not RoleGrant:
                continue
            for grant_form in formset.deleted_forms:
                if grant_form.instance.pk:
                    services.revoke_role(actor=request.user, grant=grant_form.instance)
            for grant_form in formset.extra_forms:
                if grant_form.has_changed() and grant_form not in formset.deleted_forms:
                    services.grant_role(
                        actor=request.user,
                        user=user,
                        role=grant_form.cleaned_data["role"],
                        department=grant_form.cleaned_data["department"],
                    )

    def user_change_password(self, request, id, form_url=""):
        # Setting someone's password has no service (nor audit): people reset theirs by email.
        raise PermissionDenied


@admin.register(ApiToken)
class ApiTokenAdmin(ServiceModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at"]
