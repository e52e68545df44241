"""A published national report as a document: DOCX (python-docx) and PDF (fpdf2).

The PDF embeds fonts the system has from Debian packages (``fonts-dejavu-core`` for Latin, Cyrillic and Arabic,
``fonts-wqy-microhei`` (or ``-zenhei``) for Chinese) and shapes Arabic with HarfBuzz (``uharfbuzz``), so every UN language prints.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from clearinghouse.reporting.models import Answer, Report
from clearinghouse.reporting.values import display

from .selectors import choice_labels

logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter logs every glyph at INFO

FONTS = {
    "regular": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
    "cjk": ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"],
}


def font(kind: str) -> str | None:
    return next((p for p in FONTS[kind] if Path(p).exists()), None)


def report_outline(report: Report) -> dict:
    """Title, facts and ``[(section title, [(question, answer text)])]`` of a report, in the active language."""
    questions = list(report.template.questions.select_related("section").order_by("position"))
    answers = {a.question_id: a.value for a in Answer.objects.filter(report=report).exclude(value=None)}
    labels = choice_labels(questions)
    sections: dict[int, tuple[str, list]] = {}
    for q in questions:
        if not q.takes_answer:
            continue
        section = sections.setdefault(q.section_id, (q.section.title(), []))
        value = answers.get(q.pk)
        section[1].append((q.text(), display(q, value, labels) if value is not None else _("Not answered")))
    title = _("%(country)s: national report to %(convention)s, %(cycle)s") % {
        "country": report.country.local_name(), "convention": report.convention_id, "cycle": report.cycle.title}
    facts = [(_("Report"), report.number), (_("Status"), report.get_state_display()),
             (_("Submitted"), report.submitted_at.date().isoformat() if report.submitted_at else ""),
             (_("Published"), report.published_at.date().isoformat() if report.published_at else "")]
    return {"title": title, "facts": facts, "sections": list(sections.values())}


def report_docx(report: Report) -> bytes:
    from docx import Document

    outline = report_outline(report)
    doc = Document()
    doc.add_heading(outline["title"], level=0)
    for label, value in outline["facts"]:
        doc.add_paragraph(f"{label}: {value}")
    for section_title, rows in outline["sections"]:
        doc.add_heading(section_title, level=1)
        for question, answer in rows:
            doc.add_paragraph(question, style="Heading 3")
            doc.add_paragraph(answer)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def report_pdf(report: Report) -> bytes:
    from fpdf import FPDF

    outline = report_outline(report)
    pdf = FPDF(format="A4")
    pdf.set_title(outline["title"])
    pdf.set_lang(translation.get_language() or "en")
    regular, bold, cjk = font("regular"), font("bold"), font("cjk")
    if regular is None:
        raise RuntimeError("No PDF font: install fonts-dejavu-core (see docs/deploy.md).")
    pdf.add_font("body", "", regular)
    pdf.add_font("body", "B", bold or regular)
    fallbacks = []
    if cjk:
        pdf.add_font("cjk", "", cjk)
        fallbacks.append("cjk")
    pdf.set_fallback_fonts(fallbacks)
    pdf.set_text_shaping(True)
    pdf.add_page()

    def line(text: str, size: int = 10, style: str = "", gap: float = 1.5):
        pdf.set_font("body", style, size)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(outline["title"], 16, "B", 4)
    for label, value in outline["facts"]:
        line(f"{label}: {value}", 9)
    for section_title, rows in outline["sections"]:
        pdf.ln(3)
        line(section_title, 13, "B", 2)
        for question, answer in rows:
            line(question, 10, "B", 0.5)
            line(answer, 10, "", 2.5)
    return bytes(pdf.output())
