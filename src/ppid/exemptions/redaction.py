"""Redaction ("penghitaman") of PDF documents, independent of Django models and the database.

Why rasterize and rebuild
-------------------------
Drawing a black rectangle over a PDF page hides nothing: the text under it stays in the content
stream, in earlier revisions kept by incremental updates, in metadata, XMP, annotations, form
fields, attachments, bookmarks and JavaScript. Editing content streams in place is fragile
(fonts with custom encodings, Form XObjects, inline images, clipping tricks). So `apply` never
copies anything from the source file. It builds a brand-new PDF in which:

* every page is an image of the source page *as displayed*, rendered with PDFium, with the
  marked areas painted solid black *in the pixels* before the image is encoded;
* pages that carry marks get a white band at the bottom stating that (and why) content was
  withheld: the page image is scaled down slightly so nothing visible is covered;
* an invisible text layer (text render mode 3, a glyphless font) keeps the remaining visible
  text searchable. It holds the source words minus every word touching a mark, minus words that
  are not actually visible in the rendering (text under a drawn box or an image, white-on-white
  or clipped text: the classic failed "redaction"), plus the notes and box labels;
* the document information holds only a neutral /Producer. No XMP, annotations, forms,
  attachments, outlines, JavaScript or older revisions survive: the file is written from
  scratch, object by object, and renamed into place only when complete.

Pages without marks are rasterized as well. It costs some size and sharpness but is simpler and
guarantees that nothing hidden survives on any page. Vector text becomes pixels at `dpi`; gray
pages are stored with 16 gray levels (plenty for anti-aliased text) or as JPEG, colour pages as
JPEG or Flate, whichever is smaller.

The writer streams: one page image is held in memory at a time, whatever the page count.

Limits: what annotations and form fields display stays visible (as pixels, like any visible
content) but is neither in the text layer nor seen by `detect`. `detect` joins words into lines
left to right, so numbers split over several words of vertical text are not found. A PDF that
opens without a password (owner password only) is processed; the output is unencrypted.

Coordinates (`Rect`) are fractions of the page as displayed (rotation and crop box applied),
origin at the top-left, so the workspace can draw boxes on `render_page_png` images of any size.

PDFium is not thread-safe; every use of it here is serialized by a module lock.
"""

from __future__ import annotations

import io
import math
import os
import re
import secrets
import tempfile
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageChops, ImageDraw, ImageFont

try:
    from django.utils.translation import gettext as _django_gettext
except ImportError:  # pragma: no cover - Django is a dependency of the project
    _django_gettext = None


def _(message: str) -> str:
    """Translate a user-facing message with Django when it is configured, else keep English."""
    if _django_gettext is None:  # pragma: no cover
        return message
    from django.conf import settings

    return _django_gettext(message) if settings.configured else message


__all__ = [
    "Mark",
    "Rect",
    "RedactionError",
    "Suggestion",
    "Word",
    "apply",
    "detect",
    "page_count",
    "page_sizes",
    "render_page_png",
    "words",
]

PRODUCER = "PPID redaction"
MARK_MARGIN_PT = 1.0  # painted boxes grow by this much on every side
NOTE_FONT_PT = 9.0
LABEL_MAX_PT = 10.0
LABEL_MIN_PT = 5.0
JPEG_QUALITY = 85
MAX_PAGE_PIXELS = 36_000_000  # larger pages (posters, maps) are rendered below `dpi`

_PDFIUM_LOCK = threading.RLock()


class RedactionError(Exception):
    """A problem with the input the user can act on; the message is user-facing."""


@dataclass(frozen=True)
class Rect:
    """An area of one page, in fractions (0..1) of the page as displayed, origin top-left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Word:
    rect: Rect
    text: str


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "nik", "nip", "phone", "email" or "account"
    rect: Rect
    preview: str  # masked: only the last 4 characters are shown


@dataclass(frozen=True)
class Mark:
    rect: Rect
    label: str = ""


# --------------------------------------------------------------------------------------------
# Opening documents and page geometry
# --------------------------------------------------------------------------------------------


@contextmanager
def _document(pdf: str | Path) -> Iterator[pdfium.PdfDocument]:
    """Open `pdf` with PDFium under the module lock; turn load failures into RedactionError."""
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(Path(pdf))
        except pdfium.PdfiumError as exc:
            if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                raise RedactionError(
                    _("The PDF is protected with a password. Upload a copy without one.")
                ) from exc
            raise RedactionError(_("The file is not a readable PDF.")) from exc
        except (OSError, ValueError) as exc:
            raise RedactionError(_("The file is not a readable PDF.")) from exc
        try:
            doc.init_forms()  # so form fields render as a viewer shows them
            yield doc
        finally:
            doc.close()


@contextmanager
def _page(doc: pdfium.PdfDocument, index: int) -> Iterator[pdfium.PdfPage]:
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise RedactionError(_("A page of the PDF cannot be read.")) from exc
    try:
        yield page
    finally:
        page.close()


def _check_page(index: int, count: int) -> None:
    if not isinstance(index, int) or not 0 <= index < count:
        raise RedactionError(_("The document has no such page."))


@dataclass(frozen=True)
class _Geometry:
    """Maps PDF user space of one page to display fractions (crop box and /Rotate applied)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # clockwise degrees: 0, 90, 180 or 270

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> _Geometry:
        left, bottom, right, top = page.get_bbox()
        return cls(left, bottom, right, top, page.get_rotation() % 360)

    def _fraction(self, x: float, y: float) -> tuple[float, float]:
        u = (x - self.left) / (self.right - self.left)
        v = (self.top - y) / (self.top - self.bottom)
        if self.rotation == 90:
            return 1 - v, u
        if self.rotation == 180:
            return 1 - u, 1 - v
        if self.rotation == 270:
            return v, 1 - u
        return u, v

    def rect(self, page: int, box: tuple[float, float, float, float]) -> Rect | None:
        """The display rect of a user-space box (left, bottom, right, top), clipped to the page."""
        if self.right <= self.left or self.top <= self.bottom:
            return None
        ax, ay = self._fraction(box[0], box[3])
        bx, by = self._fraction(box[2], box[1])
        x0, x1 = max(0.0, min(ax, bx)), min(1.0, max(ax, bx))
        y0, y1 = max(0.0, min(ay, by)), min(1.0, max(ay, by))
        if x1 <= x0 or y1 <= y0:
            return None
        return Rect(page, x0, y0, x1, y1)


