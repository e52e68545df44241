"""Cells safe to open in a spreadsheet (CSV and XLSX exports): no formula injection.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). OWASP's advice: prefix such a
cell with a single quote, which the spreadsheet shows as text. Every export writes its rows through
``safe_row`` (or ``csv_writer``). Pure Python, so the matching engine's files use it too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, or for text that a spreadsheet would run as a formula, the text behind a single quote.

    Numbers stay numbers (a negative score is not a formula); only strings are escaped.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]):
        for row in rows:
            self.writerow(row)


def csv_writer(out: IO[str], *args, **kwargs) -> _SafeWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""
    return _SafeWriter(csv.writer(out, *args, **kwargs))


def table_response(fmt: str, filename: str, header: list[str], rows: Iterable[Iterable[Any]]):
    """A table as a download: ``csv`` (UTF-8 with BOM, so Excel reads Arabic and Chinese), ``xlsx`` or ``json``
    (a list of objects keyed by the header). Every text cell goes through ``safe_cell``."""
    import io
    import json

    from django.http import HttpResponse

    rows = [list(r) for r in rows]
    if fmt == "json":
        data = [dict(zip(header, r, strict=False)) for r in rows]
        response = HttpResponse(json.dumps(data, ensure_ascii=False, default=str, indent=1),
                                content_type="application/json; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(filename[:31])
        sheet.append(header)
        for r in rows:
            sheet.append(safe_row(v if isinstance(v, int | float) or v is None else str(v) for v in r))
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    else:
        fmt = "csv"
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv_writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
