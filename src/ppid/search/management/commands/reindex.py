"""`ppid reindex`: rebuild the full-text search index of the whole register."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.search import services as search


class Command(BaseCommand):
    help = ("Rebuild the search index of every item, with a progress bar. Interrupt with Ctrl-C "
            "and continue later with --resume.")

    def add_arguments(self, parser):
        parser.add_argument("--resume", action="store_true",
                            help="Continue an interrupted rebuild where it stopped.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, resume, no_progress, **options):
        bar = tqdm(total=0, unit="item", disable=no_progress, file=self.stderr._out,
                   desc="Indexing")

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            report = search.reindex_all(resume=resume, progress=progress)
        except KeyboardInterrupt:
            bar.close()
            raise CommandError(
                "Interrupted. Run `ppid reindex --resume` to continue where it stopped."
            ) from None
        bar.close()
        audit.record(Action.REINDEX, object_type="search.index", object_repr="search index",
                     after={"total": report["total"], "indexed": report["indexed"],
                            "failed": len(report["failed"])})
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {report['indexed']} of {report['total']} items; "
            f"index size {search.index_size_bytes() // 1024} KiB."
        ))
        if report["failed"]:
            for item_id, reason in report["failed"][:50]:
                self.stderr.write(f"  item {item_id}: {reason}")
            raise CommandError(f"{len(report['failed'])} items could not be indexed.")
