"""Bulk import of a folder of files described by a metadata sheet (`ppid ingest`).

Each metadata row names one file (column `file`, relative to the folder) and the register
fields of its item. Rows with the same `item_key` belong to one item: the first row that
succeeds creates it, later rows add their files to it (as a new version of the document with
the same `document_title`, else as a new document). Rows without an `item_key` each make their
own item. Everything goes through `ppid.register.services` as the given user, so permissions,
validation and the audit log apply exactly as in the workspace.

Progress is kept in a JSON Lines state file (one line per imported row, keyed by the file's
relative path and SHA-256) so that `--resume` skips what is done; a changed file is imported
again. A row that fails is reported and the run goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.archive import services as archive
from ppid.archive.extract import decode_text
from ppid.audit import services as audit
from ppid.audit.constants import Action
from ppid.core.errors import ServiceError
from ppid.core.models import Unit
from ppid.register import services as register
from ppid.register.constants import Category, ExemptionGround, Form
from ppid.register.models import InformationItem

STATE_NAME = ".ppid-ingest-state.jsonl"
REPORT_NAME = "ppid-ingest-report.csv"

# Column names as written in the sheet (lower case, spaces as underscores) -> field.
ALIASES = {
    "file": "file", "berkas": "file", "nama_berkas": "file", "path": "file",
    "lokasi_berkas": "file",
    "item_key": "item_key", "kunci": "item_key", "kelompok": "item_key", "key": "item_key",
    "title": "title", "judul": "title", "judul_informasi": "title",
    "summary": "summary", "ringkasan": "summary", "ringkasan_isi": "summary",
    "category": "category", "kategori": "category",
    "year": "year", "tahun": "year",
    "unit": "unit", "unit_kerja": "unit", "kode_unit": "unit",
    "responsible_official": "responsible_official", "penanggung_jawab": "responsible_official",
    "pejabat_penanggung_jawab": "responsible_official",
    "holder_official": "holder_official", "pejabat_penguasa": "holder_official",
    "penguasa_informasi": "holder_official",
    "made_on": "made_on", "tanggal_dibuat": "made_on", "tanggal": "made_on",
    "made_at_place": "made_at_place", "tempat_dibuat": "made_at_place", "tempat": "made_at_place",
    "form": "form", "bentuk": "form", "bentuk_informasi": "form",
    "hard_copy_location": "hard_copy_location", "lokasi_hard_copy": "hard_copy_location",
    "lokasi_arsip": "hard_copy_location",
    "retention_years": "retention_years", "retensi": "retention_years",
    "retensi_tahun": "retention_years", "jangka_waktu_penyimpanan": "retention_years",
    "document_title": "document_title", "judul_dokumen": "document_title",
    "is_public": "is_public", "publik": "is_public", "terbuka": "is_public",
    "exemption_ground": "exemption_ground", "dasar_pengecualian": "exemption_ground",
    "exemption_until": "exemption_until", "dikecualikan_sampai": "exemption_until",
}
TRUE_WORDS = {"1", "y", "ya", "yes", "true", "benar", "publik", "public", "terbuka"}
FALSE_WORDS = {"0", "n", "t", "tidak", "no", "false", "salah", "internal", "tertutup"}
PERMANENT_WORDS = {"permanen", "permanent", "selamanya"}


class RowError(Exception):
    pass


@dataclass
class Failure:
    row: int | None
    file: str
    reason: str


@dataclass
class Report:
    rows: int = 0
    items_created: int = 0
    versions_added: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    stopped: bool = False
    report_path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failures and not self.unlisted and not self.stopped


# --------------------------------------------------------------------------------------------
# Reading the metadata sheet.
# --------------------------------------------------------------------------------------------


def _header(name) -> str:
    text = re.sub(r"[\s\-/]+", "_", str(name or "").strip().lower())
    return ALIASES.get(text, text)


def read_metadata(path: Path) -> list[tuple[int, dict]]:
    """(row number as in the sheet, {field: value}) for each non-empty row."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    return _read_csv(path)


