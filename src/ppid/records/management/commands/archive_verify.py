"""`ppid archive verify`: recompute the SHA-256 of every stored file (fixity check)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from ppid.records import services
from ppid.records.models import FindingKind, FixityTrigger


class Command(BaseCommand):
    help = ("Check every stored file (document versions, archival copies, case files) against "
            "the SHA-256 recorded when it was stored; report missing and altered files. Exits "
            "with status 1 when a problem was found.")

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true",
                            help="Do not show the progress bar.")

    def handle(self, *args, no_progress=False, **options):
        from tqdm import tqdm

        progress = not no_progress and sys.stderr.isatty()

        def report(finding):
            where = [f"{finding.get_source_display().lower()} #{finding.object_id}"]
            if finding.item_id:
                where.append(f"item #{finding.item_id}")
            if finding.document_id:
                where.append(f"document #{finding.document_id}")
            if finding.version_number:
                where.append(f"version {finding.version_number}")
            label = "MISSING" if finding.kind == FindingKind.MISSING else "ALTERED"
            line = f"{label}: {finding.stored_name} ({', '.join(where)})"
            if finding.kind == FindingKind.ALTERED:
                line += f"; recorded {finding.expected_sha256}, found {finding.actual_sha256}"
            elif finding.detail:
                line += f"; {finding.detail}"
            if progress:  # above the progress bar, not through it
                tqdm.write(line, file=sys.stderr)
            else:
                self.stderr.write(line)

        run = services.verify_files(
            trigger=FixityTrigger.COMMAND, on_finding=report,
            progress=progress,
        )
        summary = (f"{run.checked} files checked: {run.ok} intact, {run.missing} missing, "
                   f"{run.altered} altered (fixity check #{run.pk}).")
        if run.problems:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
