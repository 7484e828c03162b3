from django.urls import path

from . import move_views, request_views, views, views_lineage, views_rent_roll, views_tenant_requests

app_name = "estate"

urlpatterns = [
    path("", views.offer, name="offer"),
    path("search/", views.search, name="search"),
    path("occupancy/", views.occupancy_page, name="occupancy"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/status/", views.unit_status, name="unit_status"),
    path("units/<int:pk>/divide/", views_lineage.unit_divide, name="unit_divide"),
    path("units/<int:pk>/combine/", views_lineage.unit_combine, name="unit_combine"),
    path("buildings/<int:pk>/", views.building_detail, name="building_detail"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/notice.pdf", views.agreement_notice, name="agreement_notice"),
    path("agreements/<int:pk>/terminate/", views.agreement_terminate, name="agreement_terminate"),
    path("agreements/<int:pk>/move-<str:kind>/", move_views.agreement_move, name="agreement_move"),
    path("requests/", request_views.request_list, name="request_list"),
    path("requests/new/", request_views.request_create, name="request_create"),
    path("requests/<int:pk>/", request_views.request_detail, name="request_detail"),
    path("requests/<int:pk>/visit/", request_views.request_visit, name="request_visit"),
    path("requests/<int:pk>/offer/", request_views.request_offer, name="request_offer"),
    path("requests/<int:pk>/sign/", request_views.request_sign, name="request_sign"),
    path("requests/<int:pk>/lose/", request_views.request_lose, name="request_lose"),
    path("tenant-requests/", views_tenant_requests.request_list, name="tenant_request_list"),
    path("tenant-requests/new/", views_tenant_requests.request_create, name="tenant_request_create"),
    path("tenant-requests/<int:pk>/", views_tenant_requests.request_detail, name="tenant_request_detail"),
    path(
        "tenant-requests/<int:pk>/assign/", views_tenant_requests.request_assign, name="tenant_request_assign"
    ),
    path("tenant-requests/<int:pk>/close/", views_tenant_requests.request_close, name="tenant_request_close"),
    path("tenant-requests/<int:pk>/photo/", views_tenant_requests.request_photo, name="tenant_request_photo"),
    path("rent-roll/", views_rent_roll.rent_roll_page, name="rent_roll"),
    path("rent-roll/issue/", views_rent_roll.rent_roll_issue, name="rent_roll_issue"),
    path("rent-roll/export/", views_rent_roll.accounting_export, name="accounting_export"),
    path("agreements/<int:pk>/account/", views_rent_roll.agreement_account, name="agreement_account"),
    path("agreements/<int:pk>/payments/", views_rent_roll.agreement_payment, name="agreement_payment"),
    path("notices/<int:pk>/", views_rent_roll.notice_pdf, name="notice_pdf"),
    path("credit-notes/<int:pk>/", views_rent_roll.credit_note_pdf, name="credit_note"),
]