def _read_csv(path: Path) -> list[tuple[int, dict]]:
    text = decode_text(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return []
    headers = [_header(h) for h in rows[0]]
    out = []
    for number, values in enumerate(rows[1:], start=2):
        record = {h: v for h, v in zip(headers, values, strict=False) if h}
        if any(str(v).strip() for v in record.values()):
            out.append((number, record))
    return out


def _read_xlsx(path: Path) -> list[tuple[int, dict]]:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        headers, out = None, []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if headers is None:
                if any(v not in (None, "") for v in values):
                    headers = [_header(h) for h in values]
                continue
            record = {h: v for h, v in zip(headers, values, strict=False) if h}
            if any(v not in (None, "") and str(v).strip() for v in record.values()):
                out.append((number, record))
        return out
    finally:
        workbook.close()


# --------------------------------------------------------------------------------------------
# Turning cells into register fields.
# --------------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _category(value) -> str:
    text = re.sub(r"[\s_\-]+", " ", _text(value).lower())
    if text in Category.values:
        return text
    if not text:
        raise RowError(_("category: this field is required."))
    for words, category in (
        (("dikecualikan", "exempt"), Category.EXEMPT),
        (("serta merta", "sertamerta", "immediate"), Category.IMMEDIATE),
        (("setiap saat", "setiapsaat", "on request", "any time"), Category.ON_REQUEST),
        (("berkala", "periodic"), Category.PERIODIC),
    ):
        if any(word in text for word in words):
            return category
    raise RowError(_("category: “%(value)s” is not berkala, serta merta, setiap saat or "
                     "dikecualikan.") % {"value": _text(value)})


def _retention(value) -> int | None:
    """Years, or empty for the category's period (permanence is set per category)."""
    if _text(value).lower() in PERMANENT_WORDS:
        raise RowError(_("retention_years: permanent retention is set per category (page "
                         "Retention periods); leave the cell empty to use the category's."))
    return _integer(value, "retention_years")


def _integer(value, name: str) -> int | None:
    text = _text(value)
    if not text:
        return None
    match = re.fullmatch(r"(\d+)(?:[.,]0+)?", text)
    if match is None:
        raise RowError(_("%(field)s: “%(value)s” is not a whole number.")
                       % {"field": name, "value": text})
    return int(match.group(1))


def _date(value, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(_("%(field)s: “%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).")
                   % {"field": name, "value": text})


def _form(value) -> str:
    text = re.sub(r"[\s_\-]+", "", _text(value).lower())
    if not text or text in {"soft", "softcopy", "digital", "elektronik"}:
        return Form.SOFT_COPY
    if text in {"hard", "hardcopy", "cetak", "kertas"}:
        return Form.HARD_COPY
    if text in {"both", "keduanya", "softdanhard", "softcopydanhardcopy", "hardcopydansoftcopy",
                "softhard", "softcopyhardcopy", "softcopy/hardcopy"}:
        return Form.BOTH
    raise RowError(_("form: “%(value)s” is not soft, hard or both.") % {"value": _text(value)})


def _boolean(value, default: bool) -> bool:
    text = _text(value).lower()
    if not text:
        return default
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise RowError(_("is_public: “%(value)s” is not yes or no.") % {"value": _text(value)})


def _ground(value) -> str:
    text = re.sub(r"[\s()\[\]]+|pasal|ayat|huruf", "", _text(value).lower())
    if not text:
        return ""
    if not text.startswith("17"):
        text = "17" + text
    if text not in ExemptionGround.values:
        raise RowError(_("exemption_ground: “%(value)s” is not a ground of Pasal 17 (for "
                         "example 17h).") % {"value": _text(value)})
    return text


def item_fields(record: dict, units: dict[str, Unit]) -> dict:
    """Register fields of a row; RowError naming every bad cell at once."""
    data, problems = {}, []

    def take(name, parse):
        try:
            data[name] = parse(record.get(name))
        except RowError as exc:
            problems.append(str(exc))

    take("title", _text)
    take("summary", _text)
    take("category", _category)
    take("year", lambda v: _integer(v, "year"))
    take("made_on", lambda v: _date(v, "made_on"))
    take("form", _form)
    take("retention_years", _retention)
    take("exemption_ground", _ground)
    take("exemption_until", lambda v: _date(v, "exemption_until"))
    for name in ("responsible_official", "holder_official", "made_at_place",
                 "hard_copy_location"):
        data[name] = _text(record.get(name))
    code = _text(record.get("unit"))
    if not code:
        problems.append(_("unit: give the code of the holding unit."))
    elif code.lower() not in units:
        problems.append(_("unit: there is no unit with the code “%(code)s”.") % {"code": code})
    else:
        data["holder_unit"] = units[code.lower()]
    if data.get("year") is None and data.get("made_on"):
        data["year"] = data["made_on"].year
    if problems:
        raise RowError(" ".join(problems))
    return data


def describe(exc: ServiceError) -> str:
    """A service error with its field errors, in the active language."""
    parts = [str(exc.message)]
    for name, errors in exc.field_errors.items():
        for error in errors:
            text = ServiceError.render_message(error, _language())
            parts.append(text if name == "__all__" else f"{name}: {text}")
    return " ".join(parts)


def _language() -> str:
    from django.utils.translation import get_language

    return get_language() or "id"


# --------------------------------------------------------------------------------------------
# The run.
# --------------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Rollback(Exception):
    pass


class Ingest:
    def __init__(self, folder: Path, metadata: Path, user, *, resume: bool = False,
                 dry_run: bool = False, process_now: bool = False,
                 state_path: Path | None = None):
        self.folder = folder.resolve()
        self.metadata = metadata.resolve()
        self.user = user
        self.resume, self.dry_run, self.process_now = resume, dry_run, process_now
        self.state_path = (state_path or self.folder / STATE_NAME).resolve()
        self.report_path = self.state_path.with_name(REPORT_NAME)
        self.done: dict[str, dict] = {}
        self.items: dict[str, int] = {}
        self.group_data: dict[str, dict] = {}

    # State -----------------------------------------------------------------------------------

    def load_state(self) -> None:
        """Read what earlier runs did. Raises RowError if a state exists but --resume is off."""
        if not self.state_path.exists() or self.state_path.stat().st_size == 0:
            return
        if not self.resume:
            if self.dry_run:  # a dry run without --resume shows a fresh start
                return
            raise RowError(_("A previous run left %(state)s. Use --resume to continue it, or "
                             "delete the file to start again.") % {"state": self.state_path})
        for line in self.state_path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:  # a line cut off by a crash: that row was not finished
                continue
            self.done[entry["key"]] = entry
            if entry.get("item_key"):
                self.items[entry["item_key"]] = entry["item"]

    def _remember(self, entry: dict) -> None:
        self.done[entry["key"]] = entry
        if self.dry_run:
            return
        with self.state_path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    # Files -----------------------------------------------------------------------------------

    def _resolve(self, name: str) -> Path:
        if not name:
            raise RowError(_("file: this field is required."))
        path = (self.folder / name).resolve()
        if not path.is_relative_to(self.folder):
            raise RowError(_("file: “%(name)s” is outside the folder.") % {"name": name})
        if not path.is_file():
            raise RowError(_("file: “%(name)s” was not found in the folder.") % {"name": name})
        return path

    def unlisted_files(self, listed: set[Path]) -> list[str]:
        ours = {self.metadata, self.state_path, self.report_path}
        out = []
        for root, dirs, files in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = (Path(root) / name).resolve()
                if path not in listed and path not in ours:
                    out.append(path.relative_to(self.folder).as_posix())
        return out

    # Rows ------------------------------------------------------------------------------------

    def run(self, *, should_stop: Callable[[], bool] = lambda: False,
            progress: Callable[[Iterable], Iterable] = lambda rows: rows) -> Report:
        report = Report()
        self.load_state()
        rows = read_metadata(self.metadata)
        report.rows = len(rows)
        units = {u.code.lower(): u for u in Unit.objects.all() if u.code}
        listed: set[Path] = set()
        seen_in_run: dict[str, int] = {}
        for number, record in progress(rows):
            if should_stop():
                report.stopped = True
                break
            name = _text(record.get("file")).replace("\\", "/")
            try:
                path = self._resolve(name)
                listed.add(path)
                key = f"{path.relative_to(self.folder).as_posix()}:{sha256_of(path)}"
                if key in seen_in_run:
                    raise RowError(_("This file (with the same content) is already on row "
                                     "%(row)s.") % {"row": seen_in_run[key]})
                seen_in_run[key] = number
                if key in self.done:
                    report.skipped += 1
                    continue
                self._import_row(number, name, key, record, units, report)
            except RowError as exc:
                report.failures.append(Failure(number, name, str(exc)))
            except ServiceError as exc:
                report.failures.append(Failure(number, name, describe(exc)))
            except OSError as exc:
                report.failures.append(Failure(number, name, _("The file cannot be read: "
                                                               "%(detail)s") % {"detail": exc}))
        if not report.stopped:
            report.unlisted = self.unlisted_files(listed)
        if not self.dry_run:
            self._audit(report)
        self.write_report(report)
        return report

    def _import_row(self, number: int, name: str, key: str, record: dict, units: dict,
                    report: Report) -> None:
        group = _text(record.get("item_key"))
        document_title = _text(record.get("document_title"))
        item_id = self.items.get(group) if group else None
        item = InformationItem.objects.filter(pk=item_id).first() if item_id else None
        if item is None and group in self.group_data:  # dry run: the item was rolled back
            data = self.group_data[group]
        else:
            data = None if item is not None else item_fields(record, units)
        is_public = _boolean(record.get("is_public"),
                             default=(data or {}).get("category") != Category.EXEMPT
                             if item is None else not item.is_exempt)
        path = self.folder / name
        stored = None
        try:
            with transaction.atomic():
                created = item is None
                if created:
                    item = register.create_item(self.user, data)
                document = (item.documents.filter(title=document_title).order_by("pk").first()
                            if document_title else None)
                with path.open("rb") as handle:
                    version = register.add_version(
                        self.user, item, File(handle, name=path.name), document=document,
                        title=document_title, is_public=is_public)
                stored = version.file.name
                if self.dry_run:
                    raise _Rollback
        except _Rollback:
            default_storage.delete(stored)
            version = None
        report.items_created += created
        report.versions_added += 1
        if group:
            self.items[group] = item.pk
            if created and self.dry_run:
                self.group_data[group] = data
        self._remember({"key": key, "row": number, "file": name, "item_key": group,
                        "item": item.pk, "version": version.pk if version else None,
                        "at": timezone.now().isoformat()})
        if self.process_now and version is not None:
            archive.process_version(version.pk)

    # Output ----------------------------------------------------------------------------------

    def _audit(self, report: Report) -> None:
        audit.record(
            Action.INGEST, actor=self.user, object_type="archive.ingest",
            object_id=self.folder.name[:64], object_repr=str(self.folder)[:500],
            after={"folder": str(self.folder), "metadata": self.metadata.name,
                   "rows": report.rows, "items_created": report.items_created,
                   "versions_added": report.versions_added, "skipped": report.skipped,
                   "failed": len(report.failures), "unlisted": len(report.unlisted),
                   "stopped": report.stopped},
        )

    def write_report(self, report: Report) -> None:
        """The failures and unlisted files as CSV next to the state file (if any to report)."""
        lines = [(f.row or "", f.file, f.reason) for f in report.failures]
        lines += [("", name, _("Not listed in the metadata file; not imported."))
                  for name in report.unlisted]
        try:
            if not lines:
                self.report_path.unlink(missing_ok=True)
                return
            with self.report_path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([_("row"), _("file"), _("reason")])
                writer.writerows(lines)
            report.report_path = self.report_path
        except OSError:
            report.report_path = None
