"""`ppid process_versions [--failed | --all]`: (re)run processing inline, with a progress bar."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from ppid.archive import services
from ppid.archive.cli import StopFlag
from ppid.archive.constants import ProcessingState as S


class Command(BaseCommand):
    help = ("Process document versions now, in this process: by default those never processed "
            "(or still waiting in the queue); --failed for failed ones; --all for every version.")

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--failed", action="store_true", help="Re-run failed processing.")
        which.add_argument("--all", action="store_true", help="Re-run every version.")

    def handle(self, *args, failed, all, **options):
        which = "all" if all else "failed" if failed else "new"
        versions = list(services.versions_to_process(which).distinct())
        if not versions:
            self.stdout.write(_("Nothing to process."))
            return
        stop = StopFlag()
        counts = {S.DONE: 0, S.FAILED: 0}
        failures = []
        with stop, tqdm(versions, unit="file", file=sys.stderr, disable=None) as bar:
            for version in bar:
                if stop.requested:
                    break
                bar.set_postfix_str(version.original_name[:30])
                processing = services.run_inline(version)
                if processing is None:
                    continue
                counts[processing.state] = counts.get(processing.state, 0) + 1
                if processing.state == S.FAILED:
                    failures.append((version, processing.error))
        for version, reason in failures:
            self.stdout.write(self.style.ERROR(f"{version.pk} {version.original_name}: {reason}"))
        self.stdout.write(_("Done: %(done)s, failed: %(failed)s.")
                          % {"done": counts[S.DONE], "failed": counts[S.FAILED]})
        if stop.requested:
            raise CommandError(_("Stopped by Ctrl-C; run the command again to continue."),
                               returncode=130)

