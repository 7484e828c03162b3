from django.urls import path

from .views import network, organisations, people

app_name = "directory"

urlpatterns = [
    path("", organisations.organisation_list, name="organisation_list"),
    path("manage/", organisations.organisation_manage, name="organisation_manage"),
    path("organisations/new/", organisations.organisation_create, name="organisation_create"),
    path("organisations/choices.json", organisations.organisation_choices, name="organisation_choices"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/delete/", organisations.organisation_delete, name="organisation_delete"),
    path("organisations/<int:pk>/links/new/", organisations.link_create, name="link_create"),
    path("links/<int:pk>/delete/", organisations.link_delete, name="link_delete"),
    path("network/", network.network, name="network"),
    path("network.json", network.network_data, name="network_data"),
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/choices.json", people.person_choices, name="person_choices"),
    path("me/consents/", people.my_consents, name="my_consents"),
]

from .views import imports  # noqa: E402

urlpatterns += [
    path("imports/", imports.import_upload, name="import_upload"),
    path("imports/links/", imports.link_import_upload, name="link_import_upload"),
    path("imports/template.csv", imports.import_template, name="import_template"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/check/", imports.import_check, name="import_check"),
    path("imports/<int:pk>/file/", imports.import_replace_file, name="import_replace_file"),
    path("imports/<int:pk>/apply/", imports.import_apply, name="import_apply"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<int:pk>/errors.csv", imports.import_errors, name="import_errors"),
    path("export.csv", imports.export_csv, name="export_csv"),
    path("export.xlsx", imports.export_xlsx, name="export_xlsx"),
    path("exports/<int:pk>/", imports.export_detail, name="export_detail"),
    path("exports/<int:pk>/restart/", imports.export_restart, name="export_restart"),
    path("exports/<int:pk>/progress/", imports.export_progress, name="export_progress"),
    path("exports/<int:pk>/download/", imports.export_download, name="export_download"),
]
