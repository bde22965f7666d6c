"""SOP importer: seeds, the twelve real SOPs in fixtures/sops, DOCX, times, suggestions."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest

from ppid.procedures.importer import (
    ParsedProcedure,
    ParsedStep,
    StepKind_values,
    TimeUnit_values,
    parse_docx,
    parse_file,
    parse_text,
)
from ppid.procedures.importer.clean import cell_lines, split_items
from ppid.procedures.importer.times import parse_date, parse_time

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"
SOPS = HERE / "fixtures" / "sops"

H = "hours"
M = "minutes"
D = "days"
WD = "working_days"

SEED_TIMES = {
    "000": [(1, H), (30, M), (2, H), (30, M), (3, H), (1, H), (30, M)],
    "001": [(5, M), (3, H), (30, M), (3, H), (1, H)],
    "002": [(1, H), (1, H), (1, H)],
    "003": [(5, M), (15, M), (5, M), (5, WD), (1, D), (1, H), (30, M), (15, M)],
    "004": [(1, H)] * 5,
}


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def sop_text(prefix: str) -> str:
    return next(SOPS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def times(proc: ParsedProcedure) -> list[tuple[int, str] | None]:
    return [
        (s.time_standard["amount"], s.time_standard["unit"]) if s.time_standard else None
        for s in proc.steps
    ]


def has_problem(proc: ParsedProcedure, *words: str) -> bool:
    return any(all(word.lower() in p.lower() for word in words) for p in proc.problems)


# -- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(SEED_TIMES))
def test_seed_steps_and_times(prefix):
    proc = parse_text(seed_text(prefix))
    assert [s.number for s in proc.steps] == list(range(1, len(SEED_TIMES[prefix]) + 1))
    assert times(proc) == SEED_TIMES[prefix]
    assert all(s.activity for s in proc.steps)


def test_seed_000_header_sections_and_stray_title():
    proc = parse_text(seed_text("000"))
    assert proc.agency.splitlines() == [
        "KEMENTERIAN PENDIDIKAN, KEBUDAYAAN, RISET, DAN TEKNOLOGI",
        "DIREKTORAT JENDERAL PAUD, PENDIDIKAN DASAR DAN PENDIDIKAN MENENGAH",
        "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI KALIMANTAN SELATAN",
    ]
    assert proc.number == "1.I.30/POS/2024"
    assert proc.made_on == datetime.date(2024, 1, 8)
    assert proc.revised_on is None
    assert proc.effective_on == datetime.date(2024, 1, 15)
    assert proc.approved_by.startswith("Kepala BPMP Provinsi Kalimantan Selatan")
    assert proc.name == "Pendokumentasian Informasi Publik"
    assert proc.actors == [
        "Penelaah Teknis Kebijakan",
        "Pengadministrasi Umum/Tim ULT",
        "PPID",
        "Pengelola Situs/Web",
    ]
    assert len(proc.legal_basis) == 8
    assert proc.legal_basis[1] == "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
    assert len(proc.qualifications) == 8
    assert proc.related == ["Pos Pendokumentasian Informasi Publik"]
    assert proc.equipment[0] == "Komputer/Scanner/Printer" and len(proc.equipment) == 4
    assert len(proc.warnings) == 2
    assert proc.recording == [
        "Dicatat dalam berkas kearsipan BPMP Provinsi Kalimantan Selatan secara elektronik "
        "dan/atau manual"
    ]
    step2 = proc.steps[1]
    assert step2.activity == "Koordinasi dengan PPID"
    assert step2.notes == "Terkait POS Pendokumentasian Informasi Publik"
    assert has_problem(proc, "step 2", "title", "Nama POS")
    assert proc.steps[0].required_inputs == "Disposisi/Surat Pengantar"
    assert proc.steps[0].output == "Hasil Identifikasi Dokumen Informasi Publik"
    assert ("table_title", "POS Pendokumentasian Informasi Publik BPMP Prov. Kalsel") in (
        proc.fields_read
    )


def test_seed_001_skipping_numbering_keeps_all_items():
    proc = parse_text(seed_text("001"))
    assert len(proc.legal_basis) == 7
    assert proc.legal_basis[4].startswith("Peraturan Menteri Pendayagunaan Aparatur Negara")
    assert proc.legal_basis[6].startswith("Keputusan Direktur Jenderal")
    assert has_problem(proc, "Dasar Hukum", "unnumbered")
    assert len(proc.qualifications) == 7
    assert proc.related[0] == "PMP-07.01 Layanan Informasi, dan Pelayanan Publik"
    assert len(proc.related) == 3
    assert proc.equipment == [
        "Ruang layanan ber-AC",
        "Komputer/Scanner/Printer",
        "Jaringan Internet",
        "Meja, Kursi, Alat Tulis Kantor",
    ]
    assert len(proc.warnings) == 2
    assert proc.warnings[1].startswith("Segala bentuk penyimpangan")
    assert "<i>" not in proc.warnings[1] and "output" in proc.warnings[1]
    assert proc.revised_on == datetime.date(2025, 4, 21)
    assert proc.name == "Pengumuman Informasi"
    assert proc.actors == ["PPID", "Pengolah Data dan Informasi", "Penelaah Teknis Kebijakan"]


def test_seed_002_mutu_buku_markdown_and_name_prefix():
    proc = parse_text(seed_text("002"))
    assert proc.name == "Pendokumentasian Informasi yang Dikecualikan"
    assert ("name", "Nama POS : POS Pendokumentasian Informasi yang Dikecualikan") in (
        proc.fields_read
    )
    assert proc.number == "1050"
    assert proc.approved_by.startswith("Kepala LPMP Provinsi Kaltim")
    assert proc.actors == ["PPID Pelaksana", "Petugas Dokumentasi/Arsip", "PPID"]
    assert len(proc.legal_basis) == 6
    assert proc.related == ["POS Pelayanan Informasi Publikasi"]
    assert len(proc.equipment) == 3
    assert len(proc.warnings) == 1 and "**" not in proc.warnings[0]
    assert [s.output for s in proc.steps] == [
        "Berkas Dokumen yang Dikecualikan",
        "Softcopy atau hardcopy",
        "Dokumen",
    ]


def test_seed_003_number_in_nama_sop_and_two_columns():
    proc = parse_text(seed_text("003"))
    assert proc.number == "270 / ADPIM. II/ III/ 2024"
    assert proc.name == "Pendokumentasian Informasi Publik"
    assert proc.made_on == datetime.date(2024, 3, 30)
    assert proc.effective_on == datetime.date(2024, 4, 1)
    assert proc.unit_name == "BAGIAN MATERI DAN KOMUNIKASI PIMPINAN"
    assert proc.agency.splitlines() == [
        "PEMERINTAH PROVINSI KALIMANTAN TENGAH",
        "SEKRETARIAT DAERAH BIRO ADMINISTRASI PIMPINAN",
    ]
    assert "JOHNI SONDER" in proc.approved_by and "<b>" not in proc.approved_by
    assert len(proc.legal_basis) == 3
    assert proc.qualifications == [
        "Memahami tentang Prosedur Pendokumentasian Informasi Publik",
        "Memahami tentang Pelayanan Informasi Publik.",
    ]
    assert proc.related == ["SOP Pelayanan Informasi Publik"]
    assert len(proc.equipment) == 3
    assert len(proc.warnings) == 1
    assert proc.recording == ["Softcopy dan Dokumen Informasi Publik"]
    assert proc.actors == ["Petugas Pelayanan Informasi", "PPID", "Atasan PPID"]
    assert has_problem(proc, "Nama SOP", "270 / ADPIM")


def test_seed_004_two_columns_and_actors():
    proc = parse_text(seed_text("004"))
    assert proc.number == "800/626/I.7/BKD"
    assert proc.name == "Permohonan Informasi Publik"
    assert proc.agency == "PEMERINTAH PROVINSI KALIMANTAN TENGAH BADAN KEPEGAWAIAN DAERAH"
    assert proc.unit_name == "BIDANG PENGOLAHAN DATA DAN PELAYANAN INFORMASI"
    assert proc.effective_on == datetime.date(2024, 8, 1)
    assert proc.revised_on is None
    assert proc.actors == ["JFU", "Kepala Bidang", "Kepala Badan"]
    assert len(proc.legal_basis) == 5
    assert len(proc.qualifications) == 4
    assert proc.related == ["PPID"]
    assert len(proc.equipment) == 3
    assert proc.warnings[0].startswith("Jika salah satu prosedur tidak dilakukan")
    assert proc.recording == ["Dokumentasi surat/arsip"]
    # the signature block after the table is reported, not silently dropped
    assert has_problem(proc, "KEPALA BADAN KEPEGAWAIAN DAERAH")


SEED_KINDS = {
    "000": ["other", "other", "other", "handover", "review", "archive", "publish"],
    "001": ["handover", "prepare_dip", "review", "publish", "maintain"],
    "002": ["other", "handover", "archive"],
    "003": ["other"] * 5 + ["review", "publish", "archive"],
    "004": ["handover", "review", "classify", "handover", "data_center"],
}


@pytest.mark.parametrize("prefix", sorted(SEED_KINDS))
def test_seed_kinds(prefix):
    proc = parse_text(seed_text(prefix))
    assert [s.kind for s in proc.steps] == SEED_KINDS[prefix]
    assert all(s.kind in StepKind_values and s.kind_reason for s in proc.steps)


def test_actor_suggestions():
    seed004 = parse_text(seed_text("004"))
    assert [s.actors for s in seed004.steps] == [
        ["JFU"],
        ["Kepala Bidang"],
        ["Kepala Badan"],
        ["Kepala Bidang"],
        ["JFU"],
    ]
    assert "Kepala Badan" in seed004.steps[2].actor_reason
    seed000 = parse_text(seed_text("000"))
    assert seed000.steps[6].actors == ["Pengelola Situs/Web"]
    assert seed000.steps[4].actors == ["PPID"]  # after "Melaporkan ... kepada PPID"
    assert "PPID" not in seed000.steps[3].actors  # the report itself is not the PPID's
    seed002 = parse_text(seed_text("002"))
    assert seed002.steps[2].actors == ["PPID"]
    assert seed002.steps[1].actors == ["PPID Pelaksana"]
    seed001 = parse_text(seed_text("001"))
    assert seed001.steps[0].actors == ["PPID"]  # "Memberikan tugas"
    assert seed001.steps[3].actors == ["Pengolah Data dan Informasi"]  # upload
    assert seed001.steps[4].actors == ["Pengolah Data dan Informasi"]  # site maintenance
    assert seed001.steps[4].actor_reason == "maintaining the website: the web role"
    seed003 = parse_text(seed_text("003"))
    assert seed003.steps[1].actors == ["Petugas Pelayanan Informasi"]  # koordinasi dengan PPID
    assert seed003.steps[6].actors == ["PPID"]
    for proc in (seed000, seed001, seed002, seed003, seed004):
        for step in proc.steps:
            assert set(step.actors) <= set(proc.actors) and step.actors and step.actor_reason


def test_glyph_marks_in_actor_columns_are_used():
    proc = parse_text(sop_text("05"))
    assert [s.actors for s in proc.steps] == [
        ["PEMOHON INFORMASI"],
        ["ATASAN PPID"],
        ["PPID ATAU PPID PELAKSANA"],
        ["TIM FASILITASI SENGKETA"],
        ["ATASAN PPID", "KOMISI INFORMASI PROVINSI"],
        ["PPID ATAU PPID PELAKSANA"],
    ]


def test_decision_labels_in_actor_columns_are_reported():
    proc = parse_text(sop_text("01"))
    assert has_problem(proc, "step 2", "Tidak", "Ya")


# -- the twelve real SOPs ------------------------------------------------------------------

SOP_STEPS = {
    "01": 19,
    "02": 12,
    "03": 5,
    "04": 5,
    "05": 6,
    "06": 12,
    "07": 8,
    "08": 19,
    "09": 9,  # README: 11 rows numbered 1-10, 16; rows 1 "Mulai" and 16 "Selesai" are not steps
    "10": 2,
    "11": 5,
    "14": 5,
}


@pytest.mark.parametrize("prefix", sorted(SOP_STEPS))
def test_sop_fixture_step_counts(prefix):
    proc = parse_text(sop_text(prefix))
    assert len(proc.steps) == SOP_STEPS[prefix]
    assert proc.actors
    assert all(s.activity for s in proc.steps)
    assert len({s.number for s in proc.steps}) == len(proc.steps)
    json.dumps(proc.to_dict())


def test_sop_01_minutes_and_header():
    proc = parse_text(sop_text("01"))
    assert proc.name == "Pelayanan Permohonan Informasi Publik di PPID"
    assert proc.agency == "PEMERINTAH KOTA BALIKPAPAN"
    assert proc.number == "490/365/M/DISKOMINFO"
    assert proc.made_on == datetime.date(2023, 5, 24)
    assert proc.steps[7].time_standard == {"amount": 300, "unit": M}
    assert proc.steps[14].notes == "60 menit per dokumen"
    assert len(proc.actors) == 7
    assert has_problem(proc, "LAMPIRAN")  # the decree wrapper above the header is reported


def test_sop_02_no_header_block():
    proc = parse_text(sop_text("02"))
    assert proc.name == "PELAYANAN PERMOHONAN INFORMASI PUBLIK DI PPID PEMBANTU"
    assert has_problem(proc, "no 'nama sop'")
    assert has_problem(proc, "no agency")
    assert times(proc)[:4] == [(15, M), (10, M), (10, M), (5, M)]
    assert times(proc)[6] == (2, D)


def test_sop_03_prose_times_and_empty_header():
    proc = parse_text(sop_text("03"))
    assert proc.number == "" and proc.made_on is None and proc.approved_by == ""
    assert proc.name == "PENANGANAN KEBERATAN INFORMASI PUBLIK"
    assert times(proc) == [None] * 5
    for number in range(1, 6):
        assert has_problem(proc, f"step {number}:", "Pada hari dan jam kerja")
    assert proc.qualifications == [] and proc.warnings == []
    assert len(proc.equipment) == 4


def test_sop_04_column_number_row_and_empty_times():
    proc = parse_text(sop_text("04"))
    assert proc.made_on == datetime.date(2017, 12, 28)
    assert [s.number for s in proc.steps] == [1, 2, 3, 4, 5]
    assert times(proc) == [(10, WD), None, (14, WD), None, None]
    assert has_problem(proc, "step 1", "prose")
    assert has_problem(proc, "step 2", "no time")
    assert proc.recording == ["Disimpan dalam bentuk softcopy dan hardcopy"]


def test_sop_05_iso_header_and_numbers_inside_activity():
    proc = parse_text(sop_text("05"))
    assert proc.number == "SOP-PPID-05"
    assert proc.made_on == datetime.date(2021, 3, 1)
    assert proc.effective_on == datetime.date(2022, 2, 13)
    assert "Muhammad Faisal" in proc.approved_by
    assert proc.name == "FASILITASI SENGKETA INFORMASI PUBLIK"
    assert [s.number for s in proc.steps] == [1, 2, 3, 4, 5, 6]
    assert proc.steps[0].activity.startswith("Mengajukan keberatan")
    assert len(proc.legal_basis) == 19
    assert len(proc.related) == 6
    assert len(proc.qualifications) == 8
    assert times(proc) == [None] * 6
    assert has_problem(proc, "MAKSUD DAN TUJUAN")
    assert len(proc.actors) == 5  # the table repeats its header after a page break


def test_sop_07_two_tables_numbered_on():
    proc = parse_text(sop_text("07"))
    assert [s.number for s in proc.steps] == list(range(1, 9))
    assert has_problem(proc, "restarts", "table 2")
    assert "Pemohon" in proc.actors and "PPID Utama" in proc.actors
    assert proc.effective_on == datetime.date(2022, 3, 25)  # Tanggal pengesahan
    assert proc.steps[4].activity.startswith("Melakukan kajian")
    assert proc.steps[4].time_standard is None  # "Setiap saat"


def test_sop_09_start_end_rows_and_number_gap():
    proc = parse_text(sop_text("09"))
    assert [s.number for s in proc.steps] == list(range(2, 11))
    assert has_problem(proc, "Mulai", "not a step")
    assert has_problem(proc, "Selesai", "not a step")
    assert has_problem(proc, "jump from 10 to 16")
    assert proc.steps[0].time_standard == {"amount": 6, "unit": D}
    assert proc.steps[5].time_standard == {"amount": 2, "unit": H}
    assert len(proc.actors) == 6  # no Kelengkapan column: actors end at Waktu


def test_sop_10_tentatif():
    proc = parse_text(sop_text("10"))
    assert times(proc) == [None, None]
    assert has_problem(proc, "Tentatif")
    assert [s.kind for s in proc.steps] == ["publish", "publish"]


def test_sop_11_uraian_syarat_columns():
    proc = parse_text(sop_text("11"))
    assert times(proc) == [(1, D)] * 5
    assert proc.steps[0].required_inputs == "Daftar Informasi Publik"
    assert len(proc.qualifications) == 5
    assert proc.legal_basis[1].startswith("Peraturan Pemerintah Nomor 61 Tahun 2010 Publik")


def test_sop_14_harikerja_and_empty_dasar_hukum():
    proc = parse_text(sop_text("14"))
    assert proc.legal_basis == []  # "1." ... "8." with no text
    assert times(proc) == [(7, WD), None, (14, WD), None, None]
    assert proc.name == "FASILITASI KEBERATAN INFORMASI PUBLIK"
    assert proc.revised_on == datetime.date(2022, 2, 7)


# -- building blocks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 Jam", (1, H)),
        ("30 Menit", (30, M)),
        ("5 hari kerja", (5, WD)),
        ("1 hari", (1, D)),
        ("3 jam", (3, H)),
        ("1 Hari", (1, D)),
        ("300 menit", (300, M)),
        ("3 (tiga) hari kerja", (3, WD)),
        ("14 harikerja", (14, WD)),
        ("2 JAM", (2, H)),
        ("15 menit.", (15, M)),
    ],
)
def test_parse_time_durations(raw, expected):
    reading = parse_time(raw)
    assert (reading.standard["amount"], reading.standard["unit"]) == expected
    assert reading.standard["unit"] in TimeUnit_values
    assert reading.problem == ""


@pytest.mark.parametrize(
    "raw", ["Pada hari dan jam kerja", "Tentatif", "Setiap saat", "Sesuai kebutuhan", "", "-"]
)
def test_parse_time_prose_is_none_with_problem(raw):
    reading = parse_time(raw)
    assert reading.standard is None and reading.problem


def test_parse_time_duration_inside_prose_is_flagged():
    reading = parse_time("Pada hari dan jam kerja, maksimal 7 (tujuh) harikerja, sejak ...")
    assert reading.standard == {"amount": 7, "unit": WD}
    assert "prose" in reading.problem
    assert parse_time("Maksimal disahkan setelah 1 bulan").standard is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8 Januari 2024", datetime.date(2024, 1, 8)),
        ("1-Apr-24", datetime.date(2024, 4, 1)),
        ("28 DESEMBER 2017", datetime.date(2017, 12, 28)),
        ("13/02/2022", datetime.date(2022, 2, 13)),
        ("2024-04-01", datetime.date(2024, 4, 1)),
        ("-", None),
        ("", None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == (expected, True)


def test_unreadable_date_is_a_problem():
    proc = parse_text(seed_text("000").replace("8 Januari 2024", "kemarin sore"))
    assert proc.made_on is None
    assert has_problem(proc, "kemarin sore")


def test_split_items_variants():
    assert split_items(["1. Pos Pendokumentasian Informasi Publik2.3."]) == [
        "Pos Pendokumentasian Informasi Publik"
    ]
    assert split_items(cell_lines("<ol><li></li><li>A &amp; B</li></ol>")) == ["A & B"]
    assert split_items(["- 1 Satu.", "- 2 Dua", "  lanjutan", "- 4 Empat"]) == [
        "Satu.",
        "Dua lanjutan",
        "Empat",
    ]
    assert split_items(["1. UU Nomor 2 Tahun 2011 tentang A 2. PP B"]) == [
        "UU Nomor 2 Tahun 2011 tentang A",
        "PP B",
    ]


def test_actor_header_split_over_lines_with_blank_between():
    text = (
        "Nama SOP\t: Contoh\n\n"
        "No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKeterangan\n\n"
        "\t\tStaf\tKepala\tKelengkapan\tWaktu\tOutput\t\n"
        "1\tMenyusun konsep dan diserahkan ke Kepala\t\t\tData\t2 jam\tKonsep\t\n"
        "2\tMemeriksa konsep\t\t\tKonsep\t1 hari kerja\tKonsep benar\tcatatan\n"
    )
    proc = parse_text(text)
    assert proc.actors == ["Staf", "Kepala"]
    assert [(s.number, s.activity) for s in proc.steps] == [
        (1, "Menyusun konsep dan diserahkan ke Kepala"),
        (2, "Memeriksa konsep"),
    ]
    assert proc.steps[1].notes == "catatan"
    assert [s.actors for s in proc.steps] == [["Staf"], ["Kepala"]]
    assert times(proc) == [(2, H), (1, WD)]


def test_text_without_table_reports_it():
    proc = parse_text("Nama SOP : Sesuatu\n\nDasar Hukum\n1. UU 14/2008\n")
    assert proc.steps == []
    assert has_problem(proc, "no step table")
    assert proc.legal_basis == ["UU 14/2008"]


def test_to_dict_shape():
    proc = parse_text(seed_text("003"))
    data = proc.to_dict()
    json.dumps(data)
    assert data["effective_on"] == "2024-04-01"
    assert data["steps"][3]["time_standard"] == {"amount": 5, "unit": WD}
    assert set(data["steps"][0]) == {
        "number",
        "activity",
        "actors",
        "required_inputs",
        "time_standard",
        "output",
        "notes",
        "kind",
        "time_raw",
        "actor_reason",
        "kind_reason",
    }
    for key in (
        "agency",
        "unit_name",
        "number",
        "made_on",
        "revised_on",
        "approved_by",
        "name",
        "legal_basis",
        "qualifications",
        "related",
        "equipment",
        "warnings",
        "recording",
        "actors",
        "steps",
        "problems",
    ):
        assert key in data
    assert isinstance(proc.steps[0], ParsedStep)


# -- files and DOCX ------------------------------------------------------------------------


def test_parse_file_text_encodings():
    raw = seed_text("004")
    utf8 = parse_file("sop.txt", raw.encode("utf-8"))
    assert len(utf8.steps) == 5
    latin = raw.replace("Kalimantan", "Kalimantan\u00e9")
    cp = parse_file("sop.txt", latin.encode("cp1252"))
    assert len(cp.steps) == 5
    assert "Kalimantan\u00e9 Tengah" in cp.approved_by
    crlf = parse_file("sop.txt", raw.replace("\n", "\r\n").encode("utf-8-sig"))
    assert times(crlf) == SEED_TIMES["004"]


def test_parse_file_rejects_binary_word():
    proc = parse_file("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20)
    assert proc.steps == [] and proc.problems


def test_parse_file_broken_docx_is_a_problem():
    proc = parse_file("x.docx", b"PK\x03\x04 not really a zip")
    assert proc.steps == [] and has_problem(proc, "word file")


def _table_rows(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """Split a seed into (lines before the table, step table rows, header cells)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("No\t", "No.\t")))
    rows = [line.split("\t") for line in lines[start + 2 :] if line[:1].isdigit()]
    return lines[:start], rows, lines[start + 1].split("\t")


