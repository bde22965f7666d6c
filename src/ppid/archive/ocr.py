"""OCR with OCRmyPDF and Tesseract: availability, the call itself, and its progress.

OCRmyPDF reports progress through progress-bar objects it asks a plugin for; this module is
that plugin (`PLUGIN`). The bar it hands out forwards to the reporter of the run in progress,
which `run_ocr` sets for the duration of the call.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from ppid.core.i18n import lazy as _

logger = logging.getLogger(__name__)

PLUGIN = "ppid.archive.ocr"
LANGUAGES = ("ind", "eng")
INSTALL_HINT = "apt install tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"

# (progress from, progress to) of the whole run that each OCRmyPDF step covers.
OCR_BAND = (35, 80)
FINISH_LIMIT = 95


class OcrError(Exception):
    """OCR could not be done; `message` says why in plain words (translatable)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def missing_message():
    """Why OCR cannot run here, or None if it can."""
    if tesseract_path() is None:
        return _(
            "Text recognition (OCR) is not available because Tesseract is not installed on the "
            "server. Ask the administrator to install it (%(command)s), then retry."
        ) % {"command": INSTALL_HINT}
    if shutil.which("gs") is None:
        return _(
            "Text recognition (OCR) is not available because Ghostscript is not installed on "
            "the server. Ask the administrator to install it (apt install ghostscript), then "
            "retry."
        )
    return None


