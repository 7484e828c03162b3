from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/delete/", views.agreement_delete, name="agreement_delete"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
    path("agreements/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("soft-landings/", views.soft_landing_list, name="soft_landing_list"),
    path("soft-landings/new/", views.soft_landing_create, name="soft_landing_create"),
    path("soft-landings/<int:pk>/", views.soft_landing_detail, name="soft_landing_detail"),
    path("soft-landings/<int:pk>/edit/", views.soft_landing_edit, name="soft_landing_edit"),
    path("soft-landings/<int:pk>/move/", views.soft_landing_move, name="soft_landing_move"),
    path("soft-landings/<int:pk>/install/", views.soft_landing_install, name="soft_landing_install"),
    path("soft-landings/<int:pk>/visas/new/", views.visa_create, name="visa_create"),
    path("visas/<int:pk>/edit/", views.visa_edit, name="visa_edit"),
    path("missions/", views.mission_list, name="mission_list"),
    path("missions/new/", views.mission_create, name="mission_create"),
    path("missions/<int:pk>/", views.mission_detail, name="mission_detail"),
    path("missions/<int:pk>/packs/new/", views.pack_create, name="pack_create"),
    path("missions/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("packs/<int:pk>/subscribe/", views.pack_subscribe, name="pack_subscribe"),
    path("memberships/", views.membership_list, name="membership_list"),
    path("memberships/new/", views.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("labels/new/", views.label_create, name="label_create"),
    path("labels/<int:pk>/edit/", views.label_edit, name="label_edit"),
    path("delegations/", views.delegation_list, name="delegation_list"),
]
