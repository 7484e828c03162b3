"""Views that find the database locked, for test_busy.py."""

from django.db import OperationalError
from django.urls import include, path


def locked(request):
    raise OperationalError("database is locked")


def broken(request):
    raise OperationalError("no such table: nowhere")


urlpatterns = [
    path("locked", locked),
    path("broken", broken),
    path("", include("biocluster.config.urls")),
]
