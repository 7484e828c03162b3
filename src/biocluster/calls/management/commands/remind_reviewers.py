"""`biocluster remind_reviewers`: remind reviewers of their open reviews, e.g. daily from cron.

Reviews due within `--days` (default 7) of calls under review are reminded, each at
most once every few days (see `services.reviews.REMIND_AFTER`).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from biocluster.calls import services
from biocluster.calls.models import Call, CallStatus, ReviewStatus


class Command(BaseCommand):
    help = "Remind reviewers of the open reviews of calls under review."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Remind reviews due within this many days.")

    def handle(self, *args, days=7, **options):
        soon = timezone.now() + timedelta(days=days)
        calls = Call.objects.filter(
            status=CallStatus.PUBLISHED,
            proposals__reviews__status=ReviewStatus.ASSIGNED,
            proposals__reviews__due_at__lte=soon,
        ).distinct()
        total = sum(services.send_reminders(actor=None, call=call) for call in calls)
        self.stdout.write(f"{total} reminders sent.")
