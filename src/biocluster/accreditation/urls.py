from django.urls import path

from . import views

app_name = "accreditation"

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("<int:pk>/", views.accreditation_detail, name="detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("manage/", views.register_manage, name="register_manage"),
    path("manage/decide/", views.decide, name="decide"),
    path("manage/export.csv", views.export_csv, name="export_csv"),
]