def build_docx(header: list[str], actors: list[str], rows: list[list[str]]) -> bytes:
    """A Word file: header paragraphs, then the step table with merged group headers."""
    import docx

    document = docx.Document()
    for line in header:
        document.add_paragraph(line)
    width = 2 + len(actors) + 4
    table = document.add_table(rows=2 + len(rows), cols=width)
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].text, top[1].text = "No.", "Kegiatan"
    top[0].merge(sub[0])
    top[1].merge(sub[1])
    first_actor, last_actor = 2, 1 + len(actors)
    merged = top[first_actor].merge(top[last_actor])
    merged.text = "Pelaksana"
    for offset, name in enumerate(actors):
        sub[first_actor + offset].text = name
    quality = top[last_actor + 1].merge(top[last_actor + 3])
    quality.text = "Mutu Baku"
    for offset, name in enumerate(("Kelengkapan", "Waktu", "Output")):
        sub[last_actor + 1 + offset].text = name
    notes = top[width - 1].merge(sub[width - 1])
    notes.text = "Keterangan"
    for r, row in enumerate(rows, start=2):
        cells = table.rows[r].cells
        for c in range(width):
            cells[c].text = row[c] if c < len(row) else ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_docx_gives_the_same_steps(prefix):
    text = seed_text(prefix)
    before, rows, sub = _table_rows(text)
    expected = parse_text(text)
    data = build_docx(
        [line.replace("<p>", "").replace("</p>", "") for line in before], expected.actors, rows
    )
    proc = parse_docx(data)
    assert proc.actors == expected.actors
    assert [s.to_dict() for s in proc.steps] == [s.to_dict() for s in expected.steps]
    assert proc.number == expected.number and proc.name == expected.name
    assert parse_file("sop.docx", data).to_dict()["steps"] == proc.to_dict()["steps"]
    assert parse_file("no-extension", data).number == expected.number


