"""The offline path: a report's questionnaire as an XLSX workbook (pre-filled, one sheet per section, lists for
choices), read back with a check that names every wrong cell; the same for a country's indicator data.

Workbook layout: sheet ``About`` (report number, country, cycle, template version: the upload must match),
one sheet per section (columns: key, question, help, answer, unit, year, source, method; indicator values
use the last four), one sheet per table (``T1``, ``T2``...: row 1 the column keys, row 2 their labels, data from
row 3), and a hidden ``Lists`` sheet holding the choice labels that the data-validation lists point to.
Nothing is applied until the whole file is valid, unless the person asks to apply only the valid answers.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from . import permissions as perms
from . import values as V
from .models import AnswerRevision, Report, pick_label
from .selectors import ReportView
from .xlsform import append_text_row

SECTION_HEADERS = ["key", "question", "help", "answer", "unit", "year", "source", "method"]
ABOUT = "About"
LISTS = "Lists"


def _sheet_title(text: str, used: set[str]) -> str:
    base = "".join(c for c in text if c not in "[]:*?/\\")[:28].strip() or "sheet"
    title, n = base, 1
    while title.lower() in used:
        n += 1
        title = f"{base[:25]}~{n}"
    used.add(title.lower())
    return title


def _labels(view: ReportView, question) -> dict[str, str]:
    return view.choice_labels.get(question.choice_list_id, {}) if question.choice_list_id else {}


def _column_labels(view: ReportView, question, col) -> dict[str, str]:
    for cl in view.choice_lists.values():
        if cl.name == col.get("list"):
            return view.choice_labels.get(cl.pk, {})
    return {}


def _cell_out(qtype: str, value, labels: dict):
    if value is None:
        return ""
    if qtype in ("yes_no", "select_one"):
        return labels.get(value, value)
    if qtype == "select_multiple":
        return "; ".join(labels.get(v, v) for v in value)
    if qtype in ("decimal", "indicator"):
        return _number_out(value)
    if qtype == "date":
        return dt.date.fromisoformat(value)
    if qtype == "file":
        return value.get("name", "")
    return value


def _number_out(text: str):
    """A decimal as a spreadsheet number when the float holds it exactly, else as text."""
    from decimal import Decimal

    try:
        f = float(text)
    except (TypeError, ValueError):
        return text
    return f if V._dec_text(Decimal(repr(f))) == text else text


def questionnaire_xlsx(report: Report) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    view = ReportView(report)
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = ABOUT
    bold = Font(bold=True)
    for row in (["report", report.number], ["country", report.country_id], ["convention", report.convention_id],
                ["cycle", report.cycle.code], ["template", report.template.form_id],
                ["version", report.template.version]):
        append_text_row(about, row)
    append_text_row(about, [])
    append_text_row(about, [_("Fill in the 'answer' column of each section sheet (and year, source, method for "
                              "indicator values), and the rows of the table sheets; keep the keys, sheets and "
                              "columns as they are; then upload the file on the report's page.")])
    lists = wb.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    list_ranges: dict = {}
    col = 0
    for cl in view.choice_lists.values():
        col += 1
        labels = [view.choice_labels[cl.pk][v] for v in view.choice_values[cl.pk]]
        letter = openpyxl.utils.get_column_letter(col)
        lists.cell(row=1, column=col, value=cl.name)
        for i, label in enumerate(labels, start=2):
            cell = lists.cell(row=i, column=col, value=label)
            cell.data_type = "s"
        list_ranges[cl.name] = f"{LISTS}!${letter}$2:${letter}${len(labels) + 1}"
        list_ranges[cl.pk] = list_ranges[cl.name]
    used = {ABOUT.lower(), LISTS.lower()}
    tables = 0
    for section in view.sections:
        ws = wb.create_sheet(_sheet_title(section.title(), used))
        about.append(["sheet", ws.title, section.key])
        append_text_row(ws, SECTION_HEADERS)
        for c in ws[1]:
            c.font = bold
        ws.column_dimensions["B"].width = 60
        ws.column_dimensions["C"].width = 30
        ws.column_dimensions["D"].width = 40
        for q in (q for q in view.questions if q.section_id == section.pk):
            answer = view.answers.get(q.pk)
            value = answer.value if answer else None
            help_text = q.help()
            if q.qtype == "table":
                tables += 1
                ts = wb.create_sheet(_sheet_title(f"T{tables} {q.key}", used))
                about.append(["table", ts.title, q.key])
                append_text_row(ws, [q.key, q.text(), help_text, _("see sheet %(s)s") % {"s": ts.title}])
                append_text_row(ts, [c["key"] for c in q.columns])
                append_text_row(ts, [pick_label(c.get("label"), None, c["key"]) for c in q.columns])
                for rownum, row in enumerate(value or [], start=3):
                    for cnum, c in enumerate(q.columns, start=1):
                        cell = ts.cell(row=rownum, column=cnum,
                                       value=_cell_out(c["type"], row.get(c["key"]), _column_labels(view, q, c)))
                        if isinstance(cell.value, str):
                            cell.data_type = "s"
                for cnum, c in enumerate(q.columns, start=1):
                    if c.get("list") and c["type"] != "select_multiple" and c["list"] in list_ranges:
                        letter = openpyxl.utils.get_column_letter(cnum)
                        dv = DataValidation(type="list", formula1=f"={list_ranges[c['list']]}", allow_blank=True)
                        ts.add_data_validation(dv)
                        dv.add(f"{letter}3:{letter}500")
                continue
            if not q.takes_answer:
                append_text_row(ws, [q.key, q.text(), help_text, ""])
                ws.cell(row=ws.max_row, column=2).font = Font(italic=True)
                continue
            labels = _labels(view, q)
            if q.qtype == "indicator":
                v = value or {}
                row = [q.key, q.text(), help_text, _number_out(v["value"]) if v.get("value") else "", q.unit,
                       v.get("year", ""), v.get("source", ""), v.get("method", "")]
            else:
                row = [q.key, q.text(), help_text, _cell_out(q.qtype, value, labels), q.unit]
            append_text_row(ws, row)
            r = ws.max_row
            ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True)
            if q.qtype in ("yes_no", "select_one") and q.choice_list_id in list_ranges:
                dv = DataValidation(type="list", formula1=f"={list_ranges[q.choice_list_id]}", allow_blank=True)
                ws.add_data_validation(dv)
                dv.add(f"D{r}")
            elif q.qtype == "select_multiple":
                ws.cell(row=r, column=3, value=(help_text + " " if help_text else "") + _(
                    "Several choices: separate them with ';'. Choices: %(c)s") % {"c": "; ".join(labels.values())})
            elif q.qtype == "date":
                ws.cell(row=r, column=4).number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class CellProblem:
    sheet: str
    cell: str
    message: str
    question: str = ""

    def __str__(self) -> str:
        if self.cell:
            return _("Sheet %(sheet)s, cell %(cell)s: %(msg)s") % {"sheet": self.sheet, "cell": self.cell,
                                                                   "msg": self.message}
        return _("Sheet %(sheet)s: %(msg)s") % {"sheet": self.sheet, "msg": self.message} if self.sheet \
            else self.message


@dataclass
class UploadResult:
    problems: list[CellProblem] = field(default_factory=list)
    changes: list[tuple] = field(default_factory=list)  # (question, value)
    applied: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v).strip()


def _from_cell(qtype: str, raw, labels: dict):
    """A cell's value as what ``values.clean`` takes: labels back to choice values."""
    back = {str(lbl).strip().lower(): val for val, lbl in labels.items()}
    if qtype in ("yes_no", "select_one"):
        text = _text(raw)
        return back.get(text.lower(), text)
    if qtype == "select_multiple":
        parts = [p.strip() for p in _text(raw).split(";") if p.strip()]
        return [back.get(p.lower(), p) for p in parts]
    if qtype == "date" and isinstance(raw, dt.datetime | dt.date):
        return raw
    if isinstance(raw, float):
        return repr(raw) if not raw.is_integer() else str(int(raw))
    return _text(raw)


