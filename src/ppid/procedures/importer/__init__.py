"""SOP (POS) importer: turn a PermenPAN-RB 35/2012 procedure given as plain text or DOCX into
a structured procedure, listing every line it could not place in ``problems``.

Pure Python: importable without Django settings.
"""

from __future__ import annotations

from .docx_reader import parse_docx
from .model import ParsedProcedure, ParsedStep, StepKind_values, TimeUnit_values
from .text import parse_text

__all__ = [
    "ParsedProcedure",
    "ParsedStep",
    "StepKind_values",
    "TimeUnit_values",
    "decode_text",
    "parse_docx",
    "parse_file",
    "parse_text",
]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_file(name: str, data: bytes) -> ParsedProcedure:
    """Dispatch on content (a DOCX is a zip) and extension; anything else is read as text."""
    lower = (name or "").lower()
    if data.startswith(_ZIP) or lower.endswith(".docx"):
        return parse_docx(data)
    if data.startswith(_OLE) or lower.endswith((".doc", ".pdf")) or data.startswith(b"%PDF"):
        proc = ParsedProcedure()
        proc.add_problem(
            f"'{name}' is not a text or DOCX file; save it as .docx or .txt and import again"
        )
        return proc
    return parse_text(decode_text(data))
