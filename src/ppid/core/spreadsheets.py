"""What every exported register sheet shares: printed landscape on A4, one page wide."""

from __future__ import annotations

import io


def landscape_bytes(book, sheet) -> bytes:
    """Set `sheet` to print landscape on A4, fitted to the page width, and return the workbook."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
