import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import charts, registry
from .demo_mail import sent_mail

CHART_TRIES = 30  # two seconds apart: a minute, then the page says to reload


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


def chart_drawing(request, digest: str):
    """A chart a page showed as being drawn (core/_chart.html), once the worker has drawn it; else
    the same notice, asked again a moment later, up to CHART_TRIES times. It reads only the
    drawings' cache, under the digest of what the chart shows: no record, nobody's data."""
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise Http404
    drawing = charts.stored(charts.SVG_KEY + digest)
    if drawing is not None:
        return HttpResponse(drawing)
    try:
        tries = int(request.GET.get("try", ""))
    except ValueError:
        tries = 1
    after = tries + 1 if 0 < tries < CHART_TRIES else 0
    return render(request, "core/_chart_drawing.html", {"digest": digest, "next": after})


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
