"""What the user typed, as clauses both backends can turn into their own query language.

Syntax: words (all must occur, in any affixed form), "an exact phrase", a prefix (arsip*),
and exclusion with a minus sign (-rahasia, -"nota dinas").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ppid.search.constants import MAX_QUERY_LENGTH, MAX_TERMS, STOP_WORDS
from ppid.search.text import stem, words

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Clause:
    words: tuple[str, ...]  # folded words; more than one makes a phrase
    prefix: bool = False
    negated: bool = False

    @property
    def stems(self) -> tuple[str, ...]:
        if self.prefix:
            return (*(stem(w) for w in self.words[:-1]), self.words[-1])
        return tuple(stem(w) for w in self.words)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    clauses: tuple[Clause, ...] = ()
    dropped: tuple[str, ...] = field(default=())  # stop words left out

    @property
    def positive(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.negated)

    def __bool__(self) -> bool:
        return bool(self.positive)

    def highlight_stems(self) -> tuple[set[str], tuple[str, ...]]:
        """Stems to mark in snippets, and prefixes (of folded words) to mark."""
        whole, prefixes = set(), []
        for clause in self.positive:
            stems = clause.stems
            if clause.prefix:
                whole.update(stems[:-1])
                prefixes.append(stems[-1])
            else:
                whole.update(stems)
        return whole, tuple(prefixes)


def parse(text: str) -> ParsedQuery:
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    clauses: list[Clause] = []
    for match in _TOKEN_RE.finditer(text):
        quoted_neg, quoted, neg, bare = match.groups()
        if quoted is not None:
            found = tuple(words(quoted))
            if found:
                clauses.append(Clause(found, negated=bool(quoted_neg)))
            continue
        prefix = bare.endswith("*")
        found = tuple(words(bare))
        if not found:
            continue
        clauses.append(Clause(found, prefix=prefix and len(found[-1]) >= 2, negated=bool(neg)))
    positives = [c for c in clauses if not c.negated]
    kept = [c for c in clauses if not _is_stop_word(c)]
    dropped = tuple(c.words[0] for c in clauses if _is_stop_word(c))
    if positives and not any(not c.negated for c in kept):
        kept, dropped = clauses, ()  # a query of stop words only: search them after all
    return ParsedQuery(text=text, clauses=tuple(kept[:MAX_TERMS]), dropped=dropped)


def _is_stop_word(clause: Clause) -> bool:
    return len(clause.words) == 1 and not clause.prefix and clause.words[0] in STOP_WORDS
