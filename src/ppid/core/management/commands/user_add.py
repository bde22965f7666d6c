"""`ppid user add USERNAME --role ROLE --unit CODE [--title ...] [--password ...]`."""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ppid.core.constants import Role
from ppid.core.models import Position, Unit


class Command(BaseCommand):
    help = "Add a user with a position (role) in a unit."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--unit", help="Unit code or id (default: the top unit).")
        parser.add_argument("--title", default="", help="Position title (jabatan).")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="Full name.")
        parser.add_argument("--password", help="Password (asked for if omitted).")

    def handle(self, *args, username, role, unit, title, email, name, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"User “{username}” already exists.")
        units = Unit.objects.all()
        if unit:
            found = units.filter(code=unit).first() or (
                units.filter(pk=unit).first() if unit.isdigit() else None)
        else:
            found = units.filter(parent__isnull=True).order_by("pk").first()
        if found is None:
            raise CommandError("No such unit. Create the agency and its units first "
                               "(ppid demo, or the admin pages).")
        if not password:
            password = getpass.getpass("Password: ")
        first, _, last = name.partition(" ")
        with transaction.atomic():
            user = User.objects.create_user(username, email=email, password=password,
                                            first_name=first, last_name=last,
                                            is_staff=role == Role.ADMINISTRATOR,
                                            is_superuser=role == Role.ADMINISTRATOR)
            Position.objects.create(user=user, unit=found, role=role,
                                    title=title or Role(role).label)
        self.stdout.write(self.style.SUCCESS(
            f"User “{username}” added as {Role(role).label} in {found}."))