def questionnaire_check(report: Report, content: bytes) -> UploadResult:
    """Read an uploaded questionnaire; every problem names its sheet and cell. Applies nothing."""
    import openpyxl

    result = UploadResult()
    P = result.problems
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception:  # noqa: BLE001
        P.append(CellProblem("", "", _("This is not an Excel (.xlsx) workbook that can be read.")))
        return result
    if ABOUT not in wb.sheetnames:
        P.append(CellProblem("", "", _("The sheet '%(s)s' is missing: this is not a questionnaire downloaded from "
                                       "this site.") % {"s": ABOUT}))
        return result
    about = wb[ABOUT]
    meta = {}
    sheets: dict[str, tuple[str, str]] = {}
    for row in about.iter_rows(values_only=True):
        if not row or row[0] is None:
            continue
        key = _text(row[0])
        if key in ("sheet", "table") and len(row) >= 3:
            sheets[str(row[1] or "")] = (key, _text(row[2]))  # a title as written (spaces count)
        elif len(row) >= 2:
            meta[key] = _text(row[1])
    expect = {"report": report.number, "country": report.country_id, "cycle": report.cycle.code,
              "version": str(report.template.version)}
    for key, value in expect.items():
        if meta.get(key) != value:
            cell = {"report": "B1", "country": "B2", "cycle": "B4", "version": "B6"}[key]
            P.append(CellProblem(ABOUT, cell, _("this file is for %(what)s '%(got)s', not '%(want)s' (the report "
                                                "%(number)s); download its own questionnaire.") % {
                "what": key, "got": meta.get(key, ""), "want": value, "number": report.number}))
    if P:
        return result
    view = ReportView(report)
    sections = {s.key: s for s in view.sections}
    questions = {q.key: q for q in view.questions}
    wanted_sections = set(sections)
    wanted_tables = {q.key for q in view.questions if q.qtype == "table"}
    found_sections, found_tables = set(), set()
    for title, (kind, key) in sheets.items():
        if title not in wb.sheetnames:
            P.append(CellProblem(title, "", _("this sheet is missing (it holds %(key)s); keep every sheet of the "
                                              "downloaded file.") % {"key": key}))
            continue
        ws = wb[title]
        (found_sections if kind == "sheet" else found_tables).add(key)
        if ws.merged_cells.ranges:
            for rng in ws.merged_cells.ranges:
                P.append(CellProblem(title, str(rng).split(":")[0], _("cells %(range)s are merged; unmerge them.")
                                     % {"range": str(rng)}))
            continue
        if kind == "sheet":
            section = sections.get(key)
            if section is None:
                P.append(CellProblem(ABOUT, "", _("the section '%(key)s' is not in this report's template.") % {
                    "key": key}))
                continue
            found_sections.add(key)
            _check_section(view, report, ws, section, questions, result)
        else:
            q = questions.get(key)
            if q is None or q.qtype != "table":
                P.append(CellProblem(ABOUT, "", _("the table '%(key)s' is not in this report's template.") % {
                    "key": key}))
                continue
            found_tables.add(key)
            _check_table(view, ws, q, result)
    for key in sorted(wanted_sections - found_sections):
        P.append(CellProblem("", "", _("The sheet of the section '%(s)s' is missing.") % {
            "s": sections[key].title()}))
    for key in sorted(wanted_tables - found_tables):
        P.append(CellProblem("", "", _("The sheet of the table '%(s)s' is missing.") % {"s": key}))
    return result


