"""`biocluster survey_remind`: remind companies of the survey, e.g. twice a day from cron.

Seven days and one day before the deadline of each open campaign, then once a week after
it, the administrators of each company yet to answer get an e-mail. Each reminder is kept
(`Reminder`, one per response and step), so running the command again sends nothing twice.
"""

import datetime

from django.core.management.base import BaseCommand

from biocluster.survey import services


class Command(BaseCommand):
    help = "Remind the companies yet to answer an open survey campaign (safe to run twice a day)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Run as on this date (YYYY-MM-DD)."
        )

    def handle(self, *args, today=None, **options):
        count = services.send_reminders(actor=None, today=today)
        self.stdout.write(f"{count} reminders sent.")
