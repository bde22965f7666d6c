"""Durations ("1 Jam", "3 (tiga) hari kerja") and dates ("8 Januari 2024", "1-Apr-24")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_UNIT = r"hari\s*kerja|hk|hari|jam|menit|mnt|minggu|pekan|bulan|tahun|minutes?|hours?|days?"
_DURATION = re.compile(
    rf"(?<![\d.,/])(\d{{1,4}})\s*(?:\(\s*[a-z\s-]+\)\s*)?({_UNIT})(?![a-z])", re.IGNORECASE
)
_CLEAN = re.compile(
    rf"^(?:±|\+/?-|kurang lebih|maks(?:imal)?\.?)?\s*(\d{{1,4}})\s*(?:\(\s*[a-z\s-]+\)\s*)?"
    rf"({_UNIT})\s*\.?$",
    re.IGNORECASE,
)
_LIMIT_WORDS = re.compile(
    r"(maksimal|maks\.|paling lambat|selambat-lambatnya|dalam waktu|selama)\s*$", re.IGNORECASE
)


@dataclass
class TimeReading:
    """The outcome of reading one Waktu cell."""

    standard: dict | None
    problem: str = ""  # empty when the cell was a plain duration


def _unit(word: str) -> tuple[str, int] | None:
    """Map a unit word to (unit, factor); None for units without an exact equivalent."""
    word = re.sub(r"\s+", " ", word.lower())
    if word.startswith("hari") and word.replace(" ", "").endswith("kerja") or word == "hk":
        return "working_days", 1
    if word in ("hari", "day", "days"):
        return "days", 1
    if word in ("minggu", "pekan"):
        return "days", 7
    if word in ("jam", "hour", "hours"):
        return "hours", 1
    if word in ("menit", "mnt", "minute", "minutes"):
        return "minutes", 1
    return None


def _standard(amount: str, unit_word: str) -> dict | None:
    unit = _unit(unit_word)
    if unit is None:
        return None
    name, factor = unit
    return {"amount": int(amount) * factor, "unit": name}


def _pick_from_prose(text: str) -> re.Match | None:
    matches = list(_DURATION.finditer(text))
    if not matches:
        return None
    for match in matches:
        if _LIMIT_WORDS.search(text[: match.start()]):
            return match
    return matches[0]


def parse_time(raw: str) -> TimeReading:
    """Read a time standard; prose and unsupported units give None or a flagged reading."""
    text = re.sub(r"\s+", " ", raw or "").strip()
    if not text or text in ("-", "–"):
        return TimeReading(None, "no time given")
    clean = _CLEAN.match(text)
    if clean:
        standard = _standard(clean.group(1), clean.group(2))
        if standard is None:
            return TimeReading(None, f"time '{text}' uses a unit without a fixed length")
        if _unit(clean.group(2))[1] != 1:
            return TimeReading(standard, f"time '{text}' converted to {standard['amount']} days")
        return TimeReading(standard)
    match = _pick_from_prose(text)
    if match is None:
        return TimeReading(None, f"time '{text}' is not a duration")
    standard = _standard(match.group(1), match.group(2))
    if standard is None:
        return TimeReading(None, f"time '{text}' is not a duration with a fixed length")
    unit = standard["unit"].replace("_", " ")
    return TimeReading(
        standard, f"time '{text}' is prose; read {standard['amount']} {unit} from it"
    )


_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_WORD_DATE = re.compile(r"(\d{1,2})[\s\-./]+([a-z]+)\.?[\s\-./]+(\d{2}|\d{4})\b", re.IGNORECASE)
_NUM_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_date(raw: str) -> tuple[datetime.date | None, bool]:
    """Return (date, understood). An empty value or "-" is understood as no date."""
    text = re.sub(r"\s+", " ", raw or "").strip().strip(":").strip()
    if not text or text in ("-", "–", "—"):
        return None, True
    iso = _ISO_DATE.search(text)
    if iso:
        found = _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        return found, found is not None
    word = _WORD_DATE.search(text)
    if word and word.group(2).lower() in _MONTHS:
        month = _MONTHS[word.group(2).lower()]
        found = _make_date(_year(word.group(3)), month, int(word.group(1)))
        return found, found is not None
    number = _NUM_DATE.search(text)
    if number:
        found = _make_date(_year(number.group(3)), int(number.group(2)), int(number.group(1)))
        return found, found is not None
    return None, False
