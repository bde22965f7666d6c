"""DOCX reader: paragraphs and tables in document order, flattened to the text shape
(one line per paragraph, one tab-separated line per table row) and parsed as text."""

from __future__ import annotations

import io

from .model import ParsedProcedure


def _cell_text(tc, table) -> str:
    from docx.table import _Cell

    text = _Cell(tc, table).text
    return " ".join(text.replace("\t", " ").split())


def _row_cells(row, table) -> list[str]:
    """Row cells on the layout grid; merged cells give their text once, then blanks."""
    cells = [""] * row.grid_cols_before
    for tc in row._tr.tc_lst:
        span = tc.grid_span
        if tc.vMerge == "continue":
            cells.extend([""] * span)
            continue
        cells.append(_cell_text(tc, table))
        cells.extend([""] * (span - 1))
    return cells


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells = _row_cells(row, table)
        if any(cells):
            lines.append("\t".join(cells))
        for cell in row.cells:
            for inner in cell.tables:
                lines.extend(_table_lines(inner))
    return lines


def docx_to_text(data: bytes) -> str:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.append("")
            lines.extend(_table_lines(block))
            lines.append("")
        else:
            lines.extend(block.text.split("\n"))
    return "\n".join(lines)


def parse_docx(data: bytes) -> ParsedProcedure:
    """Parse a Word (.docx) SOP whose steps are in a table."""
    from .text import parse_text

    try:
        text = docx_to_text(data)
    except Exception as error:  # a broken or non-DOCX zip
        proc = ParsedProcedure()
        proc.add_problem(f"Could not open the Word file: {error}")
        return proc
    return parse_text(text)
