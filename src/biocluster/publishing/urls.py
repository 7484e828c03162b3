from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("", views.key_figures, name="key_figures"),
    path("figures/<int:pk>/", views.figure, name="figure"),
    path("<int:year>/report/", views.report, name="report"),
    path("<int:year>/report.pdf", views.report_pdf, name="report_pdf"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/freezes/<int:pk>/", views.freeze, name="freeze"),
    path("snapshots/<int:year>/", views.snapshot, name="snapshot"),
    path("snapshots/<int:year>/publish/", views.publish, name="publish"),
    path("snapshots/<int:year>/sections/new/", views.section_create, name="section_create"),
    path("figures/<int:pk>/restate/", views.restate, name="restate"),
    path("sections/<int:pk>/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("eccp/", views.eccp, name="eccp"),
    path("eccp.json", views.eccp_json, name="eccp_json"),
    path("eccp.pdf", views.eccp_pdf, name="eccp_pdf"),
]
