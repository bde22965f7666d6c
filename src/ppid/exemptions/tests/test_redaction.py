"""The redaction engine: hidden content must be gone for good, visible content must stay.

Real PDFs are built here (WeasyPrint, pikepdf, pypdf, Pillow, OCRmyPDF) and the output is read back
with independent extractors: pypdf, pdfminer.six, poppler's pdftotext, raw bytes (also after
qpdf decompression) and Tesseract OCR of the rendered page. No database is used.
"""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pypdfium2 as pdfium
import pytest
from pdfminer.high_level import extract_text as pdfminer_text
from PIL import Image, ImageDraw
from pypdf.generic import ContentStream

from ppid.exemptions import redaction
from ppid.exemptions.redaction import Mark, Rect, RedactionError, Word

SECRET = "RAHASIA7Q9X"
NIK = "3171012345678901"
NIP = "19800101 200501 1 001"
PHONE = "0812-3456-7890"
EMAIL = "budi.santoso@example.go.id"
ACCOUNT = "0123-01-000123-50-1"
ORDINARY = ("Laporan", "anggaran", "pembangunan")
NOTE = "Dihitamkan berdasarkan Pasal 17 huruf h UU 14/2008: data pribadi pemohon"

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract is not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")
needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")

LETTER_HTML = f"""<html><head><style>
  @page {{ size: A4; margin: 2cm }}
  body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 12pt; line-height: 1.6 }}
</style></head><body>
<h1>Laporan anggaran pembangunan</h1>
<p>Kode dokumen {SECRET} tidak untuk umum.</p>
<p>Pemohon dengan NIK {NIK} mengajukan permohonan.</p>
<p>Pejabat NIP {NIP} menangani laporan anggaran.</p>
<p>Telepon {PHONE} atau surel {EMAIL}</p>
<p>Nomor rekening Bank BRI {ACCOUNT} a/n Budi.</p>
<p>Tanggal 12-03-2024, nilai Rp 1.500.000 untuk pembangunan jembatan tahun 2024.</p>
</body></html>"""


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def html_pdf(path: Path, html: str) -> Path:
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(path)
    return path


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def qpdf_uncompressed(path: Path, tmp: Path) -> bytes:
    target = tmp / f"{path.stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(target)],
                   check=True, capture_output=True)
    return target.read_bytes()


def ocr(path: Path, tmp: Path, page: int = 0) -> str:
    """Tesseract's reading of one page rendered at 300 dpi."""
    image_path = tmp / f"{path.stem}-{page}.png"
    document = pdfium.PdfDocument(path)
    try:
        document[page].render(scale=300 / 72).to_pil().save(image_path)
    finally:
        document.close()
    return subprocess.run(["tesseract", str(image_path), "stdout", "-l", "ind+eng"],
                          check=True, capture_output=True, text=True).stdout


def word_rects(path: Path, text: str) -> list[Rect]:
    return [word.rect for word in redaction.words(path) if text in word.text]


def only_files(directory: Path) -> set[str]:
    return {item.name for item in directory.iterdir()}


# --------------------------------------------------------------------------------------------
# Fixtures: generated PDFs, built once per module
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("redaction")


@pytest.fixture(scope="module")
def letter(work) -> Path:
    return html_pdf(work / "letter.pdf", LETTER_HTML)


@pytest.fixture(scope="module")
def redacted_letter(letter, work) -> Path:
    """The letter with only the secret marker blacked out, with a note and a label."""
    [rect] = word_rects(letter, SECRET)
    out = work / "letter-redacted.pdf"
    redaction.apply(letter, [Mark(rect, "Ps. 17 h")], {0: [NOTE]}, out, dpi=150)
    return out


@pytest.fixture(scope="module")
def redacted_letter_ocr(redacted_letter, work) -> str:
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    return ocr(redacted_letter, work)


