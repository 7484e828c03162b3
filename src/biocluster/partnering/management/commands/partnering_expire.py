"""`biocluster partnering_expire`: expire the meeting requests past their expiry, run every few
minutes (cron, systemd timer) so that requests expire even when nobody opens a page.

Safe to run as often as wanted: each request is expired (and audited) once.
"""

from django.core.management.base import BaseCommand

from biocluster.partnering import services


class Command(BaseCommand):
    help = "Expire the partnering meeting requests past their expiry (run every few minutes)."

    def handle(self, *args, **options):
        expired = services.expire_due()
        self.stdout.write(f"Expired {expired} meeting request(s).")
