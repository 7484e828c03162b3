"""`biocluster partnering_profiles`: make the profiles missing for confirmed registrations to
events with partnering, once, after upgrading.

Profiles are made when a registration is confirmed and when partnering is switched on for an
event (`update_event`). Before, they were also made when an organiser opened the partnering
page; an event switched on earlier whose page nobody opened may lack some. Safe to run again:
each profile is made (and audited) once.
"""

from django.core.management.base import BaseCommand

from biocluster.events.models import Event
from biocluster.partnering import services


class Command(BaseCommand):
    help = "Make the missing partnering profiles of confirmed registrations (once, after upgrading)."

    def handle(self, *args, **options):
        made = 0
        for event in Event.objects.filter(has_partnering=True).order_by("pk"):
            made += services.ensure_profiles(event=event)
        self.stdout.write(f"Made {made} partnering profile(s).")
