"""Reading the text out of a stored file, and making an archival PDF/A where OCR is needed.

Works on a local copy of the file (never on the stored original) and knows nothing of the
database: `extract(path, content_type, workdir, reporter)` returns an `Extraction` or raises
`ExtractionError` with a reason in plain words.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ppid.archive import ocr
from ppid.archive.constants import ExtractionMethod as M
from ppid.core.i18n import lazy as _
from ppid.register.constants import FileType

logger = logging.getLogger(__name__)
Reporter = Callable[[int, str], None]

# A PDF page "has text" with at least this many non-space characters in its text layer.
MIN_PAGE_CHARS = 20
# The text kept for search is capped (a huge spreadsheet must not fill the database).
MAX_TEXT_CHARS = 2_000_000
# Images without a usable resolution are taken to be scanned at this many dots per inch.
DEFAULT_IMAGE_DPI = 300


class ExtractionError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Extraction:
    text: str
    method: str
    page_count: int | None = None
    archive_path: Path | None = None  # the PDF/A derivative, if one was made
    note: str = ""  # something staff should know although it worked


def _noop(progress: int, stage: str) -> None:
    pass


def extract(path: Path, content_type: str, workdir: Path,
            reporter: Reporter | None = None) -> Extraction:
    reporter = reporter or _noop
    handler = {
        FileType.PDF: _pdf,
        FileType.DOCX: _docx,
        FileType.XLSX: _xlsx,
        FileType.ODT: _odf,
        FileType.ODS: _odf,
        FileType.TEXT: _plain,
        FileType.JPEG: _image,
        FileType.PNG: _image,
        FileType.TIFF: _image,
    }.get(content_type)
    if handler is None:
        raise ExtractionError(_("Files of type “%(type)s” are not processed.")
                              % {"type": content_type})
    result = handler(path, workdir, reporter)
    result.text = _tidy(result.text)
    if not result.text and result.method != M.OCR:
        result.method = M.NONE  # read fine, but nothing in it to search
    return result


def _tidy(text: str) -> str:
    text = text.replace("\x00", "").replace("\x0c", "\n")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text[:MAX_TEXT_CHARS]


# --------------------------------------------------------------------------------------------
# PDF and images.
# --------------------------------------------------------------------------------------------


def _read_pdf_text(path: Path) -> list[str]:
    """The text layer of every page. Raises ExtractionError for unreadable or locked PDFs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(_("The PDF is protected with a password, so its text cannot "
                                    "be read."))
        pages = []
        for page in reader.pages:
            try:
                pages.append(page.extract_text() or "")
            except Exception:  # noqa: BLE001 - one bad page must not lose the others
                pages.append("")
        return pages
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError(_("The PDF is damaged and cannot be read: %(detail)s")
                              % {"detail": str(exc)[:300]}) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        raise ExtractionError(_("The PDF is damaged and cannot be read: %(detail)s")
                              % {"detail": f"{type(exc).__name__}: {exc}"[:300]}) from exc


def _has_text(page_text: str) -> bool:
    return len(re.sub(r"\s+", "", page_text)) >= MIN_PAGE_CHARS


def _pdf(path: Path, workdir: Path, reporter: Reporter) -> Extraction:
    reporter(10, "reading")
    pages = _read_pdf_text(path)
    if not pages:
        raise ExtractionError(_("The PDF has no pages."))
    with_text = sum(1 for page in pages if _has_text(page))
    reporter(30, "reading")
    if with_text * 2 >= len(pages):
        # Born digital (pages without text are covers, figures or blank): the text layer is
        # the text, and no derivative is made (see docs/decisions/0003-archive-processing.md).
        return Extraction("\n\n".join(pages), M.TEXT_LAYER, len(pages))
    # A scan (or mostly scanned): recognise the text into an archival PDF/A.
    return _ocr(path, workdir, reporter, force=with_text == 0, page_count=len(pages))


def _ocr(source: Path, workdir: Path, reporter: Reporter, *, force: bool,
         page_count: int | None) -> Extraction:
    output = workdir / "archive.pdf"
    try:
        note = ocr.run_ocr(source, output, force=force, reporter=reporter)
    except ocr.OcrError as exc:
        raise ExtractionError(exc.message) from exc
    if not output.exists() or output.stat().st_size == 0:
        raise ExtractionError(_("Text recognition produced no archival copy."))
    reporter(95, "storing")
    pages = _read_pdf_text(output)
    return Extraction("\n\n".join(pages), M.OCR, page_count or len(pages), output, note)


def _image(path: Path, workdir: Path, reporter: Reporter) -> Extraction:
    reporter(10, "reading")
    pdf = workdir / "image.pdf"
    pages = _image_to_pdf(path, pdf)
    reporter(30, "reading")
    return _ocr(pdf, workdir, reporter, force=True, page_count=pages)