def page_count(pdf: str | Path) -> int:
    with _document(pdf) as doc:
        return len(doc)


def page_sizes(pdf: str | Path) -> list[tuple[float, float]]:
    """(width, height) of every page in points, as displayed (rotation applied)."""
    with _document(pdf) as doc:
        return [_display_size(doc, index) for index in range(len(doc))]


def _display_size(doc: pdfium.PdfDocument, index: int) -> tuple[float, float]:
    with _page(doc, index) as page:
        width, height = page.get_size()
        return float(width), float(height)


def render_page_png(pdf: str | Path, page: int, width_px: int = 1000) -> bytes:
    """A PNG of one page as displayed, `width_px` wide (for drawing boxes in the workspace)."""
    if width_px < 1:
        raise ValueError("width_px must be positive")
    with _document(pdf) as doc:
        _check_page(page, len(doc))
        with _page(doc, page) as pdf_page:
            width_pt = pdf_page.get_width()
            image = _render(pdf_page, width_px / width_pt if width_pt > 0 else 1.0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def _render(page: pdfium.PdfPage, scale: float) -> Image.Image:
    bitmap = page.render(scale=scale, draw_annots=True, may_draw_forms=True)
    try:
        return bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()


# --------------------------------------------------------------------------------------------
# Words of the text layer
# --------------------------------------------------------------------------------------------

_Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space


@dataclass
class _PageWord:
    word: Word
    invisible: bool  # drawn with text render mode 3 (e.g. an OCR layer over a scan)
    direction: int  # reading direction as displayed, clockwise degrees: 0, 90, 180 or 270


def words(pdf: str | Path) -> list[Word]:
    """Every word of the text layer with its box, in content order, page by page."""
    with _document(pdf) as doc:
        result: list[Word] = []
        for index in range(len(doc)):
            with _page(doc, index) as page:
                result.extend(item.word for item in _page_words(page, index))
        return result


def _page_words(page: pdfium.PdfPage, index: int, *, modes: bool = False) -> list[_PageWord]:
    """Group PDFium's characters into words: split at whitespace, generated breaks and gaps."""
    geometry = _Geometry.of(page)
    textpage = page.get_textpage()
    try:
        found: list[_PageWord] = []
        chars: list[str] = []
        boxes: list[_Box] = []
        invisible, direction = True, geometry.rotation

        def flush() -> None:
            nonlocal invisible
            if chars:
                item = _make_word(index, geometry, chars, boxes)
                if item is not None:
                    found.append(_PageWord(item, invisible, direction))
            chars.clear()
            boxes.clear()
            invisible = True

        for i in range(textpage.count_chars()):
            char = _char_at(textpage, i)
            if char is None:
                flush()
                continue
            box = _char_box(textpage, i)
            if box is None:
                continue
            if boxes and not _adjacent(boxes[-1], box):
                flush()
            if modes and not chars:
                direction = _direction(textpage, i, geometry.rotation)
            chars.append(char)
            boxes.append(box)
            if modes and invisible:
                invisible = _render_mode(textpage, i) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        flush()
        return found
    finally:
        textpage.close()


def _char_at(textpage: pdfium.PdfTextPage, i: int) -> str | None:
    """The character at `i`, or None when it separates words (space, break, generated)."""
    if pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
        return None
    code = pdfium_c.FPDFText_GetUnicode(textpage, i)
    if not 32 <= code < 0x110000 or 0xD800 <= code < 0xE000:
        return None
    char = chr(code)
    if char.isspace() or not char.isprintable():
        return None
    return char


def _char_box(textpage: pdfium.PdfTextPage, i: int) -> _Box | None:
    """The loose box (font ascent to descent) of a character, the tight one as a fallback."""
    for loose in (True, False):
        try:
            left, bottom, right, top = textpage.get_charbox(i, loose=loose)
        except pdfium.PdfiumError:
            continue
        if right > left and top > bottom and all(map(math.isfinite, (left, bottom, right, top))):
            return left, bottom, right, top
    return None


def _render_mode(textpage: pdfium.PdfTextPage, i: int) -> int:
    text_object = pdfium_c.FPDFText_GetTextObject(textpage, i)
    if not text_object:
        return -1
    return int(pdfium_c.FPDFTextObj_GetTextRenderMode(text_object))


def _direction(textpage: pdfium.PdfTextPage, i: int, rotation: int) -> int:
    """The displayed reading direction of a character: its angle (PDFium measures it clockwise
    as seen) plus the page's clockwise /Rotate, snapped to a quarter turn."""
    angle = pdfium_c.FPDFText_GetCharAngle(textpage, i)
    if angle < 0:
        return rotation
    return round((rotation + math.degrees(angle)) / 90) % 4 * 90


def _adjacent(a: _Box, b: _Box) -> bool:
    """Do two consecutive characters belong to one word (horizontal or vertical writing)?"""
    a_height, b_height = a[3] - a[1], b[3] - b[1]
    a_width, b_width = a[2] - a[0], b[2] - b[0]
    vertical_overlap = min(a[3], b[3]) - max(a[1], b[1])
    if vertical_overlap >= 0.5 * min(a_height, b_height):
        gap = max(b[0] - a[2], a[0] - b[2])
        return gap <= 0.3 * max(a_height, b_height)
    horizontal_overlap = min(a[2], b[2]) - max(a[0], b[0])
    if horizontal_overlap >= 0.5 * min(a_width, b_width):
        gap = max(b[1] - a[3], a[1] - b[3])
        return gap <= 0.3 * max(a_width, b_width)
    return False


def _make_word(index: int, geometry: _Geometry, chars: list[str], boxes: list[_Box]) -> Word | None:
    union = (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
    rect = geometry.rect(index, union)
    text = unicodedata.normalize("NFKC", "".join(chars)).strip()
    if rect is None or not text:
        return None
    return Word(rect, text)


# --------------------------------------------------------------------------------------------
# Detectors of Indonesian personal data
# --------------------------------------------------------------------------------------------

# A number must not continue with more digits, directly or after a dot or dash.
_START = r"(?<![\d])(?<!\d[.\-])"
_END = r"(?!\d)(?![.\-]\d)"

_NIK = re.compile(
    _START
    + r"(?:\d{16}"
    + r"|\d{4}(?P<a>[ .\-])\d{4}(?P=a)\d{4}(?P=a)\d{4}"
    + r"|\d{6}(?P<b>[ .\-])\d{6}(?P=b)\d{4})"
    + _END
)
_NIP = re.compile(_START + r"(?:\d{18}|\d{8}(?P<s>[ .\-])\d{6}(?P=s)\d(?P=s)\d{3})" + _END)
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[.\-])(?:"
    # mobile: 08xx, 62 8xx or +62 8xx, in groups
    + r"(?:\+62[ .\-]?|62[ .\-]?|0)8\d{1,3}(?:[ .\-]?\d{2,4}){2,3}"
    # landline: (021) 5551234, 021-5551234, +62 21 5551234
    + r"|(?:\(0[1-9]\d{1,2}\)[ ]?|0[1-9]\d{1,2}[ .\-]|\+62[ .\-]?\(?[1-79]\d{0,2}\)?[ .\-]?)"
    + r"\d{3,4}[ .\-]?\d{3,5}"
    + r")"
    + _END
)
_EMAIL = re.compile(
    r"(?<![\w.%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b"
)
_ACCOUNT = re.compile(_START + r"\d+(?:[.\-]\d+)*(?: \d+(?:[.\-]\d+)*)*" + _END)
_ACCOUNT_KEYWORD = re.compile(
    r"(?<![a-z])(?:no\.?\s*rek|norek|rek(?:ening)?|account|a/n|a\.n\.|bank)(?![a-z])",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_CURRENCY_BEFORE = re.compile(r"(?<![a-z])(?:rp|idr|usd)\.?\s*$", re.IGNORECASE)
_NEXT_GROUP = re.compile(r" \d")
_PREVIOUS_GROUP = re.compile(r"\d{3} $")
_KEYWORD_LOOKBACK = 4  # words of the previous line that still count for an account keyword


@dataclass(frozen=True)
class _Line:
    words: tuple[Word, ...]
    text: str
    spans: tuple[tuple[int, int], ...]  # character span of each word in `text`

    @classmethod
    def of(cls, line_words: list[Word]) -> _Line:
        spans, position = [], 0
        for word in line_words:
            spans.append((position, position + len(word.text)))
            position += len(word.text) + 1
        return cls(tuple(line_words), " ".join(w.text for w in line_words), tuple(spans))

    def rect(self, start: int, end: int) -> Rect:
        """The union box of the words overlapping the character span [start, end)."""
        hit = [w.rect for w, (s, e) in zip(self.words, self.spans, strict=True)
               if s < end and start < e]
        return Rect(hit[0].page, min(r.x0 for r in hit), min(r.y0 for r in hit),
                    max(r.x1 for r in hit), max(r.y1 for r in hit))


def detect(words: list[Word]) -> list[Suggestion]:
    """Find NIK, NIP, phone numbers, e-mail addresses and bank account numbers, line by line."""
    found: dict[tuple[str, Rect], Suggestion] = {}
    previous: _Line | None = None
    for line in _lines(words):
        for kind, start, end in _line_matches(line, previous):
            rect = line.rect(start, end)
            preview = _preview(kind, line.text[start:end])
            found.setdefault((kind, rect), Suggestion(kind, rect, preview))
        previous = line
    return sorted(found.values(), key=lambda s: (s.rect.page, s.rect.y0, s.rect.x0, s.kind))


def _lines(words: Iterable[Word]) -> Iterator[_Line]:
    """Group words into lines: same page, overlapping vertically, no wide horizontal gap."""
    by_page: dict[int, list[Word]] = {}
    for word in words:
        by_page.setdefault(word.rect.page, []).append(word)
    for page in sorted(by_page):
        rows: list[list[Word]] = []
        for word in sorted(by_page[page], key=lambda w: ((w.rect.y0 + w.rect.y1) / 2, w.rect.x0)):
            if rows and _same_row(rows[-1][0], word):
                rows[-1].append(word)
            else:
                rows.append([word])
        for row in rows:
            yield from (_Line.of(part) for part in _split_at_gaps(sorted(row, key=_left)))


def _left(word: Word) -> float:
    return word.rect.x0


def _same_row(first: Word, word: Word) -> bool:
    a, b = first.rect, word.rect
    centre = (b.y0 + b.y1) / 2
    return a.y0 <= centre <= a.y1 and (a.y0 + a.y1) / 2 >= b.y0


def _split_at_gaps(row: list[Word]) -> Iterator[list[Word]]:
    """Split a row where the gap is far wider than a character (columns, table cells far apart)."""
    part = [row[0]]
    for word in row[1:]:
        before = part[-1]
        char_width = max(_char_width(before), _char_width(word))
        if word.rect.x0 - before.rect.x1 > 6 * char_width:
            yield part
            part = []
        part.append(word)
    yield part


def _char_width(word: Word) -> float:
    return (word.rect.x1 - word.rect.x0) / max(1, len(word.text))


def _line_matches(line: _Line, previous: _Line | None) -> list[tuple[str, int, int]]:
    """Non-overlapping (kind, start, end) matches on one line, stronger kinds first."""
    taken: list[tuple[int, int]] = []
    result: list[tuple[str, int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if all(end <= s or e <= start for s, e in taken):
            taken.append((start, end))
            result.append((kind, start, end))

    text = line.text
    for kind, pattern in (("nik", _NIK), ("nip", _NIP), ("email", _EMAIL), ("phone", _PHONE)):
        for match in pattern.finditer(text):
            if kind != "phone" or 9 <= _digit_count(match.group()) <= 13:
                if not _part_of_longer(text, *match.span()):
                    add(kind, *match.span())
    if _has_account_keyword(line, previous):
        for start, end in _account_spans(text):
            add("account", start, end)
    return result


def _part_of_longer(text: str, start: int, end: int) -> bool:
    """Does a number written in space-separated groups go on with one more group (after it, or
    a group of 3+ digits before it; a short one before is rather a row number)? Then it is part
    of something longer, which the account detector may still take whole."""
    if " " not in text[start:end]:
        return False
    return (_NEXT_GROUP.match(text, end) is not None
            or _PREVIOUS_GROUP.search(text, 0, start) is not None)


def _has_account_keyword(line: _Line, previous: _Line | None) -> bool:
    context = line.text
    if previous is not None and previous.words[0].rect.page == line.words[0].rect.page:
        context = " ".join(w.text for w in previous.words[-_KEYWORD_LOOKBACK:]) + " " + context
    return _ACCOUNT_KEYWORD.search(context) is not None


def _account_spans(text: str) -> Iterator[tuple[int, int]]:
    """Runs of 10-16 digits; a run of space-separated groups is tried whole, then per group."""
    for match in _ACCOUNT.finditer(text):
        if _CURRENCY_BEFORE.search(text, 0, match.start()):
            continue
        if _is_account_number(match.group()):
            yield match.span()
            continue
        position = match.start()
        for piece in match.group().split(" "):
            if _is_account_number(piece):
                yield position, position + len(piece)
            position += len(piece) + 1


def _is_account_number(text: str) -> bool:
    return 10 <= _digit_count(text) <= 16 and not _AMOUNT.match(text)


def _digit_count(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _preview(kind: str, text: str) -> str:
    """The matched value with all but its last 4 characters masked."""
    if kind == "email":
        value = text
    elif kind == "phone":
        value = ("+" if text.lstrip("(").startswith("+") else "") + re.sub(r"\D", "", text)
    else:
        value = re.sub(r"\D", "", text)
    shown = value[-4:] if len(value) > 4 else ""
    return "*" * (len(value) - len(shown)) + shown


# --------------------------------------------------------------------------------------------
# apply(): rasterize, paint, annotate, rebuild
# --------------------------------------------------------------------------------------------


def apply(
    pdf: str | Path,
    marks: list[Mark],
    notes: dict[int, list[str]],
    out: str | Path,
    *,
    dpi: int = 200,
) -> None:
    """Write a redacted copy of `pdf` to `out` (atomically); see the module docstring."""
    if not 36 <= dpi <= 1200:
        raise ValueError("dpi must be between 36 and 1200")
    out = Path(out)
    with _document(pdf) as doc:
        count = len(doc)
        marks_by_page = _validated_marks(marks, count)
        with _atomic_output(out) as stream:
            writer = _PdfWriter(stream)
            font = writer.add_text_font()
            for index in range(count):
                page_marks = marks_by_page.get(index, [])
                page_notes = _page_notes(notes, index) if page_marks else []
                with _page(doc, index) as page:
                    new_page = _redact_page(page, index, page_marks, page_notes, dpi)
                writer.add_page(new_page, font)
            writer.finish()


def _validated_marks(marks: Iterable[Mark], count: int) -> dict[int, list[Mark]]:
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        rect = mark.rect
        _check_page(rect.page, count)
        values = (rect.x0, rect.y0, rect.x1, rect.y1)
        if not all(isinstance(v, int | float) and math.isfinite(v) and 0 <= v <= 1
                   for v in values) or rect.x1 <= rect.x0 or rect.y1 <= rect.y0:
            raise RedactionError(_("A redaction box lies outside the page or is empty."))
        by_page.setdefault(rect.page, []).append(mark)
    return by_page


def _page_notes(notes: dict[int, list[str]] | None, index: int) -> list[str]:
    """The page's notes (keys may also be strings, as after a JSON round trip), or a default."""
    notes = notes or {}
    given = notes.get(index) or notes.get(str(index)) or []
    texts = [" ".join(str(note).split()) for note in given]
    return [text for text in texts if text] or [_("Part of this page has been withheld.")]


@contextmanager
def _atomic_output(out: Path) -> Iterator[BinaryIO]:
    """A temporary file next to `out`, renamed over it on success and removed on failure."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp",
                                             dir=out.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class _TextItem:
    """A run of invisible text to place in a box given in PDF points of the new page."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    direction: int = 0  # reading direction as displayed, clockwise degrees


@dataclass
class _NewPage:
    """One page of the output. The page image is scaled down uniformly (and centred) to leave
    room for the note band at the bottom; without a band it fills the page."""

    width: float  # points
    height: float
    image: Image.Image
    band: Image.Image | None = None  # the note band, only on pages with marks
    band_height: float = 0.0  # points
    texts: list[_TextItem] = field(default_factory=list)

    @property
    def scale(self) -> float:
        return (self.height - self.band_height) / self.height

    @property
    def offset_x(self) -> float:
        return self.width * (1 - self.scale) / 2

    def place(self, rect: Rect) -> tuple[float, float, float, float]:
        """A display rect of the source page in points of this page: left, bottom, right, top."""
        width, height = self.width * self.scale, self.height * self.scale
        return (self.offset_x + rect.x0 * width, self.band_height + (1 - rect.y1) * height,
                self.offset_x + rect.x1 * width, self.band_height + (1 - rect.y0) * height)


def _redact_page(
    page: pdfium.PdfPage, index: int, marks: list[Mark], notes: list[str], dpi: int
) -> _NewPage:
    width, height = (float(v) for v in page.get_size())
    px_per_pt = min(dpi / 72, math.sqrt(MAX_PAGE_PIXELS / max(1.0, width * height)))
    page_words = _page_words(page, index, modes=True)
    hidden = [[i for i, mark in enumerate(marks) if _overlaps(item.word.rect, mark.rect)]
              for item in page_words]
    image = _render(page, px_per_pt)
    visible = _visible_words(page, image, px_per_pt,
                             [item for item, hits in zip(page_words, hidden, strict=True)
                              if not hits])
    _paint_marks(image, marks, px_per_pt)
    new_page = _NewPage(width, height, image)
    if marks:
        new_page.band, new_page.band_height, note_lines = _note_band(notes, width, height,
                                                                     px_per_pt)
    # The text layer in content order; a label takes the place of the first word it hides.
    labels = {i: " ".join(mark.label.split()) for i, mark in enumerate(marks)}
    for item, hits in zip(page_words, hidden, strict=True):
        for i in hits:
            if labels.get(i):
                new_page.texts.append(_TextItem(labels.pop(i), *new_page.place(marks[i].rect)))
        if not hits and id(item) in visible:
            new_page.texts.append(
                _TextItem(item.word.text, *new_page.place(item.word.rect), item.direction))
    new_page.texts += [_TextItem(label, *new_page.place(marks[i].rect))
                       for i, label in labels.items() if label]
    if marks:
        new_page.texts += note_lines
    return new_page


def _overlaps(a: Rect, b: Rect) -> bool:
    epsilon = 1e-6
    return (a.page == b.page and a.x0 < b.x1 - epsilon and b.x0 < a.x1 - epsilon
            and a.y0 < b.y1 - epsilon and b.y0 < a.y1 - epsilon)


def _pixel_box(rect: Rect, image: Image.Image, margin_px: float = 0.0) -> tuple[int, int, int, int]:
    """The pixel box of `rect` on `image`, rounded outward and grown by `margin_px`."""
    width, height = image.size
    return (max(0, math.floor(rect.x0 * width - margin_px)),
            max(0, math.floor(rect.y0 * height - margin_px)),
            min(width, math.ceil(rect.x1 * width + margin_px)),
            min(height, math.ceil(rect.y1 * height + margin_px)))


def _visible_words(
    page: pdfium.PdfPage, image: Image.Image, scale: float, candidates: list[_PageWord]
) -> set[int]:
    """The ids of the words a reader can see, so hidden text never reaches the new text layer.

    Visible text (any render mode but 3) must change the pixels: the page is rendered again with
    all text made invisible and the two renderings are compared inside the word's box. Text that
    is invisible on purpose (an OCR layer over a scanned image) must lie on something legible:
    the box must contain contrasting pixels, not a flat black or white area.
    """
    if not candidates:
        return set()
    without_text = _render_without_text(page, scale, image.size) if any(
        not item.invisible for item in candidates) else None
    visible = set()
    for item in candidates:
        box = _pixel_box(item.word.rect, image)
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        crop = image.crop(box)
        if item.invisible or without_text is None:
            seen = _has_contrast(crop)
        else:
            seen = _differs(crop, without_text.crop(box))
        if seen:
            visible.add(id(item))
    return visible


def _render_without_text(
    page: pdfium.PdfPage, scale: float, size: tuple[int, int]
) -> Image.Image:
    """Render the page once more with every text object switched to invisible (in memory)."""
    for page_object in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,)):
        pdfium_c.FPDFTextObj_SetTextRenderMode(page_object, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    image = _render(page, scale)
    if image.size != size:
        image = image.resize(size)
    return image


def _differs(a: Image.Image, b: Image.Image) -> bool:
    histogram = ImageChops.difference(a, b).convert("L").histogram()
    return sum(histogram[24:]) >= 2


def _has_contrast(crop: Image.Image) -> bool:
    histogram = crop.convert("L").histogram()
    background = max(range(256), key=histogram.__getitem__)
    ink = sum(n for value, n in enumerate(histogram) if abs(value - background) > 40)
    return ink >= max(2, 0.01 * crop.width * crop.height)


def _paint_marks(image: Image.Image, marks: list[Mark], px_per_pt: float) -> None:
    """Paint every mark solid black (with a margin), its label in white when it fits."""
    draw = ImageDraw.Draw(image)
    margin_px = MARK_MARGIN_PT * px_per_pt
    for mark in marks:
        box = _pixel_box(mark.rect, image, margin_px)
        draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=(0, 0, 0))
    for mark in marks:
        label = " ".join(mark.label.split())
        if label:
            _draw_label(draw, label, _pixel_box(mark.rect, image, margin_px), px_per_pt)


def _draw_label(draw: ImageDraw.ImageDraw, label: str, box: tuple[int, int, int, int],
                px_per_pt: float) -> None:
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    size_pt = min(LABEL_MAX_PT, box_height / px_per_pt * 0.7)
    while size_pt >= LABEL_MIN_PT:
        font = _font(round(size_pt * px_per_pt))
        if font.getlength(label) <= box_width - 2 * px_per_pt:
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            draw.text(centre, label, fill=(255, 255, 255), font=font, anchor="mm")
            return
        size_pt -= 0.5


def _note_band(
    notes: list[str], width: float, height: float, px_per_pt: float
) -> tuple[Image.Image, float, list[_TextItem]]:
    """A white band with the notes wrapped to the page width; its height; its text items."""
    font = _font(round(NOTE_FONT_PT * px_per_pt))
    padding_pt, line_pt = 5.0, NOTE_FONT_PT * 1.35
    margin_pt = max(12.0, 0.04 * width)
    max_lines = max(1, int((0.25 * height - 2 * padding_pt) / line_pt))
    lines = _wrap(notes, font, (width - 2 * margin_pt) * px_per_pt)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [lines[max_lines - 1].rstrip(".") + " …"]
    band_height = 2 * padding_pt + line_pt * len(lines)
    band = Image.new("RGB", (round(width * px_per_pt), round(band_height * px_per_pt)), "white")
    draw = ImageDraw.Draw(band)
    draw.line((0, 0, band.width, 0), fill=(120, 120, 120), width=max(1, round(px_per_pt / 2)))
    items = []
    for number, line in enumerate(lines):
        top_pt = padding_pt + number * line_pt
        draw.text((margin_pt * px_per_pt, top_pt * px_per_pt), line, fill=(20, 20, 20), font=font)
        line_width_pt = font.getlength(line) / px_per_pt
        top = band_height - top_pt
        items.append(_TextItem(line, margin_pt, top - NOTE_FONT_PT * 1.2, margin_pt + line_width_pt,
                               top))
    return band, band_height, items


def _wrap(paragraphs: list[str], font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Break paragraphs into lines no wider than `max_width` (overlong words are cut)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in _pieces(paragraph.split(), font, max_width):
            candidate = f"{line} {word}" if line else word
            if line and font.getlength(candidate) > max_width:
                lines.append(line)
                candidate = word
            line = candidate
        if line:
            lines.append(line)
    return lines


def _pieces(words: list[str], font: ImageFont.FreeTypeFont, max_width: float) -> Iterator[str]:
    for word in words:
        while font.getlength(word) > max_width and len(word) > 1:
            cut = next(n for n in range(len(word), 0, -1)
                       if font.getlength(word[:n]) <= max_width or n == 1)
            yield word[:cut]
            word = word[cut:]
        yield word


@lru_cache(maxsize=1)
def _font_path() -> str | None:
    """DejaVu Sans (or another common sans) from /usr/share/fonts, else OCRmyPDF's Noto Sans."""
    wanted = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf")
    found: dict[str, str] = {}
    for root, _dirs, files in os.walk("/usr/share/fonts"):
        for name in wanted:
            if name in files:
                found.setdefault(name, os.path.join(root, name))
    for name in wanted:
        if name in found:
            return found[name]
    bundled = _ocrmypdf_data("NotoSans-Regular.ttf")
    return str(bundled) if bundled else None


@lru_cache(maxsize=32)
def _font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    size_px = max(6, size_px)
    path = _font_path()
    if path:
        try:
            return ImageFont.truetype(path, size_px)
        except OSError:
            pass
    return ImageFont.load_default(size=size_px)


def _ocrmypdf_data(name: str) -> Path | None:
    try:
        from importlib.resources import files

        path = files("ocrmypdf.data").joinpath(name)
        return Path(str(path)) if path.is_file() else None
    except (ImportError, ModuleNotFoundError, OSError):
        return None


@dataclass
class _EncodedImage:
    data: bytes
    filter: str
    colour_space: str
    bits: int


def _encode_image(image: Image.Image) -> _EncodedImage:
    """The smaller of JPEG and a lossless Flate encoding. Gray pages (most text) are stored
    with 16 gray levels: plenty for anti-aliased text, several times smaller than 256."""
    buffer = io.BytesIO()
    if _is_gray(image):
        image = image.convert("L")
        levels = image.point(lambda v: (v * 15 + 127) // 255 * 17)
        flate = _EncodedImage(zlib.compress(levels.tobytes("raw", "L;4"), 6), "/FlateDecode",
                              "/DeviceGray", 4)
    else:
        flate = _EncodedImage(zlib.compress(image.tobytes(), 6), "/FlateDecode", "/DeviceRGB", 8)
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    jpeg = _EncodedImage(buffer.getvalue(), "/DCTDecode", flate.colour_space, 8)
    return flate if len(flate.data) <= len(jpeg.data) else jpeg


def _is_gray(image: Image.Image) -> bool:
    red, green, blue = image.split()
    return (ImageChops.difference(red, green).getbbox() is None
            and ImageChops.difference(green, blue).getbbox() is None)


# --------------------------------------------------------------------------------------------
# A minimal streaming PDF writer
# --------------------------------------------------------------------------------------------

_FONT_NAME = "Occulta-Regular"  # OCRmyPDF's glyphless font: every glyph is blank
_GLYPH_ID = 4  # its "blank1" glyph, 500 units wide
_GLYPH_WIDTH = 500
_ASCENT, _DESCENT = 800, -200


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class _PdfWriter:
    """Writes objects sequentially to a stream; only the xref is kept in memory."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.offsets: dict[int, int] = {}
        self.next_number = 3  # 1: catalog, 2: page tree
        self.pages: list[int] = []
        self.stream.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def reserve(self) -> int:
        self.next_number += 1
        return self.next_number - 1

    def write(self, number: int, body: str | bytes) -> int:
        self.offsets[number] = self.stream.tell()
        data = body.encode("latin-1") if isinstance(body, str) else body
        self.stream.write(b"%d 0 obj\n" % number + data + b"\nendobj\n")
        return number

    def write_stream(self, number: int, entries: str, data: bytes, *, compress: bool) -> int:
        if compress:
            data, entries = zlib.compress(data, 9), entries + " /Filter /FlateDecode"
        head = f"<< {entries} /Length {len(data)} >>\nstream\n".encode("latin-1")
        return self.write(number, head + data + b"\nendstream")

    def add_text_font(self) -> int:
        """A Type0 font whose codes are UTF-16 code units (CID = Unicode), all mapped to a blank
        glyph, with a ToUnicode map so extracted text is exactly the text written."""
        font_file = _ocrmypdf_data("Occulta.ttf")
        file_entry = ""
        if font_file is not None:
            data = font_file.read_bytes()
            number = self.write_stream(self.reserve(), f"/Length1 {len(data)}", data,
                                       compress=True)
            file_entry = f" /FontFile2 {number} 0 R"
        descriptor = self.write(self.reserve(), (
            f"<< /Type /FontDescriptor /FontName /{_FONT_NAME} /Flags 4"
            f" /FontBBox [0 {_DESCENT} 1000 {_ASCENT}] /ItalicAngle 0 /Ascent {_ASCENT}"
            f" /Descent {_DESCENT} /CapHeight 700 /StemV 80{file_entry} >>"))
        gid_map = self.write_stream(self.reserve(), "", _GLYPH_ID.to_bytes(2, "big") * 65536,
                                    compress=True)
        cid_font = self.write(self.reserve(), (
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{_FONT_NAME}"
            " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            f" /FontDescriptor {descriptor} 0 R /DW {_GLYPH_WIDTH} /CIDToGIDMap {gid_map} 0 R >>"))
        to_unicode = self.write_stream(self.reserve(), "", _to_unicode_cmap(), compress=True)
        return self.write(self.reserve(), (
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{_FONT_NAME} /Encoding /Identity-H"
            f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"))

    def add_image(self, image: Image.Image) -> int:
        encoded = _encode_image(image)
        entries = (f"/Type /XObject /Subtype /Image /Width {image.width} /Height {image.height}"
                   f" /ColorSpace {encoded.colour_space} /BitsPerComponent {encoded.bits}"
                   f" /Filter {encoded.filter}")
        return self.write_stream(self.reserve(), entries, encoded.data, compress=False)

    def add_page(self, page: _NewPage, font: int) -> None:
        image = self.add_image(page.image)
        page.image.close()
        xobjects = f"/Im0 {image} 0 R"
        content = [f"q {_number(page.width * page.scale)} 0 0 {_number(page.height * page.scale)}"
                   f" {_number(page.offset_x)} {_number(page.band_height)} cm /Im0 Do Q"]
        if page.band is not None:
            band = self.add_image(page.band)
            xobjects += f" /Im1 {band} 0 R"
            content.append(f"q {_number(page.width)} 0 0 {_number(page.band_height)} 0 0 cm"
                           " /Im1 Do Q")
        content.append(_text_layer(page.texts))
        contents = self.write_stream(self.reserve(), "", "\n".join(content).encode("latin-1"),
                                     compress=True)
        self.pages.append(self.write(self.reserve(), (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_number(page.width)}"
            f" {_number(page.height)}] /Resources << /XObject << {xobjects} >>"
            f" /Font << /F0 {font} 0 R >> >> /Contents {contents} 0 R >>")))

    def finish(self) -> None:
        kids = " ".join(f"{number} 0 R" for number in self.pages)
        self.write(1, "<< /Type /Catalog /Pages 2 0 R >>")
        self.write(2, f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>")
        info = self.write(self.reserve(), f"<< /Producer ({PRODUCER}) >>")
        xref_offset = self.stream.tell()
        lines = [f"xref\n0 {self.next_number}\n", "0000000000 65535 f \n"]
        lines += [f"{self.offsets[n]:010d} 00000 n \n" for n in range(1, self.next_number)]
        file_id = secrets.token_hex(16)
        lines.append(f"trailer\n<< /Size {self.next_number} /Root 1 0 R /Info {info} 0 R"
                     f" /ID [<{file_id}> <{file_id}>] >>\nstartxref\n{xref_offset}\n%%EOF\n")
        self.stream.write("".join(lines).encode("latin-1"))


def _text_layer(items: list[_TextItem]) -> str:
    """Invisible text (render mode 3), each run stretched over its box with Tz."""
    parts = ["BT 3 Tr"]
    for item in items:
        text = _cid_text(item.text)
        width, height = item.right - item.left, item.top - item.bottom
        if not text or width <= 0 or height <= 0:
            continue
        sideways = item.direction in (90, 270)
        along, across = (height, width) if sideways else (width, height)
        size = across * 1000 / (_ASCENT - _DESCENT)
        natural = len(text) * _GLYPH_WIDTH / 1000 * size
        stretch = min(10000.0, max(1.0, 100 * along / natural))
        matrix = _text_matrix(item, -_DESCENT / 1000 * size)
        # A trailing space keeps words apart for extractors that do not infer them from gaps.
        encoded = (text + " ").encode("utf-16-be").hex().upper()
        parts.append(f"/F0 {_number(size)} Tf {_number(stretch)} Tz {matrix} Tm <{encoded}> Tj")
    parts.append("ET")
    return "\n".join(parts)


def _text_matrix(item: _TextItem, descent: float) -> str:
    """Tm operands putting the baseline start of a run in its box, for its reading direction."""
    if item.direction == 90:  # reads downward, glyph tops face right
        values = (0, -1, 1, 0, item.left + descent, item.top)
    elif item.direction == 180:
        values = (-1, 0, 0, -1, item.right, item.top - descent)
    elif item.direction == 270:  # reads upward, glyph tops face left
        values = (0, 1, -1, 0, item.right - descent, item.bottom)
    else:
        values = (1, 0, 0, 1, item.left, item.bottom + descent)
    return " ".join(_number(v) for v in values)


def _cid_text(text: str) -> str:
    """Text restricted to what the font encodes: BMP characters, no controls or surrogates."""
    clean = []
    for char in " ".join(text.split()):
        code = ord(char)
        if code > 0xFFFF:
            clean.append("\ufffd")
        elif code >= 32 and not 0xD800 <= code < 0xE000:
            clean.append(char)
    return "".join(clean)


@lru_cache(maxsize=1)
def _to_unicode_cmap() -> bytes:
    """Map every 2-byte code to the same Unicode code point (surrogates excluded)."""
    ranges = [f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>"
              for high in range(256) if not 0xD8 <= high <= 0xDF]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")
