"""Formatting variants of the seeds give the same steps (hypothesis)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppid.procedures.importer import ParsedProcedure, parse_text
from ppid.procedures.importer.clean import squash
from ppid.procedures.importer.header import SECTION_FIELDS, SECTION_LABELS, match_heading

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
SEED_TEXT = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS}
BASELINE = {prefix: parse_text(text) for prefix, text in SEED_TEXT.items()}
STEP_ROW = re.compile(r"^(\d+)\.?\t")
TIME_CELL = re.compile(r"^\d+\s*(jam|menit|hari kerja|hari)$", re.IGNORECASE)

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def step_summary(proc: ParsedProcedure) -> list[tuple]:
    return [(s.time_standard, squash(s.activity), s.output) for s in proc.steps]


def _restyle_row(line: str, number: int, dotted: bool, case) -> str:
    cells = line.split("\t")
    cells[0] = f"{number}." if dotted else str(number)
    cells = [case(cell) if TIME_CELL.match(cell.strip()) else cell for cell in cells]
    return "\t".join(cells)


CASES = {
    "upper": str.upper,
    "lower": str.lower,
    "title": str.title,
    "same": lambda cell: cell,
}


@st.composite
def noisy_seed(draw):
    prefix = draw(st.sampled_from(sorted(SEED_TEXT)))
    lines = SEED_TEXT[prefix].splitlines()
    rows = [i for i, line in enumerate(lines) if STEP_ROW.match(line)]
    skip_after = draw(st.one_of(st.none(), st.integers(1, len(rows) - 1)))
    case = CASES[draw(st.sampled_from(sorted(CASES)))]
    numbers = []
    for position, index in enumerate(rows, start=1):
        number = position + (1 if skip_after is not None and position > skip_after else 0)
        numbers.append(number)
        lines[index] = _restyle_row(lines[index], number, draw(st.booleans()), case)
    if draw(st.booleans()):
        lines = [_bold_heading(line) for line in lines]
    noisy = []
    for line in lines:
        noisy.append(line + " " * draw(st.integers(0, 2)))
        noisy.extend([""] * draw(st.sampled_from([0, 0, 0, 1, 2])))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return prefix, newline.join(noisy), numbers, skip_after


def _bold_heading(line: str) -> str:
    if "\t" in line or not line.strip() or match_heading(squash(line.replace("*", ""))) is None:
        return line
    return f"**{line.strip().strip('*')}**"


@FAST
@given(noisy_seed())
def test_formatting_noise_keeps_steps(case):
    prefix, text, numbers, skip_after = case
    proc = parse_text(text)
    base = BASELINE[prefix]
    assert [s.number for s in proc.steps] == numbers
    assert step_summary(proc) == step_summary(base)
    assert proc.actors == base.actors
    assert proc.name == base.name and proc.number == base.number
    gap = [p for p in proc.problems if "jump from" in p]
    if skip_after is None:
        assert gap == []
    else:
        assert gap == [f"Step numbers jump from {skip_after} to {skip_after + 2}"]


# -- section list styles on a rebuilt document ---------------------------------------------


def render_list(items: list[str], style: str) -> list[str]:
    if style == "ol":
        inner = "".join(f"<li>{item}</li>" for item in items)
        return [f'<ol style="list-style-type: none">{inner}</ol>']
    if style == "dotted":
        return [f"{n}. {item}" for n, item in enumerate(items, start=1)]
    if style == "dash":
        return [f"- {n} {item}" for n, item in enumerate(items, start=1)]
    return list(items)


def table_lines(prefix: str) -> list[str]:
    lines = SEED_TEXT[prefix].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("No\t", "No.\t")))
    return lines[start:]


def rebuild(prefix: str, style: str, bold: bool, blank: int) -> str:
    base = BASELINE[prefix]
    out = ["BADAN CONTOH PROVINSI", "", f"Nomor POS\t: {base.number}"]
    out.append(f"Nama POS\t: {base.name}")
    for key in SECTION_FIELDS:
        items = getattr(base, key)
        if not items:
            continue
        heading = f"{SECTION_LABELS[key]} :"
        out.append("")
        out.append(f"**{heading}**" if bold else heading)
        out.extend([""] * blank)
        out.extend(render_list(items, style))
    out.extend(["", f"POS {base.name}", ""])
    out.extend(table_lines(prefix))
    return "\n".join(out)


@FAST
@given(
    st.sampled_from(sorted(SEED_TEXT)),
    st.sampled_from(["ol", "dotted", "dash", "plain"]),
    st.booleans(),
    st.integers(0, 2),
)
def test_section_list_styles(prefix, style, bold, blank):
    base = BASELINE[prefix]
    proc = parse_text(rebuild(prefix, style, bold, blank))
    assert [s.number for s in proc.steps] == [s.number for s in base.steps]
    assert step_summary(proc) == step_summary(base)
    assert proc.name == base.name
    for key in SECTION_FIELDS:
        if style == "plain":
            # one item per line without numbering: long unpunctuated lines may be read as
            # wrapped text, so only the content is compared
            assert squash(" ".join(getattr(proc, key))) == squash(" ".join(getattr(base, key)))
        else:
            assert getattr(proc, key) == getattr(base, key), key
