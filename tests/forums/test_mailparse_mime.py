"""mailparse.mime: charsets (declared, wrong, missing), RFC 2047 headers, format=flowed."""

from __future__ import annotations

import email

import pytest

from clearinghouse.forums.mailparse.mime import _decode_bytes, _decode_header, _part_text, _unflow


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("Добрый день, коллеги", "koi8-r"),
        ("Добрый день, коллеги", "windows-1251"),
        ("مرحبا بالجميع", "windows-1256"),
        ("我们同意这个提案", "gb2312"),
        ("提案に賛成します", "shift_jis"),
        ("Réunion à Genève", "iso-8859-1"),
    ],
)
def test_declared_charset_decodes(text: str, charset: str):
    assert _decode_bytes(text.encode(charset), charset) == text


def test_wrong_label_is_overruled_by_a_clearly_better_reading():
    # KOI8-R bytes labelled windows-1251 (a classic Russian mis-label)
    assert _decode_bytes("Добрый день, коллеги".encode("koi8-r"), "windows-1251") == "Добрый день, коллеги"


def test_missing_label_utf8_wins():
    assert _decode_bytes("Ação já".encode(), None) == "Ação já"


def test_rfc2047_header_mixed_encodings():
    value = "=?UTF-8?B?0JjQstCw0L0=?= =?ISO-8859-1?Q?Gar=E7on?="
    assert _decode_header(value) == "ИванGarçon"


def test_flowed_text_is_unwrapped():
    assert (
        _unflow("one long \nline\n> quoted \n> more\n-- \nsig", delsp=False)
        == "one long line\n> quoted more\n-- \nsig"
    )


def test_part_text_decodes_quoted_printable():
    msg = email.message_from_bytes(
        b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nD=E9j=E0 vu\n"
    )
    assert _part_text(msg).strip() == "Déjà vu"


def test_leading_blank_line_before_the_headers():
    from clearinghouse.forums.mailparse import parse_message

    raw = b"\nFrom: Ana <ana@example.org>\nTo: reply+k1@f.example.org\nSubject: Re: x\n\nAgreed.\n"
    parsed = parse_message(raw)
    assert parsed.from_addr == "ana@example.org" and parsed.body == "Agreed."


def test_multipart_without_its_boundary_reads_as_text():
    from clearinghouse.forums.mailparse import parse_message

    raw = (
        b"From: a@example.org\nSubject: Re: x\nContent-Type: multipart/alternative; boundary=zzz\n\nAgreed.\n"
    )
    assert parse_message(raw).body == "Agreed."
