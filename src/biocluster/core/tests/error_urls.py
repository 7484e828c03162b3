"""A view that fails, for test_error_pages.py."""

from django.urls import include, path


def failing(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("failing", failing),
    path("", include("biocluster.config.urls")),
]
