from django.urls import path

from .views import agenda, organiser, participants, requests

app_name = "partnering"

urlpatterns = [
    path("", participants.home, name="home"),
    path("events/<int:pk>/", participants.event_home, name="event"),
    path("events/<int:pk>/participants/", participants.participants, name="participants"),
    path("events/<int:pk>/requests/", requests.request_list, name="requests"),
    path("events/<int:pk>/agenda/", agenda.my_agenda, name="my_agenda"),
    path("profiles/<int:pk>/", participants.profile_detail, name="profile"),
    path("profiles/<int:pk>/edit/", participants.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/availability/", participants.availability, name="availability"),
    path("profiles/<int:pk>/request/", participants.request_create, name="request_create"),
    path("profiles/<int:pk>/agenda/", agenda.agenda_page, name="agenda"),
    path("profiles/<int:pk>/agenda.pdf", agenda.agenda_pdf, name="agenda_pdf"),
    path("profiles/<int:pk>/agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/answer/", requests.request_answer, name="request_answer"),
    path("meetings/<int:pk>/", agenda.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/attendance/", agenda.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/feedback/", agenda.meeting_feedback, name="meeting_feedback"),
    path("meetings/<int:pk>/cancel/", agenda.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/lock/", agenda.meeting_lock, name="meeting_lock"),
    # Organisers
    path("events/<int:pk>/manage/", organiser.manage, name="manage"),
    path("events/<int:pk>/locations/", organiser.location_add, name="location_add"),
    path("locations/<int:pk>/delete/", organiser.location_delete, name="location_delete"),
    path("events/<int:pk>/schedule/", organiser.schedule, name="schedule"),
    path("runs/<int:pk>/", organiser.run_detail, name="run"),
    path("events/<int:pk>/publish/", organiser.publish, name="publish"),
    path("events/<int:pk>/analytics/", organiser.analytics_page, name="analytics"),
]
