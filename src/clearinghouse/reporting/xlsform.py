"""Templates as XLSForm and as JSON: read, check, write. No database here.

A template travels as a *spec*, a plain dict (the JSON format, ``FORMAT`` = 1)::

    {"format": 1, "form_id": "cbd_nr7", "title": "...", "default_language": "en", "languages": ["en", "fr"],
     "convention": "CBD", "cycle": "nr7", "settings": {other settings columns},
     "sections": [{"key", "label": {lang: text}, "hint": {}, "relevant": "", "extra": {},
                   "questions": [{"key", "type", "label", "hint", "required", "required_message", "relevant",
                                  "constraint", "constraint_message", "list", "unit", "indicator", "columns",
                                  "calculation", "appearance", "extra"}]}],
     "choices": {"list name": [{"value", "label": {lang: text}, "extra": {}}]}}

XLSForm (``survey``/``choices``/``settings``): a section is a top-level ``begin_group``; a table is a
``begin_repeat`` whose rows are its columns (its ``constraint`` is the table rule, e.g. ``sum(${share}) <= 100``);
yes/no is ``select_one`` of a list holding exactly ``yes`` and ``no``; a link is ``text`` with appearance ``url``;
a number's unit is the ``unit`` column; an indicator value is a ``decimal`` with an ``indicator`` column.
``spec_from_xlsform`` reads what real forms contain and names the sheet, row and column of what it cannot
take; ``spec_to_xlsform`` writes it back, and the two are inverse on every spec (tests/reporting).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import expressions

FORMAT = 1

QUESTION_TYPES = ("text", "yes_no", "select_one", "select_multiple", "integer", "decimal", "date", "table",
                  "file", "link", "indicator", "note", "calculate")
COLUMN_TYPES = ("text", "yes_no", "select_one", "select_multiple", "integer", "decimal", "date", "link")
LIST_TYPES = ("select_one", "select_multiple", "yes_no")
YES_NO = ["yes", "no"]

#: XLSForm metadata rows: not questions, skipped with a note.
METADATA_TYPES = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
                  "email", "audit", "start-geopoint", "uri:deviceid", "imei", "get device id", "get end time",
                  "get phone number", "get sim id", "get start time", "get subscriber id", "get today",
                  "set form id", "set form title", "uri:username", "uri:email", "uri:phonenumber", "hidden"}
#: real-form types taken as one of ours (with a note)
TAKEN_AS = {"string": "text", "int": "integer", "image": "file", "photo": "file", "audio": "file",
            "video": "file", "background-audio": None, "geopoint": "text", "gps": "text", "geotrace": "text",
            "geoshape": "text", "barcode": "text", "time": "text", "datetime": "date", "range": "decimal",
            "acknowledge": "note", "trigger": "note"}
SIMPLE = {"text", "integer", "decimal", "date", "note", "calculate", "file"}

_ALIASES = {
    "relevance": "relevant", "bind::relevant": "relevant", "bind:relevant": "relevant",
    "constraint": "constraint", "bind::constraint": "constraint", "bind:constraint": "constraint",
    "constraint message": "constraint_message", "bind::jr:constraintmsg": "constraint_message",
    "bind:jr:constraintmsg": "constraint_message",
    "required message": "required_message", "bind::jr:requiredmsg": "required_message",
    "bind:jr:requiredmsg": "required_message",
    "bind::required": "required", "bind:required": "required",
    "calculate": "calculation", "bind::calculate": "calculation", "bind:calculate": "calculation",
    "control::appearance": "appearance", "control:appearance": "appearance",
    "list name": "list_name", "value": "name", "label": "label", "caption": "label",
}
_TRANSLATED = ("label", "hint", "required_message", "constraint_message", "guidance_hint")
_KNOWN_SURVEY = {"type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
                 "constraint_message", "appearance", "calculation", "unit", "indicator", "choice_filter"}

LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian", "zh": "Chinese",
    "pt": "Portuguese", "sw": "Swahili", "de": "German", "it": "Italian", "ja": "Japanese", "ne": "Nepali",
}
_NAME_TO_CODE = {v.lower(): k for k, v in LANGUAGE_NAMES.items()}
_XML_NAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


@dataclass
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def where(self) -> str:
        if self.sheet and self.row and self.column:
            return _("sheet %(sheet)s, cell %(cell)s") % {"sheet": self.sheet, "cell": f"{self.column}{self.row}"}
        if self.sheet and self.row:
            return _("sheet %(sheet)s, row %(row)s") % {"sheet": self.sheet, "row": self.row}
        if self.sheet:
            return _("sheet %(sheet)s") % {"sheet": self.sheet}
        return ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Result:
    spec: dict | None
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.spec is not None and not self.errors


def language_code(tag: str) -> str:
    """``English (en)`` / ``English(en)`` / ``english`` / ``fr`` -> a language code."""
    tag = (tag or "").strip()
    m = re.search(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\)\s*$", tag)
    if m:
        code = m.group(1).lower()
        return {"swa": "sw"}.get(code, code)
    low = tag.lower()
    if low in _NAME_TO_CODE:
        return _NAME_TO_CODE[low]
    if re.fullmatch(r"[a-z]{2,3}", low):
        return low
    try:
        import pycountry

        lang = pycountry.languages.lookup(tag)
        return getattr(lang, "alpha_2", None) or lang.alpha_3
    except (LookupError, ImportError):
        return low or "en"


def language_tag(code: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    if not name:
        try:
            import pycountry

            lang = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
            name = lang.name if lang else code
        except ImportError:
            name = code
    return f"{name} ({code})"


def _col_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


class _Sheet:
    """A sheet as header -> column, with its problems."""

    def __init__(self, ws, name: str, result: Result, default_language: str):
        self.name = name
        self.rows: list[tuple[int, dict[str, str], dict[str, str]]] = []  # (row number, values, column letters)
        self.columns: dict[str, int] = {}
        raw = list(ws.iter_rows(values_only=True))
        if not raw:
            return
        seen: dict[str, str] = {}
        header_map: dict[int, str] = {}
        for i, cell in enumerate(raw[0]):
            text = _cell_text(cell)
            if not text:
                continue
            letter = _col_letter(i)
            if re.search(r"\S::.*\)\s*[a-z_]+::", text):
                result.errors.append(Problem(
                    _("the header '%(h)s' holds two headers in one cell; put each in its own column") % {"h": text},
                    name, 1, letter))
                continue
            key = _normalise_header(text, default_language)
            if key in seen:
                result.errors.append(Problem(
                    _("the column '%(h)s' repeats column %(other)s (the same column, perhaps under another "
                      "spelling); keep one") % {"h": text, "other": seen[key]}, name, 1, letter))
                continue
            seen[key] = letter
            header_map[i] = key
        self.columns = {k: i for i, k in header_map.items()}
        for number, values in enumerate(raw[1:], start=2):
            row, letters = {}, {}
            for i, key in header_map.items():
                text = _cell_text(values[i]) if i < len(values) else ""
                if text:
                    row[key] = text
                letters[key] = _col_letter(i)
            if row:
                self.rows.append((number, row, letters))

    def letter(self, key: str) -> str:
        i = next((i for k, i in self.columns.items() if k == key), None)
        return _col_letter(i) if i is not None else ""


def _normalise_header(text: str, default_language: str) -> str:
    low = text.strip()
    if "::" not in low and ":" in low and low.split(":", 1)[0].strip().lower() in _TRANSLATED:
        low = low.replace(":", "::", 1)  # legacy 'label:English'
    base, sep, lang = low.partition("::")
    base_low = base.strip().lower()
    if sep and base_low in ("bind", "control", "media", "instance", "body"):
        full = f"{base_low}::{lang.strip().lower()}"
        return _ALIASES.get(full, full)
    base_low = _ALIASES.get(base_low, base_low)
    base_low = base_low.replace(" ", "_") if base_low in ("constraint message", "required message") else base_low
    if base_low in _TRANSLATED:
        return f"{base_low}::{language_code(lang) if sep else default_language}"
    return base_low if not sep else f"{base_low}::{lang.strip()}"


def _texts(row: dict, name: str) -> dict[str, str]:
    prefix = f"{name}::"
    return {k[len(prefix):]: v for k, v in row.items() if k.startswith(prefix) and v}


def _is_true(text: str) -> bool | None:
    low = (text or "").strip().lower()
    if low in ("", "no", "false", "false()", "0", "n"):
        return False
    if low in ("yes", "true", "true()", "1", "y"):
        return True
    return None


def _extra(row: dict, known: set[str]) -> dict[str, str]:
    out = {}
    for k, v in row.items():
        base = k.split("::", 1)[0]
        if base in _TRANSLATED or base in known:
            continue
        out[k] = v
    return out


def spec_from_xlsform(content: bytes | io.BytesIO, *, default_language: str = "en", check_pyxform: bool = True) -> Result:
    """Read an XLSForm workbook. Never raises on bad input: problems come back in ``Result.errors``."""
    import openpyxl

    data = content.getvalue() if isinstance(content, io.BytesIO) else content
    result = Result(spec=None)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same plain message
        result.errors.append(Problem(_("This is not an Excel (.xlsx) workbook that can be read.")))
        return result
    names = {n.strip().lower(): n for n in wb.sheetnames}
    if "survey" not in names:
        result.errors.append(Problem(_("The workbook has no 'survey' sheet (sheets found: %(names)s).")
                                     % {"names": ", ".join(wb.sheetnames)}))
        return result
    settings_row: dict[str, str] = {}
    if "settings" in names:
        st = _Sheet(wb[names["settings"]], "settings", result, default_language)
        if st.rows:
            settings_row = st.rows[0][1]
    lang = settings_row.get("default_language", "")
    default_language = language_code(lang) if lang else default_language
    survey = _Sheet(wb[names["survey"]], "survey", result, default_language)
    choices_sheet = _Sheet(wb[names["choices"]], "choices", result, default_language) if "choices" in names else None
    if "type" not in survey.columns:
        result.errors.append(Problem(_("The survey sheet has no 'type' column."), "survey", 1))
        return result

    # choices
    choices: dict[str, list[dict]] = {}
    list_rows: dict[str, int] = {}
    if choices_sheet is not None:
        for number, row, letters in choices_sheet.rows:
            list_name = row.get("list_name", "")
            value = row.get("name", "")
            if not list_name:
                result.notes.append(Problem(_("this row has no list name: skipped"), "choices", number,
                                            letters.get("list_name", "A")))
                continue
            if not value:
                result.errors.append(Problem(_("this choice of the list '%(list)s' has no name (value)")
                                             % {"list": list_name}, "choices", number, letters.get("name", "B")))
                continue
            items = choices.setdefault(list_name, [])
            list_rows.setdefault(list_name, number)
            if any(c["value"] == value for c in items):
                result.notes.append(Problem(_("the value '%(v)s' is twice in the list '%(list)s': the second is "
                                              "skipped") % {"v": value, "list": list_name}, "choices", number))
                continue
            items.append({"value": value, "label": _texts(row, "label"),
                          "extra": _extra(row, {"list_name", "name"})})

    sections: list[dict] = []
    section: dict | None = None
    table: dict | None = None
    depth_stack: list[str] = []  # "section", "group", "repeat", "loose"
    keys: dict[str, tuple[int, str]] = {}
    where: dict[str, tuple[int, str]] = {}
    loose = 0
    notes_once: set[str] = set()
    metadata_names: set[str] = set()

    def note_once(code: str, problem: Problem) -> None:
        if code not in notes_once:
            notes_once.add(code)
            result.notes.append(problem)

    def new_loose_section(number: int) -> dict:
        nonlocal loose
        loose += 1
        sec = {"key": f"section_{loose}", "label": {default_language: settings_row.get("form_title", "")}
               if settings_row.get("form_title") else {}, "hint": {}, "relevant": "", "extra": {}, "questions": []}
        sections.append(sec)
        return sec

    for number, row, letters in survey.rows:
        raw_type = row.get("type", "")
        type_letter = letters.get("type", "A")
        name = row.get("name", "")
        if not raw_type:
            if name or any(k.startswith("label") for k in row):
                result.errors.append(Problem(_("this row has no type"), "survey", number, type_letter))
            continue
        t = re.sub(r"\s+", " ", raw_type.strip())
        tl = t.replace(" ", "_")
        if tl in ("begin_group", "begin_repeat"):
            if not name or not _XML_NAME.match(name):
                result.errors.append(Problem(_("a group needs a name made of letters, digits, '_', '-' or '.' "
                                               "starting with a letter"), "survey", number,
                                             letters.get("name", "B")))
                name = name or f"group_{number}"
            if tl == "begin_repeat":
                if table is not None:
                    note_once("nested-repeat", Problem(_("a table (repeat) inside another table is flattened into "
                                                         "the outer table's columns"), "survey", number, type_letter))
                    depth_stack.append("repeat-nested")
                    continue
                if section is None:
                    section = new_loose_section(number)
                    depth_stack.append("loose-repeat")
                else:
                    depth_stack.append("repeat")
                table = _question(row, name, "table", number, letters, result, default_language)
                table["columns"] = []
                _register(keys, where, name, number, letters, result)
                section["questions"].append(table)
                continue
            if table is not None:
                note_once("group-in-repeat", Problem(_("groups inside a table are flattened into its columns"),
                                                     "survey", number, type_letter))
                depth_stack.append("group-in-repeat")
                continue
            if section is None or (depth_stack and depth_stack[-1] == "loose"):
                if depth_stack and depth_stack[-1] == "loose":
                    depth_stack.pop()
                _register(keys, where, name, number, letters, result)
                section = {"key": name, "label": _texts(row, "label"), "hint": _texts(row, "hint"),
                           "relevant": row.get("relevant", ""),
                           "extra": _extra(row, {"type", "name", "relevant"}), "questions": []}
                where[name] = (number, letters.get("relevant", ""))
                sections.append(section)
                depth_stack.append("section")
            else:
                note_once("nested-group", Problem(_("groups inside a section are flattened into the section"),
                                                  "survey", number, type_letter))
                depth_stack.append("group")
            continue
        if tl in ("end_group", "end_repeat"):
            if not depth_stack or (depth_stack[-1] in ("loose",) and len(depth_stack) == 1):
                result.errors.append(Problem(_("'%(t)s' without a matching begin") % {"t": raw_type}, "survey",
                                             number, type_letter))
                continue
            kind = depth_stack.pop()
            expect_repeat = kind in ("repeat", "loose-repeat", "repeat-nested")
            if expect_repeat != (tl == "end_repeat"):
                result.errors.append(Problem(_("'%(t)s' closes a %(kind)s") % {
                    "t": raw_type, "kind": _("table (repeat)") if expect_repeat else _("group")},
                    "survey", number, type_letter))
            if kind in ("repeat", "loose-repeat"):
                table = None
                if kind == "loose-repeat":
                    section = None
            elif kind == "section":
                section = None
            continue
        if t in METADATA_TYPES or tl in METADATA_TYPES:
            if name:
                metadata_names.add(name)
            note_once(f"meta-{t}", Problem(_("'%(t)s' is device metadata, not a question: skipped") % {"t": t},
                                           "survey", number, type_letter))
            continue
        qtype, list_name = _parse_type(t)
        if qtype is None:
            hint = ""
            if _parse_type(t.lower())[0] is not None:
                hint = " " + _("(types are written in lower case)")
            result.errors.append(Problem(_("unknown question type '%(t)s'") % {"t": raw_type} + hint, "survey",
                                         number, type_letter))
            continue
        if qtype == "external":
            note_once("external", Problem(_("choices from an external file ('%(t)s') are taken as text; put the "
                                            "list in the choices sheet to offer them") % {"t": raw_type}, "survey",
                                          number, type_letter))
            qtype, list_name = "text", None
        if qtype in TAKEN_AS:
            taken = TAKEN_AS[qtype]
            if taken is None:
                continue
            note_once(f"taken-{qtype}", Problem(_("'%(t)s' questions are taken as %(as)s") % {
                "t": qtype, "as": taken}, "survey", number, type_letter))
            qtype = taken
        if list_name is not None:
            if list_name not in choices:
                result.errors.append(Problem(_("the choice list '%(list)s' is not in the choices sheet") % {
                    "list": list_name}, "survey", number, type_letter))
                continue
            if qtype == "select_one" and [c["value"] for c in choices[list_name]] == YES_NO:
                qtype = "yes_no"
        if not name and qtype == "note":
            name = f"note_{number}"
        if not name or not _XML_NAME.match(name):
            result.errors.append(Problem(_("a question needs a name made of letters, digits, '_', '-' or '.' "
                                           "starting with a letter (found '%(n)s')") % {"n": name}, "survey",
                                         number, letters.get("name", "B")))
            continue
        if name in keys and (table is not None or section is not None):
            parent = (table or section)["key"]
            renamed, n = f"{parent}__{name}", 1
            while renamed in keys:
                n += 1
                renamed = f"{parent}__{name}_{n}"
            if True:
                result.notes.append(Problem(_("the name '%(n)s' is used again in another group: this one is "
                                              "kept as '%(new)s'") % {"n": name, "new": renamed}, "survey", number,
                                            letters.get("name", "B")))
                name = renamed
        if _register(keys, where, name, number, letters, result) is False:
            continue
        if qtype == "text" and row.get("appearance", "").strip() == "url":
            qtype = "link"
        if qtype == "decimal" and row.get("indicator"):
            qtype = "indicator"
        q = _question(row, name, qtype, number, letters, result, default_language)
        q["list"] = list_name or ""
        if qtype == "link":
            q["appearance"] = ""
        if table is not None:
            if qtype in ("note", "calculate", "file", "indicator", "table"):
                note_once(f"col-{qtype}", Problem(_("'%(t)s' rows inside a table are skipped") % {"t": qtype},
                                                  "survey", number, type_letter))
                continue
            table["columns"].append({k: q[k] for k in ("key", "type", "label", "hint", "required", "constraint",
                                                        "constraint_message", "unit", "list", "relevant",
                                                        "appearance", "extra")})
            continue
        if section is None:
            section = new_loose_section(number)
            depth_stack.append("loose")
        section["questions"].append(q)
    while depth_stack:
        kind = depth_stack.pop()
        if kind != "loose":
            result.errors.append(Problem(_("a group or table (repeat) is opened and never closed"), "survey"))
            break
    used_lists = {q["list"] for s in sections for q in _all_questions(s) if q.get("list")}
    languages = sorted({lang for s in sections for q in s["questions"] for lang in q["label"]}
                       | {lang for items in choices.values() for c in items for lang in c["label"]}
                       | {lang for s in sections for lang in s["label"]})
    if default_language in languages:
        languages.remove(default_language)
    if settings_row.get("languages"):  # declared (our exports): kept as written, even a language with no text yet
        declared = [language_code(x) for x in settings_row["languages"].split()]
        languages = [x for x in declared if x != default_language] + [x for x in languages if x not in declared]
    spec = {
        "format": FORMAT,
        "form_id": settings_row.get("form_id", "") or "form",
        "title": settings_row.get("form_title", ""),
        "default_language": default_language,
        "languages": [default_language] + languages,
        "convention": settings_row.get("convention", ""),
        "cycle": settings_row.get("cycle", ""),
        "settings": {k: v for k, v in settings_row.items()
                     if k not in ("form_id", "form_title", "default_language", "convention", "cycle", "languages")},
        "sections": sections,
        "choices": {name: items for name, items in choices.items() if name in used_lists or True},
    }
    if not sections and not result.errors:
        result.errors.append(Problem(_("The survey sheet has no questions."), "survey"))
    if result.errors:
        return result
    for problem in check_spec(spec, where=where, metadata=metadata_names):
        result.errors.append(problem)
    if result.errors:
        return result
    if check_pyxform:
        message = pyxform_problem(data)
        if message:
            result.errors.append(Problem(_("pyxform refuses the form: %(msg)s") % {"msg": message}))
            return result
    result.spec = spec
    return result


def _parse_type(t: str) -> tuple[str | None, str | None]:
    t = re.sub(r"\s+or_other$", "", t)
    parts = t.split(" ")
    head = parts[0]
    if head in ("select_one_from_file", "select_multiple_from_file", "select_one_external"):
        return "external", None
    if head in ("select_one", "select_multiple") and len(parts) >= 2:
        return head, parts[1]
    m = re.fullmatch(r"select (one|all that apply) from (\S+)", t)
    if m:
        return ("select_one" if m.group(1) == "one" else "select_multiple"), m.group(2)
    m = re.fullmatch(r"select (one|all that apply|multiple) (\S+)(?: or specify other)?", t)
    if m:
        return ("select_one" if m.group(1) == "one" else "select_multiple"), m.group(2)
    if len(parts) == 1 and (head.lower() in SIMPLE or head.lower() in TAKEN_AS):
        return head.lower(), None
    return None, None


def _register(keys, where, name, number, letters, result) -> bool:
    if name in keys:
        result.errors.append(Problem(_("the name '%(n)s' is already used on row %(row)s") % {
            "n": name, "row": keys[name][0]}, "survey", number, letters.get("name", "B")))
        return False
    keys[name] = (number, letters.get("name", "B"))
    where[name] = (number, letters.get("relevant", ""))
    where[f"{name}::constraint"] = (number, letters.get("constraint", ""))
    return True


def _question(row, name, qtype, number, letters, result, default_language) -> dict:
    req_text = row.get("required", "")
    required = _is_true(req_text)
    extra = _extra(row, _KNOWN_SURVEY)
    if required is None:
        result.notes.append(Problem(_("a conditional 'required' is taken as required"), "survey", number,
                                    letters.get("required", "")))
        extra["required"] = req_text
        required = True
    if row.get("choice_filter"):
        extra["choice_filter"] = row["choice_filter"]
    return {
        "key": name, "type": qtype, "label": _texts(row, "label"), "hint": _texts(row, "hint"),
        "required": bool(required), "required_message": _texts(row, "required_message"),
        "relevant": row.get("relevant", ""), "constraint": row.get("constraint", ""),
        "constraint_message": _texts(row, "constraint_message"), "list": "", "unit": row.get("unit", ""),
        "indicator": row.get("indicator", "") if qtype == "indicator" else "", "columns": [],
        "calculation": row.get("calculation", ""), "appearance": row.get("appearance", ""), "extra": extra,
    }


def _all_questions(section: dict):
    for q in section["questions"]:
        yield q
        yield from q.get("columns") or ()


def pyxform_problem(data: bytes) -> str:
    """pyxform's refusal of a workbook, or ''."""
    from pyxform.xls2xform import convert

    try:
        convert(xlsform=io.BytesIO(data), warnings=[], file_type=".xlsx")
    except Exception as exc:  # noqa: BLE001 - pyxform raises many kinds; its text is what we show
        return str(exc).strip()[:500] or exc.__class__.__name__
    return ""


