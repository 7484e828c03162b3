from django.urls import path

from .views import billing, bookings, calendar, catalogue, feeds, kiosk, manage, stats

app_name = "platforms"

urlpatterns = [
    # The catalogue
    path("", catalogue.platform_list, name="platform_list"),
    path("<int:pk>/", catalogue.platform_detail, name="platform_detail"),
    path("<int:pk>/edit/", catalogue.platform_edit, name="platform_edit"),
    path("instruments/<int:pk>/", catalogue.instrument_detail, name="instrument_detail"),
    path("instruments/<int:pk>/edit/", catalogue.instrument_edit, name="instrument_edit"),
    path("instruments/<int:pk>/qualifications/", catalogue.qualifications, name="qualifications"),
    path("<int:pk>/closures/", catalogue.closures, name="closures"),
    # Calendars
    path("<int:pk>/calendar/", calendar.platform_calendar, name="platform_calendar"),
    path("instruments/<int:pk>/calendar/", calendar.instrument_calendar, name="instrument_calendar"),
    # Bookings
    path("instruments/<int:pk>/book/", bookings.booking_create, name="booking_create"),
    path("instruments/<int:pk>/estimate/", bookings.booking_estimate, name="booking_estimate"),
    path("instruments/<int:pk>/waitlist/", bookings.waitlist_join, name="waitlist_join"),
    path("bookings/", bookings.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/edit/", bookings.booking_edit, name="booking_edit"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/decide/", bookings.booking_decide, name="booking_decide"),
    path("bookings/<int:pk>/check-in/", bookings.booking_check_in, name="booking_check_in"),
    path("bookings/<int:pk>/check-out/", bookings.booking_check_out, name="booking_check_out"),
    # Outages and maintenance
    path("instruments/<int:pk>/report/", manage.outage_report, name="outage_report"),
    path("outages/<int:pk>/resolve/", manage.outage_resolve, name="outage_resolve"),
    path("instruments/<int:pk>/maintenance/", manage.maintenance_create, name="maintenance_create"),
    # The kiosk beside the instrument
    path("instruments/<int:pk>/kiosk/", kiosk.kiosk, name="kiosk"),
    # Calendar feeds
    path("calendar.ics", feeds.person_feed, name="person_feed"),
    path("instruments/<int:pk>/calendar.ics", feeds.instrument_feed, name="instrument_feed"),
    # Managing a platform: use, statements, services
    path("<int:pk>/manage/", manage.platform_manage, name="platform_manage"),
    path("<int:pk>/approvals/", manage.bookings_decide, name="bookings_decide"),
    path("bookings/<int:pk>/use/", manage.usage_record, name="usage_record"),
    path("<int:pk>/usage/", billing.usage_list, name="usage_list"),
    path("<int:pk>/statements/", billing.statement_list, name="statement_list"),
    path("statements/<int:pk>/", billing.statement_detail, name="statement_detail"),
    path("statements/<int:pk>/statement.csv", billing.statement_csv, name="statement_csv"),
    path("statements/<int:pk>/statement.xlsx", billing.statement_xlsx, name="statement_xlsx"),
    path("statements/<int:pk>/statement.pdf", billing.statement_pdf, name="statement_pdf"),
    path("<int:pk>/accounting.csv", billing.accounting_export, name="accounting_export"),
    path("statements/", billing.my_statements, name="my_statements"),
    path("services/<int:pk>/request/", billing.service_request_create, name="service_request_create"),
    path("requests/<int:pk>/", billing.service_request_detail, name="service_request_detail"),
    # Statistics
    path("<int:pk>/stats/", stats.platform_stats, name="platform_stats"),
    path("stats/", stats.all_stats, name="all_stats"),
]
