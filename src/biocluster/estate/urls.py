from django.urls import path

from . import views

app_name = "estate"

urlpatterns = [
    path("", views.offer, name="offer"),
    path("search/", views.search, name="search"),
    path("occupancy/", views.occupancy_page, name="occupancy"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/status/", views.unit_status, name="unit_status"),
    path("buildings/<int:pk>/", views.building_detail, name="building_detail"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/notice.pdf", views.agreement_notice, name="agreement_notice"),
    path("agreements/<int:pk>/terminate/", views.agreement_terminate, name="agreement_terminate"),
]
