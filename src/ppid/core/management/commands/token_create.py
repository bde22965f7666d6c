"""`ppid token create USERNAME`: prints only the new token."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for a user and print it (only the token)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="")

    def handle(self, *args, username, label, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user “{username}”.")
        token = ApiToken.issue(user, label=label)
        audit.record(Action.TOKEN_CREATE, obj=user, after={"label": label})
        self.stdout.write(token)
