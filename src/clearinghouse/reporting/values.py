"""Answer values by question type: clean what a person typed, show it, convert it between mapped questions,
and give it to the expression language. No database access beyond the question's choice values.

Stored (``Answer.value``, JSON): text/link/date → str; yes_no/select_one → choice value; select_multiple →
list of values; integer → int; decimal → str (exact); indicator → {"value", "year", "source", "method"};
table → list of {column key: value}; file → {"name", "path", "size"}.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from clearinghouse.core.text import clean_text

#: what a column of a table is, as a question-like dict
_EMPTY = (None, "", [], {})


class Field:
    """A question or a table column, the way this module needs it."""

    def __init__(self, qtype: str, choices: list[str] | None = None, key: str = ""):
        self.qtype = qtype
        self.choices = choices
        self.key = key


def field_of(question, column: dict | None = None, choice_values: dict | None = None) -> Field:
    if column is None:
        values = None
        if question.choice_list_id:
            values = (choice_values or {}).get(question.choice_list_id)
            if values is None:
                values = [c.value for c in question.choice_list.choices.all()]
        return Field(question.qtype, values, question.key)
    values = None
    if column.get("list"):
        values = (choice_values or {}).get(("name", question.template_id, column["list"]))
    return Field(column["type"], values, column["key"])


def is_empty(value) -> bool:
    if value in _EMPTY:
        return True
    if isinstance(value, dict) and "value" in value and "year" in value:
        return value.get("value") in (None, "")
    return False


def _decimal(text) -> Decimal:
    raw = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", raw):
        raw = raw.replace(",", "")
    elif raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("'%(v)s' is not a number.") % {"v": text}) from None
    if not value.is_finite():
        raise ValidationError(_("'%(v)s' is not a number.") % {"v": text})
    return value


def clean(field: Field, raw):
    """The stored value of ``raw`` (form text, spreadsheet cell, JSON), or ValidationError. Empty → None."""
    t = field.qtype
    if raw is None or (isinstance(raw, str) and raw.strip() == "") or raw == [] or raw == {}:
        return None
    if t in ("text", "note"):
        return clean_text(str(raw)) or None
    if t == "link":
        from clearinghouse.core.validators import clean_web_url

        return clean_web_url(str(raw).strip())
    if t == "yes_no":
        text = str(raw).strip().lower()
        mapping = {"yes": "yes", "no": "no", "true": "yes", "false": "no", "1": "yes", "0": "no",
                   str(_("Yes")).lower(): "yes", str(_("No")).lower(): "no"}
        if text not in mapping:
            raise ValidationError(_("Answer yes or no."))
        return mapping[text]
    if t == "select_one":
        text = str(raw).strip()
        if field.choices is not None and text not in field.choices:
            raise ValidationError(_("'%(v)s' is not one of the choices.") % {"v": text})
        return text
    if t == "select_multiple":
        items = raw if isinstance(raw, list) else [x for x in re.split(r"[\s,;]+", str(raw)) if x]
        items = [str(x).strip() for x in items if str(x).strip()]
        bad = [x for x in items if field.choices is not None and x not in field.choices]
        if bad:
            raise ValidationError(_("Not among the choices: %(v)s.") % {"v": ", ".join(bad)})
        ordered = [c for c in (field.choices or items) if c in items]
        return ordered or None
    if t == "integer":
        value = _decimal(raw)
        if value != value.to_integral_value():
            raise ValidationError(_("'%(v)s' is not a whole number.") % {"v": raw})
        return int(value)
    if t == "decimal":
        return _dec_text(_decimal(raw))
    if t == "date":
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        try:
            return dt.date.fromisoformat(str(raw).strip()[:10]).isoformat()
        except ValueError:
            raise ValidationError(_("'%(v)s' is not a date (YYYY-MM-DD).") % {"v": raw}) from None
    if t == "indicator":
        data = raw if isinstance(raw, dict) else {"value": raw}
        if is_empty(data) and not any(data.get(k) for k in ("year", "source", "method")):
            return None
        if data.get("value") in (None, ""):
            raise ValidationError(_("Give the indicator's value."))
        value = _dec_text(_decimal(data["value"]))
        year = data.get("year")
        if year in (None, ""):
            raise ValidationError(_("Give the year of the value."))
        try:
            year = int(str(year).strip())
        except ValueError:
            raise ValidationError(_("'%(v)s' is not a year.") % {"v": year}) from None
        if not 1900 <= year <= 2100:
            raise ValidationError(_("'%(v)s' is not a year.") % {"v": year})
        return {"value": value, "year": year, "source": clean_text(str(data.get("source") or ""))[:300],
                "method": clean_text(str(data.get("method") or ""))[:300]}
    if t == "file":
        if isinstance(raw, dict) and raw.get("path"):
            return {"name": str(raw.get("name", ""))[:255], "path": str(raw["path"]), "size": int(raw.get("size") or 0)}
        raise ValidationError(_("Upload a file."))
    if t == "table":
        raise ValidationError(_("A table is saved row by row."))  # tables go through clean_table
    return clean_text(str(raw)) or None


def clean_table(question, rows: list[dict], choice_values: dict | None = None) -> tuple[list[dict] | None, dict]:
    """Clean each cell of a table; returns (rows, {(row index, column key): message})."""
    errors: dict = {}
    out = []
    for i, row in enumerate(rows):
        clean_row = {}
        for col in question.columns:
            try:
                clean_row[col["key"]] = clean(field_of(question, col, choice_values), row.get(col["key"]))
            except ValidationError as exc:
                errors[(i, col["key"])] = " ".join(exc.messages)
        if any(v is not None for v in clean_row.values()):
            out.append(clean_row)
    return (out or None), errors


def _dec_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def for_expression(qtype: str, value):
    """The value the expression language sees."""
    if value is None:
        return None
    if qtype == "indicator" and isinstance(value, dict):
        return value.get("value")
    if qtype == "file" and isinstance(value, dict):
        return value.get("name")
    return value


def display(question, value, choice_labels: dict | None = None) -> str:
    """One line of text for a value (offers, print, CSV)."""
    if value is None:
        return ""
    labels = (choice_labels or {}).get(question.choice_list_id, {}) if question.choice_list_id else {}
    t = question.qtype
    if t in ("yes_no",):
        return labels.get(value) or (str(_("Yes")) if value == "yes" else str(_("No")))
    if t == "select_one":
        return labels.get(value, value)
    if t == "select_multiple":
        return "; ".join(labels.get(v, v) for v in value)
    if t == "indicator" and isinstance(value, dict):
        parts = [f"{value.get('value')}{(' ' + question.unit) if question.unit else ''} ({value.get('year')})"]
        if value.get("source"):
            parts.append(str(_("source: %(s)s") % {"s": value["source"]}))
        if value.get("method"):
            parts.append(str(_("method: %(m)s") % {"m": value["method"]}))
        return "; ".join(parts)
    if t in ("integer", "decimal"):
        return f"{value} {question.unit}".strip()
    if t == "file" and isinstance(value, dict):
        return value.get("name", "")
    if t == "table" and isinstance(value, list):
        return " | ".join(", ".join(f"{k}: {v}" for k, v in row.items() if v not in (None, "")) for row in value)
    return str(value)


def convert(value, source_type: str, target_field: Field):
    """An answer of one question offered on another (mapped) question, or None when it does not fit."""
    if value is None:
        return None
    t = target_field.qtype
    try:
        if source_type == t and t not in ("select_one", "select_multiple", "yes_no", "table"):
            return value
        if t == "table":
            return value if source_type == "table" else None
        if source_type == "indicator" and t == "decimal":
            return clean(target_field, value.get("value"))
        if source_type == "select_multiple" and t == "select_multiple":
            return clean(target_field, value)
        if source_type in ("select_one", "yes_no") and t == "select_multiple":
            return clean(target_field, [value])
        if isinstance(value, dict | list):
            return None
        return clean(target_field, value)
    except ValidationError:
        return None
