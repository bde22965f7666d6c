"""Suggestions for what the text lost: who does each step (the flowchart symbols) and what
kind of step it is. Every suggestion carries a short reason; the agency confirms or edits.

Kinds are tried in a fixed priority order when several verbs match one activity:
archive > data_center > publish > prepare_dip > classify > review > maintain > handover > other.
So "Hasil koreksi ... dipublikasikan melalui website" is a publish step and "Melaporkan ...
untuk memperoleh koreksi" a review step.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import ParsedProcedure, ParsedStep

_KIND_RULES: list[tuple[str, list[tuple[str, str | None]]]] = [
    (
        "archive",
        [
            (r"\b(meng|di)arsip(kan)?\b", None),
            (r"\b(simpan|disimpan|menyimpan|meyimpan|penyimpanan)\b", r"\b(arsip|storage)\b"),
        ],
    ),
    (
        "data_center",
        [(r"\b(mengirim|mengirimkan|dikirim|menyampaikan|disampaikan)\b",
          r"pusat data|satu data|portal data")],
    ),
    (
        "publish",
        [
            (
                r"\b(mengunggah|diunggah|unggah|mempublikasikan|dipublikasikan|publikasi"
                r"|mengumumkan|diumumkan|menyebarluaskan|disebarluaskan)\b",
                None,
            ),
            (r"\b(mengirim|mengirimkan|dikirim)\b", r"pengumuman|portal"),
        ],
    ),
    (
        "prepare_dip",
        [(r"\b(menyiapkan|disiapkan|menyusun|disusun|memutakhirkan|pemutakhiran)\b",
          r"daftar informasi publik|\bdip\b")],
    ),
    (
        "classify",
        [
            (r"menetapkan klasifikasi", None),
            (
                r"\b(mengklasifikasi\w*|mengklarifikasi\w*|diklasifikasi\w*|pengklasifikasian"
                r"|klasifikasi)\b",
                r"\b(publik|dikecualikan|terbuka|tertutup|rahasia)\b",
            ),
        ],
    ),
    (
        "review",
        [
            (
                r"\b(koreksi|mengoreksi|dikoreksi|meneliti|diteliti|\w*verifikasi\w*"
                r"|memeriksa|diperiksa|menelaah|telaah)\b",
                None,
            )
        ],
    ),
    (
        "maintain",
        [(r"\b(pemeliharaan|memelihara|dipelihara|perawatan|merawat)\b",
          r"situs|website|web|laman|keamanan")],
    ),
    (
        "handover",
        [
            (
                r"\b(menyerahkan|diserahkan|serahkan|melaporkan|dilaporkan|disposisi"
                r"|mendisposisi\w*|didisposisikan|memberikan tugas)\b",
                None,
            )
        ],
    ),
]


def suggest_kind(step: ParsedStep) -> tuple[str, str]:
    text = step.activity.lower()
    for kind, rules in _KIND_RULES:
        for verb, companion in rules:
            found = re.search(verb, text)
            if not found:
                continue
            other = re.search(companion, text) if companion else None
            if companion and not other:
                continue
            words = found.group(0) + (f" … {other.group(0)}" if other else "")
            return kind, f"'{words}' → {kind}"
    return "other", "no archive/publish/classify/review/handover/maintenance verb"


# -- actors --------------------------------------------------------------------------------

_ABBREVIATIONS = [
    ("kepala bidang", ("kabid", "ka. bidang", "ka bidang", "kepala bidang")),
    ("ka. bidang", ("kabid", "kepala bidang", "ka bidang")),
    ("kepala badan", ("kaban", "ka. badan")),
    ("kepala dinas", ("kadis", "ka. dinas")),
    ("kepala sub bagian", ("kasubbag", "kasubag")),
    ("kepala bagian", ("kabag",)),
    ("kepala seksi", ("kasi", "kasie")),
]
_WEB_ROLES = [
    re.compile(r"situs|\bweb|website|laman", re.IGNORECASE),
    re.compile(
        r"pengolah data|pengelola data|\badmin|humas|teknologi informasi|pranata komputer"
        r"|operator|\bTI\b",
        re.IGNORECASE,
    ),
]
_ARCHIVE_ROLE = re.compile(r"arsip|dokumentasi|kearsipan", re.IGNORECASE)
_GENERIC_PREFIX = re.compile(r"^(pimpinan|pejabat|bapak|ibu|yth\.?|seluruh|para)\s+", re.I)
_HANDOVER = re.compile(
    r"\b(diserahkan|menyerahkan|serahkan|dilaporkan|melaporkan|disampaikan|menyampaikan"
    r"|mendisposisi\w*|disposisi|diteruskan|meneruskan)\b(?P<middle>.*?)"
    r"\b(ke|kepada)\s+(?P<target>.+)$",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"\b(ber)?koordinasi\s+dengan\s+(?P<target>.+)$", re.IGNORECASE)
_RECEIVE = re.compile(
    r"\b((storage|penyimpanan|arsip) internal|diterima oleh)\s+(?P<target>.+)$", re.IGNORECASE
)
_EXTERNAL = re.compile(r"pemohon|masyarakat|komisi informasi|pengguna", re.IGNORECASE)
_CHIEF_VERBS = re.compile(
    r"\b(memberikan tugas|memberi tugas|\w*verifikasi\w*|koreksi|mengoreksi|meneliti"
    r"|memeriksa|menyetujui|memberikan persetujuan|menandatangani|menetapkan)\b",
    re.IGNORECASE,
)


def aliases(actor: str) -> list[str]:
    name = re.sub(r"\s+", " ", actor.lower()).strip()
    found = {name, name.replace("ka. ", "kepala ")}
    for phrase, extra in _ABBREVIATIONS:
        if name.startswith(phrase):
            rest = name[len(phrase) :]
            found.update(alias + rest for alias in extra)
            found.update(extra)
    return sorted(found, key=len, reverse=True)


def _word(alias: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(alias)}(?!\w)", re.IGNORECASE)


def actor_at_start(text: str, actors: list[str]) -> str | None:
    """The actor a phrase starts with (longest alias wins)."""
    text = _GENERIC_PREFIX.sub("", text.strip())
    best: tuple[int, str] | None = None
    for actor in actors:
        for alias in aliases(actor):
            if _word(alias).match(text) and (best is None or len(alias) > best[0]):
                best = (len(alias), actor)
    return best[1] if best else None


def actor_mentioned(text: str, actors: list[str], skip_after: str = r"dari") -> str | None:
    """The actor mentioned in ``text`` (longest alias wins), ignoring "dari X" (a source)."""
    best: tuple[int, str] | None = None
    for actor in actors:
        for alias in aliases(actor):
            for match in _word(alias).finditer(text):
                before = text[: match.start()].rstrip().lower()
                if re.search(rf"\b{skip_after}$", before):
                    continue
                if best is None or len(alias) > best[0]:
                    best = (len(alias), actor)
    return best[1] if best else None


def _target(text: str, actors: list[str], pattern: re.Pattern) -> tuple[str, str] | None:
    match = pattern.search(text)
    if not match:
        return None
    target = match.group("target")
    actor = actor_at_start(target, actors)
    if actor is None:
        head = " ".join(target.split()[:6])
        actor = actor_mentioned(head, actors)
    return (actor, match.group(0)[:60]) if actor else None


def _chief(actors: list[str]) -> str | None:
    ranked = [
        lambda a: a.lower() in ("ppid", "ppid utama", "ketua ppid"),
        lambda a: a.lower().startswith("atasan"),
        lambda a: a.lower().startswith(("kepala", "ka.", "ketua", "pimpinan")),
        lambda a: "ppid" in a.lower() and "pelaksana" not in a.lower(),
    ]
    for test in ranked:
        for actor in actors:
            if test(actor):
                return actor
    return None


def _ppid(actors: list[str]) -> str | None:
    for actor in actors:
        if actor.lower() in ("ppid", "ppid utama", "ketua ppid"):
            return actor
    return None


Rule = Callable[[int, list[ParsedStep], list[str], dict], tuple[list[str], str] | None]


def _by_marks(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    found = marks.get(id(steps[i]))
    if not found:
        return None
    weight = {name: len(value.replace(" ", "")) for name, value in found.items()}
    top = max(weight.values())
    chosen = [name for name in actors if weight.get(name) == top]
    return chosen, "flowchart symbol left in the actor column"


def _by_subject(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    actor = actor_at_start(steps[i].activity, actors)
    return ([actor], f"named as the subject of the activity ('{actor}')") if actor else None


def _by_previous_handover(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    if i == 0:
        return None
    found = _target(steps[i - 1].activity, actors, _HANDOVER)
    if not found:
        return None
    actor, phrase = found
    return [actor], f"previous step hands over to {actor} ('{phrase}')"


_WEB_REASONS = {
    "publish": "publishing on the website: the web role",
    "data_center": "sending on to the Pusat Data: the web role",
    "maintain": "maintaining the website: the web role",
}


def _by_publish(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    if steps[i].kind not in ("publish", "data_center", "maintain"):
        return None
    web = next((a for role in _WEB_ROLES for a in actors if role.search(a)), None)
    if web:
        return [web], _WEB_REASONS[steps[i].kind]
    ppid = _ppid(actors)
    return ([ppid], "publishing; no web role among the actors, so the PPID") if ppid else None


def _others(excluded: str, i: int, steps: list[ParsedStep], actors: list[str]) -> list[str]:
    """Someone other than ``excluded``: the previous step's actor, the head when the verb is
    a head's (signing, verifying), else the first internal actor."""
    previous = steps[i - 1].actors if i > 0 else []
    if previous and excluded not in previous:
        return list(previous)
    chief = _chief(actors)
    if chief and chief != excluded and _CHIEF_VERBS.search(steps[i].activity):
        return [chief]
    internal = [a for a in actors if a != excluded and not _EXTERNAL.search(a)]
    return [(internal or [a for a in actors if a != excluded])[0]]


