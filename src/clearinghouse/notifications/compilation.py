"""The compilation of a call: a ZIP of the published submissions' files with an index (HTML and DOCX)
listing submitters, dates, numbers and summaries."""

from __future__ import annotations

import io
import re
import zipfile

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Call
from .selectors import submissions_public


def _rows(call: Call) -> list[dict]:
    rows = []
    for s in submissions_public(call):
        rows.append({
            "submission": s,
            "submitter": s.submitter_name,
            "number": s.number,
            "date": formats.date_format(timezone.localtime(s.submitted_at), "DATE_FORMAT"),
            "late": s.late,
            "summary": s.summary or (s.text[:300] + ("…" if len(s.text) > 300 else "")),
            "files": [f"{_safe(s.number)}/{_safe(f.name)}" for f in s.files.all()],
        })
    return rows


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\- ]+", "_", name).strip() or "file"


def index_html(call: Call, rows: list[dict] | None = None) -> str:
    rows = _rows(call) if rows is None else rows
    return render_to_string("notifications/compilation_index.html", {"call": call, "n": call.notification,
                                                                      "rows": rows})


def index_docx(call: Call, rows: list[dict] | None = None) -> bytes:
    from docx import Document

    rows = _rows(call) if rows is None else rows
    doc = Document()
    doc.add_heading(_("Compilation of submissions"), level=1)
    doc.add_paragraph(call.tr("title"))
    doc.add_paragraph(f"{call.notification.reference} · "
                      f"{formats.date_format(call.notification.date, 'DATE_FORMAT')}")
    table = doc.add_table(rows=1, cols=5)
    header = table.rows[0].cells
    for cell, label in zip(header, (_("Submitter"), _("Number"), _("Received"), _("Summary"), _("Files")),
                           strict=True):
        cell.text = str(label)
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = row["submitter"]
        cells[1].text = row["number"]
        cells[2].text = row["date"] + (f" ({_('late')})" if row["late"] else "")
        cells[3].text = row["summary"]
        cells[4].text = "\n".join(row["files"])
        for s_text in (row["submission"].text,):
            if s_text:
                doc.add_heading(f"{row['submitter']} ({row['number']})", level=2)
                doc.add_paragraph(s_text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def compilation_zip(call: Call) -> bytes:
    """The ZIP: index.html, index.docx and each submission's files under its number."""
    rows = _rows(call)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index_html(call, rows))
        archive.writestr("index.docx", index_docx(call, rows))
        for row in rows:
            for f, path in zip(row["submission"].files.all(), row["files"], strict=True):
                with f.file.open("rb") as fh:
                    archive.writestr(path, fh.read())
    return out.getvalue()
