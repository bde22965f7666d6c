"""Real files for the archive tests, generated here: PDFs, scans, office documents, text."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.register import services as register

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCAN_LINES = [
    "Laporan keterbukaan informasi publik",
    "Badan publik wajib menyediakan informasi",
    "yang dapat diakses oleh masyarakat.",
]


def weasy_pdf(paragraphs: list[str], pages: int = 1) -> bytes:
    import weasyprint

    body = "".join(
        ("<div style='page-break-before: always'>" if page else "<div>")
        + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
        for page in range(pages)
    )
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def scan_image(lines=SCAN_LINES, dpi: int = 300):
    """Text rendered as pixels, as a scanner at `dpi` would see a 12-point line."""
    from PIL import Image, ImageDraw, ImageFont

    size = round(12 / 72 * dpi)  # 12 pt
    font = ImageFont.truetype(FONT, size)
    width = int(4.5 * dpi)
    image = Image.new("L", (width, int(size * 1.7 * len(lines) + dpi * 0.4)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((int(dpi * 0.2), int(dpi * 0.2 + number * size * 1.7)), line, font=font, fill=0)
    return image


def scan_pdf(lines=SCAN_LINES) -> bytes:
    """An image-only PDF: no text layer at all."""
    out = io.BytesIO()
    scan_image(lines).save(out, "PDF", resolution=300)
    return out.getvalue()


def scan_png(lines=SCAN_LINES) -> bytes:
    out = io.BytesIO()
    scan_image(lines).save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Rencana Kerja Bidang A", level=1)
    document.add_paragraph("Dokumen ini memuat rencana kerja yang disusun oleh bidang.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Kegiatan"
    table.cell(0, 1).text = "Anggaran"
    table.cell(1, 0).text = "Sosialisasi keterbukaan"
    table.cell(1, 1).text = "Rp 15.000.000"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows=None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Realisasi"
    for row in rows or [["Program", "Pagu", "Realisasi"],
                        ["Pelayanan informasi publik", 25000000, 23750000]]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def odf_bytes(kind: str = "text") -> bytes:
    """A minimal ODT (or ODS) built by hand: mimetype first, stored, then content.xml."""
    mimetype = f"application/vnd.oasis.opendocument.{kind}"
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    if kind == "text":
        body = ('<office:text><text:h>Notulen rapat</text:h>'
                '<text:p>Rapat membahas<text:s/>daftar informasi<text:tab/>publik.</text:p>'
                '</office:text>')
    else:
        body = ('<office:spreadsheet><table:table table:name="Daftar">'
                '<table:table-row><table:table-cell><text:p>Judul</text:p></table:table-cell>'
                '<table:table-cell><text:p>Tahun</text:p></table:table-cell></table:table-row>'
                '<table:table-row><table:table-cell><text:p>Profil dinas</text:p>'
                '</table:table-cell><table:table-cell><text:p>2025</text:p></table:table-cell>'
                '</table:table-row></table:table></office:spreadsheet>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
               f'<office:body>{body}</office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return out.getvalue()


@pytest.fixture
def item(make_item):
    return make_item(title="Dokumen Uji Arsip")


@pytest.fixture
def upload(people, item):
    """Store a version through the register, as the unit officer (on_commit does not run)."""

    def store(name: str, data: bytes, *, user=None, target=None, document=None):
        return register.add_version(user or people["officer"], target or item,
                                    SimpleUploadedFile(name, data), document=document)

    return store
