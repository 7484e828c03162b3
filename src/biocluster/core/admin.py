"""The base classes of every ModelAdmin and inline of the project.

The admin is for administrators (the site refuses everyone else, see `admin_site`), and it
offers a write only where a service function performs it, so that the rules, the invariants
and the audit trail of the pages and the API hold here too. A ModelAdmin offers a write by
defining `create_object`, `update_object` or `delete_object`, each calling the app's service;
without them the model is read-only, even for administrators. Inlines are read-only.
`core/tests/test_admin_policy.py` fails when a ModelAdmin or an inline does not use these bases.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .admin_site import is_administrator
from .forms import add_error

WRITES = ("create_object", "update_object", "delete_object")


class ServiceModelAdmin(admin.ModelAdmin):
    # -- the writes a subclass offers, each through its app's service

    def create_object(self, request, data: dict):
        """Create through the service from the form's cleaned data; return the new object."""
        raise NotImplementedError

    def update_object(self, request, obj, changes: dict) -> None:
        """Apply `changes` (the changed fields' cleaned values) to `obj` (read afresh) through the service."""
        raise NotImplementedError

    def delete_object(self, request, obj) -> None:
        raise NotImplementedError

    def offers(self, write: str) -> bool:
        return getattr(type(self), write) is not getattr(ServiceModelAdmin, write)

    # -- permissions: administrators only, and only the writes offered

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request):
        return is_administrator(request.user) and self.offers("create_object")

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user) and self.offers("update_object")

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user) and self.offers("delete_object")

    # -- Django's own writes, replaced by the services

    def save_model(self, request, obj, form, change):
        if change:
            current = type(obj)._default_manager.get(pk=obj.pk)
            changes = {
                name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data
            }
            self.update_object(request, current, changes)
        else:
            created = self.create_object(request, dict(form.cleaned_data))
            # The admin goes on with its own unsaved instance (messages, redirect): give it the new identity.
            obj.pk = created.pk
            obj._state.adding = False
            obj._state.db = created._state.db

    def save_related(self, request, form, formsets, change):
        """Many-to-many values reach the services with the other fields; inlines are read-only."""
        for formset in formsets:
            nothing_saved(formset)

    def delete_model(self, request, obj):
        self.delete_object(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_object(request, obj)

    # -- a service's refusal: on the form beside what was typed, or a message, never a server error

    def _refusal(self, request, error: ValidationError):
        self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_service_refusal", None)
        if refusal is None:
            return form_class

        class Refused(form_class):
            """The submitted form again, invalid with the service's refusal on its fields."""

            def full_clean(self):
                super().full_clean()
                if self.is_bound:
                    add_error(self, refusal)

        Refused.__name__ = form_class.__name__
        return Refused

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            if request.method != "POST" or getattr(request, "_service_refusal", None) is not None:
                return self._refusal(request, error)
            refusal = error
        # The service refused the save (its transaction is rolled back): show the same form again,
        # bound to what was typed, with the refusal on its fields, as the pages do.
        request._service_refusal = refusal
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            del request._service_refusal

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refusal(request, error)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ValidationError as error:
            return self._refusal(request, error)


def nothing_saved(formset) -> None:
    """What `formset.save()` would have left for the admin's change message, had it saved nothing."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class ReadOnlyInlineMixin:
    """Inlines show related rows; their writes belong to the services, through the parent's form or pages."""

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTabularInline(ReadOnlyInlineMixin, admin.TabularInline):
    extra = 0


class ReadOnlyStackedInline(ReadOnlyInlineMixin, admin.StackedInline):
    extra = 0


# Third-party apps whose admin headings have no French: named here in both languages.
THIRD_PARTY_NAMES = {
    "django_tasks_database": (_("Background tasks"), {"dbtaskresult": (_("task result"), _("task results"))}),
    "mfa": (_("Two-factor authentication"), {"authenticator": (_("authenticator"), _("authenticators"))}),
}


def name_third_party_apps() -> None:
    from django.apps import apps

    for label, (app_name, models) in THIRD_PARTY_NAMES.items():
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        config.verbose_name = app_name
        for model_name, (singular, plural) in models.items():
            meta = config.get_model(model_name)._meta
            meta.verbose_name, meta.verbose_name_plural = singular, plural


def take_over(site) -> None:
    """Put the admins that third-party apps registered under the same policy: read-only, for
    administrators. Groups are dropped: no backend honours Django permissions, so a group grants nothing."""
    from django.contrib.auth.models import Group

    name_third_party_apps()
    if site.is_registered(Group):
        site.unregister(Group)
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ServiceModelAdmin) or type(model_admin).__module__.startswith(
            "biocluster."
        ):
            continue  # the project's own must use the bases themselves (test_admin_policy checks it)
        original = type(model_admin)
        inlines = [
            type(inline.__name__, (ReadOnlyInlineMixin, inline), {"__module__": __name__})
            for inline in original.inlines
        ]
        taken_over = type(
            original.__name__,
            (ServiceModelAdmin, original),
            {"__module__": __name__, "inlines": inlines, "actions": []},
        )
        site.unregister(model)
        site.register(model, taken_over)