def _check_section(view, report, ws, section, questions, result) -> None:
    P = result.problems
    header = [_text(c.value) for c in ws[1]][: len(SECTION_HEADERS)]
    for i, (got, want) in enumerate(zip(header + [""] * len(SECTION_HEADERS), SECTION_HEADERS, strict=False)):
        if got != want:
            letter = "ABCDEFGH"[i]
            P.append(CellProblem(ws.title, f"{letter}1", _("the column heading should be '%(want)s', found "
                                                           "'%(got)s'; keep the columns as they are.") % {
                "want": want, "got": got}))
            return
    seen = set()
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        row = list(row) + [None] * 8
        key = _text(row[0])
        if not key:
            if any(_text(v) for v in row[3:8]):
                P.append(CellProblem(ws.title, f"A{r}", _("this row has an answer but no question key.")))
            continue
        q = questions.get(key)
        if q is None or q.section_id != section.pk:
            P.append(CellProblem(ws.title, f"A{r}", _("'%(key)s' is not a question of this section.") % {"key": key}))
            continue
        if key in seen:
            P.append(CellProblem(ws.title, f"A{r}", _("the question '%(key)s' is twice in the sheet.") % {"key": key}))
            continue
        seen.add(key)
        if not q.takes_answer or q.qtype in ("table", "file"):
            continue
        labels = view.choice_labels.get(q.choice_list_id, {}) if q.choice_list_id else {}
        if q.qtype == "indicator":
            raw = {"value": _from_cell("decimal", row[3], {}), "year": _text(row[5]), "source": _text(row[6]),
                   "method": _text(row[7])}
        else:
            raw = _from_cell(q.qtype, row[3], labels)
        try:
            value = V.clean(view.field(q), raw)
        except ValidationError as exc:
            P.append(CellProblem(ws.title, f"D{r}", " ".join(exc.messages), q.key))
            continue
        current = view.answers.get(q.pk)
        if (current.value if current else None) != value:
            result.changes.append((q, value, ws.title, f"D{r}"))


