"""Words and stems: the one place that decides how text becomes index terms.

The Snowball Indonesian stemmer (PyStemmer) is the same algorithm PostgreSQL's `indonesian`
configuration uses, so both backends agree on what a word's stem is.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)

_stemmer = Stemmer.Stemmer("indonesian")
_stemmer.maxCacheSize = 50000


def fold(text: str) -> str:
    """Lower case without diacritics (é → e), as FTS5's unicode61 remove_diacritics does."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


@functools.lru_cache(maxsize=20000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return _stemmer.stemWords(words(text))


def stemmed_text(text: str) -> str:
    """The text as the SQLite index stores it: its words' stems, in order."""
    return " ".join(stems(text))