def check_spec(spec: dict, *, where: dict | None = None, metadata: set[str] = frozenset()) -> list[Problem]:
    """Rules every template obeys, whatever its source: known types and lists, parseable conditions and rules
    that refer to existing questions, no cycle in the conditions."""
    where = where or {}
    problems: list[Problem] = []
    choices = spec.get("choices") or {}

    def at(key: str, column: str, message: str) -> Problem:
        row, letter = where.get(key if column == "relevant" else f"{key}::{column}", (None, ""))
        if row:
            return Problem(message, "survey", row, letter)
        return Problem(_("question '%(key)s', %(col)s: %(msg)s") % {"key": key, "col": column, "msg": message})

    keys: dict[str, dict] = {}
    graph: dict[str, set[str]] = {}
    for section in spec.get("sections") or []:
        section_refs: set[str] = set()
        if section.get("relevant"):
            try:
                section_refs = expressions.references(section["relevant"])
            except expressions.ExpressionError as exc:
                problems.append(at(section["key"], "relevant", _("bad condition: %(e)s") % {"e": exc}))
        for q in section.get("questions") or []:
            keys[q["key"]] = q
            if q["type"] not in QUESTION_TYPES:
                problems.append(at(q["key"], "type", _("unknown question type '%(t)s'") % {"t": q["type"]}))
            if q["type"] in LIST_TYPES and q.get("list") not in choices:
                problems.append(at(q["key"], "type", _("the choice list '%(list)s' does not exist") % {
                    "list": q.get("list")}))
            refs = set(section_refs)
            if q.get("relevant"):
                try:
                    refs |= expressions.references(q["relevant"])
                except expressions.ExpressionError as exc:
                    problems.append(at(q["key"], "relevant", _("bad condition: %(e)s") % {"e": exc}))
            graph[q["key"]] = refs
            for col in q.get("columns") or []:
                if col["type"] in LIST_TYPES and col.get("list") not in choices:
                    problems.append(at(col["key"], "type", _("the choice list '%(list)s' does not exist") % {
                        "list": col.get("list")}))
    for section in spec.get("sections") or []:
        for q in section.get("questions") or []:
            column_keys = {c["key"] for c in q.get("columns") or []}
            for expr_field in ("relevant", "constraint"):
                text = q.get(expr_field) or ""
                if not text:
                    continue
                try:
                    refs = expressions.references(text)
                except expressions.ExpressionError as exc:
                    label = _("bad condition: %(e)s") if expr_field == "relevant" else _("bad rule: %(e)s")
                    problems.append(at(q["key"], expr_field, label % {"e": exc}))
                    continue
                unknown = sorted(r for r in refs if r not in keys and r not in column_keys and r not in metadata
                                 and not any(r in {c["key"] for c in k.get("columns") or []} for k in keys.values()))
                if unknown:
                    problems.append(at(q["key"], expr_field, _("refers to questions that do not exist: %(keys)s")
                                       % {"keys": ", ".join(unknown)}))
    cycle = expressions.find_cycle(graph)
    if cycle:
        problems.append(Problem(_("the conditions go round in a circle: %(chain)s; a question cannot depend on "
                                  "itself") % {"chain": " → ".join(cycle)}))
    return problems


