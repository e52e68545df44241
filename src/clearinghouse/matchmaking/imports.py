"""Import the sheets of a workshop wall from a CSV or XLSX file.

All or nothing: every row is checked and created through the same service as the pages, inside one
transaction; when any line is wrong, nothing is kept and each wrong line is reported with its number
("line 12: the title has 412 characters; the limit is 300"), so the facilitator corrects the file and
imports it again. Files are read as a stream that stops at the row limit (a 150,000-row sheet is not
read whole), and a field longer than its limit is a line error, never a server error.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clearinghouse.core.errors import Conflict
from clearinghouse.core.text import clean_line, clean_text

from . import permissions as perms
from . import services
from .models import Workshop

ENCODINGS = ("utf-8-sig", "cp1252", "cp1251", "gb18030")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
#: Characters a cell may hold, per column (the services' limits; other columns are short).
MAX_CHARS = {"title": services.MAX_TITLE, "description": services.MAX_DESCRIPTION, "support": 500,
             "name": 200, "email": 254, "country": 100, "language": 50, "targets": 500, "kind": 50}
MAX_CELL = max(MAX_CHARS.values())
# The csv module refuses a field over 131,072 characters with csv.Error (a 500): let it read up to the file
# limit, and check each field against its column's limit instead.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))

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


def _rows_csv(content: bytes) -> tuple[Iterator[list[str]], str]:
    text, encoding = decode(content)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect), encoding


def _rows_xlsx(content: bytes) -> Iterator[list[str]]:
    """The first sheet's rows, one at a time (read-only mode: the sheet is never loaded whole)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        ws = wb.worksheets[0]
    except Exception:  # noqa: BLE001 - any damage in the zip/xml
        raise ValidationError({"file": [_("This spreadsheet is damaged or not an XLSX file.")]}) from None

    def rows():
        try:
            for row in ws.iter_rows(values_only=True):
                yield ["" if c is None else str(c) for c in row]
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 - damage found while streaming
            raise ValidationError({"file": [_("This spreadsheet is damaged or not an XLSX file.")]}) from None
        finally:
            wb.close()

    return rows()


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


COLUMN_NAMES = {
    "kind": gettext_lazy("kind"), "name": gettext_lazy("name"), "email": gettext_lazy("email"),
    "country": gettext_lazy("country"), "title": gettext_lazy("title"), "description": gettext_lazy("description"),
    "language": gettext_lazy("language"), "targets": gettext_lazy("targets"), "support": gettext_lazy("support"),
}


def _too_long(cols: dict[str, int], row: list[str]) -> str | None:
    for key, i in cols.items():
        if i < len(row) and len(row[i] or "") > MAX_CHARS[key]:
            return _("the %(column)s is longer than %(max)s characters (%(n)s)") % {
                "column": str(COLUMN_NAMES[key]), "max": number_format(MAX_CHARS[key], force_grouping=True), "n": number_format(len(row[i]), force_grouping=True)}
    return None


def _error_text(exc: ValidationError) -> str:
    msgs = []
    for fname, errs in getattr(exc, "message_dict", {"": exc.messages}).items():
        msgs.extend(f"{fname}: {e}" if fname else str(e) for e in errs)
    return "; ".join(msgs)


def workshop_wall_import(*, actor, workshop: Workshop, filename: str, content: bytes) -> ImportReport:
    """Create the needs and offers of a file, all or none; report each wrong line by its number (header = 1)."""
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
    header = next(rows, None)
    if not header:
        raise ValidationError({"file": [_("The file has no rows.")]})
    cols = _header_map([clean_line(h[:200]) for h in header])
    missing = [f for f in ("kind", "title") if f not in cols]
    if missing:
        raise ValidationError({"file": [_("The first row must name the columns; missing: %(cols)s.") % {
            "cols": ", ".join(missing)}]})

    def cell(row, key):
        i = cols.get(key)
        return clean_text(row[i] if i is not None and i < len(row) else "").strip()

    # one more than the limit, to know it was passed, and never more: the rest of the file is not read
    body = list(itertools.islice(rows, MAX_ROWS + 1))
    if len(body) > MAX_ROWS:
        raise ValidationError({"file": [_("At most %(n)s rows can be imported at once.") % {"n": MAX_ROWS}]})
    members = {u.email.lower(): u for u in User.objects.filter(pk__in=workshop.memberships.values("user_id"))}
    with transaction.atomic():
        for number, row in enumerate(body, start=2):
            if not any((c or "").strip() for c in row):
                continue
            too_long = _too_long(cols, row)
            if too_long:
                report.errors.append((number, too_long))
                continue
            kind = _kind(cell(row, "kind"))
            if kind is None:
                report.errors.append((number, _("Say “need” or “offer” in the kind column.")))
                continue
            title = clean_line(cell(row, "title"))
            data = {"title": title, "description": cell(row, "description") or title,
                    "sheet_author": clean_line(cell(row, "name")), "support_text": cell(row, "support"),
                    "language": (cell(row, "language") or "en").lower()[:2]}
            targets = [t for t in cell(row, "targets").replace(";", ",").split(",") if t.strip()]
            if targets:
                data["targets"] = [t.strip().replace(" ", "") for t in targets]
            person = members.get(cell(row, "email").lower())
            country = cell(row, "country").upper()[:2] or None
            try:
                with transaction.atomic():
                    post = services.post_create(actor=actor, kind=kind, data=data, country=country,
                                                workshop=workshop)
                    if person is not None and person != actor:
                        type(post).objects.filter(pk=post.pk).update(owner=person)
                report.created.append(post)
            except ValidationError as exc:
                report.errors.append((number, _error_text(exc)))
            except (PermissionDenied, Conflict) as exc:
                report.errors.append((number, str(exc)))
        if report.errors:
            transaction.set_rollback(True)  # nothing half-imported: correct the lines and import again
            report.created = []
    return report
