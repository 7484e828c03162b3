from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import registry
from .demo_mail import sent_mail


def home(request):
    return render(request, "core/home.html", {"figures": registry.home_figures()})


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
