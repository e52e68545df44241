"""mailparse.attachments: which parts the reader gets as files."""

from __future__ import annotations

import base64

import pytest

from clearinghouse.forums.mailparse import parse_message


@pytest.fixture(autouse=True)
def _settings():
    """These tests need no Django."""
    return None


PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode()


def test_named_attachment_keeps_name_type_and_bytes():
    raw = (
        "From: a@example.org\nTo: reply+k@f.example.org\nSubject: Re: x\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee file.\n'
        '--b\nContent-Type: image/png; name="map.png"\nContent-Disposition: attachment; filename="map.png"\n'
        f"Content-Transfer-Encoding: base64\n\n{PNG}\n--b--\n"
    ).encode()
    parsed = parse_message(raw)
    assert [a.name for a in parsed.attachments] == ["map.png"]
    assert parsed.attachments[0].data.startswith(b"\x89PNG")


def test_unnamed_part_gets_a_name_from_its_type():
    raw = (
        "From: a@example.org\nTo: reply+k@f.example.org\nSubject: Re: x\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nSee.\n'
        f"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n{PNG}\n--b--\n"
    ).encode()
    assert [a.name for a in parse_message(raw).attachments] == ["attachment-1.pdf"]
