from django.urls import path

from .views import checkin, manage, public

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="event_list"),
    path("mine/", public.my_registrations, name="my_registrations"),
    path("new/", manage.event_create, name="event_create"),
    path("<int:pk>/", public.event_detail, name="event_detail"),
    path("<int:pk>/register/", public.register, name="register"),
    path("<int:pk>/edit/", manage.event_edit, name="event_edit"),
    path("<int:pk>/publish/", manage.event_publish, name="event_publish"),
    path("<int:pk>/cancel/", manage.event_cancel, name="event_cancel"),
    path("<int:pk>/registrations/", manage.registrations, name="registrations"),
    path("<int:pk>/registrations.csv", manage.registrations_csv, name="registrations_csv"),
    path("<int:pk>/sessions/new/", manage.session_add, name="session_add"),
    path("<int:pk>/visits/new/", manage.visit_add, name="visit_add"),
    path("<int:pk>/check-in/", checkin.check_in, name="check_in"),
    path("<int:pk>/attendance/", checkin.attendance, name="attendance"),
    path("sessions/<int:pk>/edit/", manage.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", manage.session_delete, name="session_delete"),
    path("visits/<int:pk>/delete/", manage.visit_delete, name="visit_delete"),
    path("registrations/<int:pk>/badge/", public.badge, name="badge"),
    path("registrations/<int:pk>/cancel/", public.cancel_registration, name="registration_cancel"),
]
