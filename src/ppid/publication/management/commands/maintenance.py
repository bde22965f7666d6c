"""`ppid maintenance`: run the site maintenance checks now and print the result of each."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from ppid.publication import maintenance
from ppid.publication.constants import MaintenanceStatus, MaintenanceTrigger
from ppid.publication.models import MaintenanceRun

SHOWN_PROBLEMS = 20


def _problem_line(problem) -> str:
    if not isinstance(problem, dict):
        return str(problem)
    return ", ".join(f"{key}={value}" for key, value in problem.items() if value not in ("", None))


class Command(BaseCommand):
    help = ("Run the site maintenance checks now (published files and their hashes, internal "
            "links, stale berkala items, exemptions near their end, the DIP edition, security "
            "settings), keep the run in the maintenance log and print PASS or FAIL per check. "
            "Exits with status 1 when a check failed.")

    def handle(self, *args, **options):
        run = maintenance.execute(maintenance.start_run(None, MaintenanceTrigger.COMMAND))
        run = MaintenanceRun.objects.get(pk=run.pk)
        with translation.override(settings.LANGUAGE_CODE):
            for check in run.checks.all():
                label = check.get_code_display()
                if check.passed:
                    self.stdout.write(self.style.SUCCESS("PASS") + f"  {label}: {check.message}")
                else:
                    self.stdout.write(self.style.ERROR("FAIL") + f"  {label}: {check.message}")
                for problem in check.problems[:SHOWN_PROBLEMS]:
                    self.stdout.write(f"        - {_problem_line(problem)}")
                if len(check.problems) > SHOWN_PROBLEMS:
                    self.stdout.write(f"        … {len(check.problems) - SHOWN_PROBLEMS} more")
                if check.advice:
                    self.stdout.write(f"        → {check.advice}")
        summary = maintenance.summary(run)
        line = (f"Maintenance run #{run.pk}: {summary['passed']} passed, {summary['failed']} "
                f"failed ({run.status}).")
        if run.status == MaintenanceStatus.ERROR:
            raise CommandError(f"{line} {run.error}")
        if run.status != MaintenanceStatus.PASSED:
            raise CommandError(line)
        self.stdout.write(self.style.SUCCESS(line))
