"""One authority for permissions: every rule is asked somewhere, and views reach objects
through the access helpers, never a raw `get_object_or_404` on a domain model."""

import ast
import re
from pathlib import Path

import rules
from django.contrib import admin

SOURCE = Path(__file__).resolve().parents[2]


def _source_files(suffix: str):
    for path in sorted(SOURCE.rglob(f"*{suffix}")):
        parts = path.relative_to(SOURCE).parts
        if "tests" in parts or "migrations" in parts or path.name == "conftest.py":
            continue
        yield path


def _defined_rules() -> set[str]:
    """Names given to `rules.add_perm` in the code base (read from the source, not the registry,
    so that a rules.py nobody imports is checked too)."""
    defined = set()
    for path in _source_files(".py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_perm"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                defined.add(node.args[0].value)
    return defined


def _asked_rules() -> set[str]:
    """Permission names the code asks: string literals in Python (outside the `add_perm`
    definitions and docstrings) and `{% has_perm "…" %}` / `perms.app.name` in templates."""
    asked = set()
    for path in _source_files(".py"):
        tree = ast.parse(path.read_text(), str(path))
        skip = set()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_perm"
            ):
                skip.update(id(arg) for arg in node.args[:1])
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skip.add(id(node.value))  # docstrings name rules without asking them
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                asked.add(node.value)
    template_uses = re.compile(r"""has_perm\s+["']([\w.]+)["']|perms\.(\w+)\.(\w+)""")
    for path in _source_files(".html"):
        for match in template_uses.finditer(path.read_text()):
            asked.add(match.group(1) or f"{match.group(2)}.{match.group(3)}")
    return asked


def _asked_by_the_admin() -> set[str]:
    """The admin asks the model permissions (`app.view_model`, ...) of the models it shows."""
    return {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in admin.site._registry
        for action in model._meta.default_permissions
    }


def test_the_scan_finds_the_registered_rules():
    defined = _defined_rules()
    assert "programmes.view_enrolment" in defined
    assert defined <= set(rules.permissions.permissions)


def test_every_rule_asked_by_the_code_is_defined():
    """A permission asked but never defined is refused to everyone but superusers, silently."""
    asked = set()
    for path in _source_files(".py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("has_perm", "require")
                and node.args
            ):
                name = node.args[0] if getattr(node.func, "attr", "") == "has_perm" else node.args[1:2]
                name = name[0] if isinstance(name, list) and name else name
                if isinstance(name, ast.Constant) and isinstance(name.value, str):
                    asked.add(name.value)
    assert sorted(asked - set(rules.permissions.permissions)) == []


def test_every_rule_is_asked_somewhere():
    never_asked = sorted(_defined_rules() - _asked_rules() - _asked_by_the_admin())
    assert never_asked == [], f"rules defined but never asked (use them or remove them): {never_asked}"


# A raw fetch is justified only where no user's visibility applies; each says why.
RAW_FETCH_ALLOWED = {
    # The import jobs are the directory managers' own work: the object-less rule
    # `directory.manage_directory` is asked first, and a job has no parent to see it through.
    "directory/views/imports.py",
    # The agenda's calendar feed is fetched by calendar applications without a session:
    # the profile's secret token is the authority there.
    "partnering/views/agenda.py",
}


def _view_modules():
    for path in _source_files(".py"):
        relative = path.relative_to(SOURCE)
        if "views" in relative.parts or relative.name in ("views.py", "api.py") or "api" in relative.parts:
            yield relative.as_posix(), path


def test_views_fetch_objects_through_the_access_helpers():
    """`core.access.get_visible_or_404` / `get_child_or_404`, never a raw `get_object_or_404`
    followed by a hand-written check of the parent."""
    raw = []
    for name, path in _view_modules():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", ""))
                in ("get_object_or_404", "get_list_or_404")
                and name not in RAW_FETCH_ALLOWED
            ):
                raw.append(f"{name}:{node.lineno}")
    assert raw == [], f"raw fetches in views (use core.access): {raw}"


def test_the_raw_fetches_allowed_are_still_there():
    """An entry of the allow-list that no longer fetches raw must go, so the list stays honest."""
    users = {name for name, path in _view_modules() if "get_object_or_404(" in path.read_text()}
    assert users >= RAW_FETCH_ALLOWED
