from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("organisations/<int:pk>/", views.organisation_suggestions, name="organisation"),
    path("organisations/<int:pk>/decline/", views.decline, name="decline"),
    path("organisations/<int:pk>/introduce/", views.introduce, name="introduce"),
    path("participants/<int:pk>/", views.participant_suggestions, name="participant"),
    path("participants/<int:pk>/decline/", views.participant_decline, name="participant_decline"),
    path("participants/<int:pk>/request/", views.participant_request, name="participant_request"),
    path("network/", views.network, name="network"),
    path("model/", views.build, name="build"),
    path("model/builds/<int:pk>/", views.build_progress, name="build_progress"),
]
