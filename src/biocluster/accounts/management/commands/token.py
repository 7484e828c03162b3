from django.core.management.base import BaseCommand, CommandError

from biocluster.accounts.models import User
from biocluster.accounts.services import issue_api_token


class Command(BaseCommand):
    help = "Print a new API token for the user with this email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, email, name, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        # Run by whoever operates the server: no user of the product is the actor.
        _, key = issue_api_token(actor=None, user=user, name=name)
        self.stdout.write(key)