@pytest.fixture(scope="module")
def scanned(letter, work) -> Path:
    """An image-only copy of the letter with a text layer made by OCRmyPDF."""
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    import ocrmypdf

    document = pdfium.PdfDocument(letter)
    try:
        image = document[0].render(scale=200 / 72).to_pil().convert("RGB")
    finally:
        document.close()
    image_only = work / "scan.pdf"
    image.save(image_only, "PDF", resolution=200)
    out = work / "scan-ocr.pdf"
    ocrmypdf.ocr(image_only, out, language="ind+eng", output_type="pdf", progress_bar=False)
    return out


# --------------------------------------------------------------------------------------------
# 1. Born-digital text PDF
# --------------------------------------------------------------------------------------------


@needs_poppler
def test_source_letter_exposes_the_secret_to_every_extractor(letter):
    """The baseline, so the checks below are meaningful."""
    assert SECRET in pypdf_text(letter)
    assert SECRET in pdfminer_text(letter)
    assert SECRET in pdftotext(letter)
    assert len(word_rects(letter, SECRET)) == 1


def test_marked_word_is_gone_from_text_extractors(redacted_letter):
    assert SECRET not in pypdf_text(redacted_letter)
    assert SECRET not in pdfminer_text(redacted_letter)
    assert all(SECRET not in word.text for word in redaction.words(redacted_letter))


@needs_poppler
def test_marked_word_is_gone_for_pdftotext(redacted_letter):
    assert SECRET not in pdftotext(redacted_letter)


