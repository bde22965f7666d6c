"""`ppid audit export [--item ID] [-o FILE]`: the log as CSV."""

import sys

from django.core.management.base import BaseCommand

from ppid.audit.models import AuditEvent
from ppid.audit.services import export_csv


class Command(BaseCommand):
    help = "Export the audit log (or one item's history) as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--item", type=int, help="Only events of this information item.")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, item, output, **options):
        events = AuditEvent.objects.order_by("sequence")
        if item:
            events = events.filter(object_type="register.informationitem", object_id=str(item))
        text = export_csv(events.iterator())
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
