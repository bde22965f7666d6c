"""`ppid ingest`: CSV and XLSX metadata, bad rows, unlisted files, --resume and --dry-run."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ppid.archive.constants import ProcessingState as S
from ppid.archive.ingest import REPORT_NAME, STATE_NAME
from ppid.archive.models import Processing
from ppid.archive.tests.conftest import docx_bytes, weasy_pdf, xlsx_bytes
from ppid.audit.constants import Action
from ppid.audit.models import AuditEvent
from ppid.register.constants import Category, Form
from ppid.register.models import DocumentVersion, InformationItem

pytestmark = pytest.mark.django_db

HEADER = ["file", "item_key", "title", "summary", "category", "year", "unit",
          "responsible_official", "holder_official", "made_on", "form", "hard_copy_location",
          "retention_years", "document_title", "is_public"]
ROWS = [
    ["laporan/2024.pdf", "lap", "Laporan Tahunan 2024", "Kinerja tahun 2024.", "berkala", "2024",
     "A", "Kepala Bidang A", "Sekretaris", "2025-01-15", "keduanya", "Lemari 3", "10",
     "Laporan", "ya"],
    ["laporan/lampiran.docx", "lap", "", "", "", "", "", "", "", "", "", "", "", "Lampiran",
     "tidak"],
    ["sk.txt", "", "SK Penetapan DIP", "Keputusan tentang DIP.", "Setiap Saat", "2025", "a",
     "PPID", "", "02/01/2025", "soft", "", "", "", ""],
    ["salah.txt", "", "Baris Salah", "Ringkasan.", "rahasia", "20x5", "ZZ", "PPID", "", "", "",
     "", "", "", ""],
    ["hilang.pdf", "", "Berkas Hilang", "Ringkasan.", "berkala", "2025", "A", "PPID", "", "",
     "", "", "", "", ""],
]


@pytest.fixture
def folder(tmp_path, people):
    root = tmp_path / "kiriman"
    (root / "laporan").mkdir(parents=True)
    (root / "laporan" / "2024.pdf").write_bytes(weasy_pdf(["Laporan tahunan badan publik."]))
    (root / "laporan" / "lampiran.docx").write_bytes(docx_bytes())
    (root / "sk.txt").write_text("Keputusan penetapan daftar informasi publik.")
    (root / "salah.txt").write_text("Isi")
    (root / "lupa-didaftar.txt").write_text("Tidak ada di metadata")
    return root


def write_csv(path, rows, header=HEADER, delimiter=","):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def ingest(folder, metadata, *extra, user="ppid"):
    with translation.override("en"):
        call_command("ingest", str(folder), "--metadata", str(metadata), "--as", user, *extra)


def test_csv_import_with_a_bad_row_and_an_unlisted_file(folder, tmp_path, units, capsys):
    metadata = write_csv(tmp_path / "metadata.csv", ROWS, delimiter=";")
    with pytest.raises(CommandError, match="2 row"):
        ingest(folder, metadata)
    out = capsys.readouterr().out
    # Good rows went in, through the register (audit, processing queued).
    report = InformationItem.objects.get(title="Laporan Tahunan 2024")
    assert (report.category, report.year, report.holder_unit, report.form) == (
        Category.PERIODIC, 2024, units["a"], Form.BOTH)
    assert report.retention_years == 10 and str(report.made_on) == "2025-01-15"
    documents = {d.title: d for d in report.documents.all()}
    assert set(documents) == {"Laporan", "Lampiran"}  # two rows, one item (item_key)
    assert documents["Laporan"].is_public and not documents["Lampiran"].is_public
    decree = InformationItem.objects.get(title="SK Penetapan DIP")
    assert decree.category == Category.ON_REQUEST and decree.retention_years is None
    assert decree.created_by.username == "ppid"
    assert Processing.objects.filter(state=S.QUEUED).count() == 3
    assert AuditEvent.objects.filter(action=Action.UPLOAD).count() == 3
    ingest_event = AuditEvent.objects.get(action=Action.INGEST)
    assert ingest_event.after["versions_added"] == 3 and ingest_event.after["failed"] == 2
    # The bad row and the missing file are reported with their row numbers; the rest went on.
    assert not InformationItem.objects.filter(title__in=["Baris Salah", "Berkas Hilang"]).exists()
    assert "row 5 · salah.txt" in out and "category" in out and "ZZ" in out and "20x5" in out
    assert "row 6 · hilang.pdf" in out and "was not found" in out
    assert "lupa-didaftar.txt" in out
    with (folder / REPORT_NAME).open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["row", "file", "reason"]
    assert [line[:2] for line in lines[1:]] == [["5", "salah.txt"], ["6", "hilang.pdf"],
                                                 ["", "lupa-didaftar.txt"]]


def test_resume_skips_done_rows_and_imports_fixed_ones(folder, tmp_path, capsys):
    metadata = write_csv(tmp_path / "metadata.csv", ROWS)
    with pytest.raises(CommandError):
        ingest(folder, metadata)
    assert DocumentVersion.objects.count() == 3
    state = [json.loads(line) for line in (folder / STATE_NAME).read_text().splitlines()]
    assert [entry["row"] for entry in state] == [2, 3, 4]
    # Running again without --resume is refused: it would import everything twice.
    with pytest.raises(CommandError, match="--resume"):
        ingest(folder, metadata)
    # Fix the bad row, drop the missing file, change the content of one imported file.
    rows = [row[:] for row in ROWS[:4]]
    rows[3][4:7] = ["dikecualikan", "2025", "A"]
    rows[3] += ["17h"]
    (folder / "sk.txt").write_text("Keputusan penetapan DIP, revisi.")
    header = [*HEADER, "exemption_ground"]
    write_csv(metadata, [row + [""] * (len(header) - len(row)) for row in rows], header=header)
    ingest(folder, metadata, "--resume")
    out = capsys.readouterr().out
    assert "skipped (already imported): 2" in out
    secret = InformationItem.objects.get(title="Baris Salah")
    assert secret.category == Category.EXEMPT and secret.exemption_ground == "17h"
    assert not secret.documents.get().is_public  # exempt: internal by default
    # The changed file came in again (a second item, as that row has no item_key).
    assert InformationItem.objects.filter(title="SK Penetapan DIP").count() == 2
    assert DocumentVersion.objects.count() == 5
    assert not (folder / REPORT_NAME).exists() or "lupa" in (folder / REPORT_NAME).read_text()


def test_xlsx_metadata_with_indonesian_headers_and_versions(folder, tmp_path, units):
    from datetime import datetime

    header = ["Berkas", "Kunci", "Judul", "Ringkasan", "Kategori", "Tahun", "Unit Kerja",
              "Penanggung Jawab", "Tanggal Dibuat", "Judul Dokumen"]
    (folder / "laporan" / "2024-revisi.pdf").write_bytes(weasy_pdf(["Revisi laporan."]))
    rows = [
        ["laporan/2024.pdf", "L", "Laporan 2024", "Ringkasan.", "Serta Merta", 2024.0, "SEK",
         "PPID", datetime(2024, 12, 31), "Laporan"],
        ["laporan/2024-revisi.pdf", "L", None, None, None, None, None, None, None, "Laporan"],
        ["sk.txt", None, "SK", "Ringkasan.", "berkala", None, "B", "PPID", "2025-03-01", None],
    ]
    metadata = tmp_path / "metadata.xlsx"
    metadata.write_bytes(xlsx_bytes([header, *rows]))
    ingest(folder, metadata, "--process-now")
    item = InformationItem.objects.get(title="Laporan 2024")
    assert item.category == Category.IMMEDIATE and item.year == 2024
    assert str(item.made_on) == "2024-12-31" and item.holder_unit == units["top"]
    document = item.documents.get()  # same document title: the second file is version 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert InformationItem.objects.get(title="SK").year == 2025  # from the date made
    assert set(Processing.objects.values_list("state", flat=True)) == {S.DONE}


def test_dry_run_saves_nothing(folder, tmp_path, capsys):
    metadata = write_csv(tmp_path / "metadata.csv", ROWS[:3])
    ingest(folder, metadata, "--dry-run")
    out = capsys.readouterr().out
    assert "Dry run" in out and "versions added: 3" in out
    assert not InformationItem.objects.exists() and not DocumentVersion.objects.exists()
    assert not (folder / STATE_NAME).exists()
    assert not AuditEvent.objects.filter(action=Action.INGEST).exists()


def test_permissions_apply(folder, tmp_path, capsys):
    metadata = write_csv(tmp_path / "metadata.csv", [ROWS[2]])  # unit A
    (folder / "unit-b.txt").write_text("Bidang B")
    rows = [ROWS[2], ["unit-b.txt", "", "Milik B", "Ringkasan.", "berkala", "2025", "B", "PPID",
                      "", "", "", "", "", "", ""]]
    write_csv(metadata, rows)
    with pytest.raises(CommandError):
        ingest(folder, metadata, user="officer")  # officer of unit A
    assert "may not add information for this unit" in capsys.readouterr().out
    assert InformationItem.objects.filter(title="SK Penetapan DIP").exists()
    with pytest.raises(CommandError, match="may not add information"):
        ingest(folder, metadata, user="web")
    with pytest.raises(CommandError, match="no active user"):
        ingest(folder, metadata, user="siapa")


def test_files_outside_the_folder_are_refused(folder, tmp_path, capsys):
    (tmp_path / "luar.txt").write_text("Di luar")
    metadata = write_csv(tmp_path / "metadata.csv", [["../luar.txt", "", "Luar", "R.", "berkala",
                                                      "2025", "A", "PPID", "", "", "", "", "",
                                                      "", ""]])
    with pytest.raises(CommandError):
        ingest(folder, metadata)
    assert "outside the folder" in capsys.readouterr().out
    assert not InformationItem.objects.exists()


def test_permanent_retention_is_a_category_setting(folder, tmp_path, capsys):
    row = ["sk.txt", "", "Retensi Permanen", "Ringkasan.", "berkala", "2025", "A", "PPID", "",
           "", "", "", "permanen", "", ""]
    metadata = write_csv(tmp_path / "metadata.csv", [row])
    with pytest.raises(CommandError, match="1 row"):
        ingest(folder, metadata)
    assert "set per category" in capsys.readouterr().out
    assert not InformationItem.objects.filter(title="Retensi Permanen").exists()
