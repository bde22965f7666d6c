"""`ppid ingest FOLDER --metadata FILE --as USERNAME`: import a folder of files into the register.

See ppid.archive.ingest for the metadata columns, grouping and the resume state.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from ppid.archive.cli import StopFlag
from ppid.archive.ingest import Ingest, RowError
from ppid.core.access import Access
from ppid.core.constants import Capability as C


class Command(BaseCommand):
    help = ("Import every file of FOLDER listed in a metadata sheet (CSV or XLSX; column `file` "
            "relative to FOLDER, plus the register fields) as information items and document "
            "versions, acting as USERNAME.")

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--metadata", type=Path, required=True,
                            help="CSV or XLSX: one row per file.")
        parser.add_argument("--as", dest="username", required=True,
                            help="The staff member the import acts as (permissions, audit).")
        parser.add_argument("--resume", action="store_true",
                            help="Skip rows a previous run imported (same file, same content).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check every row and file; save nothing.")
        parser.add_argument("--process-now", action="store_true",
                            help="Read text and OCR each file right away instead of in the "
                                 "background worker.")
        parser.add_argument("--state", type=Path, default=None,
                            help="Where to keep the resume state (default: "
                                 "FOLDER/.ppid-ingest-state.jsonl).")

    def handle(self, *args, folder: Path, metadata: Path, username: str, resume: bool,
               dry_run: bool, process_now: bool, state: Path | None, **options):
        if not folder.is_dir():
            raise CommandError(_("%(folder)s is not a folder.") % {"folder": folder})
        if not metadata.is_file():
            raise CommandError(_("The metadata file %(file)s does not exist.") % {"file": metadata})
        if metadata.suffix.lower() not in {".csv", ".txt", ".xlsx", ".xlsm"}:
            raise CommandError(_("The metadata file must be CSV or XLSX."))
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("There is no active user “%(name)s”.") % {"name": username})
        access = Access.for_user(user)
        if not (access.can_anywhere(C.EDIT_ITEMS) and access.can_anywhere(C.UPLOAD_DOCUMENTS)):
            raise CommandError(_("%(name)s may not add information or upload documents.")
                               % {"name": username})
        ingest = Ingest(folder, metadata, user, resume=resume, dry_run=dry_run,
                        process_now=process_now, state_path=state)
        if not dry_run:
            try:
                ingest.state_path.parent.mkdir(parents=True, exist_ok=True)
                ingest.state_path.touch()
            except OSError as exc:
                raise CommandError(_("Cannot write the state file %(state)s (%(detail)s); give "
                                     "another place with --state.")
                                   % {"state": ingest.state_path, "detail": exc}) from exc

        with StopFlag() as stop:
            def progress(rows):
                return tqdm(rows, unit=_("row"), file=sys.stderr, disable=None,
                            desc=_("Dry run") if dry_run else _("Importing"))

            try:
                report = ingest.run(should_stop=lambda: stop.requested, progress=progress)
            except RowError as exc:
                raise CommandError(str(exc)) from exc

        self._print(report, dry_run)
        if report.stopped:
            raise CommandError(_("Stopped by Ctrl-C. Run the same command with --resume to "
                                 "continue."), returncode=130)
        if report.failures:
            raise CommandError(_("%(count)s row(s) failed; see above.")
                               % {"count": len(report.failures)})

    def _print(self, report, dry_run: bool) -> None:
        write = self.stdout.write
        if dry_run:
            write(self.style.WARNING(_("Dry run: nothing was saved.")))
        write(_("Rows: %(rows)s · items created: %(items)s · versions added: %(versions)s · "
                "skipped (already imported): %(skipped)s · failed: %(failed)s")
              % {"rows": report.rows, "items": report.items_created,
                 "versions": report.versions_added, "skipped": report.skipped,
                 "failed": len(report.failures)})
        if report.failures:
            write(self.style.ERROR(_("Failed rows:")))
            for failure in report.failures:
                write(f"  {_('row')} {failure.row} · {failure.file or '—'} · {failure.reason}")
        if report.unlisted:
            write(self.style.WARNING(_("Files in the folder not listed in the metadata (not "
                                       "imported):")))
            for name in report.unlisted:
                write(f"  {name}")
        if report.report_path:
            write(_("Report written to %(path)s") % {"path": report.report_path})
