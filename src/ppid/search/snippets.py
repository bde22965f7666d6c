"""Highlighted excerpts: where the query's words occur in an item's text, marked with <mark>."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ppid.search.query import ParsedQuery
from ppid.search.text import WORD_RE, fold, stem

WINDOW_WORDS = 32
LEAD_WORDS = 8
SCAN_LIMIT = 20000  # words looked at before giving up on a long text


class Marker:
    def __init__(self, parsed: ParsedQuery):
        self.stems, self.prefixes = parsed.highlight_stems()

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes)

    def matches(self, word: str) -> bool:
        folded = fold(word)
        return stem(folded) in self.stems or folded.startswith(self.prefixes)

    def first_hint(self, text: str) -> int:
        """A cheap guess where the first match is: the earliest stem or prefix as substring."""
        lowered = text.lower()
        found = [lowered.find(s) for s in (*self.stems, *self.prefixes) if s]
        found = [pos for pos in found if pos >= 0]
        return max(0, min(found) - 400) if found else 0


def highlight(text: str, marker: Marker) -> SafeString:
    """The whole (short) text with matching words marked."""
    return mark_safe(_render(text, list(WORD_RE.finditer(text)), marker, 0, len(text)))  # noqa: S308


def excerpt(text: str, marker: Marker) -> SafeString:
    """About WINDOW_WORDS words around the first match; empty if nothing matches."""
    if not text or not marker:
        return mark_safe("")  # noqa: S308
    for start in dict.fromkeys((marker.first_hint(text), 0)):
        tokens = []
        for count, token in enumerate(WORD_RE.finditer(text, start)):
            tokens.append(token)
            if marker.matches(token.group()):
                break
            if count > SCAN_LIMIT:
                tokens = []
                break
        else:
            tokens = []
        if tokens:
            break
    else:
        return mark_safe("")  # noqa: S308
    hit = len(tokens) - 1
    first = tokens[max(0, hit - LEAD_WORDS)]
    following = list(_take(WORD_RE.finditer(text, tokens[hit].end()), WINDOW_WORDS - LEAD_WORDS))
    window = tokens[max(0, hit - LEAD_WORDS):] + following
    begin, end = first.start(), window[-1].end()
    html = _render(text, window, marker, begin, end)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text.rstrip()) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308


def _take(iterator, n):
    for i, value in enumerate(iterator):
        if i >= n:
            return
        yield value


def _render(text: str, tokens, marker: Marker, begin: int, end: int) -> str:
    out, pos = [], begin
    for token in tokens:
        if token.start() < begin or token.end() > end:
            continue
        out.append(escape(_spaced(text[pos:token.start()])))
        word = escape(token.group())
        out.append(f"<mark>{word}</mark>" if marker.matches(token.group()) else word)
        pos = token.end()
    out.append(escape(_spaced(text[pos:end])))
    return "".join(out)


def _spaced(gap: str) -> str:
    """Whitespace runs (line breaks of extracted text) collapse to one space."""
    if not gap:
        return ""
    collapsed = " ".join(gap.split())
    lead = " " if gap[0].isspace() else ""
    trail = " " if gap[-1].isspace() and collapsed else ""
    return (lead + collapsed + trail) if collapsed else " "
