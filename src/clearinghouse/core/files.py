"""Uploaded files, for every app: what a file really is, names nobody can guess, and serving.

- ``check_upload`` looks at the content (libmagic through ``python-magic``), not the name: the extension,
  the type the sender declared and the type found in the bytes must agree, and programs and scripts
  (ELF, PE/MZ, Mach-O, ``#!``) and web pages are refused whatever they are called.
- ``private_name`` gives a stored file a random name (128 bits), so a storage path cannot be guessed.
- ``serve_file`` answers a download that the caller has already allowed: ``Content-Disposition`` with the
  original name (RFC 6266 / RFC 5987, so any script works), ``nosniff``, a CSP sandbox, and, in production,
  a hand-off to the web server (``CLEARINGHOUSE_FILE_HANDOFF``: ``nginx`` → ``X-Accel-Redirect``,
  ``sendfile`` → ``X-Sendfile``; unset → Django streams the file itself).

This module knows nothing of the domain apps: they call it from their services and views.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: How much of a file libmagic reads (its own default); the whole file is opened only for Office zips.
SAMPLE_BYTES = 1024 * 1024

#: Shown by the browser rather than downloaded. Anything else is served as an attachment.
SAFE_INLINE_TYPES = frozenset({"image/png", "image/jpeg", "application/pdf"})

_OLE = frozenset({"application/msword", "application/x-ole-storage", "application/cdfv2", "application/vnd.ms-office",
                  "application/cdfv2-unknown"})
_ZIP = frozenset({"application/zip", "application/x-zip-compressed", "application/octet-stream"})
_TEXT = frozenset({"text/plain", "text/csv", "application/csv"})

#: For each extension: the types the content may be detected as.
DETECTED_OK: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"application/pdf"}),
    ".doc": _OLE,
    ".docx": frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    ".xlsx": frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    ".pptx": frozenset({"application/vnd.openxmlformats-officedocument.presentationml.presentation"}),
    ".odt": frozenset({"application/vnd.oasis.opendocument.text"}),
    ".csv": _TEXT,
    ".txt": _TEXT,
    ".png": frozenset({"image/png"}),
    ".jpg": frozenset({"image/jpeg"}),
    ".jpeg": frozenset({"image/jpeg"}),
}

#: Office formats are zips; libmagic names them only when their first entries say so, so a plain
#: "zip" is opened and its member names checked instead.
_ZIP_MEMBER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}

#: Other names senders (browsers, mail programs) use for the same types.
_DECLARED_ALIASES: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"application/x-pdf", "application/acrobat"}),
    ".doc": frozenset({"application/vnd.ms-word"}),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".odt": _ZIP,
    ".csv": frozenset({"application/vnd.ms-excel", "text/x-csv", "text/comma-separated-values", "application/csv"}),
    ".txt": frozenset({"text/csv"}),
    ".png": frozenset({"image/x-png"}),
    ".jpg": frozenset({"image/pjpeg", "image/jpg"}),
    ".jpeg": frozenset({"image/pjpeg", "image/jpg"}),
}
#: Declared types that say nothing (the sender did not know).
_UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/x-download",
                         "application/force-download", "application/unknown"})

_EXECUTABLE_MAGIC = (
    b"\x7fELF",  # Linux and most Unix
    b"\xfe\xed\xfa\xce", b"\xce\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe",  # Mach-O 32/64
    b"\xca\xfe\xba\xbe", b"\xbe\xba\xfe\xca",  # Mach-O universal (and Java classes)
)
_EXECUTABLE_TYPES = ("executable", "sharedlib", "mach-binary", "dosexec", "portable-executable", "msdownload",
                     "msi", "x-elf", "java-applet")
_DANGEROUS_TEXT = ("html", "xml", "javascript", "ecmascript", "script", "x-php", "x-perl", "x-python",
                   "x-ruby", "x-tcl", "x-lua", "x-awk", "x-msdos-batch", "svg")

_LABELS = {
    "application/pdf": gettext_lazy("a PDF document"),
    "image/png": gettext_lazy("a PNG image"),
    "image/jpeg": gettext_lazy("a JPEG image"),
    "image/gif": gettext_lazy("a GIF image"),
    "image/svg+xml": gettext_lazy("an SVG image (which can hold scripts)"),
    "text/html": gettext_lazy("a web page (HTML)"),
    "text/plain": gettext_lazy("plain text"),
    "text/csv": gettext_lazy("a CSV table"),
    "application/zip": gettext_lazy("a zip archive"),
    "application/msword": gettext_lazy("a Word 97-2003 document"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": gettext_lazy("a Word document"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": gettext_lazy("an Excel workbook"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation":
        gettext_lazy("a PowerPoint presentation"),
    "application/vnd.oasis.opendocument.text": gettext_lazy("an OpenDocument text"),
    "application/octet-stream": gettext_lazy("unrecognised binary data"),
}


def _describe(mime: str) -> str:
    label = _LABELS.get(mime)
    return str(label) if label else mime


def _base_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def _read_sample(content) -> bytes:
    """The first bytes of ``content`` (bytes, or a file object, which is rewound)."""
    if isinstance(content, bytes | bytearray | memoryview):
        return bytes(content[:SAMPLE_BYTES])
    content.seek(0)
    sample = content.read(SAMPLE_BYTES)
    content.seek(0)
    return sample


def _zip_has(content, member: str) -> bool:
    fileobj = io.BytesIO(bytes(content)) if isinstance(content, bytes | bytearray | memoryview) else content
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        fileobj.seek(0)


def detect_type(content) -> str:
    """The MIME type of the content, as libmagic sees it (lower case)."""
    import magic  # libmagic1 is a system package; imported here so the rest of the site starts without it

    sample = _read_sample(content)
    if not sample:
        return "application/x-empty"
    return _base_type(magic.from_buffer(sample, mime=True))


def is_executable(sample: bytes, detected: str) -> bool:
    head = sample[:4]
    if head in _EXECUTABLE_MAGIC:
        return True
    text_head = sample[3:5] if sample.startswith(b"\xef\xbb\xbf") else sample[:2]
    if text_head == b"#!":
        return True
    if sample.startswith(b"MZ") and not detected.startswith("text/"):
        return True
    return any(marker in detected for marker in _EXECUTABLE_TYPES) or detected in (
        "text/x-shellscript", "application/x-shellscript")


def check_upload(*, name: str, content, declared_type: str = "") -> str:
    """Check that a file is what its name says; return the content type to store it with.

    ``content`` is the bytes or a seekable file object (left rewound). Raise ``ValidationError`` with one
    localised message naming the file. The extension must be an allowed one
    (``CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES``); size limits stay with each caller.
    """
    allowed = settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES
    ext = Path(name or "").suffix.lower()
    if ext not in allowed:
        raise ValidationError(_("“%(name)s” cannot be attached: allowed types are %(types)s.") % {
            "name": name, "types": ", ".join(sorted(allowed))})
    sample = _read_sample(content)
    if not sample:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    detected = detect_type(sample)
    if is_executable(sample, detected):
        raise ValidationError(_("“%(name)s” is a program or a script, not a document: it cannot be attached.")
                              % {"name": name})
    accepted = DETECTED_OK.get(ext, frozenset({allowed[ext]}))
    ok = detected in accepted
    if not ok and ext in _ZIP_MEMBER and detected in _ZIP:
        ok = _zip_has(content, _ZIP_MEMBER[ext])
        detected = allowed[ext] if ok else detected
    if not ok and ext == ".odt" and detected in _ZIP:
        ok = sample[30:38] == b"mimetype" and b"application/vnd.oasis.opendocument.text" in sample[:100]
    if not ok and accepted is _TEXT and detected.startswith("text/"):
        # libmagic calls some prose "C source" or "Fortran"; any text is fine in a .txt or .csv except markup
        # and scripts, which a browser or a shell would run.
        ok = not any(marker in detected for marker in _DANGEROUS_TEXT)
    if not ok:
        raise ValidationError(
            _("“%(name)s” is not what its name says: the name ends in %(ext)s but the file is %(found)s. "
              "Save it again in the right format and attach it again.")
            % {"name": name, "ext": ext, "found": _describe(detected)})
    declared = _base_type(declared_type)
    if declared not in _UNDECLARED and declared != allowed[ext] and declared not in accepted \
            and declared not in _DECLARED_ALIASES.get(ext, ()):
        raise ValidationError(
            _("“%(name)s” was sent as %(declared)s, which does not match its name (%(ext)s).")
            % {"name": name, "declared": _describe(declared), "ext": ext})
    return allowed[ext]


def private_name(prefix: str, filename: str) -> str:
    """A storage name nobody can guess: ``prefix/ab/<32 hex digits>.ext`` (the original name is kept in the row)."""
    token = secrets.token_hex(16)
    ext = Path(filename or "").suffix.lower()
    ext = ext if ext in settings.CLEARINGHOUSE_ALLOWED_UPLOAD_TYPES or ext in (".md", ".html") else ""
    return f"{prefix}/{token[:2]}/{token}{ext}"


SANDBOX_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
#: Browsers' PDF viewers refuse to run in a sandboxed document; a PDF's own scripts run in the viewer, never
#: with the site's origin, so a PDF gets no sandbox but may not be framed by other sites.
PDF_CSP = "frame-ancestors 'self'"


def serve_file(file, *, name: str, content_type: str, inline: bool | None = None):
    """The response for a download the caller has already allowed (every permission check is the caller's)."""
    content_type = _base_type(content_type) or "application/octet-stream"
    if inline is None:
        inline = content_type in SAFE_INLINE_TYPES
    handoff = (getattr(settings, "CLEARINGHOUSE_FILE_HANDOFF", "") or "").lower()
    if handoff == "nginx":
        prefix = getattr(settings, "CLEARINGHOUSE_FILE_HANDOFF_PREFIX", "/protected-files/")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name)
    elif handoff == "sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = file.path
    elif handoff:
        raise ImproperlyConfigured("CLEARINGHOUSE_FILE_HANDOFF must be '', 'nginx' or 'sendfile'.")
    else:
        response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, name or "file")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_CSP if (inline and content_type == "application/pdf") else SANDBOX_CSP
    response["Cache-Control"] = "private, no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _looks_private(name: str, prefix: str) -> bool:
    import re

    return bool(re.fullmatch(re.escape(prefix) + r"/[0-9a-f]{2}/[0-9a-f]{32}(\.[a-z0-9]+)?", name or ""))


def rename_stored_files(model, field: str, prefix: str, *, using: str = "default") -> int:
    """Give every stored file of ``model.field`` a private name (for data migrations); return how many moved.

    The copy is written and the row updated first; the old file is deleted only after the migration's
    transaction commits, so a failed migration loses nothing. A row whose file is missing is left as it is.
    """
    from django.db import transaction

    moved = 0
    for row in model._default_manager.using(using).exclude(**{field: ""}).iterator():
        fieldfile = getattr(row, field)
        old = fieldfile.name
        if _looks_private(old, prefix):
            continue
        storage = fieldfile.storage
        if not storage.exists(old):
            continue
        with storage.open(old, "rb") as fh:
            new = storage.save(private_name(prefix, old), fh)
        model._default_manager.using(using).filter(pk=row.pk).update(**{field: new})
        transaction.on_commit(lambda old=old, storage=storage: storage.delete(old), using=using)
        moved += 1
    return moved
