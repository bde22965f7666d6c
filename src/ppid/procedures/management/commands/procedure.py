"""`ppid procedure import FILE [--dry-run] [--json]` and `ppid procedure list`."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ppid.core.access import Access
from ppid.core.constants import Capability
from ppid.core.errors import ServiceError
from ppid.procedures import services
from ppid.procedures.importer import parse_file


class Command(BaseCommand):
    help = "Import SOP/POS documents (plain text or DOCX) as procedures, or list procedures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Read an SOP file and save it as a draft procedure.")
        imp.add_argument("file", help="A .txt (the seeds' plain-text form) or .docx file")
        imp.add_argument("--dry-run", action="store_true", help="Only show what was read.")
        imp.add_argument("--json", action="store_true", help="Print the parsed procedure as JSON.")
        imp.add_argument("--user", help="Import as this user (default: the first PPID).")
        imp.add_argument("--activate", action="store_true",
                         help="Make it effective at once (every actor needs a role).")
        sub.add_parser("list", help="List procedures and their revisions.")

    def handle(self, *args, **options):
        if options["action"] == "list":
            return self._list()
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        data = path.read_bytes()
        try:
            parsed = parse_file(path.name, data)
        except ValueError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(parsed.to_dict(), ensure_ascii=False, indent=2))
        else:
            self._preview(parsed)
        if options["dry_run"]:
            return
        user = self._user(options.get("user"))
        try:
            revision = services.import_procedure(user, parsed, source_name=path.name,
                                                 source_bytes=data)
            if options["activate"]:
                services.activate(user, revision)
        except ServiceError as exc:
            raise CommandError(self._message(exc)) from exc
        out = self.stderr if options["json"] else self.stdout
        out.write(self.style.SUCCESS(
            f"Saved “{revision.name}” as revision {revision.number} ({revision.status}); "
            f"review it at /ruang-kerja/prosedur/{revision.pk}/."))

    @staticmethod
    def _message(exc: ServiceError) -> str:
        lines = [str(exc)]
        for field, messages in exc.field_errors.items():
            lines += [f"  {field}: {m}" for m in messages]
        return "\n".join(lines)

    def _user(self, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"No active user “{username}”.")
            return user
        for user in users.filter(positions__active=True).distinct().order_by("pk"):
            if Access.for_user(user).can_anywhere(Capability.MANAGE_PROCEDURES):
                return user
        raise CommandError("Nobody may import procedures yet: create a PPID user "
                           "(ppid user add) or pass --user.")

    def _preview(self, parsed):
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING("Fields read"))
        for name, raw in parsed.fields_read:
            write(f"  {name}: {raw}")
        write(self.style.MIGRATE_HEADING("Actors (Pelaksana)"))
        for name in parsed.actors:
            role = services.suggest_role(name) or "(role to be chosen)"
            write(f"  {name} → {role}")
        write(self.style.MIGRATE_HEADING(f"Steps ({len(parsed.steps)})"))
        for step in parsed.steps:
            time = step.time_standard
            time_text = f"{time['amount']} {time['unit']}" if time else f"? ({step.time_raw!r})"
            write(f"  {step.number:>2}. {step.activity[:70]}")
            write(f"      time {time_text} · kind {step.kind} · actor "
                  f"{', '.join(step.actors) or '?'} ({step.actor_reason})")
        if parsed.problems:
            write(self.style.WARNING(f"Lines not placed / to check ({len(parsed.problems)})"))
            for problem in parsed.problems:
                write(f"  - {problem}")
        else:
            write(self.style.SUCCESS("Every line was placed."))

    def _list(self):
        for revision in services.effective_revisions().select_related("procedure"):
            self.stdout.write(f"{revision.procedure.code}  rev. {revision.number}  "
                              f"{revision.name}  ({revision.steps.count()} steps)")
