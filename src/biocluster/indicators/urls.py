from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("recompute/", views.recompute, name="recompute"),  # before the codes (a code has a dot)
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/published/", views.historical_value, name="historical_value"),
    path("<str:code>/row/", views.figure_row, name="figure_row"),
    path("<str:code>/trend/", views.trend, name="trend"),
    path("<str:code>/records.csv", views.export_csv, name="export_csv"),
    path("<str:code>/records.xlsx", views.export_xlsx, name="export_xlsx"),
]
