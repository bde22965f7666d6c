"""`ppid push_data_portals`: send what is due to the CKAN portals of the Pusat Data now."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from ppid.publication import ckan
from ppid.publication.constants import SyncState
from ppid.publication.models import DataPortal


class Command(BaseCommand):
    help = ("Send published, changed and withdrawn items to the configured CKAN portals (what "
            "the 5-minute schedule does). --all queues every published item again first; "
            "--retry-failed gives items that gave up another try; --status only reports.")

    def add_arguments(self, parser):
        parser.add_argument("--portal", type=int, help="Only this portal (id) for --all and "
                                                       "--retry-failed.")
        parser.add_argument("--all", action="store_true", dest="send_all",
                            help="Queue every published item again (send everything).")
        parser.add_argument("--retry-failed", action="store_true",
                            help="Reset items that failed or wait for a retry, then send.")
        parser.add_argument("--status", action="store_true", help="Only show the status.")

    def handle(self, *args, portal=None, send_all=False, retry_failed=False, status=False,
               **options):
        portals = DataPortal.objects.order_by("pk")
        if portal is not None:
            portals = portals.filter(pk=portal)
            if not portals.exists():
                raise CommandError(f"No data portal with id {portal}.")
        if not status:
            for target in portals:
                if send_all:
                    self.stdout.write(f"{target.name}: {ckan.enqueue_all(target)} item(s) due.")
                elif retry_failed:
                    count = target.syncs.filter(state__in=ckan.PROBLEM_STATES).update(
                        state=SyncState.PENDING, attempts=0, next_attempt_at=None)
                    self.stdout.write(f"{target.name}: {count} failing item(s) due again.")
            counts = ckan.push_due()
            self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
        problems = 0
        for target in portals:
            states = dict(target.syncs.values_list("state").annotate(n=Count("pk")))
            line = ", ".join(f"{label.lower()} {states.get(value, 0)}"
                             for value, label in SyncState.choices)
            enabled = "" if target.enabled else " (not sending)"
            self.stdout.write(f"#{target.pk} {target.name} {target.url}{enabled}: {line}")
            for sync in ckan.problems(target, limit=20):
                first = (sync.last_error or "").splitlines()[0] if sync.last_error else ""
                self.stdout.write(f"  item #{sync.item_id} {sync.get_state_display()} "
                                  f"({sync.attempts}x): {first}")
            problems += states.get(SyncState.FAILED, 0)
        if problems:
            raise CommandError(f"{problems} item(s) gave up; see above or the Pusat Data page.")
