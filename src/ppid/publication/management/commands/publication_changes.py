"""`ppid publication_changes [--rebuild]`: the change log behind the change feed."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from ppid.publication import changes, feed
from ppid.publication.models import Change


class Command(BaseCommand):
    help = ("Show the change log that the change feed (/api/v1/public/changes) serves; "
            "--rebuild logs every public item once more (after a bulk import or a restore), "
            "so harvesters pick them all up again.")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="Log every public item as changed now.")

    def handle(self, *args, rebuild=False, **options):
        if rebuild:
            count = changes.record_all_public()
            self.stdout.write(self.style.SUCCESS(f"Logged {count} public items."))
        by_operation = dict(Change.objects.order_by().values("operation")
                            .annotate(n=Count("pk")).values_list("operation", "n"))
        last = Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.stdout.write(
            f"Changes logged: {sum(by_operation.values())} "
            f"({', '.join(f'{op} {n}' for op, n in sorted(by_operation.items())) or 'none'}); "
            f"latest cursor {feed.encode_cursor(last)}.")
