"""`ppid demo`: set up the demo agency in the data folder (once), print logins, and serve."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ppid.demo.seed import DEMO_USERS, demo_exists, seed


class Command(BaseCommand):
    help = "Create (or reuse) the demo agency with users and a filled register, then serve it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true",
                            help="Only prepare the data; do not start the server.")

    def handle(self, *args, host, port, no_serve, **options):
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        if demo_exists():
            self.stdout.write("Demo data already present; reusing it.")
        else:
            self.stdout.write("Creating demo data (generating documents)…")
            seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("\nDemo logins (workspace: /ruang-kerja/):"))
        width = max(len(u.username) for u in DEMO_USERS)
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:<{width}}  {user.password:<22} {user.role.label}")
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port, no_migrate=True)
