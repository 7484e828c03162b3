from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/progress/", views.campaign_progress, name="campaign_progress"),
    path("<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/open/", views.campaign_open, name="campaign_open"),
    path("<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("<int:pk>/companies/", views.campaign_add_company, name="campaign_add_company"),
    path("mine/", views.my_responses, name="my_responses"),
    path("responses/<int:pk>/", views.response_detail, name="response_detail"),
    path("responses/<int:pk>/validate/", views.response_validate, name="response_validate"),
    path("responses/<int:pk>/return/", views.response_return, name="response_return"),
    path("responses/<int:pk>/remove/", views.response_remove, name="response_remove"),
]
