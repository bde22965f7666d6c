"""Recognise an uploaded file's type from its content, never from its name."""

from __future__ import annotations

import zipfile

import filetype

from ppid.register.constants import FileType

_SIMPLE = {
    "application/pdf": FileType.PDF,
    "image/jpeg": FileType.JPEG,
    "image/png": FileType.PNG,
    "image/tiff": FileType.TIFF,
}
_OOXML_MAIN = {
    "wordprocessingml.document.main+xml": FileType.DOCX,
    "spreadsheetml.sheet.main+xml": FileType.XLSX,
}
_ODF = {
    "application/vnd.oasis.opendocument.text": FileType.ODT,
    "application/vnd.oasis.opendocument.spreadsheet": FileType.ODS,
}


def _zip_type(fileobj) -> FileType | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                for marker, kind in _OOXML_MAIN.items():
                    if marker in types:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off at the end of the sample is still text.
        if exc.start < len(head) - 4:
            return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) // 100


def detect(fileobj) -> FileType | None:
    """The file's type if it is one we accept, else None. Leaves the file at position 0."""
    fileobj.seek(0)
    head = fileobj.read(65536)
    fileobj.seek(0)
    try:
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(fileobj)
        guessed = filetype.guess_mime(head)
        if guessed in _SIMPLE:
            return _SIMPLE[guessed]
        if guessed is None and _looks_like_text(head):
            return FileType.TEXT
        return None
    finally:
        fileobj.seek(0)