def installed_languages() -> set[str]:
    path = tesseract_path()
    if path is None:
        return set()
    try:
        result = subprocess.run([path, "--list-langs"], capture_output=True, text=True,
                                timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return {line.strip() for line in lines if line.strip() and " " not in line.strip()}


def availability_report() -> list[tuple[str, str]]:
    """Lines for `ppid check` (English, like the rest of that report)."""
    if tesseract_path() is None:
        return [("warning", "OCR is not available because tesseract is not installed: scanned "
                            "PDFs and images will fail processing (other files keep working). "
                            f"Install it with: {INSTALL_HINT}")]
    out = []
    missing = [lang for lang in LANGUAGES if lang not in installed_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        out.append(("warning", f"Tesseract lacks the language data {', '.join(missing)}; "
                               f"OCR will fail. Install it with: apt install {packages}"))
    if shutil.which("gs") is None:
        out.append(("warning", "Ghostscript is not installed, so no archival PDF/A can be made "
                               "and OCR fails. Install it with: apt install ghostscript"))
    if not out:
        out.append(("ok", "OCR is available (tesseract with Indonesian and English)."))
    return out


# --------------------------------------------------------------------------------------------
# Progress: the OCRmyPDF plugin.
# --------------------------------------------------------------------------------------------

Reporter = Callable[[int, str], None]
_current: dict = {"reporter": None, "thread": None, "progress": OCR_BAND[0]}
_lock = threading.Lock()  # one OCR run per process at a time keeps the reporter unambiguous


class _Bar:
    """One OCRmyPDF progress bar, turned into the run's overall percentage and stage."""

    def __init__(self, *, total=None, desc=None, unit=None, disable=False, **kwargs):
        self.total = total or 0
        self.desc = desc or ""
        self.done = 0.0
        if self.desc in {"OCR", "Image processing"}:
            self.band, self.stage = OCR_BAND, "ocr"
        elif self.desc == "Scanning contents":
            self.band, self.stage = (OCR_BAND[0] - 5, OCR_BAND[0]), "reading"
        else:  # PDF/A conversion, optimising, linearising, checking output
            start = max(_current["progress"], OCR_BAND[1])
            self.band, self.stage = (start, min(start + 4, FINISH_LIMIT)), "pdfa"

    def __enter__(self):
        self._report(0)
        return self

    def __exit__(self, *exc):
        self._report(self.total or 1, force_end=True)
        return False

    def update(self, n=1, *, completed=None):
        self.done = float(completed) if completed is not None else self.done + float(n or 0)
        self._report(self.done)

    def _report(self, done, force_end=False):
        reporter = _current["reporter"]
        if reporter is None or threading.get_ident() != _current["thread"]:
            return
        low, high = self.band
        fraction = 1.0 if force_end else (min(done / self.total, 1.0) if self.total else 0.0)
        percent = int(low + (high - low) * fraction)
        percent = max(percent, _current["progress"])
        _current["progress"] = percent
        reporter(percent, self.stage)


def _quiet_libraries() -> None:
    """OCRmyPDF and pikepdf log every step at INFO; keep that for PPID_LOG_LEVEL=DEBUG."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        return
    for name in ("ocrmypdf", "pikepdf"):
        library = logging.getLogger(name)
        if library.level == logging.NOTSET:
            library.setLevel(logging.WARNING)


def get_progressbar_class():
    return _Bar


try:  # registered as an OCRmyPDF plugin through PLUGIN (this module's name)
    _quiet_libraries()
    from ocrmypdf import hookimpl

    get_progressbar_class = hookimpl(get_progressbar_class)
except ImportError:  # pragma: no cover - ocrmypdf is a dependency
    pass


# --------------------------------------------------------------------------------------------
# Running it.
# --------------------------------------------------------------------------------------------


def run_ocr(source: Path, output: Path, *, force: bool, reporter: Reporter | None = None) -> str:
    """OCR `source` (a PDF) into a PDF/A at `output`. Returns a note ("" if all went well).

    force=True recognises every page (a scan); False only pages without text (mixed).
    Raises OcrError with a plain reason.
    """
    missing = missing_message()
    if missing is not None:
        raise OcrError(missing)
    import ocrmypdf
    from ocrmypdf import exceptions as ocr_errors

    with _lock:
        _current.update(reporter=reporter, thread=threading.get_ident(), progress=OCR_BAND[0])
        try:
            code = ocrmypdf.ocr(
                source, output,
                language=list(LANGUAGES),
                output_type="pdfa",
                mode="force" if force else "skip",
                rotate_pages=False,
                deskew=False,
                optimize=1,
                jobs=2,
                use_threads=True,
                progress_bar=reporter is not None,
                plugins=[PLUGIN],
            )
        except ocr_errors.EncryptedPdfError as exc:
            raise OcrError(_("The PDF is protected with a password, so its text cannot be "
                             "read.")) from exc
        except ocr_errors.DigitalSignatureError as exc:
            raise OcrError(_("The PDF is digitally signed; recognising its text would break the "
                             "signature, so it was left as it is.")) from exc
        except ocr_errors.PdfaConversionFailedError:
            return _("The archival copy is a valid PDF with text, but Ghostscript could not "
                     "make it PDF/A-conformant.")
        except ocr_errors.MissingDependencyError as exc:
            raise OcrError(_("A program needed for OCR is missing on the server: %(detail)s")
                           % {"detail": str(exc).strip()[:300]}) from exc
        except ocr_errors.DpiError as exc:
            raise OcrError(_("The image's resolution is too low or unknown for text "
                             "recognition.")) from exc
        except (ocr_errors.InputFileError, ocr_errors.UnsupportedImageFormatError) as exc:
            raise OcrError(_("The file is damaged or not a readable PDF or image: %(detail)s")
                           % {"detail": str(exc).strip()[:300]}) from exc
        except ocr_errors.ExitCodeException as exc:
            raise OcrError(_("Text recognition failed: %(detail)s")
                           % {"detail": (str(exc).strip() or type(exc).__name__)[:300]}) from exc
        finally:
            _current.update(reporter=None, thread=None)
    if code == ocrmypdf.ExitCode.pdfa_conversion_failed:
        return _("The archival copy is a valid PDF with text, but Ghostscript could not make it "
                 "PDF/A-conformant.")
    if code not in (ocrmypdf.ExitCode.ok,):
        raise OcrError(_("Text recognition failed (OCRmyPDF exit code %(code)s).")
                       % {"code": int(code)})
    return ""
