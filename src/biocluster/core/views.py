from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import registry
from .demo_mail import sent_mail


def home(request):
    """The key figures and the search for everyone; above them, for a signed-in person, what they
    have to do, grouped by area. An anonymous visitor's page asks no provider: it stays the same
    for all of them."""
    context = {"figures": registry.home_figures()}
    if request.user.is_authenticated:
        context["todo_areas"] = by_area(registry.todos_for(request.user))
    return render(request, "core/home.html", context)


def by_area(todos: list[registry.ToDo]) -> list[tuple[str, list[registry.ToDo]]]:
    """The to-dos grouped by area, areas in the order of their first to-do (the registry's order)."""
    areas: dict[str, list[registry.ToDo]] = {}
    for todo in todos:
        areas.setdefault(todo.area, []).append(todo)
    return list(areas.items())


def ok(request):
    """A bare view: the benchmark's baseline for what the server costs without any work."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def demo_mail(request):
    """Where the demo's e-mails go: there is no mail server, staff read them here."""
    if not settings.DEMO:
        raise Http404
    if not request.user.has_perm("accounts.is_cluster_staff"):
        raise PermissionDenied
    return render(request, "core/demo_mail.html", {"mails": sent_mail(Path(settings.DEMO_MAIL_DIR))})