def _check_table(view, ws, q, result) -> None:
    P = result.problems
    keys = [c["key"] for c in q.columns]
    header = [_text(c.value) for c in ws[1]][: len(keys)]
    for i, want in enumerate(keys):
        got = header[i] if i < len(header) else ""
        if got != want:
            from openpyxl.utils import get_column_letter

            P.append(CellProblem(ws.title, f"{get_column_letter(i + 1)}1", _(
                "the column heading should be '%(want)s', found '%(got)s'.") % {"want": want, "got": got}))
            return
    rows = []
    from openpyxl.utils import get_column_letter

    for r, values in enumerate(ws.iter_rows(min_row=3, values_only=True), start=3):
        values = list(values) + [None] * len(keys)
        if not any(_text(v) for v in values[: len(keys)]):
            continue
        row, bad = {}, False
        for i, col in enumerate(q.columns):
            labels = _column_labels(view, q, col)
            try:
                row[col["key"]] = V.clean(view.field(q, col), _from_cell(col["type"], values[i], labels))
            except ValidationError as exc:
                P.append(CellProblem(ws.title, f"{get_column_letter(i + 1)}{r}", " ".join(exc.messages), q.key))
                bad = True
        if not bad:
            rows.append(row)
    current = view.answers.get(q.pk)
    value = rows or None
    if (current.value if current else None) != value:
        result.changes.append((q, value, ws.title, "A3"))


def questionnaire_apply(*, actor, report: Report, content: bytes, only_valid: bool = False) -> UploadResult:
    """Check, then (if the whole file is valid, or ``only_valid``) save the changed answers the person may edit."""
    from . import services

    if not perms.can_view_report(actor, report) or report.is_locked:
        raise PermissionDenied
    result = questionnaire_check(report, content)
    blocking = [p for p in result.problems if not p.question]
    if blocking or (result.problems and not only_valid):
        return result
    for q, value, sheet, cell in result.changes:
        if not perms.can_edit_section(actor, report, q.section):
            result.problems.append(CellProblem(sheet, cell, _("you may not answer this section (it is not "
                                                              "assigned to you); not applied."), q.key))
            continue
        services.answer_save(actor=actor, report=report, question=q, value=value, cleaned=True,
                             via=AnswerRevision.Via.XLSX)
        result.applied += 1
    return result


# --- indicator data -------------------------------------------------------------------------------------

INDICATOR_HEADERS = ["indicator", "year", "value", "unit", "source", "method"]


def indicators_xlsx(country) -> bytes:
    import openpyxl

    from .models import IndicatorValue

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indicators"
    append_text_row(ws, INDICATOR_HEADERS)
    for v in IndicatorValue.objects.filter(country=country):
        append_text_row(ws, [v.indicator, v.year, float(v.value), v.unit, v.source, v.method])
    about = wb.create_sheet(ABOUT)
    append_text_row(about, ["country", country.pk])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def indicators_apply(*, actor, country, content: bytes, only_valid: bool = False) -> UploadResult:
    import openpyxl

    from . import services

    if not perms.can_manage_country_data(actor, country.pk):
        raise PermissionDenied
    result = UploadResult()
    P = result.problems
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception:  # noqa: BLE001
        P.append(CellProblem("", "", _("This is not an Excel (.xlsx) workbook that can be read.")))
        return result
    for name in ("Indicators", ABOUT):
        if name not in wb.sheetnames:
            P.append(CellProblem(name, "", _("this sheet is missing.")))
    if P:
        return result
    if _text(wb[ABOUT]["B1"].value) != country.pk:
        P.append(CellProblem(ABOUT, "B1", _("this file is for the country '%(got)s', not '%(want)s'.") % {
            "got": _text(wb[ABOUT]["B1"].value), "want": country.pk}))
        return result
    ws = wb["Indicators"]
    for rng in ws.merged_cells.ranges:
        P.append(CellProblem(ws.title, str(rng).split(":")[0], _("cells %(range)s are merged; unmerge them.") % {
            "range": str(rng)}))
    header = [_text(c.value) for c in ws[1]][: len(INDICATOR_HEADERS)]
    if header != INDICATOR_HEADERS:
        P.append(CellProblem(ws.title, "A1", _("the headings should be: %(h)s.") % {"h": ", ".join(INDICATOR_HEADERS)}))
    if P:
        return result
    for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        row = list(row) + [None] * 6
        if not any(_text(v) for v in row[:6]):
            continue
        if not _text(row[0]):
            P.append(CellProblem(ws.title, f"A{r}", _("give the indicator."), "x"))
            continue
        try:
            cleaned = V.clean(V.Field("indicator"), {"value": _from_cell("decimal", row[2], {}), "year": _text(row[1]),
                                                     "source": _text(row[4]), "method": _text(row[5])})
        except ValidationError as exc:
            cell = "B" if "year" in " ".join(exc.messages).lower() else "C"
            P.append(CellProblem(ws.title, f"{cell}{r}", " ".join(exc.messages), "x"))
            continue
        result.changes.append((_text(row[0]), cleaned, _text(row[3])))
    if P and not only_valid:
        return result
    for indicator, cleaned, unit in result.changes:
        services.indicator_value_set(actor=actor, country=country, indicator=indicator, year=cleaned["year"],
                                     value=cleaned["value"], unit=unit, source=cleaned["source"],
                                     method=cleaned["method"])
        result.applied += 1
    return result
