from django.urls import path

from . import views

app_name = "funders"

urlpatterns = [
    path("", views.contract_list, name="contract_list"),
    path("new/", views.contract_create, name="contract_create"),
    path("<int:pk>/", views.contract_detail, name="contract_detail"),
    path("<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("<int:pk>/delete/", views.contract_delete, name="contract_delete"),
    path("<int:pk>/report.pdf", views.contract_pdf, name="contract_pdf"),
    path("<int:pk>/report.xlsx", views.contract_xlsx, name="contract_xlsx"),
    path("<int:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path("objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/delete/", views.objective_delete, name="objective_delete"),
    path("objectives/<int:pk>/targets/", views.targets_edit, name="targets_edit"),
    path("<int:pk>/projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("<int:pk>/instalments/new/", views.instalment_create, name="instalment_create"),
    path("instalments/<int:pk>/edit/", views.instalment_edit, name="instalment_edit"),
    path("instalments/<int:pk>/delete/", views.instalment_delete, name="instalment_delete"),
    path("<int:pk>/deadlines/new/", views.deadline_create, name="deadline_create"),
    path("deadlines/<int:pk>/edit/", views.deadline_edit, name="deadline_edit"),
    path("deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
    path("deadlines/<int:pk>/delete/", views.deadline_delete, name="deadline_delete"),
]