@needs_qpdf
def test_marked_word_is_not_in_the_bytes(redacted_letter, work):
    assert SECRET.encode() not in redacted_letter.read_bytes()
    uncompressed = qpdf_uncompressed(redacted_letter, work)
    assert SECRET.encode() not in uncompressed
    # the text layer is UTF-16 hex: the marker is absent in that spelling too
    assert SECRET.encode("utf-16-be").hex().upper().encode() not in uncompressed.upper()
    check = subprocess.run(["qpdf", "--check", str(redacted_letter)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@needs_tesseract
def test_marked_word_is_not_readable_by_ocr(redacted_letter_ocr):
    assert "RAHASIA" not in redacted_letter_ocr.upper()
    assert "laporan" in redacted_letter_ocr.lower()  # the OCR itself works


@needs_poppler
def test_ordinary_words_stay_searchable(redacted_letter):
    via_pypdf, via_poppler = pypdf_text(redacted_letter), pdftotext(redacted_letter)
    for word in ORDINARY + ("jembatan", "permohonan"):
        assert word in via_pypdf
        assert word in via_poppler
    assert "Ps. 17 h" in via_poppler  # the label is searchable too


def test_text_layer_keeps_word_positions(letter, work):
    """Without marks the page is not scaled: words stay where they were."""
    out = work / "letter-unmarked.pdf"
    redaction.apply(letter, [], {}, out, dpi=100)
    before = {w.text: w.rect for w in redaction.words(letter)}
    after = {w.text: w.rect for w in redaction.words(out)}
    for text in ("Laporan", "jembatan", "permohonan."):
        a, b = before[text], after[text]
        assert abs(a.x0 - b.x0) < 0.01 and abs(a.x1 - b.x1) < 0.01
        assert abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.01


def test_output_is_a_fresh_image_only_document(redacted_letter):
    with pikepdf.open(redacted_letter) as pdf:
        assert len(pdf.pages) == 1
        assert set(pdf.docinfo.keys()) == {"/Producer"}
        assert str(pdf.docinfo.Producer) == redaction.PRODUCER
        assert "/Metadata" not in pdf.Root
        page = pdf.pages[0]
        assert "/Annots" not in page.obj
        fonts = page.Resources.Font
        assert [str(fonts[key].BaseFont) for key in fonts.keys()] == ["/Occulta-Regular"]
        assert all(str(x.Subtype) == "/Image" for x in page.Resources.XObject.values())
    assert redacted_letter.read_bytes().count(b"%%EOF") == 1


# --------------------------------------------------------------------------------------------
# 2. Scanned PDF with an OCR text layer
# --------------------------------------------------------------------------------------------


@needs_tesseract
def test_scanned_pdf_redaction(scanned, work):
    rects = word_rects(scanned, SECRET)
    assert len(rects) == 1  # OCRmyPDF read the marker, so the test is meaningful
    out = work / "scan-redacted.pdf"
    redaction.apply(scanned, [Mark(rects[0], "")], {0: [NOTE]}, out, dpi=150)

    assert "RAHASIA" not in ocr(out, work).upper()
    assert SECRET not in pypdf_text(out)
    assert SECRET.encode() not in out.read_bytes()
    searchable = pypdf_text(out)
    assert all(word in searchable for word in ORDINARY)  # the OCR layer survives, minus the mark


# --------------------------------------------------------------------------------------------
# 3. Metadata and XMP
# --------------------------------------------------------------------------------------------


def test_metadata_and_xmp_are_not_copied(letter, work):
    source = work / "metadata.pdf"
    with pikepdf.open(letter) as pdf:
        for key in ("/Title", "/Author", "/Subject", "/Keywords"):
            pdf.docinfo[key] = f"{key[1:]} {SECRET}"
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = SECRET
            meta["dc:creator"] = [SECRET]
            meta["dc:description"] = SECRET
        pdf.save(source, compress_streams=False)
    assert SECRET.encode() in source.read_bytes()

    out = work / "metadata-redacted.pdf"
    redaction.apply(source, [], {}, out, dpi=72)
    assert SECRET.encode() not in out.read_bytes()
    with pikepdf.open(out) as pdf:
        assert "/Metadata" not in pdf.Root
        assert set(pdf.docinfo.keys()) == {"/Producer"}
        assert SECRET not in str(pdf.open_metadata())
    assert SECRET not in str(pypdf.PdfReader(out).metadata)


# --------------------------------------------------------------------------------------------
# 4. Incremental updates, annotations, forms, attachments, outlines, JavaScript
# --------------------------------------------------------------------------------------------


def _helvetica_page(pdf: pikepdf.Pdf, text: str) -> pikepdf.Page:
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(f"BT /F1 18 Tf 72 700 Td ({text}) Tj ET".encode())
    return page


@needs_poppler
@needs_qpdf
def test_earlier_revision_of_an_incremental_update_is_gone(work):
    base = work / "revision1.pdf"
    with pikepdf.new() as pdf:
        _helvetica_page(pdf, f"Laporan {SECRET}")
        pdf.save(base, compress_streams=False)
    source = work / "revision2.pdf"
    writer = pypdf.PdfWriter(base, incremental=True)
    replacement = ContentStream(None, writer)
    replacement.set_data(b"BT /F1 18 Tf 72 700 Td (Laporan anggaran pembangunan) Tj ET")
    writer.pages[0].replace_contents(replacement)
    writer.write(source)

    data = source.read_bytes()
    assert data.count(b"%%EOF") == 2 and SECRET.encode() in data  # still in the file...
    assert SECRET not in pdftotext(source)  # ...but not on the current page
    first_revision = work / "revision1-recovered.pdf"
    first_revision.write_bytes(data[: data.index(b"%%EOF") + 5])
    assert SECRET in pdftotext(first_revision)  # and anyone can recover it

    out = work / "revision-redacted.pdf"
    redaction.apply(source, [], {}, out, dpi=100)
    assert SECRET.encode() not in out.read_bytes()
    assert SECRET.encode() not in qpdf_uncompressed(out, work)
    assert out.read_bytes().count(b"%%EOF") == 1
    assert "Laporan anggaran pembangunan" in pdftotext(out)


@needs_qpdf
def test_annotations_forms_attachments_outlines_and_javascript_are_gone(work):
    plain = html_pdf(work / "plain.pdf", "<p>Laporan anggaran pembangunan</p>")
    source = work / "extras.pdf"
    with pikepdf.open(plain) as pdf:
        page = pdf.pages[0]
        note = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[400, 700, 420, 720],
            Contents=pikepdf.String(f"Catatan {SECRET}"), T=pikepdf.String(SECRET)))
        field = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
            T=pikepdf.String("nik"), V=pikepdf.String(SECRET), Rect=[300, 100, 500, 120],
            F=2, P=page.obj))  # a hidden field: its value is not displayed
        page.Annots = pdf.make_indirect(pikepdf.Array([note, field]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[field])
        pdf.attachments["rahasia.txt"] = pikepdf.AttachedFileSpec(
            pdf, f"isi lampiran {SECRET}".encode(), filename="rahasia.txt")
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem(f"Bab {SECRET}", 0))
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String(f"app.alert('{SECRET}')"))
        pdf.save(source, compress_streams=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    assert source.read_bytes().count(SECRET.encode()) >= 5

    out = work / "extras-redacted.pdf"
    redaction.apply(source, [], {}, out, dpi=100)
    assert SECRET.encode() not in out.read_bytes()
    assert SECRET.encode() not in qpdf_uncompressed(out, work)
    with pikepdf.open(out) as pdf:
        for key in ("/AcroForm", "/Names", "/Outlines", "/OpenAction", "/Metadata"):
            assert key not in pdf.Root
        assert "/Annots" not in pdf.pages[0].obj
        assert len(pdf.attachments) == 0
    assert "Laporan anggaran pembangunan" in pypdf_text(out)


def _striped_png() -> str:
    image = Image.new("RGB", (300, 30), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, 300, 8):
        draw.line((x, 0, x + 30, 30), fill="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@needs_poppler
def test_text_hidden_in_the_source_does_not_reach_the_text_layer(work):
    """Failed "redactions" in the source: a black box over text, white text, an image over text.
    Nothing is marked, yet none of it may become searchable in the output."""
    source = html_pdf(work / "hidden.pdf", f"""<html><body style="font-family: DejaVu Sans;
        font-size: 12pt"><p>Laporan anggaran pembangunan</p>
        <p>Satu <span style="background: black; color: black">HITAMSATU</span> dua
           <span style="color: white">PUTIHDUA</span> tiga.</p>
        <div style="position: relative"><p>Di bawah GAMBARTIGA ini</p>
        <img src="{_striped_png()}" style="position: absolute; top: -2pt; left: 0;
             width: 220pt; height: 20pt"></div>
        <p>Akhir dokumen</p></body></html>""")
    hidden = ("HITAMSATU", "PUTIHDUA", "GAMBARTIGA")
    assert all(secret in pdftotext(source) for secret in hidden)

    out = work / "hidden-redacted.pdf"
    redaction.apply(source, [], {}, out, dpi=100)
    text = pdftotext(out)
    assert not [secret for secret in hidden if secret in text]
    assert "Laporan anggaran pembangunan" in text and "Akhir dokumen" in text


# --------------------------------------------------------------------------------------------
# 5. Detectors
# --------------------------------------------------------------------------------------------


def line_words(*lines: str, page: int = 0) -> list[Word]:
    """Words laid out like text: one row per line, 0.01 of the page width per character."""
    result = []
    for row, line in enumerate(lines):
        x = 0.05
        for text in line.split():
            width = 0.01 * len(text)
            rect = Rect(page, x, 0.05 + 0.03 * row, x + width, 0.07 + 0.03 * row)
            result.append(Word(rect, text))
            x += width + 0.01
    return result


def found(*lines: str) -> list[tuple[str, str]]:
    """(kind, covered words) for every suggestion on the given lines."""
    all_words = line_words(*lines)
    result = []
    for suggestion in redaction.detect(all_words):
        covered = [w.text for w in all_words if _inside(w.rect, suggestion.rect)]
        result.append((suggestion.kind, " ".join(covered)))
    return result


def _inside(inner: Rect, outer: Rect) -> bool:
    return (inner.page == outer.page and inner.x0 >= outer.x0 and inner.x1 <= outer.x1
            and inner.y0 >= outer.y0 and inner.y1 <= outer.y1)


@pytest.mark.parametrize(("line", "expected"), [
    ("NIK 3171012345678901", "3171012345678901"),
    ("NIK: 3171 0123 4567 8901 (KTP)", "3171 0123 4567 8901"),
    ("nomor induk 3171.0123.4567.8901.", "3171.0123.4567.8901."),
    ("KTP 3171-0123-4567-8901", "3171-0123-4567-8901"),
    ("NIK:3171012345678901,", "NIK:3171012345678901,"),
    ("1 3171012345678901 Budi Santoso", "3171012345678901"),
    ("NIK 317101 010190 0001", "317101 010190 0001"),
])
def test_detects_nik(line, expected):
    assert found(line) == [("nik", expected)]


@pytest.mark.parametrize(("line", "expected"), [
    ("NIP 19800101 200501 1 001", "19800101 200501 1 001"),
    ("NIP. 198001012005011001 Kepala Dinas", "198001012005011001"),
    ("NIP: 19751231.200003.2.004", "19751231.200003.2.004"),
])
def test_detects_nip(line, expected):
    assert found(line) == [("nip", expected)]


@pytest.mark.parametrize(("line", "expected"), [
    ("Telp 0812-3456-7890", "0812-3456-7890"),
    ("HP: +62 812 3456 7890", "+62 812 3456 7890"),
    ("HP +6281234567890", "+6281234567890"),
    ("WA 62 812-3456-789", "62 812-3456-789"),
    ("hubungi 081234567890 segera", "081234567890"),
    ("Kantor (021) 5551234", "(021) 5551234"),
    ("Kantor 021-5551234", "021-5551234"),
    ("Faks (0274) 512345", "(0274) 512345"),
    ("Telp +62 21 5551234", "+62 21 5551234"),
])
def test_detects_phone(line, expected):
    assert found(line) == [("phone", expected)]


@pytest.mark.parametrize(("line", "expected"), [
    ("surel budi.santoso@example.go.id", "budi.santoso@example.go.id"),
    ("E-mail: ppid_dinas+info@jakarta.go.id.", "ppid_dinas+info@jakarta.go.id."),
    ("Kirim ke ANI@Mail.Example.COM sekarang", "ANI@Mail.Example.COM"),
])
def test_detects_email(line, expected):
    assert found(line) == [("email", expected)]


@pytest.mark.parametrize(("lines", "expected"), [
    (("No. Rek 1234567890",), "1234567890"),
    (("Rekening BCA 123-456-7890 a.n. Budi",), "123-456-7890"),
    (("Bank BRI 0123-01-000123-50-1",), "0123-01-000123-50-1"),
    (("rek. 0123 4567 8901 23 atas nama Budi",), "0123 4567 8901 23"),
    (("Account no. 9876.5432.1012",), "9876.5432.1012"),
    (("Transfer ke nomor rekening:", "1234567890123"), "1234567890123"),
    (("a/n Siti Aminah 5550001234567",), "5550001234567"),
])
def test_detects_account(lines, expected):
    assert found(*lines) == [("account", expected)]


@pytest.mark.parametrize("line", [
    "Tanggal 12-03-2024",
    "pada 01-03-2024 pukul 08.30",
    "tanggal 08/12/2023",
    "Biaya Rp 1.500.000 (satu juta lima ratus ribu rupiah)",
    "Rekening penampung Rp 10.000.000.000 tahun 2024",
    "tahun 2023 dan 2024",
    "angka 31710123456789012 bukan NIK",  # 17 digits
    "angka 317101234567890 bukan NIK",  # 15 digits
    "kode 1980010120050110012 terlalu panjang",  # 19 digits
    "nomor 3171 0123 4567 8901 2345 kartu",  # a longer grouped number
    "Nomor 1234567890 tanpa kata kunci",  # an account number needs a keyword
    "Telp 0812 345",  # too short
    "HP 08123456789012345",  # too long
    "alamat @dinas dan budi@ dan budi@localhost",
    "Pasal 17 huruf h UU 14/2008",
    "Perda No. 5 Tahun 2019 tentang Bank Sampah",
])
def test_detects_nothing_in(line):
    assert found(line) == []


def test_kinds_are_exclusive_and_previews_masked():
    suggestions = redaction.detect(line_words(
        "NIK 3171012345678901 rekening 1234567890 HP 0812-3456-7890",
        "NIP 19800101 200501 1 001 surel budi.santoso@example.go.id",
    ))
    previews = {s.kind: s.preview for s in suggestions}
    assert previews == {
        "nik": "************8901",
        "account": "******7890",
        "phone": "********7890",
        "nip": "**************1001",
        "email": "**********************o.id",
    }
    assert len(suggestions) == 5


def test_no_duplicates_and_lines_are_per_page():
    words = line_words("NIK 3171012345678901", page=0) + line_words("NIK 3171012345678901", page=1)
    suggestions = redaction.detect(words + words)
    assert [(s.kind, s.rect.page) for s in suggestions] == [("nik", 0), ("nik", 1)]
    # words of another page never complete a number
    split = line_words("NIP 19800101 200501", page=0) + line_words("1 001", page=1)
    assert redaction.detect(split) == []


@needs_poppler
def test_detect_end_to_end_and_redact_all_suggestions(letter, work):
    suggestions = redaction.detect(redaction.words(letter))
    assert {s.kind for s in suggestions} == {"nik", "nip", "phone", "email", "account"}
    values = (NIK, NIP, PHONE, EMAIL, ACCOUNT)
    before = pdftotext(letter)
    assert all(value in before for value in values)

    out = work / "letter-all.pdf"
    redaction.apply(letter, [Mark(s.rect, "") for s in suggestions], {0: [NOTE]}, out, dpi=100)
    after = pdftotext(out)
    assert not [value for value in values if value in after]
    assert not [value for value in values if value.replace(" ", "") in after.replace(" ", "")]
    assert "Tanggal 12-03-2024" in after and "1.500.000" in after


# --------------------------------------------------------------------------------------------
# 6. Errors
# --------------------------------------------------------------------------------------------


def test_corrupt_and_missing_files_raise(work, tmp_path):
    corrupt = work / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\nthis is not really a PDF\n%%EOF\n")
    for call in (redaction.page_count, redaction.page_sizes, redaction.words):
        with pytest.raises(RedactionError):
            call(corrupt)
    with pytest.raises(RedactionError):
        redaction.render_page_png(corrupt, 0)
    with pytest.raises(RedactionError):
        redaction.page_count(work / "missing.pdf")

    with pytest.raises(RedactionError):
        redaction.apply(corrupt, [], {}, tmp_path / "out.pdf")
    assert only_files(tmp_path) == set()


def test_encrypted_pdf_raises(letter, work):
    locked = work / "locked.pdf"
    with pikepdf.open(letter) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="rahasia", owner="pemilik"))
    with pytest.raises(RedactionError):
        redaction.words(locked)


