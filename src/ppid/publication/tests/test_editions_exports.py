"""The official documents of an edition, read back: the list as PDF and XLSX (official columns,
letterhead, decree, page numbers, signature) and the decree (SK penetapan) as PDF."""

from __future__ import annotations

import io
import os
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ppid.publication import edition_exports, editions
from ppid.publication.constants import EditionKind
from ppid.register.constants import Category, ExemptionGround, Form, Status
from ppid.requests.tests.document_factories import exempt_item, pdf_text

DIP_HEADERS = ["No.", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi",
               "Penanggung Jawab Pembuatan Informasi", "Waktu dan Tempat Pembuatan Informasi",
               "Bentuk Informasi yang Tersedia", "Jangka Waktu Penyimpanan", "Jenis Informasi",
               "Tahun"]
DIK_HEADERS = ["No.", "Informasi yang Dikecualikan", "Dasar Hukum", "Konsekuensi/Alasan",
               "Jangka Waktu Pengecualian", "Nomor dan Tanggal Penetapan", "Unit yang Menguasai"]


def _keep(name: str, data: bytes) -> None:
    """PPID_KEEP_EXPORTS=/some/dir keeps the files to look at."""
    folder = os.environ.get("PPID_KEEP_EXPORTS")
    if folder:
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def agency_details(agency):
    agency.address = "Jl. Pangeran Antasari No. 1, Banjarbaru"
    agency.phone = "0511-4772001"
    agency.city = "Banjarbaru"
    agency.publish_exempt_list = True
    agency.save()
    return agency


@pytest.fixture
def dip(agency_details, people, make_item):
    make_item(title="Laporan Keuangan 2025", status=Status.PUBLISHED, category=Category.PERIODIC,
              year=2025, retention_years=10, made_on=date(2025, 3, 1),
              made_at_place="Banjarbaru", holder_official="Kepala Subbagian Keuangan")
    make_item(title="Daftar Aset 2024", status=Status.PUBLISHED, category=Category.ON_REQUEST,
              year=2024, form=Form.BOTH, hard_copy_location="Lemari 2")
    for n in range(30):  # enough for a second page
        make_item(title=f"Informasi Berkala Nomor {n:02d}", status=Status.PUBLISHED,
                  category=Category.PERIODIC, year=2023, indexed=False)
    draft = editions.prepare_draft(people["ppid"])
    return editions.sign(people["ppid"], draft, decree_number="188.4/012/PPID/2026",
                         decree_date=date(2026, 1, 15), signer_name="Dr. Rina Kartikasari",
                         signer_position="Kepala Dinas selaku PPID",
                         signer_nip="198001012005012001")


def test_dip_pdf_has_the_official_columns_pages_and_signature(dip):
    data = edition_exports.edition_pdf(dip)
    _keep("dip.pdf", data)
    reader = PdfReader(io.BytesIO(data))
    pages = reader.pages
    assert len(pages) >= 2
    box = pages[0].mediabox
    assert box.width > box.height  # A4 landscape
    text = pdf_text(data)
    flat = _squeezed(text)
    for header in DIP_HEADERS:
        assert _squeezed(header) in flat, header
    # The header row is repeated on every page.
    for page in pages:
        assert _squeezed("Ringkasan Isi Informasi") in _squeezed(page.extract_text())
    assert "BADAN UJI KETERBUKAAN INFORMASI" in text  # letterhead
    assert "188.4/012/PPID/2026" in text and "15 Januari 2026" in text
    assert f"Halaman 1 dari {len(pages)}" in text
    assert "Laporan Keuangan 2025" in text and "Kepala Subbagian Keuangan" in text
    assert "1 Maret 2025, Banjarbaru" in text and "10 tahun" in text
    assert "Softcopy dan Hardcopy" in text and "Berkala" in text and "Setiap Saat" in text
    assert "Dr. Rina Kartikasari" in text and "NIP. 198001012005012001" in text
    assert "Kepala Dinas selaku PPID" in text
    assert dip.sha256 in flat
    assert "KONSEP" not in text