# --- writing ---------------------------------------------------------------------------------------------

def _lang_columns(name: str, languages: list[str]) -> list[str]:
    return [f"{name}::{language_tag(code)}" for code in languages]


def spec_to_rows(spec: dict) -> dict[str, list[dict[str, str]]]:
    """The three sheets as lists of {header: text}."""
    langs = spec["languages"]
    tag = {code: language_tag(code) for code in langs}

    def texts(prefix: str, values: dict) -> dict[str, str]:
        return {f"{prefix}::{tag.get(k) or language_tag(k)}": v for k, v in (values or {}).items() if v}

    def qrow(q: dict, xls_type: str) -> dict[str, str]:
        row = {"type": xls_type, "name": q["key"], **texts("label", q.get("label")), **texts("hint", q.get("hint"))}
        extra = dict(q.get("extra") or {})
        if q.get("required"):
            row["required"] = extra.pop("required", None) or "yes"
        row.update(texts("required_message", q.get("required_message")))
        for key in ("relevant", "constraint", "appearance", "calculation", "unit", "indicator"):
            if q.get(key):
                row[key] = q[key]
        row.update(texts("constraint_message", q.get("constraint_message")))
        row.update(extra)
        return row

    def xls_type(q: dict) -> str:
        t = q["type"]
        if t in ("select_one", "select_multiple"):
            return f"{t} {q['list']}"
        if t == "yes_no":
            return f"select_one {q['list']}"
        if t == "link":
            return "text"
        if t == "indicator":
            return "decimal"
        return t

    survey: list[dict[str, str]] = []
    for section in spec["sections"]:
        head = {"type": "begin_group", "name": section["key"], **texts("label", section.get("label")),
                **texts("hint", section.get("hint"))}
        if section.get("relevant"):
            head["relevant"] = section["relevant"]
        head.update(section.get("extra") or {})
        survey.append(head)
        for q in section["questions"]:
            if q["type"] == "table":
                survey.append(qrow(q, "begin_repeat"))
                for col in q.get("columns") or []:
                    full = {"calculation": "", "indicator": "", **col}
                    row = qrow(full, xls_type(full))
                    if full["type"] == "link":
                        row["appearance"] = "url"
                    survey.append(row)
                survey.append({"type": "end_repeat"})
                continue
            row = qrow(q, xls_type(q))
            if q["type"] == "link":
                row["appearance"] = "url"
            survey.append(row)
        survey.append({"type": "end_group"})
    choices = []
    for list_name, items in spec.get("choices", {}).items():
        for c in items:
            choices.append({"list_name": list_name, "name": c["value"], **texts("label", c.get("label")),
                            **(c.get("extra") or {})})
    settings = {"form_title": spec.get("title", ""), "form_id": spec["form_id"],
                "default_language": tag.get(spec["default_language"]) or language_tag(spec["default_language"]),
                **({"convention": spec["convention"]} if spec.get("convention") else {}),
                **({"cycle": spec["cycle"]} if spec.get("cycle") else {}),
                "languages": " ".join(spec["languages"]) if len(spec["languages"]) > 1 else "",
                **(spec.get("settings") or {})}
    return {"survey": survey, "choices": choices, "settings": [{k: v for k, v in settings.items() if v}]}


