"""No form offers a menu of a whole table (organisations, people, users, proposals).

Such a menu grows with the directory (16,610 organisations made a 1 MB page): pages use the
searchable pickers of `core/widgets.py`, the admin its `autocomplete_fields`.
"""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin as AdminAutocomplete
from django.test import RequestFactory

from biocluster.accounts.tests.factories import UserFactory
from biocluster.core.widgets import AutocompleteMixin

UNBOUNDED = ("directory.Organisation", "directory.Person", settings.AUTH_USER_MODEL, "calls.Proposal")
# Fields whose form narrows the table to a few rows before it is shown.
BOUNDED = {
    "biocluster.events.forms.RegisterForm": {"organisation"},  # the registrant's own organisations
    "biocluster.calls.forms.CallForm": {"managers"},  # the cluster's staff
    "biocluster.relations.forms.InteractionForm": {"people"},  # the organisation's current people
    "biocluster.relations.forms.TaskForm": {"owner"},  # the cluster's staff
}


def _unbounded():
    return {apps.get_model(label) for label in UNBOUNDED}


def _menus(form_class, picker) -> list[str]:
    """The fields of `form_class` choosing among a whole table without a picker."""
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and field.queryset is not None
        and field.queryset.model in _unbounded()
        and not isinstance(getattr(field.widget, "widget", field.widget), picker)
        and not isinstance(field.widget, forms.HiddenInput)
    ]


def _page_forms():
    for config in apps.get_app_configs():
        if not config.name.startswith("biocluster."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", value


@pytest.mark.parametrize(
    ("name", "form_class"), list(_page_forms()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_page_forms_pick_whole_tables_by_searching(name, form_class):
    menus = set(_menus(form_class, AutocompleteMixin)) - BOUNDED.get(name, set())
    assert menus == set(), f"{name}: use core.widgets.AutocompleteSelect"


@pytest.mark.django_db
def test_admin_forms_pick_whole_tables_by_searching():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    menus = {}
    for model, model_admin in admin.site._registry.items():
        # A read-only model's admin shows the chosen row as text.
        for write, obj in (("create_object", None), ("update_object", model())):
            if model_admin.offers(write):
                found = _menus(model_admin.get_form(request, obj), AdminAutocomplete)
                if found:
                    menus[model._meta.label, write] = found
    assert menus == {}, "add these fields to the ModelAdmin's autocomplete_fields"
