"""Markup clean-up (HTML fragments, markdown bold) and list-item splitting."""

from __future__ import annotations

import html
import re

_LI = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<\s*(?:/li|br|/?p|/?ol|/?ul|/?div|/h\d|h\d)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b]+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
BULLET = "\u2022"


def strip_markup(text: str) -> str:
    """Turn list tags into bullet lines, drop other tags, entities and markdown emphasis."""
    text = _LI.sub("\n" + BULLET + " ", text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = text.replace("**", "").replace("__", "")
    return _MD_HEADING.sub("", text)


def squash(text: str) -> str:
    """Collapse whitespace (including newlines) into single spaces."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def clean_cell(text: str) -> str:
    """A table cell or header value as one clean line."""
    return squash(strip_markup(text))


def cell_lines(text: str) -> list[str]:
    """A cell split into its clean non-empty sub-lines (list tags become separate lines).

    Leading spaces are kept (an indented line continues the item above it).
    """
    lines = []
    for line in strip_markup(text).split("\n"):
        body = line.lstrip(" ")
        if body.strip():
            lines.append(" " * (len(line) - len(body)) + _SPACES.sub(" ", body).strip())
    return lines


def split_cells(line: str) -> list[str]:
    return line.split("\t")


# -- list items ---------------------------------------------------------------------------

_MARKER = re.compile(
    r"^\s*(?:(?P<bullet>[-\u2022\u25aa\u25cf\u2013*\u00b7])\s*)?"
    r"(?:\(?(?P<num>\d{1,2})(?P<sep>[.)])?(?=\s|$|[A-Za-z(])"
    r"|(?P<alpha>[a-z])[.)](?=\s))?\s*"
)
_NOT_BEFORE_NUMBER = re.compile(
    r"(?:nomor|no\.?|tahun|pasal|ayat|angka|huruf|rp\.?|bab|lampiran|ke-?)\s*$", re.IGNORECASE
)
_TERMINAL = (".", ";", ":", "!", "?")


def _marker(line: str) -> tuple[bool, int | None, str]:
    """(is an item start, its number if numbered, the text after the marker)."""
    match = _MARKER.match(line)
    if not match or match.end() == 0:
        return False, None, line.strip()
    num, bullet, alpha = match.group("num"), match.group("bullet"), match.group("alpha")
    rest = line[match.end() :].strip()
    if num is not None:
        indented = line.startswith("  ") and not match.group("sep")
        if indented:
            return False, None, line.strip()
        return True, int(num), rest
    if bullet or alpha:
        return True, None, rest
    return False, None, line.strip()


def _find_next(text: str, start: int, number: int) -> tuple[int, int] | None:
    """Position (start, end) of the inline marker ``number`` after ``start``, if any."""
    dotted = re.compile(rf"(?<![\d/\-]){number}[.)](?!\d(?![.)]))\s*")
    bare = re.compile(rf"(?<=\s){number}\s+(?=[A-Z])")
    candidates = []
    for pattern in (dotted, bare):
        for match in pattern.finditer(text, start):
            if pattern is bare and _NOT_BEFORE_NUMBER.search(text[: match.start()]):
                continue
            candidates.append((match.start(), match.end()))
            break
    if not candidates:
        return None
    return min(candidates)


def split_inline(text: str, first: int) -> list[str]:
    """Split "foo2. bar3. baz" (numbering run together on one line) into items."""
    items: list[str] = []
    position, expected = 0, first + 1
    while True:
        found = _find_next(text, position, expected) or _find_next(text, position, expected + 1)
        if found is None:
            items.append(text[position:])
            break
        items.append(text[position : found[0]])
        position = found[1]
        number = re.match(r"\d+", text[found[0] : found[1]])
        expected = int(number.group()) + 1 if number else expected + 1
    return [squash(item) for item in items]


def _continues(previous: str, line: str, marked_list: bool) -> bool:
    """Whether an unmarked line continues the previous item rather than starting one."""
    stripped = line.strip()
    if line.startswith("  ") or not stripped[:1].isalnum() or stripped[:1].islower():
        return True
    if marked_list:
        return not previous.rstrip().endswith(_TERMINAL)
    return len(previous) >= 80 and not previous.rstrip().endswith(_TERMINAL)


def split_items(lines: list[str], notes: list[str] | None = None) -> list[str]:
    """Items of a section: numbered/bulleted lines, inline numbering, or one item per line."""
    parsed = [(line, *_marker(line)) for line in lines if line.strip()]
    marked_list = any(is_item for _, is_item, _, _ in parsed)
    items: list[list[str]] = []
    for line, is_item, number, rest in parsed:
        if is_item:
            pieces = split_inline(rest, number) if number is not None else [squash(rest)]
            items.extend([piece] for piece in pieces)
        elif items and _continues(items[-1][-1], line, marked_list):
            items[-1].append(squash(rest))
        else:
            if marked_list and items and notes is not None:
                notes.append(squash(rest))
            items.append([squash(rest)])
    joined = (squash(" ".join(parts)) for parts in items)
    return [item for item in joined if item]
