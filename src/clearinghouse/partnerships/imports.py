"""Bulk registration of activities: a CSV/XLSX table or an IATI 2.03 activity file.

Two steps. ``preview`` reads the whole file and checks every line with the same rules as the form
(``services.activity_clean``), plus what only a file can get wrong: duplicate rows, activities already
registered, an IATI file of another version or broken XML (named with its line). Then the member chooses:
**all or nothing** (any wrong line: nothing is saved) or **only the valid lines**. Either way the import is
one transaction: never half-imported.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clearinghouse.core.text import clean_line, clean_text
from clearinghouse.core.vocab import support_code_from_text

from . import permissions as perms
from . import services
from .models import Activity, Member

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
IATI_VERSION = "2.03"
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))

HEADERS = {
    "title": ("title", "titre", "título", "titulo", "название", "العنوان", "标题"),
    "description": ("description", "descripción", "descripcion", "описание", "الوصف", "描述"),
    "language": ("language", "langue", "idioma", "язык"),
    "elements": ("elements", "target elements", "target_elements", "éléments", "elementos"),
    "countries": ("countries", "country", "pays", "países", "paises", "страны"),
    "subnational": ("subnational", "subnational area", "area", "zone", "región", "region"),
    "level": ("level", "niveau", "nivel"),
    "support_types": ("support", "kinds of support", "support types", "appui", "apoyo"),
    "start": ("start", "start month", "début", "debut", "inicio"),
    "end": ("end", "end month", "fin"),
    "budget": ("budget", "presupuesto", "amount"),
    "currency": ("currency", "devise", "moneda"),
    "beneficiaries": ("beneficiaries", "bénéficiaires", "beneficiarios"),
    "partners_involved": ("partners", "partners involved", "partenaires", "socios"),
    "status": ("status", "statut", "estado"),
    "links": ("links", "link", "url", "liens", "enlaces"),
    "iati_identifier": ("iati identifier", "iati_identifier", "iati-identifier", "iati"),
}


@dataclass
class Line:
    number: int  # line of the table (header = 1), or the XML line of the <iati-activity>
    label: str  # what to call it: "line 12", "iati-activity XM-DAC-... (line 40)"
    title: str = ""
    cleaned: dict | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    lines: list[Line]
    encoding: str = ""

    @property
    def valid(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.errors]

    @property
    def invalid(self) -> list[Line]:
        return [ln for ln in self.lines if ln.errors]


def _error_texts(exc: ValidationError) -> list[str]:
    out = []
    for fname, errs in getattr(exc, "message_dict", {"": exc.messages}).items():
        out.extend(f"{fname}: {e}" if fname else str(e) for e in errs)
    return out


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").replace(";", ",").replace("|", ",").split(",") if v.strip()]


def _rows_table(filename: str, content: bytes) -> tuple[list[list[str]], str]:
    if (filename or "").lower().endswith(".xlsx") or content[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            ws = wb.worksheets[0]
            rows = [["" if c is None else str(c) for c in row]
                    for row in itertools.islice(ws.iter_rows(values_only=True), MAX_ROWS + 2)]
            wb.close()
        except Exception:  # noqa: BLE001 - any damage in the zip or its XML
            raise ValidationError({"file": [_("This spreadsheet is damaged or not an XLSX file.")]}) from None
        return rows, "xlsx"
    from clearinghouse.matchmaking.imports import decode

    text, encoding = decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(itertools.islice(csv.reader(io.StringIO(text), dialect), MAX_ROWS + 2)), encoding


def _element_codes(partnership, values: list[str]) -> list[str]:
    """Element codes from codes or names (any language the partnership gives)."""
    by_name = {}
    for e in partnership.elements.all():
        by_name[e.code.lower()] = e.code
        by_name[e.name.lower()] = e.code
        for name in (e.names or {}).values():
            by_name[str(name).lower()] = e.code
    return [by_name.get(v.lower(), v) for v in values]


def _support_codes(values: list[str]) -> list[str]:
    return [support_code_from_text(v) or v for v in values]


def _check_file(content: bytes) -> None:
    if not content:
        raise ValidationError({"file": [_("The file is empty.")]})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": [_("The file is larger than 5 MB. Split it and import the parts.")]})


def _already(member: Member, lines: list[Line]) -> None:
    """Mark lines that repeat an earlier line, or an activity the member already registered."""
    seen: dict[tuple, int] = {}
    iati_seen: dict[str, int] = {}
    known_iati = set(member.activities.filter(withdrawn_at__isnull=True).exclude(iati_identifier="")
                     .values_list("iati_identifier", flat=True))
    known = set(member.activities.filter(withdrawn_at__isnull=True).values_list("title", "start"))
    for ln in lines:
        c = ln.cleaned
        if c is None:
            continue
        key = (c["title"].lower(), tuple(sorted(x.code for x in c["countries"])), c["start"], c["end"])
        if key in seen:
            ln.errors.append(_("the same activity as line %(n)s (title, countries and period)") % {"n": seen[key]})
        else:
            seen[key] = ln.number
        if c["iati_identifier"]:
            if c["iati_identifier"] in iati_seen:
                ln.errors.append(_("IATI identifier %(id)s is also on line %(n)s") % {
                    "id": c["iati_identifier"], "n": iati_seen[c["iati_identifier"]]})
            else:
                iati_seen[c["iati_identifier"]] = ln.number
            if c["iati_identifier"] in known_iati:
                ln.errors.append(_("IATI identifier %(id)s is already registered") % {"id": c["iati_identifier"]})
        if (c["title"], c["start"]) in known:
            ln.errors.append(_("already registered (same title and start)"))


def preview_table(*, member: Member, filename: str, content: bytes) -> Preview:
    _check_file(content)
    rows, encoding = _rows_table(filename, content)
    if not rows or not any((c or "").strip() for c in rows[0]):
        raise ValidationError({"file": [_("The file has no rows.")]})
    header = [clean_line(h)[:100].lower() for h in rows[0]]
    cols: dict[str, int] = {}
    for i, name in enumerate(header):
        for key, names in HEADERS.items():
            if name in names and key not in cols:
                cols[key] = i
    missing = [k for k in ("title", "countries", "elements", "support_types", "start", "end") if k not in cols]
    if missing:
        raise ValidationError({"file": [_("The first row must name the columns; missing: %(cols)s.") % {
            "cols": ", ".join(missing)}]})
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise ValidationError({"file": [_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS}]})
    partnership = member.partnership
    lines = []
    for number, row in enumerate(body, start=2):
        if not any((c or "").strip() for c in row):
            continue

        def cell(key, row=row):
            i = cols.get(key)
            return clean_text(row[i] if i is not None and i < len(row) else "").strip()

        line = Line(number=number, label=_("line %(n)s") % {"n": number}, title=clean_line(cell("title"))[:300])
        data = {k: cell(k) for k in cols}
        data["elements"] = _element_codes(partnership, _split(cell("elements")))
        data["countries"] = [c.upper() for c in _split(cell("countries"))]
        data["support_types"] = _support_codes(_split(cell("support_types")))
        data["links"] = _split(cell("links"))
        data["level"] = cell("level").lower() or None
        data["status"] = cell("status").lower() or None
        data["language"] = (cell("language") or "en").lower()
        try:
            line.cleaned = services.activity_clean(partnership, data)
        except ValidationError as exc:
            line.errors.extend(_error_texts(exc))
        lines.append(line)
    _already(member, lines)
    return Preview(lines=lines, encoding=encoding)


# --- IATI ---------------------------------------------------------------------------------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _narrative(el, default_lang: str) -> tuple[str, str]:
    """The first narrative of an element and its language."""
    if el is None:
        return "", default_lang
    for n in el.findall("narrative"):
        text = clean_text("".join(n.itertext())).strip()
        if text:
            return text, (n.get(XML_LANG) or default_lang or "en").lower()[:2]
    return "", default_lang


def preview_iati(*, member: Member, filename: str, content: bytes, elements: list[str],
                 support_types: list[str]) -> Preview:
    """Each ``<iati-activity>`` of an IATI 2.03 activity file as a line (named by its identifier and XML line)."""
    from lxml import etree

    _check_file(content)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        line, col = (exc.position or (0, 0))
        raise ValidationError({"file": [_("The XML is broken at line %(line)s, column %(col)s: %(msg)s") % {
            "line": line, "col": col, "msg": exc.msg}]}) from None
    if root.tag != "iati-activities":
        raise ValidationError({"file": [_("This is not an IATI activity file: its root element is <%(tag)s>, "
                                          "not <iati-activities>.") % {"tag": str(root.tag)[:60]}]})
    version = root.get("version") or ""
    if version != IATI_VERSION:
        raise ValidationError({"file": [_("<iati-activities version=\"%(v)s\">: this file follows another version "
                                          "of the IATI standard; version %(want)s is read. Export it as %(want)s.")
                                        % {"v": version or "?", "want": IATI_VERSION}]})
    partnership = member.partnership
    lines = []
    activities = root.findall("iati-activity")
    if not activities:
        raise ValidationError({"file": [_("The file holds no <iati-activity>.")]})
    if len(activities) > MAX_ROWS:
        raise ValidationError({"file": [_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS}]})
    for act in activities:
        ident = clean_line(act.findtext("iati-identifier") or "")
        label = (_("<iati-activity> %(id)s (line %(line)s)") % {"id": ident, "line": act.sourceline} if ident
                 else _("<iati-activity> at line %(line)s") % {"line": act.sourceline})
        lang_default = (act.get(XML_LANG) or root.get(XML_LANG) or "en").lower()[:2]
        title, lang = _narrative(act.find("title"), lang_default)
        desc, _dl = _narrative(act.find("description"), lang_default)
        line = Line(number=act.sourceline or 0, label=label, title=title[:300])
        problems = []
        if not ident:
            problems.append(_("<iati-identifier> is missing"))
        countries = []
        for rc in act.findall("recipient-country"):
            code = (rc.get("code") or "").strip().upper()
            if not code:
                problems.append(_("<recipient-country> at line %(line)s has no code") % {"line": rc.sourceline})
            else:
                countries.append(code)
        if not countries:
            problems.append(_("no <recipient-country>: a regional activity (<recipient-region>) needs its countries"))
        dates = {d.get("type"): (d.get("iso-date") or "", d.sourceline) for d in act.findall("activity-date")}
        start = dates.get("2") or dates.get("1")
        end = dates.get("4") or dates.get("3")
        if not start:
            problems.append(_("<activity-date type=\"1\" or \"2\"> (start) is missing"))
        if not end:
            problems.append(_("<activity-date type=\"3\" or \"4\"> (end) is missing"))
        default_currency = act.get("default-currency") or root.get("default-currency") or ""
        total, currency = None, ""
        for b in act.findall("budget"):
            value = b.find("value")
            if value is None or not (value.text or "").strip():
                problems.append(_("<budget> at line %(line)s has no <value>") % {"line": b.sourceline})
                continue
            cur = value.get("currency") or default_currency
            if currency and cur != currency:
                problems.append(_("<budget> values in %(a)s and %(b)s: give one currency") % {"a": currency, "b": cur})
                break
            currency = cur
            try:
                total = (total or 0) + float(value.text.strip())
            except ValueError:
                problems.append(_("<budget><value> at line %(line)s is not a number: %(v)s") % {
                    "line": value.sourceline, "v": value.text.strip()[:30]})
        orgs = []
        for po in act.findall("participating-org"):
            name, _pl = _narrative(po, lang_default)
            orgs.append(name or po.get("ref") or "")
        data = {"title": title, "description": desc, "language": lang, "countries": countries,
                "elements": elements, "support_types": support_types,
                "start": (start[0][:7] if start else ""), "end": (end[0][:7] if end else ""),
                "budget": total, "currency": currency, "partners_involved": "; ".join(o for o in orgs if o)[:500],
                "iati_identifier": ident, "level": "national" if len(countries) <= 1 else "regional",
                "status": {"1": "planned", "2": "ongoing", "3": "completed", "4": "completed", "5": "cancelled"}
                .get(act.find("activity-status").get("code") if act.find("activity-status") is not None else "",
                     "ongoing")}
        try:
            line.cleaned = services.activity_clean(partnership, data)
        except ValidationError as exc:
            problems.extend(_error_texts(exc))
        if problems:
            line.cleaned = None
        line.errors = problems
        lines.append(line)
    _already(member, lines)
    return Preview(lines=lines, encoding="xml")


def activities_import(*, actor, member: Member, preview: Preview, only_valid: bool) -> list[Activity]:
    """Create the previewed activities in one transaction: all (refused if any line is wrong) or the valid ones."""
    if not perms.can_register_activity(actor, member):
        raise PermissionDenied(_("Only the member's own people register its activities."))
    if preview.invalid and not only_valid:
        raise ValidationError({"file": [_("%(n)s line(s) have problems; nothing was imported. Correct them, or "
                                          "import only the valid lines.") % {"n": len(preview.invalid)}]})
    if not preview.valid:
        raise ValidationError({"file": [_("No line can be imported.")]})
    with transaction.atomic():
        return [services.activity_create(actor=actor, member=member, data={}, cleaned=ln.cleaned)
                for ln in preview.valid]