def test_docx_header_in_a_table():
    import docx

    document = docx.Document()
    document.add_paragraph("PEMERINTAH KOTA CONTOH")
    header = document.add_table(rows=3, cols=3)
    for r, (label, value) in enumerate(
        [("Nomor SOP", "1/SOP/2025"), ("Tanggal Efektif", "2 Januari 2025"), ("Nama SOP", "Uji")]
    ):
        header.rows[r].cells[0].text = label
        header.rows[r].cells[1].text = ":"
        header.rows[r].cells[2].text = value
    document.add_paragraph("Dasar Hukum")
    document.add_paragraph("1. UU 14 Tahun 2008")
    _, rows, _ = _table_rows(seed_text("004"))
    body = docx.Document(io.BytesIO(build_docx([], ["JFU", "Kepala Bidang", "Kepala Badan"], rows)))
    document.element.body.append(body.tables[0]._tbl)
    buffer = io.BytesIO()
    document.save(buffer)
    proc = parse_docx(buffer.getvalue())
    assert proc.number == "1/SOP/2025"
    assert proc.effective_on == datetime.date(2025, 1, 2)
    assert proc.name == "Uji"
    assert proc.agency == "PEMERINTAH KOTA CONTOH"
    assert proc.legal_basis == ["UU 14 Tahun 2008"]
    assert times(proc) == SEED_TIMES["004"]
