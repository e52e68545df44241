"""Import the sheets of a workshop wall from a CSV or XLSX file.

Good rows become needs and offers (through the same services as the pages); bad rows are
reported with their row number and the reason, and do not stop the others.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from clearinghouse.core.errors import Conflict

from . import permissions as perms
from . import services
from .models import Workshop

ENCODINGS = ("utf-8-sig", "cp1252", "cp1251", "gb18030")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000

HEADERS = {
    "kind": ("kind", "type", "sheet", "colour", "color", "need/offer", "type de fiche", "tipo"),
    "name": ("name", "author", "nom", "nombre", "participant"),
    "email": ("email", "e-mail", "courriel", "correo"),
    "country": ("country", "pays", "país", "pais", "страна"),
    "title": ("title", "titre", "título", "titulo", "название"),
    "description": ("description", "details", "texte", "descripción", "descripcion", "описание"),
    "language": ("language", "langue", "idioma", "язык"),
    "targets": ("targets", "target", "cibles", "metas", "цели"),
    "support": ("support", "support type", "kind of support", "appui", "apoyo"),
}
NEED_WORDS = {"need", "needs", "yellow", "besoin", "necesidad", "jaune", "amarillo", "потребность", "需求", "احتياج"}
OFFER_WORDS = {"offer", "offers", "red", "offre", "oferta", "rouge", "rojo", "предложение", "提供", "عرض"}


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = ""


def decode(content: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (with or without BOM), cp1252, cp1251 or GB 18030."""
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(content, cp_isolation=list(ENCODINGS[1:])).best()
    if best is not None:
        return str(best), best.encoding
    for enc in ENCODINGS[1:]:
        try:
            return content.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise ValidationError({"file": [_("The file is not in a text encoding we can read (UTF-8, Windows-1252, "
                                      "Windows-1251 or GB 18030). Save it as CSV UTF-8 and try again.")]})


def _rows_csv(content: bytes) -> tuple[list[list[str]], str]:
    text, encoding = decode(content)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)], encoding


def _rows_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any damage in the zip/xml
        raise ValidationError({"file": [_("This spreadsheet is damaged or not an XLSX file.")]}) from None
    ws = wb.worksheets[0]
    rows = [["" if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def _header_map(header: list[str]) -> dict[str, int]:
    out = {}
    for i, name in enumerate(header):
        key = (name or "").strip().lower()
        for field_name, names in HEADERS.items():
            if key in names and field_name not in out:
                out[field_name] = i
    return out


def _kind(value: str) -> str | None:
    v = (value or "").strip().lower()
    if v in NEED_WORDS:
        return "need"
    if v in OFFER_WORDS:
        return "offer"
    return None


def workshop_wall_import(*, actor, workshop: Workshop, filename: str, content: bytes) -> ImportReport:
    """Create the needs and offers of a file; report bad rows by their number (header = row 1)."""
    from clearinghouse.accounts.models import User

    if not perms.can_manage_workshop(actor, workshop):
        raise PermissionDenied(_("Only the facilitator can import sheets."))
    if not workshop.is_open:
        raise Conflict(_("This workshop is closed."))
    if not content:
        raise ValidationError({"file": [_("The file is empty.")]})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": [_("The file is larger than 5 MB. Split it and import the parts.")]})
    report = ImportReport()
    name = (filename or "").lower()
    if name.endswith(".xlsx") or content[:2] == b"PK":
        rows = _rows_xlsx(content)
        report.encoding = "xlsx"
    else:
        rows, report.encoding = _rows_csv(content)
    if not rows:
        raise ValidationError({"file": [_("The file has no rows.")]})
    cols = _header_map(rows[0])
    missing = [f for f in ("kind", "title") if f not in cols]
    if missing:
        raise ValidationError({"file": [_("The first row must name the columns; missing: %(cols)s.") % {
            "cols": ", ".join(missing)}]})
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError({"file": [_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS}]})

    def cell(row, key):
        i = cols.get(key)
        return (row[i] if i is not None and i < len(row) else "").strip()

    for number, row in enumerate(rows[1:], start=2):
        if not any((c or "").strip() for c in row):
            continue
        kind = _kind(cell(row, "kind"))
        if kind is None:
            report.errors.append((number, _("Say “need” or “offer” in the kind column.")))
            continue
        title = cell(row, "title")
        description = cell(row, "description") or title
        data = {"title": title, "description": description, "sheet_author": cell(row, "name")[:200],
                "language": (cell(row, "language") or "en").lower()[:2],
                "support_text": cell(row, "support")[:500]}
        targets = [t for t in cell(row, "targets").replace(";", ",").split(",") if t.strip()]
        if targets:
            data["targets"] = [t.strip().replace(" ", "") for t in targets]
        owner = actor
        email = cell(row, "email")
        if email:
            person = User.objects.filter(email__iexact=email).first()
            if person is not None and workshop.memberships.filter(user=person).exists():
                owner = person
        country = cell(row, "country").upper()[:2] or None
        try:
            post = services.post_create(actor=owner if owner == actor else actor, kind=kind, data=data,
                                        country=country, workshop=workshop)
            if owner != actor:
                type(post).objects.filter(pk=post.pk).update(owner=owner)
            report.created.append(post)
        except ValidationError as exc:
            msgs = []
            for fname, errs in getattr(exc, "message_dict", {"": exc.messages}).items():
                msgs.extend(f"{fname}: {e}" if fname else str(e) for e in errs)
            report.errors.append((number, "; ".join(msgs)))
        except (PermissionDenied, Conflict) as exc:
            report.errors.append((number, str(exc)))
    return report
