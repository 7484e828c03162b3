from django.urls import path

from . import views

app_name = "euprojects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("new/", views.project_create, name="project_create"),
    path("due/", views.due, name="due"),
    path("<int:pk>/", views.project_detail, name="project_detail"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("deliverables/<int:pk>/move/", views.deliverable_move, name="deliverable_move"),
]
# Each row of a project's plan: added on the project (its pk), changed and deleted on the row's.
for kind in views.KINDS:
    name = kind.replace("-", "_")
    urlpatterns += [
        path(f"<int:pk>/{kind}/new/", views.row_create, {"kind": kind}, name=f"{name}_create"),
        path(f"{kind}/<int:pk>/edit/", views.row_edit, {"kind": kind}, name=f"{name}_edit"),
        path(f"{kind}/<int:pk>/delete/", views.row_delete, {"kind": kind}, name=f"{name}_delete"),
    ]
