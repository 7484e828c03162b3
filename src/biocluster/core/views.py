from django.http import HttpResponse
from django.shortcuts import render

from . import registry


def home(request):
    return render(request, "core/home.html", {"figures": registry.home_figures()})


def ok(request):
    """A bare view: the benchmark's baseline for what the server costs without any work."""
    return HttpResponse("ok", content_type="text/plain")