def _image_to_pdf(path: Path, output: Path) -> int:
    """Wrap the image (every frame of a TIFF) in a PDF, losslessly where img2pdf can."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
            dpi = image.info.get("dpi")
            usable_dpi = bool(dpi) and all(float(d or 0) >= 70 for d in dpi[:2])
            try:
                import img2pdf

                layout = (None if usable_dpi else
                          img2pdf.get_fixed_dpi_layout_fun((DEFAULT_IMAGE_DPI, DEFAULT_IMAGE_DPI)))
                output.write_bytes(img2pdf.convert(str(path), layout_fun=layout))
                return frames
            except Exception as exc:  # alpha channels, odd modes: Pillow handles them
                logger.debug("img2pdf refused %s (%s); converting with Pillow", path.name, exc)
            resolution = float(dpi[0]) if usable_dpi else DEFAULT_IMAGE_DPI
            converted = [
                (frame.convert("L") if frame.mode in {"1", "L", "LA", "I;16"} else
                 frame.convert("RGB"))
                for frame in ImageSequence.Iterator(image)
            ]
            converted[0].save(output, "PDF", resolution=resolution, save_all=True,
                              append_images=converted[1:])
            return len(converted)
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ExtractionError(_("The image is damaged or cannot be read: %(detail)s")
                              % {"detail": str(exc)[:300]}) from exc
    except Image.DecompressionBombError as exc:
        raise ExtractionError(_("The image is too large to process.")) from exc


# --------------------------------------------------------------------------------------------
# Office formats and plain text.
# --------------------------------------------------------------------------------------------


def _docx(path: Path, workdir: Path, reporter: Reporter) -> Extraction:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    reporter(20, "reading")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken files
        raise ExtractionError(_("The Word document is damaged and cannot be read: %(detail)s")
                              % {"detail": f"{type(exc).__name__}: {exc}"[:300]}) from exc

    def blocks(container) -> Iterator[str]:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                yield block.text
            elif isinstance(block, Table):
                for row in block.rows:
                    cells, seen = [], set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        cells.append(" ".join(t for t in blocks(cell) if t.strip()))
                    yield "\t".join(cells)

    parts = list(blocks(document))
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                parts.extend(p.text for p in part.paragraphs)
    return Extraction("\n".join(parts), M.DOCX)


def _xlsx(path: Path, workdir: Path, reporter: Reporter) -> Extraction:
    import openpyxl

    reporter(20, "reading")
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on broken files
        raise ExtractionError(_("The workbook is damaged and cannot be read: %(detail)s")
                              % {"detail": f"{type(exc).__name__}: {exc}"[:300]}) from exc
    lines, size = [], 0
    try:
        for sheet in workbook.worksheets:
            lines.append(f"# {sheet.title}")
            for row in sheet.iter_rows(values_only=True):
                values = ["" if v is None else str(v) for v in row]
                while values and not values[-1]:
                    values.pop()
                if values:
                    line = "\t".join(values)
                    lines.append(line)
                    size += len(line)
                if size > MAX_TEXT_CHARS:
                    break
    finally:
        workbook.close()
    return Extraction("\n".join(lines), M.XLSX)


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _odf_inline(element) -> str:
    """Text of a paragraph with ODF's space, tab and line-break elements."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == f"{{{_ODF_TEXT}}}s":
            out.append(" " * int(child.get(f"{{{_ODF_TEXT}}}c", "1") or 1))
        elif tag == f"{{{_ODF_TEXT}}}tab":
            out.append("\t")
        elif tag == f"{{{_ODF_TEXT}}}line-break":
            out.append("\n")
        elif tag in {f"{{{_ODF_TEXT}}}note-citation"}:
            pass
        else:
            out.append(_odf_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _odf(path: Path, workdir: Path, reporter: Reporter) -> Extraction:
    reporter(20, "reading")
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > 200 * 1024 * 1024:
                raise ExtractionError(_("The document's content is too large to read."))
            with archive.open(info) as content:
                root = ElementTree.parse(content).getroot()  # noqa: S314 - expat limits entities
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as exc:
        raise ExtractionError(_("The OpenDocument file is damaged and cannot be read: "
                                "%(detail)s") % {"detail": str(exc)[:300]}) from exc
    lines: list[str] = []

    def walk(element) -> None:
        tag = element.tag
        if tag in {f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"}:
            lines.append(_odf_inline(element))
            return
        if tag == f"{{{_ODF_TABLE}}}table-row":
            cells = []
            for cell in element:
                if cell.tag not in {f"{{{_ODF_TABLE}}}table-cell",
                                    f"{{{_ODF_TABLE}}}covered-table-cell"}:
                    continue
                text = " ".join(_odf_inline(p) for p in cell.iter()
                                if p.tag in {f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h"})
                repeat = min(int(cell.get(f"{{{_ODF_TABLE}}}number-columns-repeated", "1")
                                 or 1), 1 if not text else 50)
                cells.extend([text] * repeat)
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                lines.append("\t".join(cells))
            return
        if tag == f"{{{_ODF_TABLE}}}table":
            name = element.get(f"{{{_ODF_TABLE}}}name")
            if name:
                lines.append(f"# {name}")
        for child in element:
            walk(child)

    walk(root)
    return Extraction("\n".join(lines), M.ODF)


def _plain(path: Path, workdir: Path, reporter: Reporter) -> Extraction:
    reporter(20, "reading")
    data = path.read_bytes()[: MAX_TEXT_CHARS * 4]
    return Extraction(decode_text(data), M.PLAIN)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# --------------------------------------------------------------------------------------------
# Language.
# --------------------------------------------------------------------------------------------

_STOP_WORDS = {
    "id": frozenset(
        "yang dan di ke dari untuk dengan pada ini itu dalam tidak adalah atau akan oleh "
        "sebagai juga dapat tersebut telah bahwa kami kita mereka ada dilakukan serta "
        "tentang kepada secara sudah bagi karena setiap antara lain nomor tahun tanggal".split()
    ),
    "en": frozenset(
        "the and of to in is for that with on as by are be this from or an it was at which "
        "have has not were will can their its been shall all any other such these".split()
    ),
}


def guess_language(text: str, sample_words: int = 20000) -> str:
    """"id", "en" or "" (too little text, or no clear winner) by counting stop words."""
    words = re.findall(r"[a-zA-Z]+", text[: sample_words * 12].lower())[:sample_words]
    counts = {lang: sum(1 for w in words if w in stops) for lang, stops in _STOP_WORDS.items()}
    best = max(counts, key=counts.get)
    other = min(counts, key=counts.get)
    if counts[best] < 3 or counts[best] < 1.5 * counts[other]:
        return ""
    return best