def test_dip_xlsx_has_the_header_block_and_columns(dip):
    data = edition_exports.edition_xlsx(dip)
    _keep("dip.xlsx", data)
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Badan Uji Keterbukaan Informasi"
    assert values[1][0] == dip.title
    assert "188.4/012/PPID/2026" in values[2][0] and "15 Januari 2026" in values[2][0]
    header_index = next(i for i, row in enumerate(values) if row[0] == "No.")
    assert values[header_index] == DIP_HEADERS
    assert sheet.freeze_panes == f"A{header_index + 2}"
    assert sheet.column_dimensions["B"].width >= 40
    body = values[header_index + 1:]
    assert len(body) == dip.row_count
    first = body[0]
    assert first[0] == 1 and first[1].startswith("Laporan Keuangan 2025\n")
    assert first[6] == "10 tahun" and first[7] == "Berkala" and first[8] == 2025


def test_decree_pdf_names_the_decree(dip):
    data = edition_exports.decree_pdf(dip)
    _keep("dip-sk.pdf", data)
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert box.height > box.width  # A4 portrait
    text = pdf_text(data)
    assert "NOMOR 188.4/012/PPID/2026" in text
    for words in ("KEPUTUSAN PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI", "TENTANG",
                  "Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU", "KEDUA",
                  "KETIGA", "Undang-Undang Nomor 14 Tahun 2008",
                  "Peraturan Pemerintah Nomor 61 Tahun 2010",
                  "Peraturan Komisi Informasi Nomor 1 Tahun 2021",
                  "mulai berlaku pada tanggal ditetapkan", "Ditetapkan di Banjarbaru",
                  "15 Januari 2026", "Dr. Rina Kartikasari"):
        assert words in text, words
    assert "PENETAPAN DAFTAR INFORMASI PUBLIK" in text.upper()
    assert f"memuat {dip.row_count} informasi" in text


def test_a_draft_is_marked_konsep(agency_details, people, make_item):
    make_item(title="Informasi Terbuka", status=Status.PUBLISHED, category=Category.PERIODIC)
    draft = editions.prepare_draft(people["ppid"])
    pdf = edition_exports.edition_pdf(draft)
    _keep("dip-konsep.pdf", pdf)
    text = pdf_text(pdf)
    assert "KONSEP" in text and "Informasi Terbuka" in text
    assert "KONSEP" in pdf_text(edition_exports.decree_pdf(draft))
    sheet = load_workbook(io.BytesIO(edition_exports.edition_xlsx(draft))).active
    assert "KONSEP" in sheet["A4"].value
    assert edition_exports.filename(draft, "daftar", "pdf") == "dip-daftar-konsep.pdf"


def test_dik_exports_have_their_columns_and_no_content(agency_details, people, make_item):
    item, decision = exempt_item(make_item, ground=ExemptionGround.A1,
                                 until=date(2028, 6, 30), title="Berkas Penyidikan Perkara X",
                                 consequence="Menghambat proses penyidikan tindak pidana.")
    item.summary = "NAMA SAKSI DAN ALAMATNYA"
    item.save()
    edition = editions.sign(people["ppid"], editions.prepare_draft(people["ppid"],
                                                                   EditionKind.DIK),
                            decree_number="188.4/013/PPID/2026", decree_date=date(2026, 1, 15))
    pdf = edition_exports.edition_pdf(edition)
    _keep("dik.pdf", pdf)
    text = pdf_text(pdf)
    flat = _squeezed(text)
    for header in DIK_HEADERS:
        assert _squeezed(header) in flat, header
    assert "Berkas Penyidikan Perkara X" in text
    assert "Pasal 17 huruf a angka 1 UU 14/2008" in text
    assert "Sampai dengan 30 Juni 2028" in text
    assert decision.number in text
    assert "Menghambat proses penyidikan" not in text  # the harm test's text stays internal
    assert "NAMA SAKSI" not in text
    sheet = load_workbook(io.BytesIO(edition_exports.edition_xlsx(edition))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert DIK_HEADERS in values
    assert "NAMA SAKSI" not in str(values)
    decree = pdf_text(edition_exports.decree_pdf(edition))
    _keep("dik-sk.pdf", edition_exports.decree_pdf(edition))
    assert "NOMOR 188.4/013/PPID/2026" in decree
    assert "DAFTAR INFORMASI YANG DIKECUALIKAN" in decree.upper()
    assert "Pasal 19" in decree


def test_indonesian_wording_helpers():
    assert edition_exports.ground_id("17a2") == "Pasal 17 huruf a angka 2 UU 14/2008"
    assert edition_exports.ground_id("17j") == "Pasal 17 huruf j UU 14/2008"
    assert edition_exports.date_id("2026-08-17") == "17 Agustus 2026"
    assert edition_exports.retention_id(None) == "Permanen"
