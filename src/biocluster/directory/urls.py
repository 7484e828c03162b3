from django.urls import path

from .views import network, organisations, people

app_name = "directory"

urlpatterns = [
    path("", organisations.organisation_list, name="organisation_list"),
    path("manage/", organisations.organisation_manage, name="organisation_manage"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/delete/", organisations.organisation_delete, name="organisation_delete"),
    path("organisations/<int:pk>/links/new/", organisations.link_create, name="link_create"),
    path("links/<int:pk>/delete/", organisations.link_delete, name="link_delete"),
    path("network/", network.network, name="network"),
    path("network.json", network.network_data, name="network_data"),
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
]
