"""Reporting templates written by the project from the public structure of national reports (no copied text),
kept as XLSForm sheets in Python (``FORMS``) so that they are reviewed like code. ``workbook(name)`` gives the
.xlsx bytes, which the demo imports through the same importer as an uploaded file."""

from __future__ import annotations

import io

from .forms import FORMS


def rows_to_xlsx(sheets: dict[str, list[dict]]) -> bytes:
    import openpyxl

    from clearinghouse.reporting.xlsform import append_text_row

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        headers: list[str] = []
        for row in rows:
            headers.extend(k for k in row if k not in headers)
        append_text_row(ws, headers)
        for row in rows:
            append_text_row(ws, [row.get(h, "") for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def workbook(name: str) -> bytes:
    return rows_to_xlsx(FORMS[name])


__all__ = ["FORMS", "rows_to_xlsx", "workbook"]