@pytest.mark.parametrize("rect", [
    Rect(1, 0.1, 0.1, 0.2, 0.2),  # the letter has one page
    Rect(-1, 0.1, 0.1, 0.2, 0.2),
    Rect(0, -0.1, 0.1, 0.2, 0.2),
    Rect(0, 0.1, 0.1, 1.2, 0.2),
    Rect(0, 0.3, 0.1, 0.3, 0.2),  # zero width
    Rect(0, 0.1, 0.2, 0.3, 0.1),  # upside down
    Rect(0, 0.1, float("nan"), 0.3, 0.2),
])
def test_bad_marks_raise_and_leave_no_output(letter, tmp_path, rect):
    with pytest.raises(RedactionError):
        redaction.apply(letter, [Mark(rect, "")], {}, tmp_path / "out.pdf")
    assert only_files(tmp_path) == set()


def test_page_out_of_range_for_rendering(letter):
    with pytest.raises(RedactionError):
        redaction.render_page_png(letter, 1)


def test_failure_while_writing_leaves_nothing(letter, tmp_path, monkeypatch):
    existing = tmp_path / "out.pdf"
    existing.write_bytes(b"previous output")

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(redaction, "_redact_page", explode)
    with pytest.raises(RuntimeError):
        redaction.apply(letter, [], {}, existing)
    assert only_files(tmp_path) == {"out.pdf"}
    assert existing.read_bytes() == b"previous output"


