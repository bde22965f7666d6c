"""`ppid harvest_federation [--source ID]`: PPID Utama, harvest the PPID Pelaksana now."""

from django.core.management.base import BaseCommand, CommandError

from ppid.publication import federation
from ppid.publication.models import FederationSource


class Command(BaseCommand):
    help = ("PPID Utama: harvest the change feeds of the federated PPID Pelaksana now (the "
            "schedule does it every hour) and print a summary per source.")

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="Only this source (its id).")

    def handle(self, *args, source=None, **options):
        if not federation.is_main_ppid():
            raise CommandError("This agency is not set as the PPID Utama (agency settings: "
                               "is_main_ppid); nothing is harvested.")
        if source is not None and not FederationSource.objects.filter(pk=source).exists():
            raise CommandError(f"No federation source with id {source}.")
        result = federation.harvest_all(source_id=source)
        if not result["sources"]:
            self.stdout.write("No enabled federation sources.")
        failed = 0
        for pk, outcome in result["sources"].items():
            line = (f"[{pk}] {outcome['name']}: {outcome['upserted']} added or updated, "
                    f"{outcome['deleted']} removed, {outcome['pages']} pages; "
                    f"cursor {outcome['cursor'] or '-'}")
            if outcome["error"]:
                failed += 1
                self.stdout.write(self.style.ERROR(f"{line}; ERROR: {outcome['error']}"))
            else:
                self.stdout.write(self.style.SUCCESS(line))
        if failed:
            raise CommandError(f"{failed} source(s) failed.")