def spec_to_xlsform(spec: dict) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet, rows in spec_to_rows(spec).items():
        ws = wb.create_sheet(sheet)
        headers: list[str] = []
        for row in rows:
            for k in row:
                if k not in headers:
                    headers.append(k)
        if not headers:
            headers = ["list_name", "name", "label"] if sheet == "choices" else ["form_id"]
        append_text_row(ws, headers)
        for row in rows:
            append_text_row(ws, [row.get(h, "") for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def append_text_row(ws, values) -> None:
    """Append a row; text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) is stored as
    a text cell (never a formula), so it is neither run when opened nor changed on the way back."""
    ws.append([v if v != "" else None for v in values])
    row = ws.max_row
    for i, value in enumerate(values, start=1):
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
            cell = ws.cell(row=row, column=i)
            cell.value = value
            cell.data_type = "s"


def spec_to_json(spec: dict) -> str:
    return json.dumps(spec, ensure_ascii=False, indent=1, sort_keys=False)


def spec_from_json(text: str | bytes) -> Result:
    result = Result(spec=None)
    try:
        spec = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        result.errors.append(Problem(_("This is not valid JSON: %(e)s") % {"e": exc}))
        return result
    if not isinstance(spec, dict) or spec.get("format") != FORMAT or not isinstance(spec.get("sections"), list):
        result.errors.append(Problem(_("This JSON is not a template export (format %(f)s).") % {"f": FORMAT}))
        return result
    try:
        result.errors.extend(check_spec(spec))
    except (KeyError, TypeError, AttributeError) as exc:
        result.errors.append(Problem(_("The template JSON lacks a part: %(e)s") % {"e": exc}))
    if not result.errors:
        result.spec = spec
    return result
