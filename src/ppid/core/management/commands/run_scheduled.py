"""`ppid run_scheduled`: enqueue the periodic jobs that are due (for cron; `ppid serve` does it
by itself every minute)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ppid.core import schedule


class Command(BaseCommand):
    help = ("Enqueue every periodic job that is due (fixity check, …). Run it from cron when "
            "the site is not served by `ppid serve`; a task worker (`ppid db_worker`) runs them.")

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true",
                            help="Only show the jobs, their intervals and when they ran last.")

    def handle(self, *args, list=False, **options):  # noqa: A002 - the option's name
        if list:
            for job, state in schedule.status():
                last = state.last_enqueued_at if state else None
                due = job.next_due(last)
                last_text = f"{timezone.localtime(last):%Y-%m-%d %H:%M}" if last else "never"
                due_text = f"{timezone.localtime(due):%Y-%m-%d %H:%M}" if due else "now"
                self.stdout.write(f"{job.name}: every {job.every}; last enqueued {last_text}; "
                                  f"next due {due_text}")
            return
        enqueued = schedule.run_due()
        if enqueued:
            for name in enqueued:
                self.stdout.write(f"Enqueued {name}.")
        else:
            self.stdout.write("Nothing is due.")
