"""`ppid audit verify`: recompute the audit hash chain."""

from django.core.management.base import BaseCommand, CommandError

from ppid.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain and report the first broken link."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(
                f"Audit log intact: {report.checked} events verified."))
            return
        raise CommandError(
            f"Audit log BROKEN at event #{report.broken_at}: {report.reason}. "
            f"{report.checked} events before it are intact."
        )