def _by_own_handover(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    if len(actors) < 2:
        return None
    for pattern, verb in (
        (_HANDOVER, "hands over or reports to"),
        (_COORDINATION, "coordinates with"),
    ):
        found = _target(steps[i].activity, actors, pattern)
        if found:
            actor, phrase = found
            return _others(actor, i, steps, actors), f"{verb} {actor} ('{phrase}'), so not {actor}"
    return None


def _by_receiving(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    found = _target(steps[i].activity, actors, _RECEIVE)
    return ([found[0]], f"kept or received by {found[0]} ('{found[1]}')") if found else None


def _by_chief(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    found = _CHIEF_VERBS.search(steps[i].activity)
    if not found:
        return None
    by = re.search(r"\boleh\s+(?P<who>.+)$", steps[i].activity, re.IGNORECASE)
    named = actor_at_start(by.group("who"), actors) if by else None
    if named:
        return [named], f"'{found.group(0)}' by {named}"
    chief = _chief(actors)
    return ([chief], f"'{found.group(0)}': done by the head of the procedure") if chief else None


def _by_archive_role(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    if steps[i].kind != "archive":
        return None
    keeper = next((actor for actor in actors if _ARCHIVE_ROLE.search(actor)), None)
    return ([keeper], "archiving: the records role") if keeper else None


def _fallback(i: int, steps: list[ParsedStep], actors: list[str], marks: dict):
    if i > 0 and steps[i - 1].actors:
        return list(steps[i - 1].actors), "same as previous step"
    return [actors[0]], "first actor (no clue in the wording)"


RULES: list[Rule] = [
    _by_marks,
    _by_subject,
    _by_previous_handover,
    _by_publish,
    _by_own_handover,
    _by_receiving,
    _by_chief,
    _by_archive_role,
    _fallback,
]


def suggest(proc: ParsedProcedure, marks: dict | None = None) -> None:
    """Fill each step's kind and suggested actors (with reasons) in place."""
    marks = marks or {}
    for step in proc.steps:
        step.kind, step.kind_reason = suggest_kind(step)
    if not proc.actors:
        for step in proc.steps:
            step.actor_reason = "no actors in the table"
        return
    for i, step in enumerate(proc.steps):
        for rule in RULES:
            found = rule(i, proc.steps, proc.actors, marks)
            if found and found[0]:
                step.actors, step.actor_reason = found
                break
