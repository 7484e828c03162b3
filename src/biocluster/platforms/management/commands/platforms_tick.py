"""`biocluster platforms_tick`: the platforms' periodic work, run every few minutes (cron, systemd timer).

Releases the bookings not checked in within their platform's deadline (charged
as no-shows, the waiting list told) and sends the reminders of the next day's
bookings. Safe to run as often as wanted: each booking is released or reminded once.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from biocluster.platforms import services


class Command(BaseCommand):
    help = "Release no-shows and send booking reminders (run every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--remind-hours", type=int, default=24, help="Remind bookings starting within this many hours."
        )

    def handle(self, *args, remind_hours: int, **options):
        released = services.release_no_shows(actor=None)
        reminded = services.send_reminders(ahead=timedelta(hours=remind_hours))
        self.stdout.write(f"Released {len(released)} no-show(s); sent {reminded} reminder(s).")