# --------------------------------------------------------------------------------------------
# 7. Notes, page geometry, rendering
# --------------------------------------------------------------------------------------------


@needs_tesseract
def test_note_is_visible_on_the_page(redacted_letter_ocr):
    assert "Pasal 17" in redacted_letter_ocr


@needs_poppler
def test_note_is_searchable(redacted_letter):
    assert "Pasal 17 huruf h" in " ".join(pdftotext(redacted_letter).split())


def test_same_page_count_and_sizes(letter, redacted_letter):
    assert redaction.page_count(redacted_letter) == redaction.page_count(letter) == 1
    for (w0, h0), (w1, h1) in zip(redaction.page_sizes(letter),
                                  redaction.page_sizes(redacted_letter), strict=True):
        assert abs(w0 - w1) <= 1 and abs(h0 - h1) <= 1


@needs_poppler
def test_rotated_and_landscape_pages(letter, work):
    """Boxes are fractions of the page as displayed: they hit the same spot on any rotation
    and crop box."""
    source = work / "rotated.pdf"
    with pikepdf.open(letter) as pdf:
        pdf.pages.extend([pdf.pages[0]] * 3)
        for page, rotation in zip(pdf.pages, (0, 90, 180, 270), strict=True):
            page.Rotate = rotation
        pdf.pages[2].CropBox = [40, 30, 555, 800]  # an offset crop box, 515 x 770
        pdf.save(source)
    sizes = redaction.page_sizes(source)
    assert [(round(w), round(h)) for w, h in sizes] == [(595, 842), (842, 595), (515, 770),
                                                        (842, 595)]
    rects = word_rects(source, SECRET)
    assert [r.page for r in rects] == [0, 1, 2, 3]

    out = work / "rotated-redacted.pdf"
    redaction.apply(source, [Mark(r, "") for r in rects], {}, out, dpi=72)
    assert SECRET not in pdftotext(out)
    assert "pembangunan" in pdftotext(out)
    assert [(round(w), round(h)) for w, h in redaction.page_sizes(out)] == [
        (round(w), round(h)) for w, h in sizes]
    for rect in rects:  # the painted box sits on the marker in the source's display
        image = Image.open(io.BytesIO(redaction.render_page_png(source, rect.page, 800)))
        box = (rect.x0 * image.width, rect.y0 * image.height,
               rect.x1 * image.width, rect.y1 * image.height)
        assert image.convert("L").crop(box).getextrema()[0] < 100  # the marker is ink there
        rendered = Image.open(io.BytesIO(redaction.render_page_png(out, rect.page, 800)))
        inner = _shrunk_box(rect, rendered.size, sizes[rect.page][1])
        assert rendered.convert("L").crop(inner).getextrema()[1] < 60  # all black now


def _shrunk_box(rect: Rect, size: tuple[int, int], page_height: float):
    """The pixel box of `rect` on a redacted page, minus 1 px: the page image is scaled to leave
    room for a one-line note band (padding above and below plus one line)."""
    band = 2 * 5.0 + redaction.NOTE_FONT_PT * 1.35
    scale = (page_height - band) / page_height
    width, height = size
    offset = width * (1 - scale) / 2
    return (offset + rect.x0 * width * scale + 1, rect.y0 * height * scale + 1,
            offset + rect.x1 * width * scale - 1, rect.y1 * height * scale - 1)


def test_render_page_png(letter):
    png = redaction.render_page_png(letter, 0, width_px=500)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == 500
    assert abs(image.height - 500 * 842 / 595) <= 2
